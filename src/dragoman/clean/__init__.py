"""Clean: the article body apart from the page furniture around it (see ``page``)."""

from dragoman.clean.page import Cleaned, clean, parse_header

__all__ = ["Cleaned", "clean", "parse_header"]
