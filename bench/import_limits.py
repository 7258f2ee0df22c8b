"""How fast and in how little memory the import refuses files made to exhaust it: a small Excel file
that unpacks to 1 000 000 rows, one padded with 2 GB of whitespace, and a CSV file of 1 000 000 lines.

Each file goes through the import's reading stage (indicators.importing.read_table) in a fresh process;
prints the file's size, the answer, the seconds taken and the process's peak memory (RSS), which
includes Python, Django and pandas themselves (printed first, as the baseline).

    python bench/import_limits.py
"""

import io
import os
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ROWS = 1_000_000

CHILD = """
import os, resource, sys, time
sys.path.insert(0, {root!r})
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "strategy_portal.settings")
import django
django.setup()
from indicators.importing import FileRefused, read_table
path = sys.argv[1]
start = time.monotonic()
answer = "baseline"
if path != "-":
    data = open(path, "rb").read()
    try:
        frame = read_table(data, path)
        answer = "read " + str(len(frame)) + " rows"
    except FileRefused as refused:
        answer = "refused: " + str(refused)
seconds = time.monotonic() - start
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(f"{{seconds:.2f}}\\t{{peak:.0f}}\\t{{answer}}")
"""


def workbook(rows: int, padding: int = 0) -> bytes:
    row = b'<row><c t="inlineStr"><is><t>F2.0</t></is></c></row>'
    buffer = io.BytesIO()
    archive = zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9)
    with archive, archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as sheet:
        sheet.write(b'<?xml version="1.0"?><worksheet><sheetData>')
        for _ in range(rows // 10_000):
            sheet.write(row * 10_000)
        for _ in range(padding // (1024 * 1024)):
            sheet.write(b" " * (1024 * 1024))
        sheet.write(b"</sheetData></worksheet>")
    return buffer.getvalue()


def run(path: str, child: str = CHILD) -> tuple[str, str, str]:
    """Seconds, peak memory and answer of reading one file in a child process of its own."""
    result = subprocess.run(
        [sys.executable, "-c", child.format(root=str(ROOT)), path],
        capture_output=True,
        text=True,
        timeout=600,
        env=os.environ | {"LOG_LEVEL": "WARNING"},
    )
    if result.returncode:
        return "-", "-", "error: " + result.stderr.strip().splitlines()[-1]
    return tuple(result.stdout.strip().splitlines()[-1].split("\t", 2))


def main() -> None:
    files = {
        "xlsx, 1 000 000 rows": ("rows.xlsx", workbook(ROWS)),
        "xlsx, 10 rows + 2 GB whitespace": ("padded.xlsx", workbook(10, padding=2 * 1024**3)),
        "csv, 1 000 000 lines": ("lines.csv", b"indikator;aar;kvartal;vaerdi\n" + b"F2.0;2024;1;5\n" * ROWS),
    }
    with tempfile.TemporaryDirectory() as folder:
        print(f"{'file':34} {'size':>9} {'seconds':>8} {'peak MB':>8}  answer")
        seconds, peak, _ = run("-")
        print(f"{'(baseline: Python, Django, pandas)':34} {'':>9} {seconds:>8} {peak:>8}")
        for label, (name, data) in files.items():
            path = Path(folder) / name
            path.write_bytes(data)
            seconds, peak, answer = run(str(path))
            print(f"{label:34} {len(data) / 1024:>7.0f}KB {seconds:>8} {peak:>8}  {answer}")


if __name__ == "__main__":
    main()
