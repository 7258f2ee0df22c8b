"""In production the static files are collected with hashed names, compressed (brotli and gzip), and cached
for a year."""

import pytest

from ..production import run_in_production

pytestmark = pytest.mark.slow  # left out of make test-fast


SERVE = """
import django
django.setup()
from django.templatetags.static import static
from django.test import Client

url = static("vendor/plotly-basic.min.js")
response = Client(HTTP_ACCEPT_ENCODING="gzip, br").get(url)
cache_control = response["Cache-Control"].replace(" ", "")
print(url, response.status_code, cache_control, response.get("Content-Encoding", "-"))
"""


def test_production_serves_hashed_compressed_static_files_cached_for_a_year(tmp_path):
    production = {"ALLOWED_HOSTS": "testserver", "SECURE_SSL_REDIRECT": "False", "STATIC_ROOT": str(tmp_path)}
    collect = run_in_production("manage.py", "collectstatic", "--no-input", timeout=300, **production)
    assert collect.returncode == 0, collect.stderr
    assert (tmp_path / "staticfiles.json").exists()
    assert list(tmp_path.glob("vendor/plotly-basic.min.*.js.gz"))
    assert list(tmp_path.glob("vendor/plotly-basic.min.*.js.br"))

    served = run_in_production("-c", SERVE, **production)
    url, status, cache_control, encoding = served.stdout.splitlines()[-1].split(" ", 3)
    assert url.startswith("/static/vendor/plotly-basic.min.") and url != "/static/vendor/plotly-basic.min.js"
    assert status == "200"
    assert "max-age=31536000" in cache_control and "immutable" in cache_control
    assert encoding == "br"
