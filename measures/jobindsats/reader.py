"""Reading a Jobindsats answer: the API v2 JSON (`[{"Variables": [{"Label": …}], "Data": [[…]]}]`) or the
same columns as a `;`-separated CSV file (UTF-8 or Windows-1252, a byte order mark allowed).

The reader only finds the columns and rows; what the cells mean is measures.importing's business."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import IO

from django.utils.translation import gettext as _

from core.file_limits import FileTooLarge

from .json_answer import _TITLE, DATA_READ, FileRefused, label, not_an_answer, read_parts
from .limits import MAX_ROWS, check_size, too_many_rows
from .stream import stream_rows

# A JSON answer larger than this is read as a stream; a smaller one at once, by the reader whose messages
# point at the line and character of a broken file.
STREAMED = 1024 * 1024

# A table id as Jobindsats writes it (six characters ending in two digits: y30r21, y01a02, ptva02, y14d03),
# at the start of a saved file's name:
# `y30r21_2024QMAT02.json`, `y01a02.csv`.
TABLE_ID = re.compile(r"^([a-z][a-z0-9]{3}[0-9]{2})(?=[_.\-\s]|$)", re.IGNORECASE)


@dataclass
class Answer:
    """The columns (labels) and the rows of one answer, numbered as a person finds them in the file: a CSV
    file's header is row 1, so its first figures are in row 2; a JSON answer's first row in Data is row 1."""

    labels: list[str]
    rows: Iterable[tuple[int, list]]  # a list, or an iterator of a streamed answer


def table_in_name(filename: str) -> str | None:
    """The table a saved file's name starts with, e.g. y30r21 for y30r21_2024QMAT02.json."""
    match = TABLE_ID.match(filename.rsplit("/", 1)[-1])
    return match.group(1).lower() if match else None


def read_answer(data: bytes, filename: str) -> Answer:
    """The whole answer, its rows in a list."""
    answer = stream_answer(data, filename)
    answer.rows = list(answer.rows)
    return answer


def stream_answer(source: bytes | IO[bytes], filename: str) -> Answer:
    """The answer in source (its bytes or a binary file open at its start); a large JSON answer's rows are
    read as they are iterated, and a problem found on the way is raised then, as FileRefused."""
    name = filename.lower()
    if not name.endswith((".json", ".csv", ".txt")):
        raise FileRefused(_("Filen skal være et svar fra Jobindsats som JSON (.json) eller CSV (.csv)."))
    if isinstance(source, bytes | bytearray | memoryview):
        size = len(source)
    else:
        start = source.tell()
        size = source.seek(0, io.SEEK_END) - start
        source.seek(start)
    try:
        check_size(size)
    except FileTooLarge as error:
        raise FileRefused(str(error)) from error
    if name.endswith(".json") and size > STREAMED:
        answer = _stream_json(io.BytesIO(source) if isinstance(source, bytes | bytearray) else source)
    else:
        data = bytes(source) if isinstance(source, bytes | bytearray | memoryview) else source.read()
        if not name.endswith(".json") and data.count(b"\n") + (not data.endswith(b"\n")) - 1 > MAX_ROWS:
            raise FileRefused(too_many_rows())
        if not data.strip():
            raise FileRefused(_("Filen er tom."))
        answer = _read_json(data) if name.endswith(".json") else _read_csv(data)
    named = set()
    for column in answer.labels:
        if column and column in named:  # which of the two columns holds the figures cannot be known
            raise FileRefused(
                _("Kolonnen '%(column)s' står to gange i filen; gem svaret fra Jobindsats igen.")
                % {"column": column[:250]}
            )
        named.add(column)
    if isinstance(answer.rows, list) and len(answer.rows) > MAX_ROWS:
        raise FileRefused(too_many_rows())
    return answer


def _stream_json(stream: IO[bytes]) -> Answer:
    start = stream.tell()
    head = stream.read(10_000)
    opening = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if not opening:
        raise FileRefused(_("Filen er tom."))
    if opening.startswith(b"<"):
        title = _TITLE.search(head.decode("utf-8", "replace"))
        raise FileRefused(
            _(
                "Svaret er en HTML-side, ikke tal fra Jobindsats (ofte en fejl- eller login-side). "
                "Hent svaret igen, eller tjek adressen JOBINDSATS_API_URL."
            )
            + (" " + _("Siden hedder '%(title)s'.") % {"title": title[1].strip()} if title else "")
        )
    stream.seek(start + (3 if head.startswith(b"\xef\xbb\xbf") else 0))
    labels, rows = stream_rows(stream)
    return Answer(labels, rows)


def _read_json(data: bytes) -> Answer:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise FileRefused(_("JSON-filen er ikke skrevet i UTF-8, som Jobindsats skriver den.")) from error
    parts, rows = read_parts(text)
    if not parts or not all("Variables" in part and "Data" in part for part in parts):
        said = next(
            (part.get("Message") or part.get("message") for part in parts if "Data" not in part), None
        )
        raise not_an_answer(said if isinstance(said, str) else None)
    labels = None
    for part in parts:
        variables = part["Variables"]
        if not isinstance(variables, list) or not all(
            isinstance(v, dict) and isinstance(v.get("Label"), str) for v in variables
        ):
            raise FileRefused(_("Filens 'Variables' skal være en liste af kolonner med hver sin 'Label'."))
        these = [label(variable["Label"]) for variable in variables]
        if labels is not None and these != labels:
            raise FileRefused(_("Filens dele har forskellige kolonner; gem hver tabel i sin egen fil."))
        labels = these
        if part["Data"] is not DATA_READ:
            raise FileRefused(_("Filens 'Data' skal være en liste af rækker."))
    return Answer(labels or [], rows)


def _decode(data: bytes) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\x00" in data[:1000]:
        raise FileRefused(
            _(
                "CSV-filen er gemt i et tegnsæt, der ikke kan læses (UTF-16/'Unicode-tekst'). "
                "Gem den som CSV i UTF-8 eller Windows-1252 (cp1252)."
            )
        )
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")  # what Excel on Danish Windows writes
    except UnicodeDecodeError as error:
        raise FileRefused(
            _("CSV-filen er hverken UTF-8 eller Windows-1252 (cp1252); byte %(at)s kan ikke læses.")
            % {"at": error.start + 1}
        ) from None


def _read_csv(data: bytes) -> Answer:
    text = _decode(data)
    lines = list(csv.reader(io.StringIO(text, newline=""), delimiter=";"))
    numbered = [(number, cells) for number, cells in enumerate(lines, start=1) if "".join(cells).strip()]
    if not numbered:
        raise FileRefused(_("Filen er tom."))
    (_first, header), *rows = numbered
    if len(header) < 2:
        raise FileRefused(
            _("Filens første række skal være kolonnerne adskilt af semikolon (;), fx Area;Periode;…")
        )
    return Answer([label(cell) for cell in header], rows)
