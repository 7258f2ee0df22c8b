"""The figures tables keep django-tables2's sorting and paging, and render their cells without its per-cell
machinery: each cell says what django-tables2 itself would render."""

import re

from django.test import RequestFactory
from django.utils.html import strip_tags

from indicators.periods import Quarter
from reporting.selectors import strategy_figures
from reporting.tables import figures_table, row_cells

from .reporting_data import add_quarters


def _cells(html: str) -> list[str]:
    return [strip_tags(cell) for cell in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", html)]


def test_each_cell_is_what_django_tables2_renders_for_it(strategy):
    add_quarters(strategy, 10, after=Quarter(2024, 2))
    item = strategy_figures(strategy).indicator("F1.0")
    for query in ["", "?F1.0-page=2", "?F1.0-sort=-actual", "?F1.0-sort=status&F1.0-page=2"]:
        table = figures_table(item, request=RequestFactory().get("/" + query), caption="F1.0")
        rows = list(table.paginated_rows)
        assert rows
        for row in rows:
            expected = [strip_tags(str(row.get_cell(column.name))) for column in table.columns]
            assert _cells(row_cells(table, row.record)) == expected


def test_the_lean_table_is_sortable_and_paged_with_header_cells(strategy):
    add_quarters(strategy, 10, after=Quarter(2024, 2))
    item = strategy_figures(strategy).indicator("F1.0")
    request = RequestFactory().get("/?F1.0-page=2")
    html = figures_table(item, request=request, caption="F1.0").as_html(request)
    assert '<th scope="row"' in html
    assert 'aria-current="page">2<' in html
    assert "F1.0-sort=" in html
    assert html.count("<tr") == 1 + 4  # the header and the second page's four quarters


def test_the_report_rows_status_badge_is_the_status_include():
    from django.template import Context, Template
    from django.template.loader import render_to_string

    from indicators.status import Status

    badge = Template("{% load portal %}{% status_badge status %}")
    for status in Status:
        expected = render_to_string("includes/status.html", {"status": status})
        assert badge.render(Context({"status": status})) == expected.strip()


def test_a_report_row_shows_the_year_so_far_a_correction_its_status_and_comparisons():
    from django.utils.html import strip_tags

    from indicators.status import Status
    from reporting.templatetags.portal import report_cells

    row = {
        "unit": "antal", "decimals": 0, "year_to_date": True, "compared": "1250", "actual": "400",
        "corrected_actual": "1300", "corrected_status": Status.ON_TRACK, "target_min": "1000",
        "target_max": "1200", "status_obj": Status.CLOSE, "change_previous": "-20", "change_year": "35",
        "comparison_cells": ["1100", None],
    }  # fmt: skip
    html = report_cells(row)
    cells = [strip_tags(cell) for cell in re.findall(r"<td[^>]*>(.*?)</td>", html)]
    assert cells == [
        "1.250 år til dato † Rettet efter låsning til 1.300",
        "1.000–1.200",
        "≈ tæt på",
        "\u221220",
        "+35",
        "1.100",
        "–",
    ]
    assert html.count('<td class="num">') == 6  # every figure right-aligned, the status not


def test_a_row_of_a_report_frozen_before_some_fields_existed_still_shows():
    from indicators.status import Status
    from reporting.templatetags.portal import report_row

    row = {"code": "F1.0", "name": "Ledige", "unit": "antal", "unit_label": "antal", "decimals": 0,
           "actual": "12", "status_obj": Status.NO_TARGET}  # fmt: skip
    html = report_row(row)
    assert '<th scope="row">F1.0 Ledige <span class="unit">(antal)</span></th>' in html
    assert '<td class="num">12</td>' in html
