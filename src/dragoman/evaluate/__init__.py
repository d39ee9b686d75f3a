"""Scorers and gold converters: events against gold sentences, stories against gold clusters."""
