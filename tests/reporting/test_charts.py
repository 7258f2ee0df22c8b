"""Chart specs are plain dicts: each chart carries its traces and its own bit of layout, and the page sends
the layout its charts share once. Merged as static/js/charts.js merges them, every chart is what it was when
each chart carried its whole layout (recorded in tests/data/charts_before_shared_layout.json; its comparison
series renamed and restyled as the expected value since comparison series became official values)."""

import json
import re
from pathlib import Path

import pytest

from reporting import charts

from ..reporting_data import login, portal_strategy

RECORDED = json.loads(
    (Path(__file__).parent.parent / "data" / "charts_before_shared_layout.json").read_text()
)
SCRIPT = re.compile(r'<script id="([^"]+)" type="application/json">(.*?)</script>', re.S)


def merge(shared: dict, own: dict) -> dict:
    """What charts.js does: the chart's own layout over a copy of the page's shared one, key by key."""
    merged = json.loads(json.dumps(shared))
    for key, mine in own.items():
        theirs = merged.get(key)
        merged[key] = merge(theirs, mine) if isinstance(mine, dict) and isinstance(theirs, dict) else mine
    return merged


@pytest.mark.django_db
@pytest.mark.parametrize("path", list(RECORDED))
def test_every_chart_comes_out_as_it_did_with_a_layout_of_its_own(client, settings, committee_member, path):
    portal_strategy(settings, areas=2, indicators=2, quarters=6)
    html = login(client, committee_member).get(path).text
    scripts = dict((name, json.loads(text)) for name, text in SCRIPT.findall(html))
    shared = scripts.pop("chart-layout")
    assert shared["data"] == []
    specs = list(scripts.values())
    assert len(specs) == len(RECORDED[path]) > 0
    for spec, before in zip(specs, RECORDED[path], strict=True):
        assert spec["data"] == before["data"]
        assert merge(shared["layout"], spec["layout"]) == before["layout"]


@pytest.mark.django_db
def test_a_chart_carries_only_its_own_layout_and_the_page_sends_the_shared_one_once(
    client, settings, committee_member
):
    portal_strategy(settings, areas=2, indicators=2, quarters=6)
    html = login(client, committee_member).get("/fokusomraader/omraade-1/").text
    assert html.count('id="chart-layout"') == 1
    assert html.count('"paper_bgcolor"') == 1
    for name, text in SCRIPT.findall(html):
        if name != "chart-layout":
            assert set(json.loads(text)["layout"]) == {"xaxis", "yaxis"}


def test_a_spec_is_plain_data_for_json():
    for kind in (charts.SMALL, charts.FULL, charts.REPORT):
        spec = charts.page_spec(kind)
        assert json.loads(json.dumps(spec)) == spec
