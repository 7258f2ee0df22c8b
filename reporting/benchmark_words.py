"""The ministry's benchmark in the committee's words: ranks and differences as the benchmark page says them
('2. plads af 98', '220 færre end forventet')."""

from __future__ import annotations

from decimal import Decimal

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from core import formats


def rank_text(rank: int | None, of: int) -> str:
    """'2. plads af 98'."""
    if rank is None:
        return formats.DASH
    return _("%(rank)s. plads af %(of)s") % {"rank": rank, "of": of}


def rank_change_text(then: int | None, now: int | None) -> str:
    """'fra 22. til 10. plads (12 pladser frem)', 'uændret på 8. plads'; a lower rank number is better."""
    if then is None or now is None:
        return formats.DASH
    if then == now:
        return _("uændret på %(rank)s. plads") % {"rank": now}
    moved = abs(then - now)
    direction = (
        ngettext("%(n)s plads frem", "%(n)s pladser frem", moved)
        if now < then
        else ngettext("%(n)s plads tilbage", "%(n)s pladser tilbage", moved)
    ) % {"n": moved}
    return _("fra %(then)s. til %(now)s. plads (%(moved)s)") % {"then": then, "now": now, "moved": direction}


def difference_text(difference: Decimal | None) -> str:
    """Faktisk minus forventet in words: −220 is '220 færre end forventet' (fewer on benefits: good)."""
    if difference is None:
        return formats.DASH
    amount = formats.number(abs(difference))
    if amount == formats.number(0):
        return _("som forventet")
    if difference < 0:
        return _("%(amount)s færre end forventet") % {"amount": amount}
    return _("%(amount)s flere end forventet") % {"amount": amount}
