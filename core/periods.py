"""Quarters: the one period type of the portal, with Danish display and parsing."""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext

_PATTERN = re.compile(r"^\s*([0-9]{4})\s*[-/ ]?\s*[KQkq]\s*([1-4])\s*$", re.ASCII)

# The one range of years the portal holds figures, targets and locks for: enforced by the database's check
# constraints, the forms, the import and the URLs. A Quarter itself spans more, so that the quarter before
# or after any of these years (last year's figure, the next quarter's first day) can always be computed.
FIRST_YEAR, LAST_YEAR = 2000, 2099


def year_problem(year: int) -> str | None:
    """Why a year is outside the portal's range, in Danish; None when it is inside."""
    if FIRST_YEAR <= year <= LAST_YEAR:
        return None
    shown = str(year) if abs(year) < 10**6 else "…"
    return gettext("Året skal være mellem %(first)s og %(last)s, ikke %(year)s.") % {
        "first": FIRST_YEAR,
        "last": LAST_YEAR,
        "year": shown,
    }


@dataclass(frozen=True, order=True, slots=True)
class Quarter:
    """A calendar quarter, e.g. Quarter(2024, 3) is shown as '3. kvt. 2024'.

    Pages key their figures by quarter and look them up thousands of times a draw (a focus area page some
    9 000 times): the hash is the quarter's number, not a tuple built each time, which halves a lookup."""

    year: int
    quarter: int

    def __post_init__(self):
        if not 1 <= self.quarter <= 4:
            raise ValueError(f"Kvartal skal være 1-4, ikke {self.quarter}.")
        if not 1900 <= self.year <= 2999:
            raise ValueError(f"Året {self.year} er ikke et gyldigt år.")

    def __hash__(self) -> int:
        return self.year * 4 + self.quarter

    @classmethod
    def parse(cls, text: str) -> Quarter:
        """Read '2024K3', '2024Q3', '2024-K3' or '2024 Q3' within the portal's years (user input)."""
        match = _PATTERN.match(str(text)[:40])
        if not match:
            raise ValueError(
                gettext("'%(text)s' er ikke et kvartal. Skriv fx 2024K3.") % {"text": str(text)[:40]}
            )
        return cls.in_range(int(match.group(1)), int(match.group(2)))

    @classmethod
    def in_range(cls, year: int, quarter: int) -> Quarter:
        """A quarter of the portal's years, or a ValueError with a Danish message (for typed years)."""
        if problem := year_problem(year):
            raise ValueError(problem)
        return cls(year, quarter)

    @classmethod
    def containing(cls, day: datetime.date) -> Quarter:
        return cls(day.year, (day.month - 1) // 3 + 1)

    @classmethod
    def current(cls) -> Quarter:
        return cls.containing(timezone.localdate())

    @classmethod
    def latest_ended(cls, today: datetime.date | None = None) -> Quarter:
        """The most recent quarter that has ended: the latest one actuals may be entered for."""
        return cls.containing(today or timezone.localdate()).previous()

    def next(self) -> Quarter:
        return Quarter(self.year + 1, 1) if self.quarter == 4 else Quarter(self.year, self.quarter + 1)

    def previous(self) -> Quarter:
        return Quarter(self.year - 1, 4) if self.quarter == 1 else Quarter(self.year, self.quarter - 1)

    def same_quarter_last_year(self) -> Quarter:
        return Quarter(self.year - 1, self.quarter)

    def __add__(self, quarters: int) -> Quarter:
        index = self.year * 4 + self.quarter - 1 + quarters
        return Quarter(index // 4, index % 4 + 1)

    def __sub__(self, other: Quarter) -> int:
        """The number of quarters from other to self."""
        return (self.year * 4 + self.quarter) - (other.year * 4 + other.quarter)

    @property
    def first_day(self) -> datetime.date:
        return datetime.date(self.year, 3 * self.quarter - 2, 1)

    @property
    def last_day(self) -> datetime.date:
        return self.next().first_day - datetime.timedelta(days=1)

    def has_ended(self, today: datetime.date | None = None) -> bool:
        return self.last_day < (today or timezone.localdate())

    @property
    def code(self) -> str:
        """The form used in URLs and files: '2024K3'."""
        return f"{self.year}K{self.quarter}"

    def label(self) -> str:
        """'3. kvt. 2024' in Danish, 'Q3 2024' in English."""
        return gettext("%(quarter)s. kvt. %(year)s") % {"quarter": self.quarter, "year": self.year}

    def __str__(self) -> str:
        return self.label()


def period_label(year: int, quarter: int | None) -> str:
    """A target's period: '3. kvt. 2024' for a quarter, 'Året 2024' for a whole year (quarter None)."""
    if quarter:
        return Quarter(year, quarter).label()
    return gettext("Året %(year)s") % {"year": year}


def quarter_range(first: Quarter, last: Quarter) -> list[Quarter]:
    """All quarters from first to last, both included."""
    return [first + n for n in range(last - first + 1)]
