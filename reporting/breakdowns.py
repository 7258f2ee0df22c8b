"""A measure's breakdowns (Køn: Kvinder, Alder: 16-29 år …): each member's value and its share of the whole
in a period, and the members' values over time. A member the source did not publish (suppressed to protect
individuals) has no value: it is left out of shares and sums, which then are of the published members and
say so."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from measures.periods import Period

type Values = dict[Period, Decimal | None]  # None: not published


@dataclass(frozen=True)
class MemberValues:
    """One member of a dimension, in its position, with its values (a period it has no row for is absent)."""

    label: str
    position: int
    values: Values = field(default_factory=dict)


@dataclass(frozen=True)
class MemberShare:
    label: str
    value: Decimal | None  # None: not published (or no value)
    share: Decimal | None  # in per cent of `of`; None where the value is
    is_published: bool = True


@dataclass(frozen=True)
class Shares:
    """The members' values in one period and their shares of the whole (of_published: of the sum of the
    members that were published, because some were not)."""

    period: Period
    members: list[MemberShare]
    whole: Decimal | None  # the measure's own figure for the period
    of: Decimal | None  # what the shares are of
    of_published: bool

    @property
    def has_not_published(self) -> bool:
        return any(not member.is_published for member in self.members)


def in_order(members: list[MemberValues], total: str = "") -> list[MemberValues]:
    """The members in their position (as the source lists them), never the dimension's total member."""
    return sorted((m for m in members if m.label != total), key=lambda m: (m.position, m.label))


def latest_period(members: list[MemberValues]) -> Period | None:
    periods = {period for member in members for period in member.values}
    return max(periods) if periods else None


def shares(members: list[MemberValues], period: Period, whole: Decimal | None) -> Shares:
    """Each member's value in the period and its share: of the whole when every member was published, else
    of the sum of the published ones (the whole holds the suppressed ones too, which no share can name)."""
    values = [(member, member.values.get(period)) for member in members]
    not_published = any(period in member.values and value is None for member, value in values)
    published = [value for _member, value in values if value is not None]
    # Without the whole (not published, or none), the shares are of the members' sum.
    of = whole if not not_published and whole else sum(published, Decimal(0))
    return Shares(
        period=period,
        members=[
            MemberShare(
                label=member.label,
                value=value,
                share=None if value is None or not of else value / of * 100,
                is_published=not (period in member.values and value is None),
            )
            for member, value in values
        ],
        whole=whole,
        of=of or None,
        of_published=not_published,
    )


def recent_periods(members: list[MemberValues], count: int) -> list[Period]:
    """The latest `count` periods any member has a row for, oldest first."""
    return sorted({period for member in members for period in member.values})[-count:]
