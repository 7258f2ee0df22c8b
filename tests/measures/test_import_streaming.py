"""A Jobindsats answer larger than the old 100 000-row limit is read as a stream and imported, counted per
measure as before; revised and locked values are counted as they were; Jobindsats' own limits refuse a file
in Danish, nothing saved; the memory an import takes does not grow with the answer's rows held at once."""

import json
import tracemalloc

import pytest

from core import file_limits
from indicators.official_actuals import jobindsats_import
from measures.jobindsats import json_answer, limits, reader, stream
from measures.models import OfficialValue

from .test_importing import BENCHMARK, official, portal, run  # noqa: F401 (portal is a fixture)

pytestmark = pytest.mark.django_db
LABELS = ["Area", "Periode", "Køn", "Fuldtidspersoner"]
SEXES = ["Køn i alt", "Mænd", "Kvinder"]


def monthly(rows: int, areas: list[str], shift: int = 0) -> bytes:
    """A y01a02 answer of `rows` rows: each month from January 2000, each area, whole and by sex; every
    twentieth value suppressed ('..')."""
    data = []
    month = 0
    while len(data) < rows:
        period = f"{2000 + month // 12}M{month % 12 + 1:02d}"
        for position, area in enumerate(areas):
            for sex in SEXES:
                if len(data) == rows:
                    break
                number = len(data)
                value = ".." if number % 20 == 7 else 100 + position + month + shift
                data.append([area, period, sex, value])
        month += 1
    return json.dumps([{"Variables": [{"Label": label} for label in LABELS], "Data": data}]).encode()


def areas() -> list[str]:
    from measures.models import Area

    return list(Area.objects.order_by("id").values_list("name", flat=True))


@pytest.mark.slow
def test_an_answer_over_the_old_row_limit_is_streamed_imported_and_counted_per_measure(
    portal,  # noqa: F811
    administrator,
):
    rows = 150_000
    # Not Ballerup's: its months to come would be actuals of quarters not over yet.
    data = monthly(rows, [name for name in areas() if name != "Ballerup"])
    assert len(data) > reader.STREAMED and rows > file_limits.MAX_ROWS
    suppressed = sum(1 for number in range(rows) if number % 20 == 7)
    tracemalloc.start()
    result = jobindsats_import(user=administrator, files=[("y01a02_2040M01.json", data)])
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert result.ok, result.shown_problems
    assert (result.rows, result.values, result.created, result.not_published) == (
        rows,
        rows,
        rows,
        suppressed,
    )
    assert result.by_measure == {
        "Y01A02-FULDTID": {
            "new": rows,
            "revised": 0,
            "unchanged": 0,
            "locked": 0,
            "not_published": suppressed,
        }
    }
    assert OfficialValue.objects.count() == rows
    assert OfficialValue.objects.filter(value__isnull=True).count() == suppressed
    assert OfficialValue.history.filter(history_type="+").count() == rows
    assert OfficialValue.objects.filter(breakdown__key="Køn=Mænd").count() == rows // 3
    # The answer's rows and values are never all in memory: read at once they took over 100 MB (a list of
    # 150 000 rows and as many values); the import's own bookkeeping is a few bytes a row.
    assert peak < 60 * 1024 * 1024, peak

    again = jobindsats_import(user=administrator, files=[("y01a02_2040M01.json", data)])
    assert again.ok
    assert again.by_measure == {
        "Y01A02-FULDTID": {
            "new": 0,
            "revised": 0,
            "unchanged": rows,
            "locked": 0,
            "not_published": suppressed,
        }
    }
    assert (again.created, again.revised, again.unchanged) == (0, 0, rows)
    assert OfficialValue.history.count() == rows  # nothing written


@pytest.fixture(params=["at once", "streamed"])
def way(request, monkeypatch):
    """Both ways of reading a JSON answer: at once (a small file) and as a stream (a large one)."""
    if request.param == "streamed":
        monkeypatch.setattr(reader, "STREAMED", 0)
    return request.param


def test_a_revised_value_is_counted_revised_and_the_rest_unchanged(portal, administrator, way):  # noqa: F811
    names = areas()[:5]
    first = monthly(30, names)
    assert jobindsats_import(user=administrator, files=[("y01a02.json", first)], release="1").ok
    rows = json.loads(first)
    rows[0]["Data"][4][3] = 999  # a value revised
    rows[0]["Data"][7][3] = 5  # one suppressed before, published now
    result = jobindsats_import(user=administrator, files=[("y01a02.json", json.dumps(rows).encode())])
    assert result.ok, result.problems
    assert result.by_measure["Y01A02-FULDTID"] == {
        "new": 0,
        "revised": 2,
        "unchanged": 28,
        "locked": 0,
        "not_published": 1,  # row 27 (number 27 % 20 == 7) is still suppressed
    }
    assert (result.created, result.revised, result.unchanged) == (0, 2, 28)
    assert len(result.revisions) == 2 and "→ 999" in result.revisions[0]
    assert OfficialValue.history.filter(history_type="~").count() == 2


def test_a_locked_quarters_value_is_kept_and_counted_locked(portal, administrator, way):  # noqa: F811
    from core.periods import Quarter
    from indicators.locking import quarter_lock
    from indicators.models import Measurement

    strategy = portal["strategy"]
    assert run(administrator, BENCHMARK).ok
    Measurement.objects.filter(indicator__focus_area__strategy=strategy).update(
        state="approved", published_value=-1
    )
    quarter_lock(user=administrator, strategy=strategy, quarter=Quarter(2024, 2), incomplete_reason="Test")
    revised = json.loads(BENCHMARK.read_text(encoding="utf-8"))
    for row in revised[0]["Data"]:
        if row[1] == "2024QMAT02" and row[2] == "Ydelsesgrupper i alt" and row[0] in ("Ballerup", "Gladsaxe"):
            row[4] += 5  # faktisk
            row[5] += 5  # forskel
    data = json.dumps(revised, ensure_ascii=False).encode()
    result = jobindsats_import(user=administrator, files=[("y30r21.json", data)], release="2024-11")
    assert result.ok, result.problems
    assert result.by_measure["BM-FORSKEL-IALT"]["locked"] == 1
    assert result.by_measure["BM-FAKTISK-IALT"]["locked"] == 1
    assert result.by_measure["BM-FORSKEL-IALT"]["revised"] == 1  # Gladsaxe's
    assert official("BM-FORSKEL-IALT", "Ballerup", (2024, "QMAT", 2)) == -220
    assert any(
        "Ballerup, BM-FORSKEL-IALT, 2024QMAT02: 2. kvt. 2024 er låst" in line for line in result.locked
    )


def test_jobindsats_has_its_own_limits_and_own_figures_keep_theirs():
    assert (limits.MAX_BYTES, limits.MAX_ROWS) == (400 * 1024 * 1024, 2_000_000)
    assert (file_limits.MAX_BYTES, file_limits.MAX_ROWS) == (20 * 1024 * 1024, 100_000)


@pytest.mark.parametrize("streamed", [False, True])
def test_a_file_over_the_limits_is_refused_in_danish_and_nothing_is_saved(
    portal,  # noqa: F811
    administrator,
    monkeypatch,
    streamed,
):
    if streamed:
        monkeypatch.setattr(reader, "STREAMED", 0)
    for module in (limits, stream, json_answer, reader):
        monkeypatch.setattr(module, "MAX_ROWS", 100)
    names = areas()
    result = jobindsats_import(user=administrator, files=[("y01a02.json", monthly(101, names))])
    assert [problem.message for problem in result.problems] == [
        "Filen har flere end 100 rækker; del den op i flere filer."
    ]
    assert not OfficialValue.objects.exists() and not OfficialValue.history.exists()
    assert jobindsats_import(user=administrator, files=[("y01a02.json", monthly(100, names))]).ok
    monkeypatch.setattr(limits, "MAX_BYTES", 1024 * 1024)
    data = monthly(100, names, shift=1) + b" " * (1024 * 1024)
    result = jobindsats_import(user=administrator, files=[("y01a02.json", data)])
    [problem] = result.problems
    assert "Filen er for stor (" in problem.message and "højst 1 MB" in problem.message
    assert OfficialValue.objects.count() == OfficialValue.history.count() == 100
    assert not OfficialValue.history.filter(history_type="~").exists()


def test_without_database_constraints_a_used_area_is_kept_and_a_deleted_measure_takes_its_values(
    portal,  # noqa: F811
    administrator,
):
    from django.db.models import ProtectedError

    from measures.models import Area, Breakdown, Measure

    assert jobindsats_import(user=administrator, files=[("y01a02.json", monthly(9, areas()[:3]))]).ok
    with pytest.raises(ProtectedError):
        Area.objects.get(name=areas()[0]).delete()
    with pytest.raises(ProtectedError):
        Breakdown.objects.get(key="Køn=Mænd").delete()
    portal["F2.0"].delete()  # the indicator that follows it
    Measure.objects.get(code="Y01A02-FULDTID").delete()
    assert not OfficialValue.objects.exists()
