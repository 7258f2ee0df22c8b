"""Importing actuals from CSV and Excel files: reading, checking every row, and all-or-nothing saving."""

from __future__ import annotations

import gc
import io
import re
import unicodedata
from contextlib import contextmanager
from dataclasses import dataclass, field
from decimal import Decimal

import pandas as pd
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import DatabaseError
from django.utils.translation import gettext as _
from openpyxl import load_workbook

from core import permissions
from core.audit import audit
from core.file_limits import FileTooLarge, ProblemPages, check_contents
from core.numbers import NumberError, looks_like_formula, parse_danish_number
from core.periods import Quarter
from focusareas.models import Strategy

from .models import Indicator
from .plausibility import warnings_for
from .services import FigureInput, FiguresRefused, Problem, check_figures, existing_figures, figures_save

REQUIRED = ("indikator", "år", "kvartal", "værdi")
OPTIONAL = ("kommentar",)
# Headers as people type them without Danish letters.
ALIASES = {"aar": "år", "vaerdi": "værdi", "kode": "indikator"}
# Control characters other than tab and line breaks (NUL cannot even be stored in PostgreSQL).
UNPRINTABLE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# The header is row 1, so the first figure is in row 2, as the spreadsheet shows it.
FIRST_ROW = 2


class FileRefused(Exception):
    """The file as a whole cannot be read."""


@dataclass
class ImportResult(ProblemPages):
    rows: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    dry_run: bool = False
    problems: list[Problem] = field(default_factory=list)
    # Plausibility warnings: the figures are stored, but cannot be submitted without an explanation.
    warnings: list[Problem] = field(default_factory=list)


def _header(name) -> str:
    text = unicodedata.normalize("NFC", str(name)).strip().lstrip("\ufeff").strip().lower()
    return ALIASES.get(text, text)


def _decode(data: bytes) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        # What Excel on Danish Windows writes when saving as CSV.
        return data.decode("cp1252", errors="replace")


def read_table(data: bytes, filename: str) -> pd.DataFrame:
    """The file's cells as text (CSV) or as typed values (Excel), with normalised headers."""
    try:
        check_contents(data, filename)
    except FileTooLarge as error:
        raise FileRefused(str(error)) from error
    if not data.strip():
        raise FileRefused(_("Filen er tom."))
    name = filename.lower()
    try:
        if name.endswith(".xlsx"):
            # data_only=False keeps formulas as their text, so they are refused instead of read as values.
            frame = pd.read_excel(
                io.BytesIO(data), dtype=object, engine="openpyxl", engine_kwargs={"data_only": False}
            )
            frame = frame.where(frame.notna(), None)
            _read_percent_cells_as_shown(data, frame)
        elif name.endswith((".csv", ".txt")):
            text = _decode(data)
            first_line = text.split("\n", 1)[0]
            separator = ";" if first_line.count(";") >= first_line.count(",") else ","
            frame = pd.read_csv(
                io.StringIO(text), sep=separator, dtype=str, keep_default_na=False, skip_blank_lines=True
            )
        else:
            raise FileRefused(_("Filen skal være en CSV-fil (.csv) eller en Excel-fil (.xlsx)."))
    except FileRefused:
        raise
    except Exception as error:  # pandas and openpyxl raise many kinds for a broken file
        raise FileRefused(_("Filen kan ikke læses: %(error)s") % {"error": error}) from error
    frame.columns = [_header(column) for column in frame.columns]
    missing = [column for column in REQUIRED if column not in frame.columns]
    if missing:
        raise FileRefused(
            _("Filen mangler kolonnen/kolonnerne %(missing)s. Første række skal være: %(expected)s.")
            % {"missing": ", ".join(missing), "expected": "indikator; år; kvartal; værdi; kommentar"}
        )
    return frame


def _read_percent_cells_as_shown(data: bytes, frame: pd.DataFrame) -> None:
    """A cell formatted as per cent holds 0,065 where the user sees and means 6,5 %: take what is shown."""
    values = [i for i, column in enumerate(frame.columns) if _header(column) == "værdi"]
    if not values:
        return
    sheet = load_workbook(io.BytesIO(data), read_only=True).worksheets[0]
    column = values[0]
    # pandas keeps every row below the header, blank ones too, so row n of the frame is sheet row n + 2.
    for index, (cell,) in enumerate(sheet.iter_rows(min_row=2, min_col=column + 1, max_col=column + 1)):
        if index >= len(frame):
            break
        if isinstance(cell.value, int | float) and "%" in (cell.number_format or ""):
            frame.iat[index, column] = (Decimal(str(cell.value)) * 100).normalize()


def _whole_number(raw, column: str) -> int:
    if isinstance(raw, str) and raw.isascii() and raw.isdigit() and len(raw) <= 6:  # nearly every year
        return int(raw)
    if isinstance(raw, str) and looks_like_formula(raw):
        raise NumberError(_("'%(value)s' er en formel, ikke et tal.") % {"value": raw})
    number = parse_danish_number(raw)
    if number is None:
        raise NumberError(_("%(column)s mangler.") % {"column": column.capitalize()})
    if number.adjusted() >= 6:  # no year or quarter has more digits; keeps huge numbers out of messages
        raise NumberError(_("%(column)s er for stort.") % {"column": column.capitalize()})
    if number != number.to_integral():
        raise NumberError(_("'%(value)s' er ikke et helt tal.") % {"value": raw})
    return int(number)


def _blank(cells) -> bool:
    try:
        return not "".join(cells).strip()  # a CSV file's cells are all text
    except TypeError:  # a spreadsheet's numbers and dates
        return all(_text(value) == "" for value in cells)


def _text(raw) -> str:
    return "" if raw is None else str(raw).strip()


def parse_rows(
    frame: pd.DataFrame, indicators: dict[str, Indicator]
) -> tuple[list[FigureInput], list[Problem]]:
    """Turn cells into figures; every cell that cannot be read is a problem with its row and column."""
    figures, problems = [], []
    # Rows as tuples of the columns' lists: pandas' to_dict boxes every cell one by one, 10× slower.
    columns = list(frame.columns)
    cells = zip(*(frame.iloc[:, n].tolist() for n in range(len(columns))), strict=True)
    at = {column: n for n, column in enumerate(columns)}  # a repeated header: its last column, as before
    code_at, year_at, quarter_at, value_at = (at[column] for column in REQUIRED)
    comment_at = at.get("kommentar")
    quarters: dict[tuple[int, int], Quarter] = {}  # a file has many rows per quarter

    def refuse(column: str, message: str) -> None:  # a problem of the row being read
        problems.append(Problem(message, number, column))

    for number, record in enumerate(cells, start=FIRST_ROW):
        if _blank(record):
            continue
        refused_before = len(problems)
        code = _text(record[code_at])
        indicator = indicators.get(code.upper())
        if not code:
            refuse("indikator", _("Indikatorkoden mangler."))
        elif indicator is None:
            refuse("indikator", _("Strategien har ingen indikator med koden '%(code)s'.") % {"code": code})
        try:
            year = _whole_number(record[year_at], "år")
        except NumberError as error:
            refuse("år", str(error))
            year = None
        try:
            quarter_number = _whole_number(record[quarter_at], "kvartal")
            if not 1 <= quarter_number <= 4:
                raise NumberError(_("Kvartal skal være 1-4, ikke %(value)s.") % {"value": quarter_number})
        except NumberError as error:
            refuse("kvartal", str(error))
            quarter_number = None
        quarter = None
        if year is not None and quarter_number is not None:
            try:
                if (quarter := quarters.get((year, quarter_number))) is None:
                    quarter = quarters[year, quarter_number] = Quarter.in_range(year, quarter_number)
            except ValueError as error:
                refuse("år", str(error))
        try:
            value = parse_danish_number(record[value_at])
            if value is None:
                refuse("værdi", _("Værdien mangler."))
        except NumberError as error:
            refuse("værdi", str(error))
            value = None
        commentary = _text(record[comment_at]) if comment_at is not None else ""
        if UNPRINTABLE.search(commentary):
            refuse("kommentar", _("Kommentaren indeholder et tegn, der ikke kan gemmes (et kontroltegn)."))
        elif looks_like_formula(commentary):
            refuse(
                "kommentar",
                _("Kommentaren ligner en formel (begynder med '%(start)s').") % {"start": commentary[0]},
            )
        if (
            len(problems) == refused_before
            and indicator is not None
            and quarter is not None
            and value is not None
        ):
            figures.append(FigureInput(indicator, quarter, value, commentary, row=number))
    return figures, problems


def import_strategy(user, strategy: Strategy | None) -> Strategy:
    """The strategy whose codes the file uses: the chosen one, or the municipality's strategy in force."""
    strategy = strategy or Strategy.objects.in_force_for(settings.PORTAL_MUNICIPALITY)
    if strategy is None:
        raise FileRefused(_("Der er ingen gældende strategi at importere til. Vælg en strategi."))
    return strategy


@contextmanager
def collector_paused():
    """Python's cycle collector runs again and again while an import builds its 100 000 figures, rows and
    stored values, and scans every object of the process each time: a tenth to a quarter of an import's
    time. The import's objects are freed as always, by reference counting; the collector resumes after it."""
    was_running = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_running:
            gc.enable()


@collector_paused()
def figures_import(
    *, user, data: bytes, filename: str, strategy: Strategy | None = None, dry_run: bool = False
) -> ImportResult:
    """Check every row of a file and, unless dry_run or a row is bad, store all figures as drafts."""
    if not permissions.may_import(user):
        raise PermissionDenied(_("Du må ikke importere tal."))
    strategy = import_strategy(user, strategy)
    frame = read_table(data, filename)
    indicators = {
        indicator.code.upper(): indicator
        for indicator in Indicator.objects.of_strategy(strategy).select_related("focus_area")
    }
    figures, problems = parse_rows(frame, indicators)
    result = ImportResult(rows=len(figures) + len({p.row for p in problems}), dry_run=dry_run)
    reason = _("Importeret fra %(file)s") % {"file": filename}
    if problems or dry_run or not figures:
        # Nothing is written: every rule is checked once, so the user sees every problem in one go.
        problems += check_figures(user=user, figures=figures)
    else:
        # figures_save checks every rule once, under lock, and writes only if all rows pass.
        try:
            saved = figures_save(user=user, figures=figures, reason=reason)
            result.created, result.updated, result.unchanged = saved.created, saved.updated, saved.unchanged
        except FiguresRefused as refused:
            problems += refused.problems
        except DatabaseError as error:  # the database refused a row the rules let through; nothing is kept
            problems.append(
                Problem(_("Intet er importeret; databasen afviste tallene: %(error)s") % {"error": error})
            )
    result.problems = sorted(
        problems,
        key=lambda problem: (
            problem.row or 0,
            REQUIRED.index(problem.column) if problem.column in REQUIRED else 9,
        ),
    )
    audit(
        "figures_import_checked",
        user=user,
        file=filename,
        rows=result.rows,
        problems=len(result.problems),
        dry_run=dry_run,
    )
    if not result.ok:
        return result
    if not figures:
        result.problems = [Problem(_("Filen indeholder ingen tal."))]
        return result
    found = warnings_for((figure.indicator, figure.quarter, figure.value) for figure in figures)
    result.warnings = [
        Problem(warning, figure.row, "værdi", figure.indicator.pk)
        for figure in (figures if found else [])
        for warning in found.get((figure.indicator.pk, figure.quarter), ())
    ]
    if dry_run:
        result.created, result.updated, result.unchanged = preview(figures)
    return result


def preview(figures: list[FigureInput]) -> tuple[int, int, int]:
    """How many figures a save would create, change and leave as they are."""
    stored = existing_figures(figures)
    created = updated = 0
    for figure in figures:
        current = stored.get((figure.indicator.pk, figure.quarter.year, figure.quarter.quarter))
        if current is None:
            created += 1
        elif current.value != figure.value or current.commentary != figure.commentary.strip():
            updated += 1
    return created, updated, len(figures) - created - updated
