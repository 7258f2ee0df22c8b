"""The sortable table of all 98 municipalities on the comparison page (django-tables2, on one page)."""

from __future__ import annotations

from decimal import Decimal

import django_tables2 as tables
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from core import formats
from measures.comparison import Comparison

from .statistics_charts import OWN_MARK, PEER_MARK


class RankColumn(tables.Column):
    attrs = {"th": {"class": "num"}, "td": {"class": "num"}}

    def render(self, value, record):
        return _("%(rank)s af %(of)s") % {"rank": value, "of": record["of"]}

    def value(self, value, record):
        return value


class MunicipalityColumn(tables.Column):
    """The name, and for the own municipality and its peers a mark and a word: not told by colour alone."""

    def render(self, value, record):
        if record["is_own"]:
            return format_html('{} <span class="area-mark">{} {}</span>', value, OWN_MARK, _("kommunen"))
        if record["is_peer"]:
            return format_html(
                '{} <span class="area-mark">{} {}</span>', value, PEER_MARK, _("sammenligningsgruppen")
            )
        return value

    def value(self, value, record):
        return value


class ValueColumn(tables.Column):
    attrs = {"th": {"class": "num"}, "td": {"class": "num"}}

    def render(self, value, record):
        return formats.figure(value, record["unit"], record["decimals"])


class ComparisonTable(tables.Table):
    rank = RankColumn(verbose_name=_("Placering"), attrs=RankColumn.attrs, default="–", order_by="rank_sort")
    name = MunicipalityColumn(verbose_name=_("Kommune"))
    value = ValueColumn(verbose_name=_("Værdi"), attrs=ValueColumn.attrs, default="–", order_by="value_sort")
    region = tables.Column(verbose_name=_("Region"))
    source = tables.Column(verbose_name=_("Kilde og udgivelse"), orderable=False)

    class Meta:
        template_name = "includes/data_table.html"
        attrs = {"class": "data-table comparison-table", "id": "comparison-table"}
        row_attrs = {
            "class": lambda record: "own" if record["is_own"] else "peer" if record["is_peer"] else ""
        }
        sequence = ("rank", "name", "value", "region", "source")
        empty_text = _("Der er ingen officielle tal for kommunerne.")


# Municipalities without a value sort after those with one (ascending).
NO_RANK, NO_VALUE = 10**6, Decimal("1e20")


def comparison_rows(comparison: Comparison) -> list[dict]:
    measure = comparison.measure
    return [
        {
            "rank": row.rank,
            "rank_sort": NO_RANK if row.rank is None else row.rank,
            "value_sort": NO_VALUE if row.value is None else row.value,
            "of": comparison.ranked,
            "name": row.name,
            "value": row.value,
            "region": row.region,
            "unit": measure.unit,
            "decimals": measure.decimals,
            "is_own": row.is_own,
            "is_peer": row.is_peer,
            "source": formats.published_source(row.sources),
        }
        for row in comparison.rows
    ]


def comparison_table(comparison: Comparison, *, request, caption: str, value_name: str) -> ComparisonTable:
    value = ValueColumn(verbose_name=value_name, attrs=ValueColumn.attrs, default="–", order_by="value_sort")
    table = ComparisonTable(
        comparison_rows(comparison),
        extra_columns=[("value", value)],
        exclude=() if comparison.is_ranked else ("rank",),
    )
    table.caption = caption
    tables.RequestConfig(request, paginate=False).configure(table)
    return table
