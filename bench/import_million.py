"""A Jobindsats answer of 1 000 000 rows imported, and imported again unchanged, on PostgreSQL.

The answer is a y07a02 answer as Jobindsats gives it (Area, Periode, its four dimensions, Antal personer and
Antal fuldtidspersoner): 104 areas, each month as a whole and in 44 breakdowns (the 12 members of the four
dimensions and the members of four pairs of them), the months back from June 2024 until there are 1 000 000
rows, two values a row (2 000 000 official values); a twentieth of the municipalities' breakdown cells
suppressed ('..'). It is written to a file, which a child process imports from the open file, as the
portal's administrator, through measures.importing.official_values_import; each import runs in a fresh
child, whose seconds and peak memory (RSS, Linux's VmHWM) are printed with what it counted.

Issue 21's targets: imported in ≤ 30 s under 500 MB, imported again unchanged in ≤ 10 s. Measured on a
shared machine of two cores (load 2-5): imported in 61 s at 257 MB (Python and Django 120 MB), again
unchanged in 17-22 s. Of the import, writing the two million values with their history rows is some 30 s
(the database's INSERT alone took 23 s), reading and staging the answer some 15-20 s.

    python bench/import_million.py [--rows 1000000]

BENCH_DATABASE_URL chooses the (recreated) database.
"""

import argparse
import itertools
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
BENCH_DB = os.getenv("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/strategy_portal_bench_million")
ENV = os.environ | {"DATABASE_URL": BENCH_DB, "LOG_LEVEL": "WARNING"}
DIMENSIONS = {  # as y07a02 orders its columns, with their members and total member
    "Køn": (["Mænd", "Kvinder"], "Køn i alt"),
    "Herkomst": (["Dansk oprindelse", "Indvandrere", "Efterkommere"], "Herkomst i alt"),
    "Status før sygedagpenge": (["Beskæftiget", "Ledig", "Andet"], "Status før sygedagpenge i alt"),
    "Alder": (["16-29 år", "30-49 år", "50-59 år", "60 år og derover"], "Alder i alt"),
}
PAIRS = [("Køn", "Alder"), ("Køn", "Herkomst"), ("Alder", "Status før sygedagpenge"),
         ("Køn", "Status før sygedagpenge")]  # fmt: skip
TARGETS = {"import": (30, 500), "re-import": (10, None)}

CHILD = """
import os, sys, time, json
sys.path.insert(0, {root!r})
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "strategy_portal.settings")
import django
django.setup()
from django.contrib.auth.models import User
from measures.importing import official_values_import
def peak():
    line = next(line for line in open("/proc/self/status") if line.startswith("VmHWM"))
    return int(line.split()[1]) / 1024
user = User.objects.get(username="bench-import")
baseline = peak()
started = time.perf_counter()
with open(sys.argv[1], "rb") as answer:
    result = official_values_import(user=user, files=[("y07a02_2024M06.json", answer)])
seconds = time.perf_counter() - started
print(json.dumps({{"seconds": seconds, "peak": peak(), "baseline": baseline, "rows": result.rows,
    "values": result.values, "created": result.created, "revised": result.revised,
    "unchanged": result.unchanged, "not_published": result.not_published, "by_measure": result.by_measure,
    "problems": [p.message for p in result.shown_problems]}}))
"""


def recreate_database():
    import psycopg

    name = BENCH_DB.rsplit("/", 1)[1]
    with psycopg.connect(BENCH_DB.rsplit("/", 1)[0] + "/postgres", autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "--no-input"],
        cwd=ROOT, check=True, env=ENV, stdout=subprocess.DEVNULL,
    )  # fmt: skip
    prepare = (
        f"import os, sys; sys.path.insert(0, {str(ROOT)!r}); "
        "os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'strategy_portal.settings'); import django; "
        "django.setup(); from core import roles; from tests import factories; "
        "from measures.catalogue import load_catalogue; load_catalogue(); "
        "factories.user('bench-import', role=roles.ADMINISTRATOR, is_staff=True); "
        "from measures.models import Area; "
        "print('\\t'.join(f'{a.name}|{a.kind}' for a in Area.objects.all()))"
    )
    out = subprocess.run([sys.executable, "-c", prepare], cwd=ROOT, env=ENV, check=True, capture_output=True)
    return [tuple(part.split("|")) for part in out.stdout.decode().strip().splitlines()[-1].split("\t")]


def members() -> list[list[str]]:
    """The members of each row of a month and area: the whole, each member, each pair's members."""
    totals = {name: total for name, (_members, total) in DIMENSIONS.items()}
    rows = [dict(totals)]
    for name, (names, _total) in DIMENSIONS.items():
        rows += [totals | {name: member} for member in names]
    for first, second in PAIRS:
        for one, other in itertools.product(DIMENSIONS[first][0], DIMENSIONS[second][0]):
            rows.append(totals | {first: one, second: other})
    return [[row[name] for name in DIMENSIONS] for row in rows]


def write_answer(path: Path, areas: list[tuple[str, str]], count: int) -> None:
    combinations = members()
    labels = ["Area", "Periode", *DIMENSIONS, "Antal personer", "Antal fuldtidspersoner"]
    written = 0
    with path.open("w", encoding="utf-8") as out:
        out.write('[{"Variables": ' + json.dumps([{"Label": label} for label in labels], ensure_ascii=False))
        out.write(', "Data": [')
        index = 2024 * 12 + 5
        while written < count:
            year, month = divmod(index, 12)
            period = f"{year}M{month + 1:02d}"
            for position, (name, kind) in enumerate(areas):
                size = {"country": 60000, "region": 12000}.get(kind, 200 + position * 9)
                for number, cells in enumerate(combinations):
                    if written == count:
                        break
                    share = size // (1 + number % 7)
                    hidden = number and kind == "municipality" and (position + number + index) % 20 == 0
                    persons, full = ('".."', '".."') if hidden else (share, share * 9 // 10)
                    row = json.dumps([name, period, *cells], ensure_ascii=False)[:-1]
                    out.write(("," if written else "") + f"{row}, {persons}, {full}]")
                    written += 1
            index -= 1
        out.write("]}]")


def run(path: Path) -> dict:
    result = subprocess.run(
        [sys.executable, "-c", CHILD.format(root=str(ROOT)), str(path)],
        cwd=ROOT, env=ENV, capture_output=True, text=True, timeout=3600,
    )  # fmt: skip
    if result.returncode:
        raise SystemExit(result.stderr)
    return json.loads(result.stdout.strip().splitlines()[-1])


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=1_000_000)
    args = parser.parse_args()
    areas = recreate_database()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "y07a02_2024M06.json"
        started = time.perf_counter()
        write_answer(path, areas, args.rows)
        print(
            f"  answer: {args.rows} rows, {path.stat().st_size / 1024 / 1024:.0f} MB, "
            f"written in {time.perf_counter() - started:.0f} s"
        )
        for label in ("import", "re-import"):
            figures = run(path)
            seconds, peak = TARGETS[label]
            verdict = (
                "met"
                if figures["seconds"] <= seconds and (peak is None or figures["peak"] <= peak)
                else "NOT MET"
            )
            print(
                f"  {label:<9} {figures['seconds']:6.1f} s  peak {figures['peak']:5.0f} MB "
                f"(Python and Django {figures['baseline']:.0f} MB)  rows {figures['rows']}  "
                f"values {figures['values']}: new {figures['created']}, revised {figures['revised']}, "
                f"unchanged {figures['unchanged']}, not published {figures['not_published']}  "
                f"target ≤ {seconds} s{f', < {peak} MB' if peak else ''}: {verdict}"
            )
            if figures["problems"]:
                print("   problems:", figures["problems"][:5])
            print("   per measure:", figures["by_measure"])


if __name__ == "__main__":
    main()
