"""Importing Jobindsats: official values for all 98 municipalities, the regions and Hele landet; the portal's
own values as actuals; revisions, locked quarters and re-imports."""

import datetime
import json
from decimal import Decimal
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from core import roles
from core.periods import Quarter
from indicators.locking import quarter_lock
from indicators.models import Measurement, Unit
from indicators.official_actuals import jobindsats_import
from indicators.official_statistics import save_measure
from measures.catalogue import load_catalogue
from measures.models import Area, Measure, OfficialValue

from .. import factories

pytestmark = pytest.mark.django_db
RECORDED = Path(settings.BASE_DIR) / "fixtures" / "jobindsats"
GOOD = Path(__file__).parent.parent / "data" / "jobindsats_good"
BENCHMARK = RECORDED / "y30r21_2024QMAT02.json"
MONTHLY = RECORDED / "y01a02_2024M12.json"


@pytest.fixture
def portal(settings, administrator):
    """Ballerup's portal: F1.0 and F1.1 follow the benchmark, F2.0 the monthly a-dagpenge table."""
    load_catalogue()
    ballerup = factories.municipality(name="Ballerup Kommune", slug="ballerup-test", code=151)
    ballerup.area = Area.objects.get(name="Ballerup")
    ballerup.save()
    settings.PORTAL_MUNICIPALITY = ballerup.slug
    strategy = factories.strategy(municipality=ballerup)
    one, two = (factories.focus_area(strategy=strategy, number=n) for n in (1, 2))
    measure = {measure.code: measure for measure in Measure.objects.all()}
    return {
        "strategy": strategy,
        "F1.0": factories.indicator(
            focus_area=one, code="F1.0", allows_negative=True, measure=measure["BM-FORSKEL-IALT"]
        ),
        "F1.1": factories.indicator(
            focus_area=one, code="F1.1", unit=Unit.RANK, measure=measure["BM-PLACERING-IALT"]
        ),
        "F2.0": factories.indicator(focus_area=two, code="F2.0", measure=measure["Y01A02-FULDTID"]),
    }


def run(user, *paths, **options):
    return jobindsats_import(user=user, files=[(path.name, path.read_bytes()) for path in paths], **options)


def answer(rows, labels=("Area", "Periode", "Fuldtidspersoner")) -> bytes:
    return json.dumps([{"Variables": [{"Label": label} for label in labels], "Data": rows}]).encode()


def official(code, area, period):
    value = OfficialValue.objects.filter(measure__code=code, area__name=area)
    year, kind, number = period
    return value.filter(year=year, kind=kind, number=number).values_list("value", flat=True).first()


def snapshot():
    return (
        sorted(OfficialValue.objects.values_list("measure_id", "area_id", "year", "kind", "number", "value")),
        OfficialValue.history.count(),
        sorted(
            Measurement.objects.values_list("indicator__code", "year", "quarter", "value", "state", "version")
        ),
        Measurement.history.count(),
    )


def test_the_benchmark_stores_the_committees_figures_for_ballerup(portal, administrator):
    result = run(administrator, BENCHMARK)
    assert result.ok, result.problems
    now, then = (2024, "QMAT", 2), (2024, "QMAT", 1)
    assert official("BM-PLACERING-IALT", "Ballerup", now) == 2
    assert official("BM-PLACERING-IALT", "Ballerup", then) == 2
    assert official("BM-FORSKEL-IALT", "Ballerup", now) == -220
    seed = {"ADAGPENGE": (22, 10, -60), "KONTANTHJAELP": (6, 8, -130), "SYGEDAGPENGE": (12, 20, -30)}
    for group, (rank_then, rank_now, difference) in seed.items():
        assert official(f"BM-PLACERING-{group}", "Ballerup", then) == rank_then
        assert official(f"BM-PLACERING-{group}", "Ballerup", now) == rank_now
        assert official(f"BM-FORSKEL-{group}", "Ballerup", now) == difference
        faktisk = official(f"BM-FAKTISK-{group}", "Ballerup", now)
        assert faktisk - official(f"BM-FORVENTET-{group}", "Ballerup", now) == difference
    # Ranks 1-98, each once, in every group and period; Hele landet is not ranked but has the totals.
    for measure in Measure.objects.filter(code__startswith="BM-PLACERING"):
        for number in (1, 2):
            ranks = OfficialValue.objects.filter(measure=measure, kind="QMAT", year=2024, number=number)
            assert sorted(ranks.values_list("value", flat=True)) == list(range(1, 99))
    assert official("BM-PLACERING-IALT", "Hele landet", now) is None
    assert official("BM-FAKTISK-IALT", "Hele landet", now) > 500_000
    value = OfficialValue.objects.get(
        measure__code="BM-FORSKEL-IALT", area__name="Ballerup", year=2024, number=2
    )
    assert (value.release, value.source) == ("2024QMAT02", "Jobindsats y30r21")  # the file's latest period


def test_monthly_values_are_kept_as_months_for_every_municipality_region_and_hele_landet(
    portal, administrator
):
    result = run(administrator, MONTHLY, release="syntetisk")
    assert result.ok, result.problems
    assert result.values == 120 * (98 + 5 + 1)
    stored = OfficialValue.objects.filter(measure__code="Y01A02-FULDTID")
    assert set(stored.values_list("kind", flat=True)) == {"M"}
    assert stored.values("area").distinct().count() == 104
    assert official("Y01A02-FULDTID", "Læsø", (2024, "M", 6)) > 0
    region = official("Y01A02-FULDTID", "Region Hovedstaden", (2024, "M", 6))
    country = official("Y01A02-FULDTID", "Hele landet", (2024, "M", 6))
    assert official("Y01A02-FULDTID", "Ballerup", (2024, "M", 6)) < region < country
    assert 450 <= official("Y01A02-FULDTID", "Ballerup", (2024, "M", 6)) <= 600


def test_importing_the_same_file_twice_changes_nothing(portal, administrator):
    first = run(administrator, BENCHMARK, MONTHLY, release="syntetisk")
    assert first.ok and first.created == first.values and first.actuals_created > 0
    before = snapshot()
    again = run(administrator, BENCHMARK, MONTHLY, release="syntetisk")
    assert again.ok
    assert (again.created, again.revised, again.unchanged) == (0, 0, first.values)
    assert (again.actuals_created, again.actuals_updated) == (0, 0)
    assert snapshot() == before  # not one history row more


def test_a_newer_release_records_the_old_and_the_new_value(portal, administrator):
    old = answer([["Ballerup", "2024M06", 497], ["Hele landet", "2024M06", 55000]])
    new = answer([["Ballerup", "2024M06", 501], ["Hele landet", "2024M06", 55000]])
    assert jobindsats_import(user=administrator, files=[("y01a02.json", old)], release="2024-07").ok
    result = jobindsats_import(user=administrator, files=[("y01a02.json", new)], release="2024-08")
    assert (result.created, result.revised, result.unchanged) == (0, 1, 1)
    assert result.revisions == ["Y01A02-FULDTID, Ballerup, 2024M06: 497 → 501"]
    value = OfficialValue.objects.get(area__name="Ballerup", year=2024, number=6)
    assert (value.value, value.release) == (501, "2024-08")
    history = list(value.history.order_by("history_date", "history_id").values_list(
        "value", "release", "history_change_reason", "history_user__username"
    ))  # fmt: skip
    assert history == [
        (497, "2024-07", "importeret fra Jobindsats (2024-07)", administrator.username),
        (501, "2024-08", "revideret af Jobindsats (2024-08)", administrator.username),
    ]
    unchanged = OfficialValue.objects.get(area__name="Hele landet", year=2024, number=6)
    assert (unchanged.release, unchanged.history.count()) == ("2024-07", 1)


def test_the_own_municipalitys_values_become_submitted_actuals_marked_with_their_source(
    portal, administrator
):
    result = run(administrator, BENCHMARK)
    assert result.ok, result.problems
    f10 = Measurement.objects.get(indicator=portal["F1.0"], year=2024, quarter=2)
    # The moving year 3. kvt. 2023 - 2. kvt. 2024 counts for the quarter it ends with.
    assert (f10.value, f10.state, f10.source) == (-220, "submitted", "Jobindsats y30r21 2024QMAT02")
    assert f10.published_value is None  # follows the approval of typed figures
    assert Measurement.objects.get(indicator=portal["F1.1"], year=2023, quarter=1).value == 3
    assert Measurement.objects.filter(indicator=portal["F1.0"]).count() == 6  # 2023QMAT01-2024QMAT02
    assert result.actuals_created == 12
    latest = Measurement.history.filter(indicator=portal["F1.0"], year=2024, quarter=2).first()
    assert latest.history_change_reason == "Importeret fra Jobindsats y30r21 2024QMAT02"
    assert latest.history_user == administrator


@pytest.fixture
def second_administrator(db):
    return factories.user("admin-to", role=roles.ADMINISTRATOR, is_staff=True)


def approve_on_import(user, code: str) -> None:
    """The administrator ticks "godkendt ved import" on the measure, as the admin does."""
    measure = Measure.objects.get(code=code)
    measure.approved_on_import = True
    save_measure(user, measure, "Jobindsats' tal er de officielle")


def test_a_measure_approved_on_import_gives_approved_and_published_actuals(
    portal, administrator, second_administrator
):
    approve_on_import(second_administrator, "BM-FORSKEL-IALT")
    assert run(administrator, BENCHMARK).ok
    f10 = Measurement.objects.get(indicator=portal["F1.0"], year=2024, quarter=2)
    assert (f10.state, f10.published_value) == ("approved", -220)
    f11 = Measurement.objects.get(indicator=portal["F1.1"], year=2024, quarter=2)
    assert (f11.state, f11.published_value) == ("submitted", None)


FORGED = answer([["Ballerup", "2024M10", 4444], ["Ballerup", "2024M11", 4444], ["Ballerup", "2024M12", 4444]])
PLAUSIBLE = answer([["Ballerup", "2024M10", 480], ["Ballerup", "2024M11", 476], ["Ballerup", "2024M12", 478]])


def import_by_command(tmp_path, user, data: bytes) -> Measurement:
    """F2.0's 4. kvt. 2024 after the file is imported with the command, as an administrator would."""
    path = tmp_path / "y01a02_2024K4.json"
    path.write_bytes(data)
    call_command("import_jobindsats", str(path), "--user", user.username, "--release", "2025-01")
    return Measurement.objects.get(indicator__code="F2.0", year=2024, quarter=4)


@pytest.fixture
def last_quarter(portal, second_administrator):
    """F2.0's 3. kvt. 2024 is approved at 477: the history the next quarter is compared with."""
    return factories.measurement(
        portal["F2.0"], 2024, 3, 477, state="approved", published_value=477, entered_by=second_administrator
    )


def test_a_forged_file_imported_by_who_ticked_approved_on_import_waits_for_a_second_person(
    portal, administrator, last_quarter, tmp_path
):
    approve_on_import(administrator, "Y01A02-FULDTID")
    figure = import_by_command(tmp_path, administrator, FORGED)
    assert (figure.value, figure.state, figure.published_value) == (4444, "submitted", None)


def test_a_plausible_figure_imported_by_who_ticked_approved_on_import_waits_for_a_second_person(
    portal, administrator, last_quarter, tmp_path
):
    approve_on_import(administrator, "Y01A02-FULDTID")
    figure = import_by_command(tmp_path, administrator, PLAUSIBLE)
    assert (figure.value, figure.state, figure.published_value) == (478, "submitted", None)


def test_an_implausible_figure_is_never_approved_on_import(
    portal, administrator, second_administrator, last_quarter, tmp_path
):
    approve_on_import(second_administrator, "Y01A02-FULDTID")
    figure = import_by_command(tmp_path, administrator, FORGED)
    assert (figure.value, figure.state, figure.published_value) == (4444, "submitted", None)


def test_a_plausible_figure_is_approved_on_import_when_another_administrator_ticked_it(
    portal, administrator, second_administrator, last_quarter, tmp_path
):
    approve_on_import(second_administrator, "Y01A02-FULDTID")
    figure = import_by_command(tmp_path, administrator, PLAUSIBLE)
    assert (figure.value, figure.state, figure.published_value) == (478, "approved", 478)


def test_a_later_change_of_the_measure_by_the_importer_keeps_who_ticked_approved_on_import(
    portal, administrator, second_administrator, last_quarter, tmp_path
):
    approve_on_import(second_administrator, "Y01A02-FULDTID")
    measure = Measure.objects.get(code="Y01A02-FULDTID")
    measure.definition = "Fuldtidspersoner på a-dagpenge, som Jobindsats opgør dem."
    save_measure(administrator, measure, "Definitionen skrevet ud")
    assert import_by_command(tmp_path, administrator, PLAUSIBLE).state == "approved"
    measure.approved_on_import = False
    save_measure(second_administrator, measure, "Slået fra")
    measure.approved_on_import = True
    save_measure(administrator, measure, "Slået til igen")
    again = answer([["Ballerup", "2024M10", 490], ["Ballerup", "2024M11", 476], ["Ballerup", "2024M12", 478]])
    figure = import_by_command(tmp_path, administrator, again)
    assert (figure.value, figure.state) == (481, "submitted")


def test_actuals_are_made_only_for_the_strategys_quarters_and_the_summary_counts_the_others(
    portal, administrator, capsys
):
    """The recorded y01a02 holds ten years of months (2015-2024); the strategy is from November 2020."""
    strategy = portal["strategy"]
    strategy.adopted = datetime.date(2020, 11, 1)
    strategy.save()
    call_command(
        "import_jobindsats", str(MONTHLY), "--user", administrator.username, "--release", "syntetisk"
    )
    quarters = sorted(Measurement.objects.filter(indicator=portal["F2.0"]).values_list("year", "quarter"))
    assert quarters[0] == (2020, 4) and len(quarters) == 17  # 4. kvt. 2020 - 4. kvt. 2024
    assert OfficialValue.objects.filter(measure__code="Y01A02-FULDTID", area__name="Ballerup").count() == 120
    output = capsys.readouterr().out
    assert "Faktiske tal: 17 nye" in output
    assert (
        "23 kvartaler ligger før strategiens periode: deres officielle tal er gemt, "
        "men de bliver ikke faktiske tal." in output
    )


def test_a_strategy_without_a_date_of_adoption_takes_every_quarter(portal, administrator):
    result = run(administrator, MONTHLY, release="syntetisk")
    assert result.ok and result.actuals_outside == 0
    assert Measurement.objects.filter(indicator=portal["F2.0"]).count() == 40


def test_a_quarter_of_a_monthly_level_is_the_mean_of_its_three_months_once_all_three_are_there(
    portal, administrator
):
    months = [
        ["Ballerup", f"2024M{m:02d}", value]
        for m, value in [(1, 500), (2, 510), (3, 521), (4, 480), (5, 470)]
    ]
    assert jobindsats_import(user=administrator, files=[("y01a02.json", answer(months))]).ok
    f20 = Measurement.objects.filter(indicator=portal["F2.0"])
    # (500 + 510 + 521) / 3 = 510,33 -> 510 (F2.0 has no decimals); the second quarter is not complete yet.
    assert list(f20.values_list("year", "quarter", "value", "source")) == [
        (2024, 1, 510, "Jobindsats y01a02 2024M05")
    ]
    june = answer([["Ballerup", "2024M06", 493]])
    assert jobindsats_import(user=administrator, files=[("y01a02.json", june)], release="2024-07").ok
    assert f20.get(quarter=2).value == Decimal(481)  # April and May were stored already: (480+470+493)/3


def test_a_locked_quarter_is_never_changed_and_the_difference_is_listed(
    portal, administrator, tmp_path, capsys
):
    strategy = portal["strategy"]
    run(administrator, BENCHMARK)
    stored = Measurement.objects.get(indicator=portal["F1.0"], year=2024, quarter=2)
    Measurement.objects.filter(indicator__focus_area__strategy=strategy).update(
        state="approved", published_value=-1
    )
    quarter_lock(user=administrator, strategy=strategy, quarter=Quarter(2024, 2), incomplete_reason="Test")
    revised = json.loads(BENCHMARK.read_text(encoding="utf-8"))
    for row in revised[0]["Data"]:
        if row[1] == "2024QMAT02" and row[2] == "Ydelsesgrupper i alt" and row[0] in ("Ballerup", "Gladsaxe"):
            row[4] += 5  # faktisk
            row[5] += 5  # forskel
        if row[1] == "2024QMAT01" and row[2] == "Ydelsesgrupper i alt" and row[0] == "Ballerup":
            row[5] -= 1
    data = json.dumps(revised, ensure_ascii=False).encode()
    (tmp_path / "y30r21.json").write_bytes(data)
    call_command(
        "import_jobindsats", str(tmp_path / "y30r21.json"), "--user", administrator.username, "--dry-run"
    )
    listed = capsys.readouterr().out
    assert (
        "Låst: F1.0 " in listed
        and "Låst: Ballerup, BM-FORSKEL-IALT, 2024QMAT02: 2. kvt. 2024 er låst" in listed
    )
    result = jobindsats_import(user=administrator, files=[("y30r21.json", data)], release="2024-11")
    assert result.ok, result.problems
    stored.refresh_from_db()
    assert stored.value == -220  # the actual of the locked quarter
    assert official("BM-FORSKEL-IALT", "Ballerup", (2024, "QMAT", 2)) == -220  # and the own official value
    assert official("BM-FORSKEL-IALT", "Gladsaxe", (2024, "QMAT", 2)) is not None
    assert official("BM-FAKTISK-IALT", "Ballerup", (2024, "QMAT", 2)) == 4860
    gladsaxe = OfficialValue.objects.get(
        measure__code="BM-FORSKEL-IALT", area__name="Gladsaxe", year=2024, number=2
    )
    assert gladsaxe.release == "2024-11"  # other municipalities are revised
    assert any("F1.0" in line and "2. kvt. 2024 er låst" in line and "-215" in line and "-220" in line
               for line in result.locked), result.locked  # fmt: skip
    assert any("Ballerup, BM-FORSKEL-IALT, 2024QMAT02" in line for line in result.locked)
    # The quarter before is open: its actual follows Jobindsats and waits for approval again.
    earlier = Measurement.objects.get(indicator=portal["F1.0"], year=2024, quarter=1)
    assert (earlier.value, earlier.state) == (-216, "submitted")
    assert earlier.published_value == -1


def test_the_managers_commentary_stays_when_jobindsats_changes_the_number(portal, administrator):
    factories.measurement(
        portal["F1.0"], 2024, 2, -200, commentary="Benchmarkperiode 3. kvt. 2023 – 2. kvt. 2024."
    )
    assert run(administrator, BENCHMARK).ok
    figure = Measurement.objects.get(indicator=portal["F1.0"], year=2024, quarter=2)
    assert (figure.value, figure.commentary) == (-220, "Benchmarkperiode 3. kvt. 2023 – 2. kvt. 2024.")


def test_a_dry_run_reports_what_would_change_and_changes_nothing(portal, administrator):
    before = snapshot()
    result = run(administrator, BENCHMARK, dry_run=True)
    assert result.ok and result.dry_run
    assert (result.created, result.actuals_created) == (result.values, 12)
    assert snapshot() == before


@pytest.mark.parametrize("name", ["y30r21_2024QMAT02.json", "benchmark_cp1252.csv", "benchmark_bom.csv"])
def test_json_and_csv_in_utf8_or_windows_1252_read_the_same(portal, administrator, name):
    result = run(administrator, GOOD / name, table="y30r21")
    assert result.ok, result.problems
    assert official("BM-FAKTISK-IALT", "Hele landet", (2024, "QMAT", 2)) == 563398  # 563.398 in the CSV
    assert official("BM-FORSKEL-ADAGPENGE", "Ballerup", (2024, "QMAT", 2)) == -60
    assert official("BM-PLACERING-KONTANTHJAELP", "Ballerup", (2024, "QMAT", 2)) == 8
    assert official("BM-PLACERING-IALT", "Gladsaxe", (2024, "QMAT", 2)) == 60


def test_the_command_imports_lists_revisions_and_says_how_many(portal, administrator, capsys):
    call_command("import_jobindsats", str(BENCHMARK), "--user", administrator.username)
    output = capsys.readouterr().out
    assert "2376 rækker læst, 9480 officielle tal: 9480 nye, 0 reviderede og 0 uændrede." in output
    assert "Faktiske tal: 12 nye, 0 ændrede, 0 uændrede" in output


def test_the_command_dry_run_writes_nothing(portal, administrator, capsys):
    before = snapshot()
    call_command("import_jobindsats", str(BENCHMARK), "--user", administrator.username, "--dry-run")
    assert "Intet er gemt." in capsys.readouterr().out
    assert snapshot() == before


def test_the_command_needs_an_administrator(portal, manager):
    with pytest.raises(CommandError, match="Kun en administrator kan importere"):
        call_command("import_jobindsats", str(BENCHMARK), "--user", manager.username)
    with pytest.raises(CommandError, match="findes ikke"):
        call_command("import_jobindsats", str(BENCHMARK), "--user", "ingen")
    assert not OfficialValue.objects.exists()


def test_a_quarter_counts_as_it_is_and_a_year_gives_no_actual(portal, administrator):
    rows = [["Ballerup", "2024Q2", 488], ["Ballerup", "2023", 470], ["Hele landet", "2024Q2", 56000]]
    result = jobindsats_import(user=administrator, files=[("y01a02.json", answer(rows))])
    assert result.ok, result.problems
    assert official("Y01A02-FULDTID", "Ballerup", (2023, "Y", 0)) == 470
    f20 = Measurement.objects.filter(indicator=portal["F2.0"])
    assert list(f20.values_list("year", "quarter", "value")) == [(2024, 2, 488)]


def test_a_value_two_files_both_hold_is_refused(portal, administrator):
    one = answer([["Ballerup", "2024M06", 497]])
    two = answer([["Hele landet", "2024M06", 55000], ["Ballerup", "2024M06", 497]])
    result = jobindsats_import(user=administrator, files=[("y01a02_a.json", one), ("y01a02_b.json", two)])
    assert [(p.file, p.row, p.message) for p in result.problems] == [
        ("y01a02_b.json", 2, "Y01A02-FULDTID, Ballerup, 2024M06 står også i y01a02_a.json, række 1.")
    ]
    assert not OfficialValue.objects.exists()


def test_json_numbers_may_be_written_as_text_the_danish_way(portal, administrator):
    rows = [["Ballerup", "2024M06", "497"], ["Hele landet", "2024M06", "55.021"], ["Læsø", "2024M06", "3,5"]]
    assert jobindsats_import(user=administrator, files=[("y01a02.json", answer(rows))]).ok
    assert official("Y01A02-FULDTID", "Hele landet", (2024, "M", 6)) == 55021
    assert official("Y01A02-FULDTID", "Læsø", (2024, "M", 6)) == Decimal("3.5")


def monthly_with_a_bad_last_row(bad: str, more: int = 0) -> bytes:
    """The recorded ten years of y01a02 for all 104 areas (12 480 rows), every count `more` higher, with
    Ballerup's December 2024 at the end: as it is (imported on 15 December 2024, its fourth quarter has not
    ended, so the figure service refuses the actual after the official values are written), or with a text
    in the number cell."""
    data = json.loads(MONTHLY.read_text(encoding="utf-8"))[0]["Data"]
    rows = [[area, period, count + more] for area, period, count in data]
    last = next(row for row in rows if row[:2] == ["Ballerup", "2024M12"])
    rows.remove(last)
    rows.append([*last[:2], "mange"] if bad == "text" else last)
    return answer(rows)


@pytest.mark.parametrize("stored", ["nothing", "the previous release"])
@pytest.mark.parametrize(
    ("bad", "message"),
    [("text", "'mange'"), ("quarter not ended", "4. kvt. 2024 er ikke slut endnu")],
)
def test_one_bad_row_at_the_end_of_a_large_file_leaves_the_database_as_it_was(
    portal, administrator, stored, bad, message
):
    """All or nothing whatever the size: on PostgreSQL the new values, the revised ones and their history are
    written by COPY before the actuals are checked, and the last row's refusal takes all of them back."""
    assert run(administrator, BENCHMARK, release="2024-07").ok
    if stored != "nothing":
        assert run(administrator, MONTHLY, release="2024-11").ok
    before = snapshot()
    data = monthly_with_a_bad_last_row(bad, more=1)
    result = jobindsats_import(
        user=administrator,
        files=[("y01a02.json", data)],
        release="2024-12",
        today=datetime.date(2024, 12, 15),
    )
    assert not result.ok
    assert result.rows == 12_480
    assert [problem.message for problem in result.problems if message in problem.message], result.problems
    assert (result.created, result.revised, result.actuals_created, result.actuals_updated) == (0, 0, 0, 0)
    assert snapshot() == before
    assert OfficialValue.objects.filter(release="2024-12").count() == 0
