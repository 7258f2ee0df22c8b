"""Periods as Jobindsats writes them: months `2024M06`, quarters `2024Q2`, years `2024` and moving years
`2024QMAT02` (the four quarters up to and including 2. kvt. 2024, as the ministry's benchmark uses them)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.utils.translation import gettext, gettext_lazy

from core.periods import FIRST_YEAR, LAST_YEAR, Quarter

_PATTERN = re.compile(r"^([0-9]{4})(?:(M)([0-9]{2})|(Q)([0-9]{1,2})|(QMAT)([0-9]{2}))?$", re.ASCII)


class Kind:
    MONTH, QUARTER, YEAR, MOVING_YEAR = "M", "Q", "Y", "QMAT"
    CHOICES = [
        (MONTH, gettext_lazy("måned")),
        (QUARTER, gettext_lazy("kvartal")),
        (YEAR, gettext_lazy("år")),
        (MOVING_YEAR, gettext_lazy("løbende år")),
    ]


@dataclass(frozen=True, order=True)
class Period:
    year: int
    kind: str
    number: int  # the month 1-12, the quarter 1-4; 0 for a year

    @classmethod
    def parse(cls, text: str) -> Period:
        """Read a Jobindsats period, or a ValueError naming it in Danish."""
        text = str(text).strip()
        match = _PATTERN.match(text[:20])
        problem = gettext(
            "Perioden '%(period)s' kendes ikke. Jobindsats skriver fx 2024M06, 2024Q2, 2024 eller 2024QMAT02."
        )
        if not match:
            raise ValueError(problem % {"period": text[:20]})
        year = int(match.group(1))
        if not FIRST_YEAR <= year <= LAST_YEAR:
            raise ValueError(problem % {"period": text[:20]})
        if match.group(2):
            kind, number, top = Kind.MONTH, int(match.group(3)), 12
        elif match.group(4):
            kind, number, top = Kind.QUARTER, int(match.group(5)), 4
        elif match.group(6):
            kind, number, top = Kind.MOVING_YEAR, int(match.group(7)), 4
        else:
            return cls(year, Kind.YEAR, 0)
        if not 1 <= number <= top:
            raise ValueError(problem % {"period": text[:20]})
        return cls(year, kind, number)

    @classmethod
    def of_quarter(cls, quarter: Quarter) -> Period:
        return cls(quarter.year, Kind.QUARTER, quarter.quarter)

    @classmethod
    def months_of(cls, quarter: Quarter) -> list[Period]:
        """The three months of a quarter, the months whose quarter (Period.quarter) it is."""
        return [cls(quarter.year, Kind.MONTH, (quarter.quarter - 1) * 3 + n) for n in (1, 2, 3)]

    def __str__(self) -> str:
        if self.kind == Kind.MONTH:
            return f"{self.year}M{self.number:02d}"
        if self.kind == Kind.QUARTER:
            return f"{self.year}Q{self.number}"
        if self.kind == Kind.MOVING_YEAR:
            return f"{self.year}QMAT{self.number:02d}"
        return str(self.year)

    @property
    def quarter(self) -> Quarter | None:
        """The quarter a month or quarter lies in; a moving year ends with it. None for a calendar year."""
        if self.kind == Kind.MONTH:
            return Quarter(self.year, (self.number - 1) // 3 + 1)
        if self.kind in (Kind.QUARTER, Kind.MOVING_YEAR):
            return Quarter(self.year, self.number)
        return None

    def label(self) -> str:
        """Danish: 'juni 2024', '2. kvt. 2024', '2024', '3. kvt. 2023 – 2. kvt. 2024'."""
        if self.kind == Kind.MONTH:
            return f"{MONTHS[self.number - 1]} {self.year}"
        if self.kind == Kind.QUARTER:
            return self.quarter.label()
        if self.kind == Kind.MOVING_YEAR:
            end = self.quarter
            start = end.previous().previous().previous()
            return f"{start.label()} – {end.label()}"
        return str(self.year)


MONTHS = [
    "januar", "februar", "marts", "april", "maj", "juni",
    "juli", "august", "september", "oktober", "november", "december",
]  # fmt: skip
