"""Demo data: loads the strategies, indicators and figures in fixtures/ and creates the demo users."""

import csv
import json
from datetime import date
from decimal import Decimal
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import models, transaction

from core import roles
from core.signals import figures_changed
from focusareas.models import FocusArea, Municipality, Principle, Strategy
from indicators.basis import Basis
from indicators.definition import indicator_create, indicator_update
from indicators.models import Direction, Indicator, Measurement, MeasureType, Target
from measures.catalogue import load_catalogue
from measures.importing import breakdowns_made
from measures.models import Area, Measure, OfficialValue
from measures.own import COMPANIONS, companion, own_measure
from measures.periods import Period

from .briefing import briefing_demo_load

FIXTURES = Path(settings.BASE_DIR) / "fixtures"
DEMO_PASSWORD = "strategi-demo"

# username: (role group, first name, last name, is_staff); the names are invented. Two administrators, so
# that one can approve what the other entered (four eyes).
DEMO_USERS = {
    "udvalg": (roles.COMMITTEE_MEMBER, "Lene", "Holm", False),
    "leder": (roles.MANAGER, "Jonas", "Bech", True),
    "administrator": (roles.ADMINISTRATOR, "Sofie", "Krogh", True),
    "administrator2": (roles.ADMINISTRATOR, "Mads", "Juul", True),
}
# The demo's mail goes to the console in development; .example is a domain that never receives mail.
DEMO_EMAIL_DOMAIN = "ballerup.example"
# The focus areas of Ballerup's strategy in force that the demo manager reports figures for.
LEDER_FOCUS_AREAS = (2, 3)
# The fixtures' source of an invented figure, target, official value or reconstructed definition; the others
# name the document they were taken from. The loader marks what it invents (is_demo, is_synthetic): only it
# reads this word.
INVENTED = "demo"

_DIRECTIONS = {"højere": Direction.HIGHER_IS_BETTER, "lavere": Direction.LOWER_IS_BETTER}
_MEASURE_TYPES = {"niveau": MeasureType.LEVEL, "forløb": MeasureType.FLOW}
# actuals.csv's opgoerelse: empty for the municipality's own figure.
_BASES = {"": Basis.OWN, "foreløbig": Basis.PRELIMINARY, "officiel": Basis.OFFICIAL}


def _rows(name: str) -> list[dict[str, str]]:
    # ';' because the Danish texts are full of commas, as in the shared indicator catalogue.
    with open(FIXTURES / name, encoding="utf-8", newline="") as file:
        return list(csv.DictReader(file, delimiter=";"))


def _sync(model: type[models.Model], keys: dict, values: dict) -> models.Model:
    """update_or_create that saves only on a real change, so a rerun adds no history rows."""
    obj, created = model.objects.get_or_create(**keys, defaults=values)
    if not created:
        changed = [name for name, value in values.items() if getattr(obj, name) != value]
        if changed:
            for name in changed:
                setattr(obj, name, values[name])
            obj.save()
    return obj


def _indicator(focus_area: FocusArea, code: str, values: dict) -> Indicator:
    """Created or brought in step by the indicator services, only on a real change (as _sync)."""
    indicator = Indicator.objects.filter(focus_area=focus_area, code=code).first()
    if indicator is None:
        return indicator_create(focus_area=focus_area, code=code, **values)
    changed = {name: value for name, value in values.items() if getattr(indicator, name) != value}
    if not changed:
        return indicator
    return indicator_update(indicator=indicator, reason="Demodata", **changed)


def _date(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


def _quarter(text: str) -> int | None:
    return int(text) if text else None


@transaction.atomic
def demo_load(*, stdout=None) -> dict[str, int]:
    """Load fixtures/ into the database; running it again changes nothing. Returns counts per kind."""
    counts = dict.fromkeys(
        ["kommuner", "strategier", "principper", "fokusområder", "indikatorer", "mål", "faktiske tal"], 0
    )
    counts["officielle tal"] = 0
    structure = json.loads((FIXTURES / "strategies.json").read_text(encoding="utf-8"))

    municipalities = {}
    for row in structure["municipalities"]:
        municipalities[row["slug"]] = _sync(
            Municipality,
            {"slug": row["slug"]},
            # The municipality's area in the statistics is the one with its kommunekode.
            {"name": row["name"], "code": row["code"], "area": Area.objects.get(code=str(row["code"]))},
        )
        if "peers" in row:
            municipalities[row["slug"]].peers.set(Area.objects.filter(code__in=row["peers"]))
        counts["kommuner"] += 1

    strategies, focus_areas = {}, {}
    # Replaced strategies first, so a strategy in force never meets another one in force midway.
    for row in sorted(structure["strategies"], key=lambda row: row["status"] == Strategy.Status.IN_FORCE):
        strategy = _sync(
            Strategy,
            {"municipality": municipalities[row["municipality"]], "title": row["title"]},
            {
                "case_number": row["case_number"],
                "adopted": _date(row["adopted"]),
                "adopted_precision": row.get("adopted_precision", Strategy.Precision.DAY),
                "revised": _date(row["revised"]),
                "status": row["status"],
                "text": row["text"],
                "source": row["source"],
            },
        )
        strategies[row["key"]] = strategy
        counts["strategier"] += 1
        for order, text in enumerate(row["principles"], start=1):
            _sync(Principle, {"strategy": strategy, "order": order}, {"text": text})
            counts["principper"] += 1
        for area in row["focus_areas"]:
            focus_areas[row["key"], area["number"]] = _sync(
                FocusArea,
                {"strategy": strategy, "number": area["number"]},
                {"name": area["name"], "slug": area["slug"], "goals": area["goals"]},
            )
            counts["fokusområder"] += 1

    indicators = {}
    rows = _rows("indicators.csv")
    if Measure.objects.filter(code__in={row["maaling"] for row in rows} - {""}).count() < len(
        {row["maaling"] for row in rows} - {""}
    ):
        load_catalogue()
    for row in rows:
        focus_area = focus_areas[row["strategi"], int(row["fokusomraade_nr"])]
        indicators[row["strategi"], row["kode"]] = _indicator(
            focus_area,
            row["kode"],
            {
                "name": row["navn"],
                "description": row["beskrivelse"],
                "measure": _measure(row, focus_area.strategy.municipality.slug),
                "direction": _DIRECTIONS[row["retning"]],
                "source": row["kilde"],
                "definition_source": row["definition"],
                "definition_is_demo": row["definition"] == INVENTED,
                "is_key_figure": row["noegletal"] == "ja",
                # Breakdowns come after their parent in the file.
                "parent": indicators[row["strategi"], row["heraf_af"]] if row["heraf_af"] else None,
                "tolerance_pct": Decimal(row["tolerance_pct"]),
                "allows_negative": row["negativ_tilladt"] == "ja",
                "order": int(row["raekkefoelge"]),
            },
        )
        counts["indikatorer"] += 1
        if expected := row.get("forventet"):
            _expected_link(indicators[row["strategi"], row["kode"]].measure, expected)

    for row in _rows("targets.csv"):
        _sync(
            Target,
            {
                "indicator": indicators[row["strategi"], row["kode"]],
                "year": int(row["aar"]),
                "quarter": _quarter(row["kvartal"]),
            },
            {
                "value_min": Decimal(row["min"]),
                "value_max": Decimal(row["max"]),
                "comment": row["kommentar"],
                "source": row["kilde"],
                "is_demo": row["kilde"] == INVENTED,
            },
        )
        counts["mål"] += 1

    for row in _rows("actuals.csv"):
        _sync(
            Measurement,
            {
                "indicator": indicators[row["strategi"], row["kode"]],
                "year": int(row["aar"]),
                "quarter": int(row["kvartal"]),
            },
            {
                "value": Decimal(row["vaerdi"]),
                "state": row["status"],
                "commentary": row["kommentar"],
                "source": row["kilde"],
                "is_demo": row["kilde"] == INVENTED,
                "basis": _BASES[row.get("opgoerelse") or ""],
            },
        )
        counts["faktiske tal"] += 1

    areas = dict(Area.objects.values_list("code", "pk"))
    rows = _rows("official_values.csv")
    # A value of a breakdown names its members (opdeling 'Status før sygedagpenge=Beskæftiget'), made as an
    # import of the table makes them, so the recorded answer finds the value there and leaves it as it is.
    breakdowns = breakdowns_made(sorted({row["opdeling"] for row in rows if row.get("opdeling")}))
    for row in rows:
        period = Period.parse(row["periode"])
        _sync(
            OfficialValue,
            {
                "measure": _official_measure(row["maaling"]),
                "area_id": areas[row["omraade"]],
                "year": period.year,
                "kind": period.kind,
                "number": period.number,
                "breakdown_id": breakdowns.get(row.get("opdeling") or ""),
            },
            {
                "value": Decimal(row["vaerdi"]),
                "source": row["kilde"],
                "is_synthetic": row["kilde"] == INVENTED,
            },
        )
        counts["officielle tal"] += 1

    users = demo_users_create()  # the case's texts name their author and who signed them off
    counts.update(briefing_demo_load(strategies, {user.username: user for user in users}))
    counts["brugere"] = len(users)
    figures_changed.send(sender=Strategy)  # the pages show the demo
    if stdout is not None:
        for kind, count in counts.items():
            stdout.write(f"{kind}: {count}")
    return counts


def _measure(row: dict, municipality_slug: str) -> Measure:
    """The catalogue's measure the row names (maaling), else the municipality's own measure for the code."""
    if row["maaling"]:
        return Measure.objects.get(code=row["maaling"])
    return own_measure(
        Measure,
        municipality_slug=municipality_slug,
        code=row["kode"],
        name=row["navn"],
        unit=row["enhed"],
        decimals=int(row["decimaler"]),
        measure_type=_MEASURE_TYPES[row["maaletype"]],
        definition=row["beskrivelse"],
    )


def _expected_link(measure: Measure, code: str) -> None:
    """The indicator's measure gets the named measure as its expected value (column forventet), e.g. F3.0's
    own measure the ministry's benchmark of sygedagpenge mv.; saved only on a change."""
    expected = Measure.objects.get(code=code)
    if measure.expected_id != expected.pk:
        measure.expected = expected
        measure.save(update_fields=["expected"])


def _official_measure(code: str) -> Measure:
    """A measure by code; an expected companion ('<code>-SKOEN') is made for its measure on first use."""
    measure = Measure.objects.filter(code=code).first()
    if measure is None:
        base, _dash, kind = code.rpartition("-")
        if kind not in COMPANIONS:
            raise Measure.DoesNotExist(code)
        measure = companion(Measure, Measure.objects.get(code=base), kind)
    return measure


@transaction.atomic
def demo_users_create() -> list:
    """Create or reset the demo users, each with an address; leder reports for focus areas 2 and 3."""
    users = []
    for username, (group_name, first_name, last_name, is_staff) in DEMO_USERS.items():
        user, _ = get_user_model().objects.update_or_create(
            username=username,
            defaults={
                "first_name": first_name,
                "last_name": last_name,
                "email": f"{username}@{DEMO_EMAIL_DOMAIN}",
                "is_staff": is_staff,
                # The administrator's rights come from its group, never from superuser status.
                "is_superuser": False,
                "is_active": True,
            },
        )
        user.set_password(DEMO_PASSWORD)
        user.save(update_fields=["password"])
        group, _ = Group.objects.get_or_create(name=group_name)
        user.groups.set([group])
        users.append(user)

    strategy = Strategy.objects.in_force_for("ballerup")
    if strategy is not None:
        leder = next(user for user in users if user.username == "leder")
        leder.assigned_focus_areas.set(strategy.focus_areas.filter(number__in=LEDER_FOCUS_AREAS))
    return users
