"""A corpus of bad Jobindsats files: each is refused with its Danish reason and the database is as it was."""

import json
import time
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from core import file_limits
from indicators.models import Measurement
from indicators.official_actuals import jobindsats_import
from measures.catalogue import load_catalogue
from measures.models import Area, OfficialValue

from .. import factories

pytestmark = pytest.mark.django_db
DATA = Path(__file__).parent.parent / "data"
BAD = DATA / "jobindsats_bad"
MEASURE = "Forventet og faktisk antal fuldtidspersoner på offentlig forsørgelse: "
VALUES = ["Forventet antal", "Faktisk antal", "Forskel mellem forventet og faktisk antal"]

# file, --table, (row, column, words in the message) for each expected problem
BAD_FILES = [
    ("truncated.json", "y30r21", [(None, None, "Filen er ikke hel: JSON-teksten slutter midt i")]),
    ("y01a02_another_table.json", "y30r21", [(None, None, "er fra tabellen y01a02, ikke y30r21")]),
    (
        "another_table_inside.json",
        "y30r21",
        [(None, "Ydelsesgrupper", "Kolonnen 'Ydelsesgrupper' mangler.")]
        + [(None, MEASURE + column, f"Kolonnen '{MEASURE}{column}' mangler.") for column in VALUES]
        + [(None, "Placering på benchmarkranglisten", "Kolonnen 'Placering på benchmarkranglisten' mangler.")]
        + [
            (
                None,
                None,
                "Filen ser ud til at være fra en anden tabel end y30r21; den har kolonnerne 'Area', "
                "'Periode', 'Fuldtidspersoner'.",
            )
        ],
    ),
    (
        "missing_label.json",
        "y30r21",
        [(None, MEASURE + "Faktisk antal", f"Kolonnen '{MEASURE}Faktisk antal' mangler.")],
    ),
    (
        "renamed_label.csv",
        "y30r21",
        [
            (
                None,
                MEASURE + "Faktisk antal",
                "Faktisk antal' mangler. Filen har kolonnen 'Faktisk antal' – er den omdøbt?",
            )
        ],
    ),
    (
        "duplicate_rows.json",
        "y30r21",
        [(4, None, "Ballerup, 2024QMAT02, Ydelsesgrupper i alt står to gange (også i række 1)")],
    ),
    ("unknown_area.json", "y30r21", [(2, "Area", "Området 'Gladsakse' kendes ikke")]),
    ("unknown_period.json", "y30r21", [(2, "Periode", "Perioden '2. kvt. 2024' kendes ikke")]),
    ("text_in_number.json", "y30r21", [(2, MEASURE + "Faktisk antal", "'ca. 900' er ikke et tal")]),
    (
        "empty_cell.csv",
        "y30r21",
        [(3, MEASURE + "Faktisk antal", "Cellen er tom: Jobindsats har ikke tallet")],
    ),
    ("null_value.json", "y30r21", [(2, MEASURE + "Faktisk antal", "Cellen er tom")]),
    ("empty.json", "y30r21", [(None, None, "Filen er tom.")]),
    ("utf16.csv", "y30r21", [(None, None, "tegnsæt, der ikke kan læses (UTF-16")]),
    ("mojibake.csv", "y30r21", [(3, "Area", "ser ud til at være læst i det forkerte tegnsæt")]),
    ("english_decimal_point.csv", "y30r21", [(3, MEASURE + "Faktisk antal", "Brug komma som decimaltegn")]),
    ("rank_99.json", "y30r21", [(2, "Placering på benchmarkranglisten", "helt tal fra 1 til 98, ikke 99")]),
    ("not_an_answer.json", "y30r21", [(None, None, "Jobindsats svarede: Authorization has been denied")]),
    ("wrong_cell_count.json", "y30r21", [(2, None, "Rækken har 8 celler, men filen har 10 kolonner.")]),
    (
        "y99a02_unknown_table.json",
        None,
        [(None, None, "Tabellen 'y99a02' kendes ikke; portalen har målinger fra tabellerne")],
    ),
    ("truncated.json", None, [(None, None, "Filen siger ikke, hvilken Jobindsats-tabel den er fra")]),
    ("benchmark.xlsx", "y30r21", [(None, None, "som JSON (.json) eller CSV (.csv)")]),
    ("full_width_digits.json", "y30r21", [(2, MEASURE + "Faktisk antal", "'４９５０' er ikke et tal")]),
    ("negative_count.json", "y30r21", [(2, MEASURE + "Faktisk antal", "kan ikke være negativ (-4.950)")]),
    (
        "same_label_twice.json",
        "y30r21",
        [(None, None, f"Kolonnen '{MEASURE}Faktisk antal' står to gange i filen")],
    ),
    (
        "html_page.json",
        "y30r21",
        [(None, None, "Svaret er en HTML-side, ikke tal fra Jobindsats")],
    ),
    ("long_integer.json", "y30r21", [(None, None, "Række 2 har et tal med 5.000 cifre")]),
    ("nested_cell.json", "y30r21", [(None, None, "Række 2 har en celle, der selv er en liste")]),
]


@pytest.fixture
def stored(settings, administrator):
    """A portal with official values and an actual already stored, so that 'unchanged' means something."""
    load_catalogue()
    ballerup = factories.municipality(name="Ballerup Kommune", slug="ballerup-test", code=151)
    ballerup.area = Area.objects.get(name="Ballerup")
    ballerup.save()
    settings.PORTAL_MUNICIPALITY = ballerup.slug
    area = factories.focus_area(strategy=factories.strategy(municipality=ballerup))
    factories.indicator(focus_area=area, code="F1.1", unit="placering")
    good = DATA / "jobindsats_good" / "y30r21_2024QMAT02.json"
    assert jobindsats_import(user=administrator, files=[(good.name, good.read_bytes())], release="2024-07").ok


def database():
    return (
        sorted(
            OfficialValue.objects.values_list(
                "measure__code", "area__name", "year", "number", "value", "release"
            )
        ),
        OfficialValue.history.count(),
        sorted(Measurement.objects.values_list("indicator__code", "year", "quarter", "value", "state")),
        Measurement.history.count(),
    )


@pytest.mark.parametrize(("name", "table", "expected"), BAD_FILES, ids=[f"{c[0]}-{c[1]}" for c in BAD_FILES])
def test_a_bad_file_is_refused_with_its_reason_and_nothing_is_written(
    stored, administrator, name, table, expected
):
    before = database()
    path = BAD / name
    result = jobindsats_import(user=administrator, files=[(name, path.read_bytes())], table=table)
    assert not result.ok
    for row, column, words in expected:
        assert any(
            problem.row == row
            and problem.column == column
            and words in problem.message
            and problem.file == name
            for problem in result.problems
        ), (words, result.problems)
    assert len(result.problems) == len(expected), result.problems
    assert database() == before


# A real national table suppresses small groups ('..', 'x') and writes '-' where a figure cannot be made.
SUPPRESSED = [
    ("suppressed_dots.json", "Gladsaxe", "BM-FAKTISK-IALT"),
    ("suppressed_x.json", "Gladsaxe", "BM-FORVENTET-IALT"),
    ("suppressed_dash.csv", "Gladsaxe", "BM-FORSKEL-IALT"),
]


@pytest.mark.parametrize(("name", "area", "code"), SUPPRESSED, ids=[case[0] for case in SUPPRESSED])
def test_a_suppressed_cell_is_kept_as_not_published_never_as_zero(stored, administrator, name, area, code):
    path = BAD / name
    result = jobindsats_import(user=administrator, files=[(name, path.read_bytes())], table="y30r21")
    assert result.ok, result.problems
    assert result.not_published == 1
    kept = OfficialValue.objects.wholes().get(measure__code=code, area__name=area, year=2024, number=2)
    assert kept.value is None and not kept.is_published
    assert OfficialValue.objects.filter(value=0).count() == 0


def test_the_command_lists_each_problem_in_danish_and_fails(stored, administrator, capsys):
    before = database()
    with pytest.raises(CommandError, match="2 fejl; intet er gemt."):
        call_command(
            "import_jobindsats",
            str(BAD / "unknown_area.json"),
            str(BAD / "text_in_number.json"),
            "--table=y30r21",
            "--user",
            administrator.username,
        )
    errors = capsys.readouterr().err
    assert "unknown_area.json, række 2, kolonnen 'Area': Området 'Gladsakse' kendes ikke." in errors
    assert "text_in_number.json, række 2, kolonnen" in errors
    assert database() == before


def test_a_file_of_many_bad_rows_lists_the_first_hundred_and_counts_the_rest(
    stored, administrator, capsys, tmp_path
):
    path = tmp_path / "y01a02_many.csv"
    rows = "\n".join(f"Ingenby {n};2024M06;{n}" for n in range(150))
    path.write_text("Area;Periode;Fuldtidspersoner\n" + rows + "\n", encoding="utf-8")
    with pytest.raises(CommandError, match="150 fejl; intet er gemt."):
        call_command("import_jobindsats", str(path), "--user", administrator.username)
    errors = capsys.readouterr().err.splitlines()
    assert len(errors) == 101
    assert errors[-1] == "… og 50 fejl mere."


def _answer(data: bytes) -> bytes:
    """A y30r21 answer with its real columns and the given Data."""
    labels = json.loads((BAD / "text_in_number.json").read_bytes())[0]["Variables"]
    return b'[{"Variables":' + json.dumps(labels).encode() + b',"Data":' + data + b"}]"


# What a hostile or broken server could answer, made here (the largest is 18 MB), and words of its refusal.
HOSTILE = {
    "200 000 nested lists": (b"[" * 200_000 + b"]" * 200_000, "der mangler 'Variables' og 'Data'"),
    "200 000 nested lists in Data": (
        _answer(b"[" * 200_000 + b"]" * 200_000),
        "Række 1 har en celle, der selv er en liste",
    ),
    # Rows of one cell each are a problem each: the reading stops at the thousandth.
    "9 000 000 bare zeros in Data": (
        _answer(b"[" + b"0," * 9_000_000 + b"0]"),
        "Læsningen er stoppet efter 1.000 fejl",
    ),
    "1 000 000 rows": (
        _answer(b"[" + b"[1]," * 1_000_000 + b"[1]]"),
        "Læsningen er stoppet efter 1.000 fejl",
    ),
    "one row of 4 000 000 texts": (
        _answer(b'[["' + b'ab","' * 4_000_000 + b'ab"]]'),
        "Række 1 har flere end 1.000 celler",
    ),
    "texts with ']' in 2 000 000 cells": (
        _answer(b"[" + b",".join([b'["]"' + b',"]"' * 999 + b"]"] * 2_001) + b"]"),
        "Læsningen er stoppet efter 1.000 fejl",
    ),
    "a number of 5 000 digits as the answer": (b"9" * 5000, "Filen har et tal med 5.000 cifre"),
    "an object of 200 000 nested objects": (
        b'{"Variables":' + b'{"a":' * 200_000 + b"1" + b"}" * 200_001,
        "der mangler 'Variables' og 'Data'",
    ),
}


@pytest.mark.parametrize(("data", "words"), HOSTILE.values(), ids=HOSTILE.keys())
def test_a_hostile_answer_is_refused_in_danish_at_once(stored, administrator, data, words):
    assert len(data) <= file_limits.MAX_BYTES
    before = database()
    start = time.monotonic()
    result = jobindsats_import(user=administrator, files=[("y30r21.json", data)])
    # Refused without hanging: a reader that blew up on such input would take minutes, not seconds; the bound
    # is loose so that a busy machine running the suite in parallel does not fail it.
    assert time.monotonic() - start < 30
    *_rows, problem = result.problems
    assert words in problem.message
    assert len(result.problems) <= 1001
    assert database() == before


def test_the_corpus_covers_every_kind_of_bad_file():
    assert len({name for name, *_rest in BAD_FILES}) >= 20
    assert {path.name for path in BAD.iterdir() if path.suffix != ".py"} <= {
        name for name, *_rest in BAD_FILES + SUPPRESSED
    }
