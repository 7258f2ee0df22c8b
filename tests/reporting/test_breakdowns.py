"""A measure's breakdowns: members in their order, shares of the whole, and members not published left out
of shares and sums, which then say so; without HTTP."""

from decimal import Decimal

from measures.periods import Kind, Period
from reporting.breakdowns import MemberValues, in_order, latest_period, recent_periods, shares

JUNE = Period(2024, Kind.MONTH, 6)
MAY = Period(2024, Kind.MONTH, 5)


def test_members_come_in_their_position_and_the_total_member_never():
    members = [
        MemberValues("Kvinder", 2),
        MemberValues("Køn i alt", 0),
        MemberValues("Mænd", 1),
    ]
    assert [m.label for m in in_order(members, "Køn i alt")] == ["Mænd", "Kvinder"]


def test_shares_are_of_the_whole_when_every_member_is_published():
    members = [
        MemberValues("Beskæftiget", 1, {JUNE: Decimal(590)}),
        MemberValues("Fleksjob", 2, {JUNE: Decimal(36)}),
        MemberValues("Ledig", 3, {JUNE: Decimal(85)}),
    ]
    result = shares(members, JUNE, Decimal(711))
    assert [round(m.share) for m in result.members] == [83, 5, 12]
    assert result.of == 711 and not result.of_published and not result.has_not_published


def test_a_member_not_published_is_left_out_and_the_shares_are_of_the_published():
    members = [
        MemberValues("16-29 år", 1, {JUNE: None}),
        MemberValues("30-59 år", 2, {JUNE: Decimal(600)}),
        MemberValues("60 år og derover", 3, {JUNE: Decimal(200)}),
    ]
    result = shares(members, JUNE, Decimal(900))
    assert result.of_published and result.has_not_published
    assert result.of == 800  # the sum of the published, not the whole that holds the suppressed cell too
    assert [m.share for m in result.members] == [None, 75, 25]
    assert not result.members[0].is_published


def test_a_member_without_a_row_is_missing_not_suppressed():
    members = [MemberValues("Mænd", 1, {JUNE: Decimal(30)}), MemberValues("Kvinder", 2, {MAY: Decimal(9)})]
    result = shares(members, JUNE, Decimal(60))
    assert result.members[1].is_published and result.members[1].value is None
    assert not result.of_published and result.members[0].share == 50


def test_without_the_whole_the_shares_are_of_the_members_sum():
    members = [MemberValues("Mænd", 1, {JUNE: Decimal(30)}), MemberValues("Kvinder", 2, {JUNE: Decimal(10)})]
    result = shares(members, JUNE, None)
    assert result.of == 40 and [m.share for m in result.members] == [75, 25]


def test_the_latest_and_recent_periods_are_read_from_the_members():
    members = [MemberValues("Mænd", 1, {MAY: Decimal(1), JUNE: None}), MemberValues("Kvinder", 2, {MAY: 2})]
    assert latest_period(members) == JUNE
    assert recent_periods(members, 1) == [JUNE]
    assert recent_periods(members, 5) == [MAY, JUNE]
