"""Safe spreadsheet cells: user text in an export must never become a formula."""

_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value):
    """The value as it may go into a CSV or Excel cell; formula-like text gets a leading apostrophe."""
    if isinstance(value, str) and value.startswith(_FORMULA_STARTS):
        # A negative number written as text (`-120`) is data, not a formula.
        if value[0] in "+-" and value[1:].replace(",", "").replace(".", "").isdigit():
            return value
        return "'" + value
    return value
