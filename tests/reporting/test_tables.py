"""The figures tables keep django-tables2's sorting and paging, and render their cells without its per-cell
machinery: each cell says what django-tables2 itself would render."""

import re

from django.test import RequestFactory
from django.utils.html import strip_tags

from core.periods import Quarter
from reporting.selectors import strategy_figures
from reporting.tables import figures_table

from ..reporting_data import add_quarters


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
            assert _cells(table.cells_html(row.record)) == expected


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


# A row of the report as the committee reads it, pinned to the character: the row is built as plain text in
# Python, and what it says (escaping included) must not change with how it is built.
PINNED_ROWS = [
    (
        {"code": "F1.0", "name": "Ledige & <nye> \"borgere\" 'i' job", "unit": "pct", "unit_label": "pct",
         "decimals": 1, "is_key_figure": True, "is_breakdown": False, "year_to_date": True,
         "compared": "3.94", "actual": "4.1", "corrected_actual": "4.3", "corrected_status": "on_track",
         "target_min": "3.5", "target_max": "4.0", "status_obj": "close", "change_previous": "-0.25",
         "change_year": "0.6", "source": "demo", "is_demo": True, "comparison_cells": ["4.2", None]},
        (
        '<tr class="row-key"><th scope="row"><span class="tag">Nøgletal</span> F1.0 Ledige &amp; &lt;nye&gt; '
        '&quot;borgere&quot; &#x27;i&#x27; job <span class="unit">(pct)</span><span class="row-source">Kilde:'
        ' Demodata (opdigtet tal)</span></th><td class="num">3,9 %<span class="ytd"> år til dato</span> <span'
        ' class="correction"><span aria-hidden="true">†</span> Rettet efter låsning til 4,3 %</span></td><td '
        'class="num">3,5–4,0 %</td><td><span class="status status-close"><span class="status-symbol" aria-hid'
        'den="true">≈</span> tæt på</span></td><td class="num">−0,3 procentpoint</td><td class="num">+0,6 pro'
        'centpoint</td><td class="num">4,2 %</td><td class="num">–</td></tr>'
        ),
    ),
    (
        {"code": "F1.1", "name": "heraf unge", "unit": "antal", "unit_label": "antal", "decimals": 0,
         "is_key_figure": False, "is_breakdown": True, "actual": None, "target_min": None, "target_max": None,
         "status_obj": "no_data", "change_previous": None, "change_year": None,
         "source": "seed 003: Jobindsats <A&B>", "comparison_cells": []},
        (
        '<tr class=" row-breakdown"><th scope="row"><span class="visually-hidden">heraf </span>F1.1 heraf ung'
        'e <span class="unit">(antal)</span><span class="row-source">Kilde: Jobindsats &lt;A&amp;B&gt;</span>'
        '</th><td class="num">–</td><td class="num">–</td><td><span class="status status-no-data"><span class'
        '="status-symbol" aria-hidden="true">–</span> ingen data</span></td><td class="num">–</td><td class="'
        'num">–</td></tr>'
        ),
    ),
    (
        {"code": "F2.3", "name": "Sager", "unit": "antal", "unit_label": "antal", "decimals": 0,
         "actual": "1250", "corrected_actual": None, "target_min": "1000", "target_max": "1000",
         "status_obj": None, "change_previous": "0", "change_year": "-12", "source": ""},
        (
        '<tr class=""><th scope="row">F2.3 Sager <span class="unit">(antal)</span></th><td class="num">1.250<'
        '/td><td class="num">1.000</td><td></td><td class="num">0</td><td class="num">−12</td></tr>'
        ),
    ),
]  # fmt: skip


def test_a_report_row_reads_exactly_as_before_for_a_key_figure_a_breakdown_and_a_row_without_status():
    from indicators.status import Status
    from reporting.templatetags.portal import report_row

    for row, expected in PINNED_ROWS:
        row = dict(row)
        for field in ("status_obj", "corrected_status"):
            if row.get(field):
                row[field] = Status(row[field])
        assert report_row(row) == expected
