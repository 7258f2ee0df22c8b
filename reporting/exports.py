"""Downloads: an indicator's figures as CSV or Excel, and the committee report as Excel."""

from __future__ import annotations

import csv
import io
from decimal import Decimal

import pandas as pd
from django.utils.translation import gettext as _

from core import formats
from indicators.spreadsheets import safe_cell

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _number(value) -> float | None:
    return None if value is None else float(value)


def figures_frame(figures, rows: list[dict]) -> pd.DataFrame:
    """An indicator's table rows as a DataFrame with Danish column names and plain numbers."""
    columns = {
        _("Kvartal"): [row["label"] for row in rows],
        _("Faktisk"): [_number(row["actual"]) for row in rows],
        _("Mål (fra)"): [_number(row["target_min"]) for row in rows],
        _("Mål (til)"): [_number(row["target_max"]) for row in rows],
        _("Status"): [str(row["status"].label) for row in rows],
        _("Ændring fra forrige kvartal"): [_number(row["change_previous"]) for row in rows],
        _("Ændring fra samme kvartal året før"): [_number(row["change_year"]) for row in rows],
    }
    for number, series in enumerate(figures.comparisons):
        columns[formats.series_label(series)] = [_number(row.get(f"comparison_{number}")) for row in rows]
    columns[_("Kommentar")] = [safe_cell(row["commentary"]) for row in rows]
    columns[_("Kilde")] = [safe_cell(row["source"]) for row in rows]
    columns[_("Opgørelse")] = [row["basis"] for row in rows]
    return pd.DataFrame(columns)


def figures_csv(figures, rows: list[dict]) -> bytes:
    """What a spreadsheet in the reader's language opens on a double-click: in Danish semicolons and
    decimal commas, in English commas and decimal points; no thousands separators; a byte-order mark."""
    frame = figures_frame(figures, rows)
    out = io.StringIO()
    decimal_sep, _thousands = formats.separators()
    writer = csv.writer(out, delimiter=";" if decimal_sep == "," else ",")
    writer.writerow(frame.columns)
    decimals = figures.indicator.measure.decimals
    for record in frame.itertuples(index=False):
        writer.writerow(
            [
                ("" if pd.isna(v) else formats.number(Decimal(str(v)), decimals, plain=True))
                if isinstance(v, float)
                else safe_cell(v)
                for v in record
            ]
        )
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def to_xlsx(sheets: dict[str, pd.DataFrame]) -> bytes:
    """One sheet per DataFrame, columns wide enough to read, header row frozen."""
    out = io.BytesIO()
    with pd.ExcelWriter(out, engine="openpyxl") as writer:
        for name, frame in sheets.items():
            sheet_name = name[:31]
            frame.to_excel(writer, sheet_name=sheet_name, index=False)
            sheet = writer.sheets[sheet_name]
            sheet.freeze_panes = "A2"
            for index, column in enumerate(frame.columns, start=1):
                longest = max([len(str(column))] + [len(str(v)) for v in frame[column].head(200)])
                sheet.column_dimensions[sheet.cell(row=1, column=index).column_letter].width = min(
                    max(10, longest + 2), 60
                )
    return out.getvalue()


def report_frame(report: dict) -> pd.DataFrame:
    """The committee report's rows (live or frozen) as one table."""
    records = []
    for area in report["areas"]:
        for row in area["rows"]:
            records.append(
                {
                    _("Fokusområde"): safe_cell(f"{area['number']}. {area['name']}"),
                    _("Kode"): safe_cell(row["code"]),
                    _("Indikator"): safe_cell(row["name"]),
                    _("Nøgletal"): _("ja") if row["is_key_figure"] else "",
                    _("Enhed"): safe_cell(row["unit_label"]),
                    _("Faktisk"): _number(row["actual"]),
                    _("Mål (fra)"): _number(row["target_min"]),
                    _("Mål (til)"): _number(row["target_max"]),
                    _("Sammenlignet"): _("år til dato") if row["year_to_date"] else _("kvartal"),
                    _("Status"): str(row["status_label"]),
                    _("Ændring fra forrige kvartal"): _number(row["change_previous"]),
                    _("Ændring fra samme kvartal året før"): _number(row["change_year"]),
                    _("Kommentar"): safe_cell(row["commentary"]),
                    _("Rettet efter låsning"): _number(row.get("corrected_actual")),
                    _("Kilde"): safe_cell(
                        formats.source_label(row.get("source", ""), demo=row.get("is_demo", False))
                    ),
                }
            )
    return pd.DataFrame.from_records(records)
