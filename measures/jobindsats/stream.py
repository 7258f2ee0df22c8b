"""Reading a large Jobindsats JSON answer as a stream (ijson): its columns first, then its rows one at a time,
never the whole answer in memory. A million-row answer is some 100 MB of text; read at once, its rows alone
took over a gigabyte.

An answer too small to matter is read by json_answer, whose messages point at the line and character of a
broken file; here a broken large file is refused with what the JSON parser says."""

from __future__ import annotations

from collections.abc import Iterator
from typing import IO

import ijson
from django.utils.translation import gettext as _

from core.formats import danish

from .json_answer import FileRefused, label, not_an_answer
from .limits import MAX_CELLS, MAX_ROW_CELLS, MAX_ROWS, too_many_cells, too_many_rows

_BUFFER = 1024 * 1024


def _broken(error: Exception) -> FileRefused:
    return FileRefused(_("Filen er ikke gyldig JSON: %(error)s") % {"error": str(error)[:300]})


def _cut_off() -> FileRefused:
    return FileRefused(_("Filen er ikke hel: JSON-teksten slutter midt i. Hent eller gem svaret igen."))


class _Ended(Exception):
    pass


def stream_rows(stream: IO[bytes]) -> tuple[list[str], Iterator[tuple[int, list]]]:
    """The labels of the answer's Variables and its rows, numbered from 1, read as they are needed. A problem
    found before the first row is raised at once; one found later, as the rows are read."""
    reader = _Reader(stream)
    rows = reader.rows()
    labels = next(rows)
    return labels, rows


class _Reader:
    def __init__(self, stream: IO[bytes]):
        self.events = ijson.basic_parse(stream, use_float=True, buf_size=_BUFFER)
        self.number = 0
        self.cells = 0
        self.labels: list[str] | None = None
        self.parts: list[dict] = []

    def next(self) -> tuple[str, object]:
        try:
            return next(self.events)
        except StopIteration:
            raise _Ended from None
        except ijson.IncompleteJSONError as error:
            if "premature EOF" in str(error) or "Incomplete" in str(error):
                raise _cut_off() from None
            raise _broken(error) from None
        except (ijson.JSONError, ValueError) as error:
            raise _broken(error) from None

    def rows(self) -> Iterator:
        """First the labels (once the first part's Data begins), then the rows."""
        try:
            event, _value = self.next()
        except _Ended:
            raise FileRefused(_("Filen er tom.")) from None
        try:
            if event == "start_array":
                while (event := self.next()[0]) != "end_array":
                    if event != "start_map":
                        raise not_an_answer()
                    yield from self.part()
            elif event == "start_map":
                yield from self.part()
            else:
                raise not_an_answer()
            self.next()
        except _Ended:
            pass
        else:
            raise FileRefused(_("Filen er ikke gyldig JSON: der står mere efter svarets slutning"))
        if not self.parts or not all("Variables" in part and "Data" in part for part in self.parts):
            messages = (
                part.get("Message") or part.get("message") for part in self.parts if "Data" not in part
            )
            said = next(messages, None)
            raise not_an_answer(said if isinstance(said, str) else None)
        if self.labels is None:  # an answer without rows: its labels all the same
            yield self.parts[0]["Variables"]

    def part(self) -> Iterator:
        part: dict = {}
        self.parts.append(part)
        held: list | None = None  # rows of a Data that came before its Variables
        while True:
            event, key = self.next()
            if event == "end_map":
                break
            if key in part:
                raise FileRefused(_("Filen har '%(key)s' to gange i samme del.") % {"key": key[:100]})
            if key == "Data":
                event, _value = self.next()
                if event != "start_array":
                    raise FileRefused(_("Filens 'Data' skal være en liste af rækker."))
                part["Data"] = True
                if "Variables" in part:
                    yield from self.labelled(part["Variables"])
                    yield from self.data()
                else:
                    held = list(self.data())
            else:
                part[key] = self.value(4)
                if key == "Variables":
                    part[key] = self.variables(part[key])
        if held is not None and "Variables" in part:
            yield from self.labelled(part["Variables"])
            yield from held

    def labelled(self, labels: list[str]) -> Iterator:
        if self.labels is None:
            self.labels = labels
            yield labels
        elif labels != self.labels:
            raise FileRefused(_("Filens dele har forskellige kolonner; gem hver tabel i sin egen fil."))

    @staticmethod
    def variables(variables) -> list[str]:
        if not isinstance(variables, list) or not all(
            isinstance(v, dict) and isinstance(v.get("Label"), str) for v in variables
        ):
            raise FileRefused(_("Filens 'Variables' skal være en liste af kolonner med hver sin 'Label'."))
        return [label(variable["Label"]) for variable in variables]

    def data(self) -> Iterator[tuple[int, list]]:
        events = self.events
        while True:
            event, value = self.next()
            if event == "end_array":
                return
            self.number += 1
            number = self.number
            if number > MAX_ROWS:
                raise FileRefused(too_many_rows())
            if event != "start_array":  # a bare cell where a row should be
                if event in ("start_map",):
                    self.value(0, number, started=event)
                self.cells += 1
                yield number, [value]
                continue
            cells = []
            try:
                for event, value in events:
                    if event == "end_array":
                        break
                    if event in ("start_array", "start_map"):
                        self.value(0, number, started=event)
                    cells.append(value)
                    if len(cells) > MAX_ROW_CELLS:
                        raise FileRefused(
                            _(
                                "Række %(row)s har flere end %(max)s celler; det er ikke en tabel fra "
                                "Jobindsats."
                            )
                            % {"row": number, "max": danish(MAX_ROW_CELLS, 0)}
                        )
                else:
                    raise _cut_off()
            except (ijson.JSONError, ValueError) as error:
                if isinstance(error, FileRefused):
                    raise
                if isinstance(error, ijson.IncompleteJSONError) and (
                    "premature EOF" in str(error) or "Incomplete" in str(error)
                ):
                    raise _cut_off() from None
                raise FileRefused(
                    _("Filen er ikke gyldig JSON (række %(row)s): %(error)s")
                    % {"row": number, "error": str(error)[:300]}
                ) from None
            self.cells += len(cells)
            if self.cells > MAX_CELLS:
                raise FileRefused(too_many_cells())
            yield number, cells

    def value(self, depth: int, row: int | None = None, started: str | None = None):
        """A value with lists and objects at most depth deep."""
        event, value = (started, None) if started else self.next()
        if event not in ("start_array", "start_map"):
            if event in ("end_array", "end_map", "map_key"):
                raise FileRefused(_("Filen er ikke gyldig JSON: her skulle der stå en værdi"))
            return value
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
        if event == "start_array":
            items = []
            while True:
                event, value = self.next()
                if event == "end_array":
                    return items
                started = event if event.startswith("start") else None
                items.append(self.value(depth - 1, row, started=started) if started else value)
                self.cells += 1
                if self.cells > MAX_CELLS:
                    raise FileRefused(too_many_cells())
        members = {}
        while True:
            event, key = self.next()
            if event == "end_map":
                return members
            members[key] = self.value(depth - 1, row)
            self.cells += 1
            if self.cells > MAX_CELLS:
                raise FileRefused(too_many_cells())
