"""Breakdowns are data: an official value may be of a breakdown (members of the table's dimensions, read from
the answer), a member the portal has not seen is added, and the whole stays the measure's own value."""

import json
from decimal import Decimal

import pytest

from indicators.official_actuals import jobindsats_import
from measures.catalogue import load_catalogue
from measures.comparison import comparison_for
from measures.models import Breakdown, Measure, Member, OfficialValue, Table

pytestmark = pytest.mark.django_db
LABELS = ("Area", "Periode", "Køn", "Herkomst", "Status før sygedagpenge", "Alder")
VALUES = ("Antal personer", "Antal fuldtidspersoner")
TOTALS = ("Køn i alt", "Herkomst i alt", "Status før sygedagpenge i alt", "Alder i alt")


def answer(rows) -> bytes:
    labels = [{"Label": label} for label in (*LABELS, *VALUES)]
    return json.dumps([{"Variables": labels, "Data": rows}]).encode()


def row(area, period, persons, fulltime, **members):
    named = dict(zip(("Køn", "Herkomst", "Status", "Alder"), TOTALS, strict=True)) | members
    return [area, period, named["Køn"], named["Herkomst"], named["Status"], named["Alder"], persons, fulltime]


def sick_listed(user, rows, **options):
    return jobindsats_import(user=user, files=[("y07a02_2024M06.json", answer(rows))], **options)


@pytest.fixture
def catalogue():
    load_catalogue()


def test_the_catalogue_holds_the_tables_the_strategy_uses_with_their_dimensions(catalogue):
    tables = {table.code: table for table in Table.objects.prefetch_related("dimensions")}
    assert {"y01a02", "y07a02", "y12a02", "y36a02", "y38a02", "ptva02", "y30r21"} <= set(tables)
    sick = tables["y07a02"]
    assert sick.frequency == "M"
    assert sick.value_columns == ["Antal personer", "Antal fuldtidspersoner"]
    assert {d.name: d.total for d in sick.dimensions.all()}.items() >= {
        "Køn": "Køn i alt",
        "Herkomst": "Herkomst i alt",
        "Status før sygedagpenge": "Status før sygedagpenge i alt",
    }.items()
    assert tables["y30r21"].frequency == "QMAT"
    measure = Measure.objects.get(code="Y07A02-FULDTID")
    assert "Status før sygedagpenge" in {d.name for d in measure.shown_by.all()}


def test_a_row_of_totals_is_the_whole_and_any_other_row_a_breakdown_by_its_members(catalogue, administrator):
    result = sick_listed(
        administrator,
        [
            row("Ballerup", "2024M06", 1000, 650),
            row("Ballerup", "2024M06", 830, 540, Status="Beskæftiget"),
            row("Ballerup", "2024M06", 50, 32, Status="Ledig"),
            row("Ballerup", "2024M06", 120, 78, Status="Andet"),
            row("Ballerup", "2024M06", 560, 360, Køn="Kvinder"),
            row("Ballerup", "2024M06", 300, 200, Køn="Kvinder", Alder="16-29 år"),
        ],
    )
    assert result.ok, result.problems
    fulltime = OfficialValue.objects.filter(measure__code="Y07A02-FULDTID", area__name="Ballerup")
    assert fulltime.wholes().get().value == 650
    parts = {value.breakdown.label: value.value for value in fulltime.exclude(breakdown=None)}
    assert parts == {
        "Status før sygedagpenge: Beskæftiget": 540,
        "Status før sygedagpenge: Ledig": 32,
        "Status før sygedagpenge: Andet": 78,
        "Køn: Kvinder": 360,
        "Alder: 16-29 år, Køn: Kvinder": 200,
    }
    status = Breakdown.objects.filter(dimensions="Status før sygedagpenge")
    assert status.count() == 3
    # The members in the order the answer gives them, the totals never a member of a breakdown.
    assert list(
        Member.objects.filter(dimension__name="Status før sygedagpenge").values_list("label", flat=True)
    ) == ["Beskæftiget", "Ledig", "Andet"]
    assert not Member.objects.filter(label__endswith=" i alt").filter(breakdowns__isnull=False).exists()


def test_a_new_member_is_added_a_reimport_changes_nothing_and_a_dry_run_adds_no_member(
    catalogue, administrator
):
    first = [row("Ballerup", "2024M06", 1000, 650), row("Ballerup", "2024M06", 560, 360, Køn="Kvinder")]
    assert sick_listed(administrator, first).ok
    again = sick_listed(administrator, first)
    assert (again.created, again.revised, again.unchanged) == (0, 0, 4)
    members = Member.objects.count()
    trial = sick_listed(
        administrator, [*first, row("Ballerup", "2024M06", 5, 3, Køn="Ikke oplyst")], dry_run=True
    )
    assert trial.ok and trial.created == 2
    assert Member.objects.count() == members and not Member.objects.filter(label="Ikke oplyst").exists()
    assert sick_listed(administrator, [*first, row("Ballerup", "2024M06", 5, 3, Køn="Ikke oplyst")]).ok
    assert Member.objects.filter(dimension__name="Køn", label="Ikke oplyst").exists()


def test_the_same_breakdown_twice_in_a_file_is_refused_and_nothing_is_stored(catalogue, administrator):
    twice = [
        row("Ballerup", "2024M06", 560, 360, Køn="Kvinder"),
        row("Ballerup", "2024M06", 561, 361, Køn="Kvinder"),
    ]
    result = sick_listed(administrator, twice)
    assert not result.ok
    assert "Kvinder" in result.problems[0].message and "står to gange" in result.problems[0].message
    assert not OfficialValue.objects.exists() and not Breakdown.objects.exists()


def test_breakdowns_and_suppressed_values_stay_out_of_the_comparison_and_it_says_so(catalogue, administrator):
    assert sick_listed(
        administrator,
        [
            row("Ballerup", "2024M04", 900, 600),
            row("Ballerup", "2024M05", 900, 600),
            row("Ballerup", "2024M06", 900, 600),
            row("Gladsaxe", "2024M04", 800, 500),
            row("Gladsaxe", "2024M05", 800, 500),
            row("Gladsaxe", "2024M06", 800, 500),
            row("Dragør", "2024M04", "..", ".."),
            row("Dragør", "2024M05", "..", ".."),
            row("Dragør", "2024M06", "..", ".."),
            # A breakdown far larger than any whole must not be taken for one.
            row("Gladsaxe", "2024M06", 99_000, 99_000, Køn="Kvinder"),
        ],
    ).ok
    measure = Measure.objects.get(code="Y07A02-FULDTID")
    comparison = comparison_for(measure, own_area_id=None, peer_ids=set(), higher_is_better=False)
    values = {row.name: row.value for row in comparison.rows if row.value is not None}
    assert values == {"Ballerup": Decimal(600), "Gladsaxe": Decimal(500)}
    assert comparison.ranked == 0  # a head-count is listed, not ranked
    assert comparison.not_published == ["Dragør"]
    assert OfficialValue.objects.filter(area__name="Dragør", value__isnull=True).count() == 6
