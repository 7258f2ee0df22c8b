"""Reading a Jobindsats JSON answer piece by piece: the parts, their Variables and their Data one row at a
time, counting rows and cells as they come and stopping at the first limit passed.

json.loads would build the whole file first: 9 000 000 bare zeros took 1,8 GB before the row limit was
checked, and 200 000 nested '[' or a 5 000-digit number ended in a traceback. Here nothing is built that
the format does not have (a cell is a number or a text, never a list), so any file under the size limit is
read or refused in about a second and in little memory. A plain row is read by the json module itself."""

from __future__ import annotations

import json
import re
import unicodedata

from django.utils.translation import gettext as _

from core.formats import danish

from .limits import MAX_CELLS, MAX_ROW_CELLS, MAX_ROWS, too_many_cells, too_many_rows

# A row longer than this is read the careful way, cell by cell, so that its cells are counted as they come.
_PLAIN_ROW = 64 * 1024
_DECODER = json.JSONDecoder()
_SPACE = re.compile(r"[ \t\n\r]*")
_NUMBER = re.compile(r"(-?(?:0|[1-9][0-9]*))(\.[0-9]+)?([eE][-+]?[0-9]+)?")
# A text without escapes or a whole number of up to 18 digits, with what follows it: read at once.
_CELL = re.compile(
    r'[ \t\n\r]*(?:"([^"\\\x00-\x1f]*)"|(-?(?:0|[1-9][0-9]{0,17}))(?![0-9.eE]))[ \t\n\r]*([,\]])'
)
_WORDS = {"true": True, "false": False, "null": None}
_TITLE = re.compile(r"<title[^>]*>([^<]{1,100})", re.IGNORECASE)
# A part's Data once its rows are read.
DATA_READ = object()


class FileRefused(Exception):
    """The file as a whole cannot be read; the message says why, in Danish."""


def not_an_answer(said=None) -> FileRefused:
    message = _("Filen er ikke et svar med tal fra Jobindsats: der mangler 'Variables' og 'Data'.")
    if said:
        message += " " + _("Jobindsats svarede: %(message)s") % {"message": str(said)[:300]}
    return FileRefused(message)


def read_parts(text: str) -> tuple[list[dict], list[tuple[int, list]]]:
    """The answer's parts (each a dict of its keys, Data left out) and the rows of all their Data,
    numbered from 1."""
    start = _SPACE.match(text).end()
    if text[start : start + 1] == "<":
        title = _TITLE.search(text[:10_000])
        raise FileRefused(
            _(
                "Svaret er en HTML-side, ikke tal fra Jobindsats (ofte en fejl- eller login-side). "
                "Hent svaret igen, eller tjek adressen JOBINDSATS_API_URL."
            )
            + (" " + _("Siden hedder '%(title)s'.") % {"title": title[1].strip()} if title else "")
        )
    reader = _Reader(text)
    if reader.peek() == "[":
        reader.at += 1
        parts = []
        if reader.peek() == "]":
            reader.at += 1
        else:
            while True:
                if reader.peek() != "{":
                    raise not_an_answer()
                parts.append(reader.part())
                if reader.next_in(",]") == "]":
                    break
    elif reader.peek() == "{":
        parts = [reader.part()]
    else:
        reader.value(0)  # a number or a text where the answer should be, or not JSON at all
        raise not_an_answer()
    if reader.peek():
        raise reader.broken(_("der står mere efter svarets slutning"))
    return parts, reader.rows


class _Reader:
    def __init__(self, text: str):
        self.text, self.at = text, 0
        self.rows: list[tuple[int, list]] = []
        self.cells = 0

    def peek(self) -> str:
        self.at = _SPACE.match(self.text, self.at).end()
        return self.text[self.at : self.at + 1]

    def next_in(self, chars: str) -> str:
        """The next character, one of chars; else the file is broken there."""
        char = self.peek()
        if not char or char not in chars:
            raise self.broken(
                _("her skulle der stå %(chars)s") % {"chars": " / ".join(f"'{char}'" for char in chars)}
            )
        self.at += 1
        return char

    def part(self) -> dict:
        """One part of the answer: its keys and values, its Data read into the rows as DATA_READ."""
        self.next_in("{")
        part: dict = {}
        if self.peek() == "}":
            self.at += 1
            return part
        while True:
            self.next_in('"')
            key = self.string()
            self.next_in(":")
            if key in part:
                raise FileRefused(_("Filen har '%(key)s' to gange i samme del.") % {"key": key[:100]})
            if key == "Data" and self.peek() == "[":
                self.data()
                part[key] = DATA_READ
            else:
                part[key] = self.value(4)
            if self.next_in(",}") == "}":
                return part

    def data(self) -> None:
        self.next_in("[")
        if self.peek() == "]":
            self.at += 1
            return
        while True:
            number = len(self.rows) + 1
            if number > MAX_ROWS:
                raise FileRefused(too_many_rows())
            cells = self.plain_row()
            if cells is None:
                cells = self.value(1, row=number)
                if not isinstance(cells, list):
                    cells = [cells]
                    self.count(1)
            self.rows.append((number, cells))
            if self.next_in(",]") == "]":
                return

    def plain_row(self) -> list | None:
        """A short row of numbers and texts, read by the json module; None for any other row."""
        if self.peek() != "[":
            return None
        end = self.text.find("]", self.at, self.at + _PLAIN_ROW)
        piece = self.text[self.at : end + 1]
        if end < 0 or "[" in piece[1:] or "{" in piece:
            return None
        try:
            cells, used = _DECODER.raw_decode(piece)
        except ValueError:  # a ']' inside a text, a broken row or a number of 4 300 digits
            return None
        if used != len(piece):
            return None
        self.at = end + 1
        self.count(len(cells))
        return cells

    def count(self, cells: int) -> None:
        self.cells += cells
        if self.cells > MAX_CELLS:
            raise FileRefused(too_many_cells())

    def value(self, depth: int, row: int | None = None):
        """A value with lists and objects at most depth deep; a row's cells are counted."""
        char = self.peek()
        if char == '"':
            self.at += 1
            return self.string()
        if char not in ("[", "{"):
            return self.scalar(row)
        if depth == 0:
            if row is None:
                raise not_an_answer()
            raise FileRefused(
                _(
                    "Række %(row)s har en celle, der selv er en liste eller et objekt; Jobindsats "
                    "skriver kun tal og tekst i cellerne."
                )
                % {"row": row}
            )
        self.at += 1
        return self.items(depth, row) if char == "[" else self.object(depth, row)

    def items(self, depth: int, row: int | None) -> list:
        """A list, after its '['."""
        items: list = []
        if self.peek() == "]":
            self.at += 1
            return items
        while True:
            if row is not None and len(items) == MAX_ROW_CELLS:
                raise FileRefused(
                    _("Række %(row)s har flere end %(max)s celler; det er ikke en tabel fra Jobindsats.")
                    % {"row": row, "max": danish(MAX_ROW_CELLS, 0)}
                )
            self.count(1)
            if cell := _CELL.match(self.text, self.at):  # a plain text or whole number, the usual cell
                text, whole, after = cell.groups()
                items.append(text if whole is None else int(whole))
                self.at = cell.end()
            else:
                items.append(self.value(depth - 1, row))
                after = self.next_in(",]")
            if after == "]":
                return items

    def object(self, depth: int, row: int | None) -> dict:
        """An object, after its '{'."""
        items: dict = {}
        if self.peek() == "}":
            self.at += 1
            return items
        while True:
            self.count(1)
            self.next_in('"')
            key = self.string()
            self.next_in(":")
            items[key] = self.value(depth - 1, row)
            if self.next_in(",}") == "}":
                return items

    def scalar(self, row: int | None):
        number = _NUMBER.match(self.text, self.at)
        if number:
            self.at = number.end()
            whole, fraction, exponent = number.groups()
            if fraction or exponent:
                return float(number[0])  # as json.loads reads it: 1e400 is inf, which is no number
            try:
                return int(whole)
            except ValueError:  # over Python's 4 300 digits
                raise FileRefused(
                    _("%(where)s har et tal med %(digits)s cifre; det er ikke et tal fra Jobindsats.")
                    % {
                        "where": _("Række %(row)s") % {"row": row} if row else _("Filen"),
                        "digits": danish(len(whole.lstrip("-")), 0),
                    }
                ) from None
        for word, meant in _WORDS.items():
            if self.text.startswith(word, self.at):
                self.at += len(word)
                return meant
        raise self.broken(_("her skulle der stå et tal, en tekst, en liste eller et objekt"))

    def string(self) -> str:
        """The text that starts after the '"' just read."""
        try:
            text, self.at = json.decoder.scanstring(self.text, self.at)
        except json.JSONDecodeError as error:
            raise self.broken(error.msg, error.pos) from None
        return text

    def broken(self, reason: str, at: int | None = None) -> FileRefused:
        """The file is not valid JSON at `at`: cut off (it ends there) or broken."""
        at = self.at if at is None else at
        text = self.text.rstrip()
        line = self.text.count("\n", 0, at) + 1
        column = at - self.text.rfind("\n", 0, at)
        # An answer cut off while it was saved or downloaded ends inside a string, a row or the list.
        if text.lstrip().startswith(("[", "{")) and (at >= len(text) or not text.endswith(("]", "}"))):
            return FileRefused(
                _(
                    "Filen er ikke hel: JSON-teksten slutter midt i (linje %(line)s). "
                    "Hent eller gem svaret igen."
                )
                % {"line": line}
            )
        return FileRefused(
            _("Filen er ikke gyldig JSON (linje %(line)s, tegn %(column)s): %(error)s")
            % {"line": line, "column": column, "error": reason}
        )


def label(text) -> str:
    """A column's label as the portal compares it: NFC, without a byte-order mark or surrounding space."""
    return unicodedata.normalize("NFC", str(text)).lstrip("\ufeff").strip()
