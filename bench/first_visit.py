"""A first visit to a page: the bytes a browser downloads, and the time until every chart is drawn.

Measured against a running portal, next to the same page with plotly.js's full bundle (the one the Python
plotly package ships) in its place, in the same run: bytes as served to a browser that accepts brotli and
gzip, and, in headless Chromium with an empty cache, the median time from navigation until the last chart
is drawn.

    python bench/first_visit.py http://127.0.0.1:8765 / --cookie 'sessionid=…' [--runs 7]
"""

import argparse
import gzip
import re
import statistics
import urllib.request
from pathlib import Path

import brotli
import plotly

FULL = Path(plotly.__file__).parent / "package_data" / "plotly.min.js"
BASIC = re.compile(r"/static/vendor/plotly-basic\.min[^\"']*\.js")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"]
DRAWN = """() => [...document.querySelectorAll('[data-chart]')]
    .every(element => element.classList.contains('js-plotly-plot'))"""


def fetch(url: str, cookie: str) -> tuple[bytes, str]:
    request = urllib.request.Request(url, headers={"Cookie": cookie, "Accept-Encoding": "br, gzip"})
    with urllib.request.urlopen(request, timeout=30) as response:
        return response.read(), response.headers.get("Content-Encoding", "-")


def transferred(base: str, path: str, cookie: str) -> dict[str, tuple[int, str]]:
    """Every resource of the page, with its size as sent and its encoding."""
    html, encoding = fetch(base + path, cookie)
    text = (gzip.decompress(html) if encoding == "gzip" else html).decode()
    sizes = {path: (len(html), encoding)}
    for url in sorted(set(re.findall(r'(?:src|href)="(/static/[^"]+)"', text))):
        body, encoding = fetch(base + url, cookie)
        sizes[url] = (len(body), encoding)
    return sizes


def chart_times(base: str, path: str, cookie: str, runs: int) -> dict[str, list[float]]:
    from playwright.sync_api import sync_playwright

    full = FULL.read_bytes()
    name, value = cookie.split("=", 1)
    times = {"basic": [], "full": []}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        for _ in range(runs):
            for bundle in times:  # interleaved, so a slow moment of the machine hits both alike
                context = browser.new_context(viewport={"width": 1366, "height": 900})
                context.add_cookies([{"name": name, "value": value, "url": base}])
                if bundle == "full":
                    context.route(
                        BASIC, lambda route: route.fulfill(body=full, content_type="text/javascript")
                    )
                page = context.new_page()
                page.goto(base + path)
                page.wait_for_function(DRAWN, polling=5, timeout=60_000)
                times[bundle].append(page.evaluate("performance.now()") / 1000)
                context.close()
        browser.close()
    return times


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("base")
    parser.add_argument("path")
    parser.add_argument("--cookie", default="")
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()

    sizes = transferred(args.base, args.path, args.cookie)
    total = sum(size for size, _ in sizes.values())
    basic = next(size for url, (size, _) in sizes.items() if BASIC.fullmatch(url))
    full = len(brotli.compress(FULL.read_bytes()))
    print(f"\n== first visit to {args.path} ==")
    for url, (size, encoding) in sizes.items():
        print(f"  {url:<60} {size / 1e6:6.3f} MB  {encoding}")
    times = chart_times(args.base, args.path, args.cookie, args.runs)
    basic_ms, full_ms = (statistics.median(times[bundle]) * 1000 for bundle in ("basic", "full"))
    print(f"  {'what':<44} {'basic bundle':>12} {'full bundle':>12} {'ratio':>6}")
    print(
        f"  {'bytes (brotli where whitenoise has it)':<44} {total / 1e6:9.2f} MB "
        f"{(total - basic + full) / 1e6:9.2f} MB {(total - basic + full) / total:5.1f}×"
    )
    print(
        f"  {'charts drawn, headless Chromium, median ms':<44} {basic_ms:12.0f} {full_ms:12.0f} "
        f"{full_ms / basic_ms:5.1f}×"
    )


if __name__ == "__main__":
    main()
