"""In production the static files are collected with hashed names, compressed, and cached for a year."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

SERVE = """
import django
django.setup()
from django.templatetags.static import static
from django.test import Client
url = static("vendor/plotly.min.js")
response = Client(HTTP_ACCEPT_ENCODING="gzip").get(url)
cache_control = response["Cache-Control"].replace(" ", "")
print(url, response.status_code, cache_control, response.get("Content-Encoding", "-"))
"""


def test_production_serves_hashed_compressed_static_files_cached_for_a_year(tmp_path):
    env = os.environ | {
        "DEBUG": "False",
        "SECRET_KEY": secrets.token_urlsafe(60),
        "ALLOWED_HOSTS": "testserver",
        "SECURE_SSL_REDIRECT": "False",
        "STATIC_ROOT": str(tmp_path),
        "DJANGO_SETTINGS_MODULE": "strategy_portal.settings",
    }
    collect = subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--no-input"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert collect.returncode == 0, collect.stderr
    assert (tmp_path / "staticfiles.json").exists()
    assert list(tmp_path.glob("vendor/plotly.min.*.js.gz"))

    served = subprocess.run(
        [sys.executable, "-c", SERVE], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )
    url, status, cache_control, encoding = served.stdout.splitlines()[-1].split(" ", 3)
    assert url.startswith("/static/vendor/plotly.min.") and url != "/static/vendor/plotly.min.js"
    assert status == "200"
    assert "max-age=31536000" in cache_control and "immutable" in cache_control
    assert encoding == "gzip"
