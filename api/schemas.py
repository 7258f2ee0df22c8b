"""The answers' shapes, for the OpenAPI schema (the answers themselves are written by api.output)."""

from __future__ import annotations

from typing import Literal

from ninja import Schema
from pydantic import Field


class Page[Row](Schema):
    count: int = Field(description="Rækker i alt med disse filtre.")
    limit: int
    offset: int
    results: list[Row]


class Problem(Schema):
    detail: str | list


class StrategyOut(Schema):
    id: int
    title: str
    status: Literal["in_force", "replaced"]
    adopted: str | None = Field(description="Vedtagelsesdatoen, ÅÅÅÅ-MM-DD.")
    municipality: str
    municipality_code: int | None
    in_force: bool


class FocusAreaOut(Schema):
    strategy: int
    number: int
    slug: str
    name: str
    goals: str


class IndicatorOut(Schema):
    strategy: int
    focus_area: str
    code: str
    name: str
    is_key_figure: bool
    parent: str | None = Field(description="Koden på den indikator, den er en heraf-del af.")
    direction: Literal["higher", "lower"]
    tolerance_pct: float
    source: str
    measure: str = Field(description="Målingens kode.")
    measure_name: str
    unit: str
    decimals: int
    measure_type: Literal["level", "flow"]
    measure_origin: Literal["jobindsats", "own"]
    jobindsats_table: str


class FigureOut(Schema):
    strategy: int
    focus_area: str
    indicator: str
    measure: str
    year: int
    quarter: int
    period: str = Field(description="Kvartalet, fx 2024K3.")
    value: float = Field(description="Den godkendte værdi.")
    unit: str
    basis: str = Field(description="official, preliminary eller own.")
    is_demo: bool
    commentary: str
    source: str


class TargetOut(Schema):
    strategy: int
    indicator: str
    measure: str
    year: int
    quarter: int | None = Field(description="Tomt for et årsmål.")
    value_min: float
    value_max: float
    unit: str
    comment: str
    source: str
    is_demo: bool


class OfficialValueOut(Schema):
    measure: str
    area: str = Field(description="Områdets kode (kommunekode, regionens eller hele landets).")
    period: str = Field(description="Som Jobindsats skriver den: 2024M06, 2024Q2, 2024, 2024QMAT02.")
    kind: Literal["M", "Q", "Y", "QMAT"]
    year: int
    number: int
    breakdown: str = Field(description="Opdelingens nøgle, fx Køn=Kvinder; tom for det hele tal.")
    value: float | None = Field(description="Tom, hvor kilden ikke offentliggjorde tallet.")
    release: str
    is_synthetic: bool


class AreaOut(Schema):
    code: str
    name: str
    kind: Literal["municipality", "region", "country"]
    region: str | None
