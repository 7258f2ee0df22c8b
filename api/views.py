"""/api/v1/: the portal's approved figures and the official statistics, read-only, as JSON or CSV.

Each endpoint parses its filters, asks api.readers for rows and writes them with api.output; the OpenAPI
schema and its documentation page are served by the portal itself (/api/v1/openapi.json, /api/v1/docs).
"""

from __future__ import annotations

from typing import Literal

from django.db.models import QuerySet
from django.http import HttpResponse
from ninja import NinjaAPI, Query, Schema
from ninja.errors import AuthenticationError, Throttled
from pydantic import Field

from . import kept, output, readers
from .access import PerAddress, PerToken, Rates, TokenOrPublic
from .schemas import (
    AreaOut,
    FigureOut,
    FocusAreaOut,
    IndicatorOut,
    OfficialValueOut,
    Page,
    Problem,
    StrategyOut,
    TargetOut,
)

DESCRIPTION = """Kommunens godkendte tal og den officielle statistik, til Power BI, Excel og åbne data.

Kun godkendte tal: en kladde, et indsendt eller returneret tal og en rettelse, der venter på godkendelse,
kommer aldrig med. Åben for alle, når portalens tal er offentlige; ellers med en personlig API-nøgle fra en
administrator: `Authorization: Bearer <nøgle>`.

Hver liste kan hentes som JSON (en side ad gangen: `limit`, `offset`) eller som CSV (`format=csv` eller
`Accept: text/csv`; alle rækker, streamet; `headers=da` giver danske kolonnenavne). Tal er tal med punktum.
"""


class ReadApi(NinjaAPI):
    def get_openapi_schema(self, *args, **kwargs):
        """The token is optional in the schema: where PUBLIC_DASHBOARD is on, everybody may read."""
        schema = super().get_openapi_schema(*args, **kwargs)
        for operations in schema["paths"].values():
            for operation in operations.values():
                operation["security"] = [*operation.get("security", []), {}]
        return schema


api = ReadApi(
    title="Beskæftigelsesstrategi: læse-API",
    version="1",
    description=DESCRIPTION,
    urls_namespace="api-v1",
    auth=TokenOrPublic(),
    throttle=[Rates(PerToken(), PerAddress())],
    docs_url="/docs",
)

MAX_LIMIT = 10_000
ERRORS = {400: Problem, 401: Problem, 404: Problem, 422: Problem, 429: Problem}
# A quarter as the portal writes it (2024K3), a period as Jobindsats writes it (2024M06, 2024Q2, 2024,
# 2024QMAT02), within the portal's years.
QUARTER = r"^20[0-9]{2}K[1-4]$"
PERIOD = r"^20[0-9]{2}(M(0[1-9]|1[0-2])|Q[1-4]|QMAT0[1-4])?$"
# A code or a name: any text but a NUL, which the portal refuses in any address (operations.middleware).
TEXT = r"^[^\x00]*$"
CSV = {
    "responses": {
        200: {"content": {"text/csv": {"schema": {"type": "string", "description": "Rækkerne som CSV."}}}},
        # An address carrying a character no database can read (NUL) is refused by the portal before the
        # API sees it, with a line of text.
        400: {"content": {"text/html": {"schema": {"type": "string"}}}},
    }
}


@api.exception_handler(AuthenticationError)
def _unauthorized(request, exc):
    return api.create_response(request, {"detail": "Log ind, eller send en API-nøgle."}, status=401)


@api.exception_handler(Throttled)
def _throttled(request, exc):
    return api.create_response(
        request, {"detail": "For mange forespørgsler. Vent lidt, og prøv igen."}, status=429
    )


@api.exception_handler(readers.Refused)
def _refused(request, exc):
    return api.create_response(request, {"detail": str(exc)}, status=400)


@api.exception_handler(readers.NotShown)
def _not_shown(request, exc):
    return api.create_response(request, {"detail": str(exc)}, status=404)


class Listing(Schema):
    """Every list's own parameters: the page of a JSON answer, the format and the CSV's headings."""

    limit: int = Field(
        1000, ge=1, le=MAX_LIMIT, description="Rækker pr. side (JSON; CSV: alle, medmindre sat)."
    )
    offset: int = Field(0, ge=0, le=10**9)
    format: Literal["json", "csv"] | None = Field(None, description="Ellers efter Accept-headeren.")
    headers: Literal["en", "da"] = Field("en", description="CSV-kolonnernes navne: engelske eller danske.")


def _answer(request, listing: Listing, rows, cols, name: str, convert=None):
    """A page of JSON, or the CSV of every row (or of the page, when limit or offset is in the address),
    a query read in chunks (a server-side cursor on PostgreSQL), so that a million rows take no more memory
    than a thousand."""
    paged = "limit" in request.GET or "offset" in request.GET
    if output.wants_csv(request, listing.format):
        if paged:
            rows = _page(rows, listing)
        elif isinstance(rows, QuerySet):
            rows = rows.iterator(chunk_size=output.CSV_ROWS_PER_CHUNK)
        if convert is not None:
            rows = map(convert, rows)
        return output.csv_response(rows, cols, danish=listing.headers == "da", name=name)
    count = rows.count() if isinstance(rows, QuerySet) else len(rows)
    page = _page(rows, listing)
    if convert is not None:
        page = map(convert, page)
    return output.json_page(page, cols, count=count, limit=listing.limit, offset=listing.offset)


def _page(rows, listing: Listing):
    return rows[listing.offset : listing.offset + listing.limit]


@api.get(
    "/strategies",
    summary="Strategier",
    response={200: Page[StrategyOut], **ERRORS},
    openapi_extra=CSV,
    tags=["strategi"],
)
def strategies(request, listing: Query[Listing]):
    """The strategy in force and the replaced strategies and plans a reader may consult."""
    return _answer(request, listing, readers.strategy_rows(), readers.STRATEGY_COLUMNS, "strategies")


@api.get(
    "/focus-areas",
    summary="Fokusområder",
    response={200: Page[FocusAreaOut], **ERRORS},
    openapi_extra=CSV,
    tags=["strategi"],
)
def focus_areas(request, listing: Query[Listing], strategy: int | None = None):
    rows = readers.focus_area_rows(strategy=strategy)
    return _answer(request, listing, rows, readers.FOCUS_AREA_COLUMNS, "focus-areas")


@api.get(
    "/indicators",
    summary="Indikatorer og deres målinger",
    response={200: Page[IndicatorOut], **ERRORS},
    openapi_extra=CSV,
    tags=["strategi"],
)
def indicators(
    request,
    listing: Query[Listing],
    strategy: int | None = None,
    focus_area: str | None = Query(None, pattern=TEXT),
    indicator: str | None = Query(None, pattern=TEXT),
    measure: str | None = Query(None, pattern=TEXT),
):
    """The strategies' indicators with their measures (unit, decimals, type), in the pages' order."""
    rows = readers.indicator_rows(
        strategy=strategy, focus_area=focus_area, indicator=indicator, measure=measure
    )
    return _answer(request, listing, rows, readers.INDICATOR_COLUMNS, "indicators")


@api.get(
    "/figures",
    summary="Godkendte tal pr. kvartal",
    response={200: Page[FigureOut], **ERRORS},
    openapi_extra=CSV,
    tags=["tal"],
)
def figures(
    request,
    listing: Query[Listing],
    strategy: int | None = None,
    focus_area: str | None = Query(None, pattern=TEXT),
    indicator: str | None = Query(None, pattern=TEXT),
    measure: str | None = Query(None, pattern=TEXT),
    from_quarter: str | None = Query(None, pattern=QUARTER, description="Fra og med kvartalet, fx 2023K1."),
    to_quarter: str | None = Query(None, pattern=QUARTER, description="Til og med kvartalet, fx 2024K4."),
):
    """The approved figures per quarter (the published value only) of a strategy (the one in force unless
    `strategy` names another), as the committee's pages show them."""

    def answer():
        rows = readers.figure_rows(
            strategy=strategy, focus_area=focus_area, indicator=indicator, measure=measure,
            first=readers.quarter(from_quarter), last=readers.quarter(to_quarter),
        )  # fmt: skip
        return _answer(request, listing, rows, readers.FIGURE_COLUMNS, "figures")

    if output.wants_csv(request, listing.format):
        return answer()
    return HttpResponse(
        kept.kept_or_drawn(request, lambda: answer().content), content_type="application/json"
    )


@api.get(
    "/targets", summary="Mål", response={200: Page[TargetOut], **ERRORS}, openapi_extra=CSV, tags=["tal"]
)
def targets(
    request,
    listing: Query[Listing],
    strategy: int | None = None,
    indicator: str | None = Query(None, pattern=TEXT),
    measure: str | None = Query(None, pattern=TEXT),
    from_year: int | None = Query(None, ge=1900, le=2999),
    to_year: int | None = Query(None, ge=1900, le=2999),
):
    """The targets per year (quarter empty) or quarter; a single value has value_min = value_max."""
    rows = readers.target_rows(
        strategy=strategy, indicator=indicator, measure=measure, first_year=from_year, last_year=to_year
    )
    return _answer(request, listing, rows, readers.TARGET_COLUMNS, "targets")


@api.get(
    "/official-values",
    summary="Officielle tal (Jobindsats)",
    response={200: Page[OfficialValueOut], **ERRORS},
    openapi_extra=CSV,
    tags=["statistik"],
)
def official_values(
    request,
    listing: Query[Listing],
    measure: str | None = Query(None, pattern=TEXT),
    area: str | None = Query(None, pattern=TEXT, description="Områdets kode, fx 151."),
    kind: Literal["M", "Q", "Y", "QMAT"] | None = None,
    from_period: str | None = Query(
        None, pattern=PERIOD, description="Fra og med perioden, fx 2023M01 (kun perioder af dens type)."
    ),
    to_period: str | None = Query(
        None, pattern=PERIOD, description="Til og med perioden, fx 2024M12 (kun perioder af dens type)."
    ),
    breakdown: str | None = Query(
        None, pattern=TEXT, description="Opdelingens nøgle, fx Køn=Kvinder; 'hele' for det hele tal."
    ),
    dimensions: str | None = Query(
        None, pattern=TEXT, description="Opdelingernes dimensioner, fx Køn eller Alder|Køn."
    ),
):
    """The official values (Jobindsats) per measure, area, period and breakdown, as the source published
    them; a value the source suppressed has none."""
    rows = readers.official_rows(
        measure=measure, area=area, kind=kind, breakdown=breakdown, dimensions=dimensions,
        first=readers.period(from_period), last=readers.period(to_period),
    )  # fmt: skip
    return _answer(
        request, listing, rows, readers.OFFICIAL_COLUMNS, "official-values", convert=readers.official_row
    )


@api.get(
    "/areas",
    summary="Områder",
    response={200: Page[AreaOut], **ERRORS},
    openapi_extra=CSV,
    tags=["statistik"],
)
def areas(request, listing: Query[Listing], kind: Literal["municipality", "region", "country"] | None = None):
    """The 98 municipalities, the regions and Hele landet, by code."""
    return _answer(request, listing, readers.area_rows(kind=kind), readers.AREA_COLUMNS, "areas")
