"""Codes such as F2.0: the characters they may hold, so a code is safe in an address, a file name and a
spreadsheet's sheet title, and compared without regard to case (F2.0 and f2.0 are the same code)."""

import re

from django.core.validators import RegexValidator
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

# Letters (Danish ones too), digits, and . - _ inside; 20 characters at most, like the field.
CODE_PATTERN = r"[0-9A-Za-zÆØÅæøå](?:[0-9A-Za-zÆØÅæøå._-]{0,18}[0-9A-Za-zÆØÅæøå])?"

code_validator = RegexValidator(
    regex=rf"\A{CODE_PATTERN}\Z",
    message=_("En kode må kun indeholde bogstaver, tal, punktum, bindestreg og understregning, fx F2.0."),
    code="invalid_code",
)


def is_code(text: str) -> bool:
    return re.fullmatch(CODE_PATTERN, text) is not None


def code_key(code: str) -> str:
    """The form two codes are compared in: F2.0 and f2.0 are one code."""
    return code.strip().casefold()


def same_code(field: str = "code") -> Lower:
    """The database expression a unique constraint compares codes by."""
    return Lower(field)
