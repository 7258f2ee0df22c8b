"""A lighter first visit: plotly.js's basic bundle at the Python package's version, and compressed pages."""

import gzip
import json
import re

import pytest
from django.contrib.staticfiles import finders
from plotly.offline import get_plotlyjs_version

from ..reporting_data import login, portal_strategy

# The trace types plotly.js's basic bundle draws (plotly.js's dist/README: "basic").
BASIC_TRACES = {"scatter", "bar", "pie"}
PAGES = ["/", "/fokusomraader/omraade-1/", "/indikatorer/F1.0/", "/rapport/2024/2/"]


def _bundle_version(path: str) -> str:
    with open(path, encoding="utf-8") as bundle:
        header = bundle.read(200)
    return re.search(r"plotly\.js \(basic - minified\) v(\S+)", header).group(1)


def test_the_basic_bundle_is_the_plotly_js_version_the_charts_are_built_for():
    found = finders.find("vendor/plotly-basic.min.js")
    assert _bundle_version(found) == get_plotlyjs_version()


def test_the_basic_bundle_keeps_its_licence_beside_it():
    licence = finders.find("vendor/plotly-basic.LICENSE.txt")
    with open(licence, encoding="utf-8") as text:
        assert "MIT License" in text.read()


@pytest.mark.django_db
def test_every_chart_on_every_page_is_a_trace_the_basic_bundle_draws(client, settings, committee_member):
    portal_strategy(settings, areas=2, indicators=2, quarters=6)
    login(client, committee_member)
    types = set()
    for path in PAGES:
        html = client.get(path).text
        for spec in re.findall(r'<script id="[^"]+" type="application/json">(.*?)</script>', html, re.S):
            types |= {trace.get("type", "scatter") for trace in json.loads(spec)["data"]}
    assert types and types <= BASIC_TRACES


@pytest.mark.django_db
def test_pages_are_sent_compressed_to_a_browser_that_accepts_it(client, settings, committee_member):
    portal_strategy(settings, areas=2, indicators=2, quarters=6)
    login(client, committee_member)
    plain = client.get("/fokusomraader/omraade-1/")
    compressed = client.get("/fokusomraader/omraade-1/", headers={"accept-encoding": "gzip, br"})
    assert compressed["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in compressed["Vary"]
    body = gzip.decompress(compressed.content)
    assert len(compressed.content) < len(plain.content) / 4
    assert b"Fokusomr\xc3\xa5de 1" in body
