"""How fast and in how little memory a Jobindsats answer made to exhaust the import is read or refused: 18 MB
of bare zeros in Data, 1 000 000 rows, 200 000 nested lists, one row of 4 000 000 texts; and the recorded
y01a02 answer (12 480 rows), which is read.

Each answer goes through the reading stage (measures.jobindsats.reader.read_answer) in a fresh process;
prints its size, the answer, the seconds taken and the process's peak memory (RSS, Linux's VmHWM, reset
after Django's start), which includes Python and Django themselves (printed first, as the baseline), with in
brackets how much reading added to it.

    python bench/jobindsats_limits.py
"""

import json
import tempfile
from pathlib import Path

from import_limits import run  # the same child process and read of its peak memory

ROOT = Path(__file__).resolve().parent.parent

CHILD = """
import os, sys, time
sys.path.insert(0, {root!r})
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "strategy_portal.settings")
import django
django.setup()
from measures.jobindsats.reader import FileRefused, read_answer
path = sys.argv[1]
def rss(field):
    line = next(line for line in open("/proc/self/status") if line.startswith(field))
    return int(line.split()[1]) / 1024
# Django's start-up peaks higher than the process then stays: start the peak (VmHWM) again from here.
open("/proc/self/clear_refs", "w").write("5")
before = rss("VmRSS")
start = time.monotonic()
answer = "baseline"
if path != "-":
    data = open(path, "rb").read()
    try:
        answer = "read " + str(len(read_answer(data, "y30r21.json").rows)) + " rows"
    except FileRefused as refused:
        answer = "refused: " + str(refused)[:70]
seconds = time.monotonic() - start
peak = rss("VmHWM")
print(f"{{seconds:.2f}}\\t{{peak:.0f}} (+{{peak - before:.0f}})\\t{{answer}}")
"""


def answer(data: bytes) -> bytes:
    labels = [{"Label": name} for name in ("Area", "Periode", "Ydelsesgrupper", "Faktisk antal")]
    return b'[{"Variables":' + json.dumps(labels).encode() + b',"Data":' + data + b"}]"


def main() -> None:
    row = b'["Ballerup","2024QMAT02","Ydelsesgrupper i alt",4860]'
    files = {
        "9 000 000 bare zeros in Data": answer(b"[" + b"0," * 9_000_000 + b"0]"),
        "1 000 000 rows": answer(b"[" + b",".join([row] * 1_000_000) + b"]"),
        "100 000 rows": answer(b"[" + b",".join([row] * 100_000) + b"]"),
        "1 000 000 rows of [1]": answer(b"[" + b"[1]," * 1_000_000 + b"[1]]"),
        "200 000 nested lists in Data": answer(b"[" * 200_001 + b"]" * 200_001),
        "one row of 4 000 000 texts": answer(b'[["' + b'ab","' * 4_000_000 + b'ab"]]'),
        "recorded y01a02 (12 480 rows)": (
            ROOT / "fixtures" / "jobindsats" / "y01a02_2024M12.json"
        ).read_bytes(),
    }
    with tempfile.TemporaryDirectory() as folder:
        print(f"{'answer':32} {'size':>8} {'seconds':>8} {'peak MB':>11}  result")
        seconds, peak, _ = run("-", CHILD)
        print(f"{'(baseline: Python, Django)':32} {'':>8} {seconds:>8} {peak:>11}")
        for label, data in files.items():
            path = Path(folder) / "answer.json"
            path.write_bytes(data)
            seconds, peak, result = run(str(path), CHILD)
            print(f"{label:32} {len(data) / 1024 / 1024:>6.1f}MB {seconds:>8} {peak:>11}  {result}")


if __name__ == "__main__":
    main()
