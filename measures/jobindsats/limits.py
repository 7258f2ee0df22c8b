"""Jobindsats' own limits on an answer, larger than those on an uploaded file of own figures
(core.file_limits): ten years of monthly values for 104 areas with their breakdowns are a million rows and
more. An answer is read as a stream (measures.jobindsats.stream) and its values are staged in the database in
chunks (measures.importing), so memory does not grow with the answer; these limits keep one answer from
holding a worker for many minutes."""

from __future__ import annotations

from django.utils.translation import gettext as _

from core.file_limits import FileTooLarge
from core.formats import danish

MAX_BYTES = 400 * 1024 * 1024
MAX_ROWS = 2_000_000
# Cells in all (a y30r21 answer has 10 columns).
MAX_CELLS = 20 * MAX_ROWS
# A row of Jobindsats has as many cells as the table has columns: a dozen or so.
MAX_ROW_CELLS = 1000


def check_size(size: int) -> None:
    """Before the answer is read: its size as fetched, uploaded or on disk."""
    if size > MAX_BYTES:
        raise FileTooLarge(
            _("Filen er for stor (%(size)s MB; højst %(max)s MB).")
            % {"size": danish(size / 1024 / 1024, 1), "max": MAX_BYTES // 1024 // 1024}
        )


def too_many_rows() -> str:
    return _("Filen har flere end %(max)s rækker; del den op i flere filer.") % {"max": danish(MAX_ROWS, 0)}


def too_many_cells() -> str:
    return _("Filen har flere end %(max)s celler; del den op i flere filer.") % {"max": danish(MAX_CELLS, 0)}
