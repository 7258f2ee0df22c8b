"""The migration to measures on a copy of the demo data as it stood before: nothing is lost.

The database is taken back to the state before issue 9's model migrations, the demo data of that time is
loaded with the models of that state (comparison values as a series per indicator, unit and decimals on the
indicator), and the migrations are run forward."""

import csv
import json
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from django.apps import apps as django_apps
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from core.periods import Quarter
from demo.loader import FIXTURES
from indicators.models import Indicator, Measurement, QuarterLock, Target
from measures.models import Measure, OfficialValue
from reporting.selectors import strategy_figures

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

BEFORE = [
    ("indicators", "0011_indicator_measure"),
    ("measures", "0002_areas"),
    ("focusareas", "0002_municipality_area_and_peers"),
]
OLD_COMPARISONS = Path(__file__).parent.parent / "data" / "comparisons_before_measures.csv"
DIRECTIONS = {"højere": "higher", "lavere": "lower"}
TYPES = {"niveau": "level", "forløb": "flow"}
REASON = "Andelen opgøres med én decimal (udvalgsmødet 8. okt. 2024)."


def _rows(path: Path) -> list[dict]:
    with path.open(encoding="utf-8", newline="") as file:
        return list(csv.DictReader(file, delimiter=";"))


def _load_old_demo(apps) -> None:
    """The demo data with the models of the state before the migrations, as load_demo wrote it then."""
    get = apps.get_model
    Area = get("measures", "Area")
    structure = json.loads((FIXTURES / "strategies.json").read_text(encoding="utf-8"))
    municipalities = {
        row["slug"]: get("focusareas", "Municipality").objects.create(
            slug=row["slug"], name=row["name"], code=row["code"], area=Area.objects.get(code=str(row["code"]))
        )
        for row in structure["municipalities"]
    }
    strategies, areas = {}, {}
    for row in structure["strategies"]:
        strategy = get("focusareas", "Strategy").objects.create(
            municipality=municipalities[row["municipality"]], title=row["title"], status=row["status"],
            case_number=row["case_number"], source=row["source"],
            adopted=date.fromisoformat(row["adopted"]) if row["adopted"] else None,
            text=row["text"],
        )  # fmt: skip
        strategies[row["key"]] = strategy
        for area in row["focus_areas"]:
            areas[row["key"], area["number"]] = get("focusareas", "FocusArea").objects.create(
                strategy=strategy,
                number=area["number"],
                name=area["name"],
                slug=area["slug"],
                goals=area["goals"],
            )
    indicators = {}
    for row in _rows(FIXTURES / "indicators.csv"):
        area = areas[row["strategi"], int(row["fokusomraade_nr"])]
        indicators[row["strategi"], row["kode"]] = get("indicators", "Indicator").objects.create(
            focus_area=area, strategy_id=area.strategy_id, code=row["kode"], name=row["navn"],
            description=row["beskrivelse"], unit=row["enhed"], direction=DIRECTIONS[row["retning"]],
            decimals=int(row["decimaler"]), measure_type=TYPES[row["maaletype"]], source=row["kilde"],
            is_key_figure=row["noegletal"] == "ja", order=int(row["raekkefoelge"]),
            parent=indicators[row["strategi"], row["heraf_af"]] if row["heraf_af"] else None,
            allows_negative=row["negativ_tilladt"] == "ja", tolerance_pct=Decimal(row["tolerance_pct"]),
        )  # fmt: skip
    for row in _rows(FIXTURES / "targets.csv"):
        get("indicators", "Target").objects.create(
            indicator=indicators[row["strategi"], row["kode"]], year=int(row["aar"]),
            quarter=int(row["kvartal"]) if row["kvartal"] else None, value_min=Decimal(row["min"]),
            value_max=Decimal(row["max"]), comment=row["kommentar"], source=row["kilde"],
        )  # fmt: skip
    for row in _rows(FIXTURES / "actuals.csv"):
        approved = row["status"] == "approved"
        get("indicators", "Measurement").objects.create(
            indicator=indicators[row["strategi"], row["kode"]], year=int(row["aar"]),
            quarter=int(row["kvartal"]), value=Decimal(row["vaerdi"]), state=row["status"],
            commentary=row["kommentar"], source=row["kilde"],
            published_value=Decimal(row["vaerdi"]) if approved else None,
            published_commentary=row["kommentar"] if approved else "",
        )  # fmt: skip
    for row in _rows(OLD_COMPARISONS):
        get("indicators", "ComparisonValue").objects.create(
            indicator=indicators[row["strategi"], row["kode"]], series=row["serie"], year=int(row["aar"]),
            quarter=int(row["kvartal"]), value=Decimal(row["vaerdi"]), source=row["kilde"],
        )  # fmt: skip
    for quarter in (1, 2):
        get("indicators", "QuarterLock").objects.create(
            strategy=strategies["ballerup-2022"], year=2024, quarter=quarter, is_locked=True
        )
    # F2.1's decimals were changed once, with a reason (issue 10): the history the migration must keep.
    share = indicators["ballerup-2022", "F2.1"]
    History = get("indicators", "HistoricalIndicator")
    fields = {f.attname: getattr(share, f.attname) for f in share._meta.concrete_fields}
    for kind, decimals, reason in (("+", 0, None), ("~", 1, REASON)):
        History.objects.create(
            **(fields | {"decimals": decimals}), history_type=kind, history_date=timezone.now(),
            history_change_reason=reason,
        )  # fmt: skip


def _definition(indicator) -> tuple:
    # Before the migration an indicator kept its unit, decimals and type; after it, its measure keeps them.
    kept = indicator if hasattr(indicator, "unit") else indicator.measure
    return (kept.unit, kept.decimals, kept.measure_type)


def _snapshot(apps, *, comparisons: bool = True) -> dict:
    get = apps.get_model
    key = ("indicator__strategy__title", "indicator__code")
    figures = {
        "indicators": {
            (i.strategy.title, i.code): _definition(i)
            for i in get("indicators", "Indicator").objects.select_related("strategy")
        },
        "measurements": sorted(
            get("indicators", "Measurement").objects.values_list(
                *key, "year", "quarter", "value", "state", "published_value", "commentary", "source"
            )
        ),
        "targets": sorted(
            get("indicators", "Target").objects.values_list(
                *key, "year", "quarter", "value_min", "value_max"
            ),
            key=str,
        ),
        "locks": sorted(
            get("indicators", "QuarterLock").objects.values_list("strategy__title", "year", "quarter")
        ),
    }
    if comparisons:
        municipality = "indicator__strategy__municipality__code"
        figures["comparisons"] = list(
            get("indicators", "ComparisonValue").objects.values_list(
                *key, municipality, "series", "year", "quarter", "value", "source"
            )
        )
    return figures


@pytest.fixture
def migrated_from_the_old_demo():
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    try:
        executor.loader.build_graph()
        old = executor.loader.project_state(BEFORE).apps
        _load_old_demo(old)
        before = _snapshot(old)
        executor.loader.build_graph()
        executor.migrate(executor.loader.graph.leaf_nodes())
        yield before
    finally:
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes())


def test_the_migration_keeps_every_figure_and_gives_each_indicator_its_measure(migrated_from_the_old_demo):
    before = migrated_from_the_old_demo
    indicators = Indicator.objects.select_related("strategy", "measure")
    assert {(i.strategy.title, i.code): _definition(i) for i in indicators} == before["indicators"]
    assert not Indicator.objects.filter(measure=None).exists()
    ballerup_2022 = {
        i.code: i.measure.code for i in indicators if i.strategy.title == "Beskæftigelsesstrategi"
    }
    assert (ballerup_2022["F1.0"], ballerup_2022["F1.1"], ballerup_2022["F2.0"]) == (
        "BM-FORSKEL-IALT",
        "BM-PLACERING-IALT",
        "Y01A02-FULDTID",
    )
    assert ballerup_2022["F2.1"] == "ballerup-F2.1"
    own = Measure.objects.get(code="ballerup-F2.1")
    assert (own.origin, own.name) == (Measure.Origin.OWN, "Ledige i pct. af arbejdsstyrken")

    after = _snapshot(django_apps, comparisons=False)
    assert after["measurements"] == before["measurements"]
    assert after["targets"] == before["targets"]
    assert after["locks"] == before["locks"]

    # Every comparison value is an official value with the same figure, period and source.
    assert len(before["comparisons"]) == OfficialValue.objects.count() == 59
    for title, code, municipality, series, year, quarter, value, source in before["comparisons"]:
        measure = Indicator.objects.get(strategy__title=title, code=code).measure
        where = {
            "national": (measure, "000"),
            "benchmark": (measure.expected, str(municipality)),
            "estimate": (measure.expected, str(municipality)),
        }[series]
        stored = OfficialValue.objects.get(
            measure=where[0], area__code=where[1], year=year, kind="Q", number=quarter
        )
        assert (stored.value, stored.source) == (value, source)
    estimate = Indicator.objects.get(code="P18.4").measure.expected
    assert (estimate.code, estimate.name) == (
        "ballerup-P18.4-SKOEN",
        "Virksomhedspraktik i alt (løbende antal forløb) (forventet, skøn)",
    )
    assert Indicator.objects.get(code="F3.0").measure.expected.code == "ballerup-F3.0-BENCHMARK"

    # The change of F2.1's decimals and its reason are now the measure's history.
    change = own.history.get(history_change_reason=REASON)
    assert change.decimals == 1

    # The pages read the carried series: Hele landet for a share, the benchmark for F3.0.
    figures = strategy_figures(Indicator.objects.get(code="F2.1").strategy)
    assert figures.indicator("F2.1").comparisons["Hele landet"][Quarter(2024, 2)] == Decimal("3.0")
    assert figures.indicator("F3.0").comparisons["Forventet (benchmark)"][Quarter(2024, 1)] == Decimal(920)
    assert Measurement.objects.filter(state="approved", published_value=None).count() == 0
    assert QuarterLock.objects.count() == 2 and Target.objects.count() == len(before["targets"])
