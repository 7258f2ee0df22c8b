"""Fetching from the Jobindsats API through a fake transport with recorded answers: never the network."""

import contextlib
import http.server
import json
import threading
import time
import urllib.error
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from measures.catalogue import load_catalogue
from measures.jobindsats import fetch
from measures.jobindsats.reader import read_answer, table_in_name
from measures.models import Measure, OfficialValue
from measures.periods import Period

pytestmark = [pytest.mark.slow, pytest.mark.django_db]
RECORDED = Path(settings.BASE_DIR) / "fixtures" / "jobindsats"
API = "https://api.example.invalid"


class FakeTransport:
    """Answers every request with a recorded response and remembers what was asked."""

    def __init__(self, answer: bytes | Exception):
        self.answer = answer
        self.requests = []

    def __call__(self, url, body, headers, timeout=fetch.TIMEOUT):
        self.requests.append((url, json.loads(body), headers))
        if isinstance(self.answer, Exception):
            raise self.answer
        return self.answer


@pytest.fixture
def api(settings, monkeypatch, administrator):
    load_catalogue()
    settings.JOBINDSATS_API_URL = API
    monkeypatch.setenv("JOBINDSATS_API_KEY", "test-nøgle")
    transport = FakeTransport((RECORDED / "y30r21_2024QMAT02.json").read_bytes())
    monkeypatch.setattr(fetch, "transport", transport)
    return transport


def test_fetch_asks_for_all_areas_the_periods_and_the_groups_the_measures_need(api, administrator, capsys):
    call_command(
        "import_jobindsats",
        "--fetch",
        "y30r21",
        "--period",
        "2023QMAT01-2024QMAT02",
        "--user",
        administrator.username,
    )
    [(url, body, headers)] = api.requests
    assert url == f"{API}/v2/data/y30r21/json"
    assert headers["Authorization"] == "test-nøgle"
    groups = body.pop("_ygrp_y30r21")
    assert sorted(groups) == [
        "A-dagpenge mv.",
        "Kontanthjælp mv.",
        "Sygedagpenge mv.",
        "Ydelsesgrupper i alt",
    ]
    assert body == {
        "area": "*",
        "period": ["2023QMAT01", "2023QMAT02", "2023QMAT03", "2023QMAT04", "2024QMAT01", "2024QMAT02"],
    }
    assert "9480 nye" in capsys.readouterr().out
    ballerup = OfficialValue.objects.get(
        measure__code="BM-PLACERING-IALT", area__name="Ballerup", year=2024, number=2
    )
    assert (ballerup.value, ballerup.release, ballerup.source) == (2, "2024QMAT02", "Jobindsats y30r21")


def test_a_monthly_table_is_asked_without_group_filters_and_the_answer_can_be_saved(
    api, administrator, tmp_path, capsys
):
    api.answer = (RECORDED / "y01a02_2024M12.json").read_bytes()
    saved = tmp_path / "y01a02.json"
    call_command(
        "import_jobindsats",
        "--fetch=y01a02",
        "--period=2024M01-2024M03,2024M04",
        f"--save={saved}",
        "--release=2025-01",
        "--dry-run",
        "--user",
        administrator.username,
    )
    [(_url, body, _headers)] = api.requests
    assert body == {"area": "*", "period": ["2024M01", "2024M02", "2024M03", "2024M04"]}
    assert saved.read_bytes() == api.answer
    assert "Intet er gemt." in capsys.readouterr().out
    assert not OfficialValue.objects.exists()
    call_command("import_jobindsats", str(saved), "--user", administrator.username, "--release=2025-01")
    assert OfficialValue.objects.filter(measure__code="Y01A02-FULDTID").count() == 12480


@pytest.mark.parametrize(
    ("change", "words"),
    [
        ("no_url", "Indstillingen JOBINDSATS_API_URL er ikke sat"),
        ("no_key", "Miljøvariablen JOBINDSATS_API_KEY er ikke sat"),
        ("no_period", "Vælg perioderne med --period"),
        ("refused", "Jobindsats afviste nøglen (HTTP 401)"),
        ("down", "Jobindsats kunne ikke nås: forbindelsen blev afvist"),
        ("error_answer", "Jobindsats svarede: Ukendt tabel"),
    ],
)
def test_a_fetch_that_cannot_be_made_says_why_and_writes_nothing(
    api, administrator, settings, monkeypatch, capsys, change, words
):
    period = ["--period", "2024QMAT02"]
    if change == "no_url":
        settings.JOBINDSATS_API_URL = ""
    elif change == "no_key":
        monkeypatch.delenv("JOBINDSATS_API_KEY")
    elif change == "no_period":
        period = []
    elif change == "refused":
        api.answer = urllib.error.HTTPError(API, 401, "Unauthorized", {}, None)
    elif change == "down":
        api.answer = urllib.error.URLError("forbindelsen blev afvist")
    else:
        api.answer = b'{"Message": "Ukendt tabel"}'
    with pytest.raises(CommandError) as refused:
        call_command("import_jobindsats", "--fetch", "y30r21", *period, "--user", administrator.username)
    assert words in str(refused.value) + capsys.readouterr().err
    if change in ("no_url", "no_key", "no_period"):
        assert api.requests == []  # nothing is sent without an address, a key and periods
    assert not OfficialValue.objects.exists()


def test_an_unknown_table_is_not_fetched(api, administrator):
    with pytest.raises(CommandError, match="Tabellen 'y99a02' kendes ikke"):
        call_command(
            "import_jobindsats", "--fetch", "y99a02", "--period", "2024M06", "--user", administrator.username
        )
    assert api.requests == []


def test_the_command_takes_files_or_a_fetch_not_both(api, administrator):
    with pytest.raises(CommandError, match="Angiv enten filer"):
        call_command("import_jobindsats", "--user", administrator.username)


@pytest.mark.parametrize(
    ("texts", "periods"),
    [
        (["2024M06"], ["2024M06"]),
        (["2024M11-2025M02"], ["2024M11", "2024M12", "2025M01", "2025M02"]),
        (["2023QMAT04-2024QMAT02"], ["2023QMAT04", "2024QMAT01", "2024QMAT02"]),
        (["2024Q3-2025Q1", "2024Q3"], ["2024Q3", "2024Q4", "2025Q1"]),
        (["2022,2023"], ["2022", "2023"]),
    ],
)
def test_periods_are_written_as_jobindsats_writes_them_singly_listed_or_as_ranges(texts, periods):
    assert fetch.periods_between(texts) == periods


@pytest.mark.parametrize(
    "text", ["2024M13", "2024QMAT05", "2024K2", "juni 2024", "2024M06-2024Q3", "2024M06-2024M01"]
)
def test_a_period_jobindsats_does_not_write_is_refused_by_name(text):
    with pytest.raises(ValueError, match="Perioden|interval"):
        fetch.periods_between([text])


@pytest.mark.parametrize(
    ("text", "period", "quarter"),
    [
        ("2024M06", "2024M06", (2024, 2)),
        ("2024QMAT02", "2024QMAT02", (2024, 2)),
        ("2024Q4", "2024Q4", (2024, 4)),
    ],
)
def test_a_period_counts_for_the_quarter_it_lies_in_or_ends_with(text, period, quarter):
    parsed = Period.parse(text)
    assert str(parsed) == period
    assert (parsed.quarter.year, parsed.quarter.quarter) == quarter


@pytest.mark.parametrize(
    ("name", "table"),
    [
        ("y30r21_2024QMAT02.json", "y30r21"),
        ("Y01A02.csv", "y01a02"),
        ("ptva02 juni.csv", "ptva02"),
        ("benchmark.json", None),
    ],
)
def test_a_saved_files_name_may_say_its_table(name, table):
    assert table_in_name(name) == table


def test_the_recorded_answers_are_what_the_api_returns(db):
    for path in RECORDED.glob("*.json"):
        answer = read_answer(path.read_bytes(), path.name)
        assert answer.labels[:2] == ["Area", "Periode"]
        assert all(len(cells) == len(answer.labels) for _row, cells in answer.rows)
    load_catalogue()
    labels = read_answer((RECORDED / "y30r21_2024QMAT02.json").read_bytes(), "y30r21.json").labels
    assert set(Measure.objects.filter(table="y30r21").values_list("label", flat=True)) <= set(labels)


class LocalServer:
    """A real HTTP server on 127.0.0.1 in a thread, answering with `answer(handler)` and remembering each
    request's method, path and headers."""

    def __init__(self, answer):
        self.requests = []
        server = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self):  # noqa: N802 (the standard library's name)
                self._answer()

            def do_GET(self):  # noqa: N802
                self._answer()

            def _answer(self):
                server.requests.append((self.command, self.path, dict(self.headers)))
                with contextlib.suppress(OSError):  # the portal hung up, as it should on a late answer
                    answer(self)

            def log_message(self, *args):
                pass

        self.http = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.http.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.http.server_port}"
        threading.Thread(target=self.http.serve_forever, daemon=True).start()

    def close(self):
        self.http.shutdown()
        self.http.server_close()


@pytest.fixture
def servers():
    started = []

    def start(answer):
        started.append(LocalServer(answer))
        return started[-1]

    yield start
    for server in started:
        server.close()


@pytest.fixture
def real_api(settings, monkeypatch, administrator):
    load_catalogue()
    monkeypatch.setenv("JOBINDSATS_API_KEY", "hemmelig-nøgle")
    settings.JOBINDSATS_FETCH_SECONDS = 1.5
    return settings


def _fetch_command(administrator):
    call_command(
        "import_jobindsats", "--fetch", "y30r21", "--period", "2024QMAT02", "--user", administrator.username
    )


@pytest.mark.parametrize("code", [301, 302, 303, 307, 308])
def test_a_redirect_is_refused_and_the_key_goes_nowhere_but_the_configured_address(
    real_api, servers, administrator, code
):
    recorded = (RECORDED / "y30r21_2024QMAT02.json").read_bytes()

    def elsewhere(handler):
        handler.send_response(200)
        handler.send_header("Content-Length", str(len(recorded)))
        handler.end_headers()
        handler.wfile.write(recorded)

    other = servers(elsewhere)

    def redirect(handler):
        handler.send_response(code)
        handler.send_header("Location", f"{other.url}/opsnappet")
        handler.send_header("Content-Length", "0")
        handler.end_headers()

    api = servers(redirect)
    real_api.JOBINDSATS_API_URL = api.url
    with pytest.raises(CommandError, match=f"omdirigering \\(HTTP {code}\\).*{other.url}/opsnappet"):
        _fetch_command(administrator)
    [(method, path, headers)] = api.requests
    assert (method, path, headers["Authorization"]) == ("POST", "/v2/data/y30r21/json", "hemmelig-nøgle")
    assert other.requests == []
    assert not OfficialValue.objects.exists()


@pytest.mark.parametrize("where", ["body", "headers"])
def test_a_server_that_drips_its_answer_is_given_up_at_the_deadline(real_api, servers, administrator, where):
    def drip(handler):
        if where == "body":
            handler.send_response(200)
            handler.send_header("Content-Length", "1000")
            handler.end_headers()
        else:
            handler.wfile.write(b"HTTP/1.1 200 OK\r\n")
        for _ in range(40):  # a byte every 0,25 s: 10 s in all, each read well inside any socket timeout
            handler.wfile.write(b" " if where == "body" else b"X")
            handler.wfile.flush()
            time.sleep(0.25)

    real_api.JOBINDSATS_API_URL = servers(drip).url
    start = time.monotonic()
    with pytest.raises(CommandError, match="svarede ikke færdigt inden for 1,5 sekunder"):
        _fetch_command(administrator)
    assert time.monotonic() - start < 8  # well before the 10 s the server drips for
    assert not OfficialValue.objects.exists()


def test_a_fetch_from_a_real_server_imports_its_answer(real_api, servers, administrator, capsys):
    recorded = (RECORDED / "y30r21_2024QMAT02.json").read_bytes()
    bodies = []

    def answer(handler):
        bodies.append(json.loads(handler.rfile.read(int(handler.headers["Content-Length"]))))
        handler.send_response(200)
        handler.send_header("Content-Type", "application/json")
        handler.end_headers()  # no length: the answer ends when the server closes the connection
        handler.wfile.write(recorded)
        handler.close_connection = True

    real_api.JOBINDSATS_API_URL = servers(answer).url + "/"
    _fetch_command(administrator)
    assert bodies[0]["period"] == ["2024QMAT02"]
    assert "9480 nye" in capsys.readouterr().out
