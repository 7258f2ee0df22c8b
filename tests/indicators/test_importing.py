"""Importing actuals: Danish spreadsheets accepted, every bad row reported, nothing half-written."""

import io
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from openpyxl import Workbook, load_workbook

from core.periods import Quarter
from indicators.importing import FileRefused, figures_import
from indicators.locking import quarter_lock
from indicators.models import Measurement, Unit

from .. import factories

pytestmark = pytest.mark.django_db
DATA = Path(__file__).parent.parent / "data"


@pytest.fixture
def strategy(settings, manager, administrator):
    strategy = factories.strategy()
    settings.PORTAL_MUNICIPALITY = strategy.municipality.slug
    one, two, three = (factories.focus_area(strategy=strategy, number=n) for n in (1, 2, 3))
    factories.assign(manager, two)
    factories.indicator(focus_area=one, code="F1.0", unit=Unit.FULL_TIME_PERSONS, allows_negative=True)
    factories.indicator(focus_area=one, code="F1.1", unit=Unit.RANK)
    f20 = factories.indicator(focus_area=two, code="F2.0", unit=Unit.FULL_TIME_PERSONS, is_key_figure=True)
    factories.indicator(focus_area=two, code="F2.1", unit=Unit.PERCENT, decimals=1)
    factories.indicator(focus_area=three, code="F3.0", unit=Unit.PERCENT, decimals=1)
    factories.measurement(f20, 2024, 1, 900, state="approved")
    quarter_lock(
        user=administrator, strategy=strategy, quarter=Quarter(2023, 4), incomplete_reason="Ingen tal i 2023"
    )
    return strategy


def database():
    return sorted(
        Measurement.objects.values_list("indicator__code", "year", "quarter", "value", "state", "version")
    )


def run(user, name, dry_run=False, folder="bad"):
    path = DATA / folder / name
    return figures_import(user=user, data=path.read_bytes(), filename=path.name, dry_run=dry_run)


# file, who imports it, (row, column, words in the message) for each expected problem
BAD_FILES = [
    ("unknown_indicator.csv", "administrator", [(3, "indikator", "ingen indikator med koden 'X9.9'")]),
    ("percent_over_100.csv", "administrator", [(3, "værdi", "mellem 0 og 100 %")]),
    ("percent_over_100.xlsx", "administrator", [(3, "værdi", "mellem 0 og 100 %")]),
    ("negative_count.csv", "manager", [(3, "værdi", "kan ikke være negativ")]),
    ("rank_99.csv", "administrator", [(3, "værdi", "1 til 98")]),
    ("too_many_decimals.csv", "manager", [(3, "værdi", "højst 1 decimal")]),
    ("decimals_on_whole_number.csv", "manager", [(3, "værdi", "helt tal uden decimaler")]),
    ("future_quarter.csv", "manager", [(3, "kvartal", "1. kvt. 2099 er ikke slut")]),
    ("quarter_5.csv", "manager", [(3, "kvartal", "Kvartal skal være 1-4")]),
    ("quarter_in_words.csv", "manager", [(3, "kvartal", "'tredje' er ikke et tal")]),
    ("year_in_words.csv", "manager", [(3, "år", "'i år' er ikke et tal")]),
    ("year_1800.csv", "manager", [(3, "år", "mellem 2000 og 2099, ikke 1800")]),
    ("formula_equals.csv", "manager", [(3, "værdi", "er en formel")]),
    ("formula_at.csv", "manager", [(3, "værdi", "er en formel")]),
    ("formula_minus_letter.csv", "manager", [(3, "værdi", "er en formel")]),
    ("formula_plus_letter.csv", "manager", [(3, "værdi", "er en formel")]),
    ("formula.xlsx", "manager", [(3, "værdi", "er en formel")]),
    ("formula_in_comment.csv", "manager", [(3, "kommentar", "ligner en formel")]),
    ("english_decimal_point.csv", "manager", [(3, "værdi", "komma som decimaltegn")]),
    ("value_missing.csv", "manager", [(3, "værdi", "Værdien mangler")]),
    ("code_missing.csv", "manager", [(3, "indikator", "Indikatorkoden mangler")]),
    ("value_in_words.csv", "manager", [(3, "værdi", "'ca. 900' er ikke et tal")]),
    ("duplicate_row.csv", "manager", [(4, "indikator", "står to gange (også i række 3)")]),
    ("not_my_focus_area.csv", "manager", [(3, "indikator", "du må ikke indberette tal")]),
    ("locked_quarter.csv", "manager", [(3, "kvartal", "4. kvt. 2023 er låst")]),
    (
        "many_bad_rows.csv",
        "manager",
        [
            (3, "værdi", "mellem 0 og 100"),
            (5, "indikator", "ingen indikator"),
            (6, "kvartal", "Kvartal skal være 1-4"),
        ],
    ),
]

BAD_FILES_AS_A_WHOLE = [
    ("missing_column.csv", "mangler kolonnen/kolonnerne værdi"),
    ("empty.csv", "Filen er tom"),
    ("spreadsheet.ods", "CSV-fil (.csv) eller en Excel-fil (.xlsx)"),
    ("broken.xlsx", "Filen kan ikke læses"),
]


@pytest.mark.parametrize(("name", "who", "expected"), BAD_FILES, ids=[case[0] for case in BAD_FILES])
def test_a_bad_row_is_reported_and_nothing_is_written(request, strategy, name, who, expected):
    before = database()
    result = run(request.getfixturevalue(who), name)
    found = [(p.row, p.column, p.message) for p in result.problems]
    assert len(found) == len(expected), found
    for (row, column, message), (want_row, want_column, words) in zip(found, expected, strict=True):
        assert (row, column) == (want_row, want_column)
        assert words in message
    assert database() == before


@pytest.mark.parametrize(
    ("name", "words"), BAD_FILES_AS_A_WHOLE, ids=[case[0] for case in BAD_FILES_AS_A_WHOLE]
)
def test_a_file_that_cannot_be_read_is_refused_and_nothing_is_written(strategy, administrator, name, words):
    before = database()
    with pytest.raises(FileRefused, match=words.replace("(", r"\(").replace(")", r"\)").replace(".", r"\.")):
        run(administrator, name)
    assert database() == before


def test_a_file_with_only_the_header_writes_nothing(strategy, administrator):
    result = run(administrator, "only_header.csv")
    assert "ingen tal" in result.problems[0].message
    assert len(database()) == 1


def test_the_bad_corpus_has_at_least_25_files():
    assert len(list((DATA / "bad").iterdir())) >= 25


@pytest.mark.parametrize(
    "name", ["semicolon_bom.csv", "windows_1252.csv", "comma_quoted.csv", "numbers.xlsx"]
)
def test_what_danish_spreadsheets_write_is_imported_as_drafts(strategy, administrator, name):
    result = run(administrator, name, folder="good")
    assert result.ok, result.problems
    assert (result.created, result.updated) == (2, 1)
    stored = {m.indicator.code: m for m in Measurement.objects.select_related("indicator", "entered_by")}
    assert stored["F2.0"].value == 950
    assert stored["F2.1"].value == Decimal("6.5")
    assert stored["F1.0"].value == -1220
    assert all(m.state == "draft" and m.entered_by == administrator for m in stored.values())
    if name != "numbers.xlsx":
        assert stored["F2.0"].commentary == "Færre end forventet"


def test_a_dry_run_reports_without_writing(strategy, administrator):
    before = database()
    result = run(administrator, "semicolon_bom.csv", dry_run=True, folder="good")
    assert result.ok and (result.created, result.updated) == (2, 1)
    assert database() == before


def test_the_command_imports_and_says_how_many(strategy, administrator):
    out = io.StringIO()
    call_command("import_figures", str(DATA / "good" / "semicolon_bom.csv"), user="admin-test", stdout=out)
    assert "2 nye og 1 ændrede" in out.getvalue()
    assert Measurement.objects.count() == 3


def test_the_command_fails_and_lists_every_bad_row(strategy, manager):
    before = database()
    err = io.StringIO()
    with pytest.raises(CommandError, match="3 fejl; intet er gemt"):
        call_command("import_figures", str(DATA / "bad" / "many_bad_rows.csv"), user="leder-test", stderr=err)
    assert "Række 3, værdi:" in err.getvalue()
    assert "Række 6, kvartal:" in err.getvalue()
    assert database() == before


def test_the_command_dry_run_writes_nothing(strategy, manager):
    before = database()
    out = io.StringIO()
    call_command(
        "import_figures",
        str(DATA / "good" / "semicolon_bom.csv"),
        user="admin-test",
        dry_run=True,
        stdout=out,
    )
    assert "ville blive" in out.getvalue()
    assert database() == before


def test_the_command_refuses_an_unknown_user(strategy):
    with pytest.raises(CommandError, match="findes ikke"):
        call_command("import_figures", str(DATA / "good" / "semicolon_bom.csv"), user="ukendt")


def test_a_committee_member_cannot_import(strategy, committee_member):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        run(committee_member, "semicolon_bom.csv", folder="good")


def test_the_downloaded_template_imports_once_filled_in(client, strategy, manager):
    client.force_login(manager)
    response = client.get("/admin/indicators/measurement/import/skabelon.xlsx", {"quarter": "2024K2"})
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:5] == ("indikator", "år", "kvartal", "værdi", "kommentar")
    assert [row[0] for row in rows[1:]] == ["F2.0", "F2.1"]
    book = Workbook()
    filled = book.active
    filled.append(rows[0])
    filled.append((*rows[1][:3], 910, "Udfyldt", rows[1][5]))
    filled.append((*rows[2][:3], "7,5 %", None, rows[2][5]))
    buffer = io.BytesIO()
    book.save(buffer)
    result = figures_import(user=manager, data=buffer.getvalue(), filename="kvartalstal-2024K2.xlsx")
    assert result.ok, result.problems
    assert Measurement.objects.filter(year=2024, quarter=2).count() == 2


def test_a_cell_formatted_as_per_cent_is_read_as_the_per_cent_shown(strategy, administrator):
    book = Workbook()
    sheet = book.active
    sheet.append(["indikator", "år", "kvartal", "værdi"])
    sheet.append([])  # a blank line in the middle must not shift the rows
    sheet.append(["F2.1", 2024, 2, 0.065])
    sheet["D3"].number_format = "0.0%"
    sheet.append(["F2.0", 2024, 2, 950])
    buffer = io.BytesIO()
    book.save(buffer)
    result = figures_import(user=administrator, data=buffer.getvalue(), filename="procent.xlsx")
    assert result.ok, result.problems
    stored = {m.indicator.code: m.value for m in Measurement.objects.filter(year=2024, quarter=2)}
    assert stored["F2.1"] == Decimal("6.5")
    assert stored["F2.0"] == 950


def test_the_import_page_says_how_many_figures_were_new_changed_and_unchanged(client, strategy, manager):
    client.force_login(manager)
    page = "/admin/indicators/measurement/import/"

    def upload(text: str, **fields) -> str:
        data = io.BytesIO(("indikator;år;kvartal;værdi;kommentar\n" + text).encode())
        data.name = "kvartalstal.csv"
        return client.post(page, {"file": data, **fields}).content.decode()

    first = "F2.0;2024;1;900;\nF2.1;2024;1;7,5 %;\n"
    assert "2 rækker importeret: 1 nye og 0 ændrede tal er gemt som kladder, 1 var uændrede." in upload(first)
    changed = "F2.0;2024;1;905;Rettet\nF2.1;2024;1;7,5 %;\n"
    assert "ville blive gemt, 1 er uændrede. Intet er gemt." in upload(changed, dry_run="on")
    assert "2 rækker importeret: 0 nye og 1 ændrede tal er gemt som kladder, 1 var uændrede." in upload(
        changed
    )
    assert "0 nye og 0 ændrede tal er gemt som kladder, 2 var uændrede." in upload(changed)


def test_the_import_form_offers_only_the_portals_own_strategies(db, settings):
    from indicators.forms import ImportForm

    own = factories.strategy(municipality=factories.municipality(slug=settings.PORTAL_MUNICIPALITY))
    other = factories.strategy(municipality=factories.municipality(name="Rudersdal", slug="rudersdal"))
    offered = list(ImportForm().fields["strategy"].queryset)
    assert own in offered and other not in offered
