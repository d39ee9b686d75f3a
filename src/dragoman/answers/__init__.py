"""Answers to analysts' questions over a store: dyad series, rankings, stories, quotes, briefs (shared by the HTTP API and the CLI)."""
