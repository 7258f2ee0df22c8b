"""Limits on an uploaded figures file, checked before it is parsed: its size, its size once unpacked,
its number of rows, and how many of its problems a page shows. A file over a limit is refused at once
with a Danish message, so a small zip bomb or a million-line file cannot hold a worker for minutes."""

from __future__ import annotations

import io
import re
import zipfile

from django.utils.translation import gettext as _

from .formats import danish

MAX_BYTES = 20 * 1024 * 1024
# An Excel file is a zip archive; what it unpacks to is limited too (a 344 KB file can hold 1 000 000 rows).
MAX_UNPACKED_BYTES = 100 * 1024 * 1024
# The most figures one file may hold (a whole strategy's history is a few thousand).
MAX_ROWS = 100_000
# A page (or the command) lists this many problems, then says how many more there are.
PROBLEMS_SHOWN = 100
_CHUNK = 1024 * 1024
_ROW = re.compile(rb"<(?:\w+:)?row[\s>/]")


class ProblemPages:
    """For an import's result with a list of problems: whether it is fine, the first page of problems (a file
    of many bad rows is answered with a page, not all of them) and how many more there are."""

    problems: list

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def shown_problems(self) -> list:
        return self.problems[:PROBLEMS_SHOWN]

    @property
    def more_problems(self) -> int:
        return max(0, len(self.problems) - PROBLEMS_SHOWN)


class FileTooLarge(ValueError):
    """The file is over one of the limits; the message says which, in Danish."""


def check_size(size: int) -> None:
    """Before the file is read: its size as uploaded or on disk."""
    if size > MAX_BYTES:
        raise FileTooLarge(
            _("Filen er for stor (%(size)s MB; højst %(max)s MB).")
            % {"size": danish(size / 1024 / 1024, 1), "max": MAX_BYTES // 1024 // 1024}
        )


def check_contents(data: bytes, filename: str) -> None:
    """Before the file is parsed: rows of a CSV file; rows and unpacked size of an Excel file."""
    check_size(len(data))
    if filename.lower().endswith(".xlsx"):
        rows = _workbook_rows(data)
    else:
        rows = data.count(b"\n") + (not data.endswith(b"\n")) - 1  # the header is not a figure
    if rows > MAX_ROWS:
        raise FileTooLarge(_too_many_rows())


def _too_many_rows() -> str:
    return _("Filen har flere end %(max)s rækker; del den op i flere filer.") % {"max": danish(MAX_ROWS, 0)}


def _workbook_rows(data: bytes) -> int:
    """The rows of all sheets, counted while unpacking in chunks, stopping at the first limit passed."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        unpacked = rows = 0
        for entry in archive.infolist():
            is_sheet = entry.filename.startswith("xl/worksheets/")
            with archive.open(entry) as stream:
                tail = b""
                while chunk := stream.read(_CHUNK):
                    unpacked += len(chunk)
                    if unpacked > MAX_UNPACKED_BYTES:
                        raise FileTooLarge(
                            _("Excel-filen fylder for meget udpakket (højst %(max)s MB).")
                            % {"max": MAX_UNPACKED_BYTES // 1024 // 1024}
                        )
                    if is_sheet:
                        # A row tag may be cut by the chunk boundary: look again at the last few bytes.
                        rows += len(_ROW.findall(tail + chunk)) - len(_ROW.findall(tail))
                        tail = chunk[-16:]
                        if rows > MAX_ROWS + 1:
                            raise FileTooLarge(_too_many_rows())
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, OSError, ValueError) as error:
        if isinstance(error, FileTooLarge):
            raise
        raise FileTooLarge(_("Filen kan ikke læses som Excel-fil: %(error)s") % {"error": error}) from error
    return rows - 1
