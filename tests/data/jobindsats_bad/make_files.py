"""Remake the bad Jobindsats files of this folder and the good ones beside it (tests/data/jobindsats_good):

    python tests/data/jobindsats_bad/make_files.py

A small y30r21 answer (Ballerup with the seed's 2024QMAT02 figures, Gladsaxe and Hele landet synthetic),
and one variation of it per bad file; tests/test_jobindsats_bad.py says what each is refused for."""

import json
from pathlib import Path

BAD = Path(__file__).resolve().parent
GOOD = BAD.parent / "jobindsats_good"
A = "Forventet og faktisk antal fuldtidspersoner på offentlig forsørgelse: "
P = "Forventet og faktisk andel fuldtidspersoner på offentlig forsørgelse: "
LABELS = [
    "Area",
    "Periode",
    "Ydelsesgrupper",
    A + "Forventet antal",
    A + "Faktisk antal",
    A + "Forskel mellem forventet og faktisk antal",
    P + "Forventet andel (pct.)",
    P + "Faktisk andel (pct.)",
    P + "Forskel mellem forventet og faktisk andel (pct. point)",
    "Placering på benchmarkranglisten",
]
GROUPS = ["Ydelsesgrupper i alt", "A-dagpenge mv.", "Sygedagpenge mv.", "Kontanthjælp mv."]
# Ballerup's seed figures for 2024QMAT02 and a few others (synthetic but the seed's).
SEED = {
    "Ydelsesgrupper i alt": (5080, 4860, 2),
    "A-dagpenge mv.": (535, 475, 10),
    "Sygedagpenge mv.": (840, 810, 20),
    "Kontanthjælp mv.": (1035, 905, 8),
}


def rows():
    out = []
    for group in GROUPS:
        expected, actual, rank = SEED[group]
        out.append(
            ["Ballerup", "2024QMAT02", group, expected, actual, actual - expected, 16.66, 15.93, -0.72, rank]
        )
        out.append(["Gladsaxe", "2024QMAT02", group, expected + 300, actual + 350, 50, 15.1, 15.2, 0.1, 60])
        out.append(["Hele landet", "2024QMAT02", group, 568227, 563398, -4829, 16.12, 15.98, -0.14, "-"])
    return out


def answer(labels=LABELS, data=None):
    return json.dumps(
        [{"Variables": [{"Label": label} for label in labels], "Data": rows() if data is None else data}],
        ensure_ascii=False,
        separators=(",", ":"),
    ).encode("utf-8")


def csv(labels=LABELS, data=None, encoding="utf-8"):
    lines = [";".join(labels)]
    for row in rows() if data is None else data:
        lines.append(
            ";".join(
                str(c).replace(".", ",")
                if isinstance(c, float)
                else f"{c:,}".replace(",", ".")
                if isinstance(c, int)
                else str(c)
                for c in row
            )
        )
    return ("\r\n".join(lines) + "\r\n").encode(encoding)


def changed(index, column, value):
    data = rows()
    data[index][column] = value
    return data


GOOD.joinpath("y30r21_2024QMAT02.json").write_bytes(answer())
GOOD.joinpath("benchmark_cp1252.csv").write_bytes(csv(encoding="cp1252"))
GOOD.joinpath("benchmark_bom.csv").write_bytes(b"\xef\xbb\xbf" + csv())
full = answer()
BAD.joinpath("truncated.json").write_bytes(full[: len(full) // 2])
BAD.joinpath("y01a02_another_table.json").write_bytes(answer())
BAD.joinpath("another_table_inside.json").write_bytes(
    json.dumps(
        [
            {
                "Variables": [{"Label": "Area"}, {"Label": "Periode"}, {"Label": "Fuldtidspersoner"}],
                "Data": [["Ballerup", "2024M06", 497], ["Hele landet", "2024M06", 55000]],
            }
        ],
        ensure_ascii=False,
    ).encode()
)
BAD.joinpath("missing_label.json").write_bytes(
    answer([x for x in LABELS if not x.endswith("Faktisk antal")], [r[:4] + r[5:] for r in rows()])
)
BAD.joinpath("renamed_label.csv").write_bytes(
    csv([x if not x.endswith("Faktisk antal") else "Faktisk antal" for x in LABELS])
)
data = rows()
data.insert(3, list(data[0]))
BAD.joinpath("duplicate_rows.json").write_bytes(answer(data=data))
BAD.joinpath("unknown_area.json").write_bytes(answer(data=changed(1, 0, "Gladsakse")))
BAD.joinpath("unknown_period.json").write_bytes(answer(data=changed(1, 1, "2. kvt. 2024")))
BAD.joinpath("text_in_number.json").write_bytes(answer(data=changed(1, 4, "ca. 900")))
BAD.joinpath("suppressed_dots.json").write_bytes(answer(data=changed(1, 4, "..")))
BAD.joinpath("suppressed_dash.csv").write_bytes(csv(data=changed(1, 5, "-")))
BAD.joinpath("suppressed_x.json").write_bytes(answer(data=changed(1, 3, "x")))
BAD.joinpath("empty_cell.csv").write_bytes(csv(data=changed(1, 4, "")))
BAD.joinpath("null_value.json").write_bytes(answer(data=changed(1, 4, None)))
BAD.joinpath("empty.json").write_bytes(b"")
BAD.joinpath("utf16.csv").write_bytes(csv().decode().encode("utf-16"))
BAD.joinpath("mojibake.csv").write_bytes(csv(data=changed(1, 0, "Brøndby".encode().decode("cp1252"))))
BAD.joinpath("english_decimal_point.csv").write_bytes(csv(data=changed(1, 4, "900.5")))
BAD.joinpath("rank_99.json").write_bytes(answer(data=changed(1, 9, 99)))
BAD.joinpath("not_an_answer.json").write_bytes(
    b'{"Message":"Authorization has been denied for this request."}'
)
BAD.joinpath("wrong_cell_count.json").write_bytes(
    answer(data=changed(1, 9, 60)[:1] + [rows()[1][:8]] + rows()[2:])
)
BAD.joinpath("y99a02_unknown_table.json").write_bytes(answer())
BAD.joinpath("benchmark.xlsx").write_bytes(b"PK\x03\x04 not really a workbook")
BAD.joinpath("full_width_digits.json").write_bytes(answer(data=changed(1, 4, "４９５０")))
BAD.joinpath("negative_count.json").write_bytes(answer(data=changed(1, 4, -4950)))
BAD.joinpath("same_label_twice.json").write_bytes(
    answer([*LABELS, LABELS[4]], [[*row, row[4] + 1] for row in rows()])
)
BAD.joinpath("html_page.json").write_bytes(
    b"<!DOCTYPE html>\n<html><head><title>503 Service Unavailable</title></head>"
    b"<body><h1>Service Unavailable</h1></body></html>\n"
)
# Python itself will not write a number of 5 000 digits (nor json.loads read one).
BAD.joinpath("long_integer.json").write_bytes(
    answer(data=changed(1, 4, 123454321)).replace(b"123454321", b"9" * 5000)
)
BAD.joinpath("nested_cell.json").write_bytes(answer(data=changed(1, 4, [[4950]])))
print(sorted(p.name for p in BAD.iterdir()))
