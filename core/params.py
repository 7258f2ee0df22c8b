"""Ids read from a query string, a form field or an address: never trusted, never a 500."""

from __future__ import annotations

# A bigint holds 19 digits; 18 always fit. str.isdigit() alone also accepts '²' and other digits that
# int() or the database refuse.
MAX_ID_DIGITS = 18


def parse_id(text: str | None) -> int | None:
    """The id the text names, or None when it is not plain ASCII digits that fit a database id."""
    if not text or len(text) > MAX_ID_DIGITS or not (text.isascii() and text.isdigit()):
        return None
    return int(text)
