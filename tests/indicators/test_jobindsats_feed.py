"""Officiel statistik → Hent fra Jobindsats: an administrator fetches a table in the admin (from a fake
Jobindsats on 127.0.0.1), sees the dry run per measure and imports on confirmation; or uploads a saved answer.
The background tasks run at once here (tests/indicators/test_jobindsats_worker.py runs a real worker)."""

import datetime
import json

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.test import Client

from indicators import jobindsats_feed
from measures.models import JobindsatsFetch, OfficialValue, Table
from tests import official_statistics as stats
from tests.fake_jobindsats import KEY, FakeJobindsats, answer

pytestmark = pytest.mark.django_db
FETCH = "/admin/measures/table/hent/"
CATALOGUE = "/admin/measures/table/"
MARCH_5 = datetime.date(2025, 3, 5)
AREAS = 104  # the 98 municipalities, the five regions and Hele landet


@pytest.fixture
def api(settings, monkeypatch):
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
    monkeypatch.setattr(jobindsats_feed, "today", lambda: MARCH_5)
    monkeypatch.setenv("JOBINDSATS_API_KEY", KEY)
    with FakeJobindsats() as fake:
        settings.JOBINDSATS_API_URL = fake.url
        yield fake


@pytest.fixture
def admin(administrator):
    client = Client()
    client.force_login(administrator)
    return client


def _fetch(admin, table: str, *periods: str):
    response = admin.post(FETCH, {"table": table, "periods": list(periods), "periods_submit": "1"})
    assert response.status_code == 302, response.content.decode()
    return JobindsatsFetch.objects.get(pk=response.url.rstrip("/").rsplit("/", 1)[-1]), response.url


def test_the_page_offers_the_tables_and_the_periods_their_frequency_allows(api, admin):
    page = admin.get(FETCH).content.decode()
    assert "y01a02 A-dagpenge" in page and "y30r21 Benchmark" in page
    page = admin.get(FETCH, {"table": "y01a02"}).content.decode()
    assert 'value="2024M12"' in page and "december 2024" in page and 'value="2023M01"' in page
    assert 'value="2022M12"' not in page and 'value="2025M01"' not in page
    page = admin.get(FETCH, {"table": "y30r21"}).content.decode()
    assert 'value="2024QMAT03"' in page and 'value="2024M12"' not in page


def test_the_administrator_sees_the_dry_run_per_measure_and_imports_on_confirmation(
    api, admin, administrator
):
    stats.official_value(stats.measure(code="Y01A02-FULDTID"), stats.area(), "2024M12", 1, release="gammel")
    fetch, url = _fetch(admin, "y01a02", "2024M12", "2024M11")
    assert api.requests[0][1]["period"] == ["2024M11", "2024M12"]
    fetch.refresh_from_db()
    assert fetch.state == JobindsatsFetch.State.CHECKED and fetch.progress == 100
    counts = {"new": 2 * AREAS - 1, "revised": 1, "unchanged": 0, "locked": 0, "not_published": 0}
    assert fetch.counts == {"Y01A02-FULDTID": counts}
    assert OfficialValue.objects.count() == 1  # a dry run writes nothing
    page = admin.get(url).content.decode()
    assert "Hvad importen ville ændre, pr. måling" in page and "Y01A02-FULDTID" in page
    assert f'<td class="numeric">{2 * AREAS - 1}</td>' in page and 'value="Importér"' in page
    assert 'http-equiv="refresh"' not in page  # nothing is working: the page stops asking

    response = admin.post(f"{url}importer/")
    assert response.status_code == 302
    fetch.refresh_from_db()
    assert (fetch.state, fetch.confirmed_by, fetch.answer) == ("done", administrator, None)
    assert OfficialValue.objects.count() == 2 * AREAS
    revised = OfficialValue.objects.get(
        measure__code="Y01A02-FULDTID", area__code="151", year=2024, number=12
    )
    assert revised.release == "2024M12" and revised.value != 1
    page = admin.get(url).content.decode()
    assert "Importeret, pr. måling" in page and 'value="Importér"' not in page

    admin.post(f"{url}importer/")  # a second confirmation imports nothing more
    page = admin.get(url).content.decode()
    assert "allerede importeret" in page
    assert OfficialValue.objects.count() == 2 * AREAS


def test_a_queued_fetch_shows_its_progress_and_asks_again(api, admin, settings):
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}
    fetch, url = _fetch(admin, "y30r21", "2024QMAT02")
    page = admin.get(url).content.decode()
    assert 'http-equiv="refresh"' in page and "I kø" in page and "<progress" in page
    assert fetch.state == "queued" and not api.requests


def test_a_refused_key_fails_the_fetch_in_danish_and_nothing_is_stored(api, admin, monkeypatch):
    monkeypatch.setenv("JOBINDSATS_API_KEY", "forkert")
    fetch, url = _fetch(admin, "y01a02", "2024M12")
    fetch.refresh_from_db()
    assert fetch.state == "failed"
    assert "Jobindsats afviste nøglen (HTTP 401)" in admin.get(url).content.decode()
    assert not OfficialValue.objects.exists()


def test_periods_not_on_the_list_are_refused(api, admin):
    response = admin.post(FETCH, {"table": "y01a02", "periods": ["2015M01"], "periods_submit": "1"})
    assert response.status_code == 200 and not JobindsatsFetch.objects.exists()
    with pytest.raises(jobindsats_feed.FeedRefused, match="Vælg perioderne på listen"):
        jobindsats_feed.start_fetch(
            user=response.wsgi_request.user, table="y01a02", periods=["2015M01"], today=MARCH_5
        )


def test_an_uploaded_answer_is_checked_with_its_unpublished_cells(api, admin):
    parts = json.loads(answer("y01a02", ["2024M06"]))
    parts[0]["Data"][2][2] = ".."  # Ballerup's cell suppressed
    upload = SimpleUploadedFile("y01a02_2024M06.json", json.dumps(parts).encode())
    response = admin.post(FETCH, {"file": upload, "upload_submit": "1"})
    fetch = JobindsatsFetch.objects.get()
    assert response.url.endswith(f"/hent/{fetch.pk}/")
    assert fetch.state == "checked" and fetch.filename == "y01a02_2024M06.json"
    assert fetch.counts["Y01A02-FULDTID"] == {
        "new": AREAS,
        "revised": 0,
        "unchanged": 0,
        "locked": 0,
        "not_published": 1,
    }


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("y01a02_2024M06.json", b"ikke json", "JSON"),
        ("y01a02_2024M06.pdf", b"%PDF", "Filen skal være et svar fra Jobindsats"),
        ("tal.json", b"[]", "Filen siger ikke, hvilken Jobindsats-tabel den er fra"),
        ("y99a99_2024M06.json", b"[]", "Tabellen &#x27;y99a99&#x27; kendes ikke"),
    ],
)
def test_a_bad_upload_is_refused_in_danish_and_nothing_is_written(api, admin, name, data, message):
    response = admin.post(FETCH, {"file": SimpleUploadedFile(name, data), "upload_submit": "1"})
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not JobindsatsFetch.objects.exists() and not OfficialValue.objects.exists()


def test_only_an_administrator_may_fetch(api, manager, administrator):
    fetch = JobindsatsFetch.objects.create(table="y01a02", periods=["2024M12"], created_by=administrator)
    client = Client()
    client.force_login(manager)
    for url in (FETCH, CATALOGUE, f"{FETCH}{fetch.pk}/"):
        assert client.get(url).status_code == 403
    assert client.post(f"{FETCH}{fetch.pk}/importer/").status_code == 403
    assert "Hent fra Jobindsats" not in client.get("/admin/").content.decode()
    with pytest.raises(PermissionDenied, match="Kun en administrator"):
        jobindsats_feed.start_fetch(user=manager, table="y01a02", periods=["2024M12"], today=MARCH_5)
    assert JobindsatsFetch.objects.count() == 1


def test_the_catalogue_says_what_is_held_who_fetched_last_and_what_is_due(api, admin):
    fetch, url = _fetch(admin, "y01a02", "2024M12")
    admin.post(f"{url}importer/")
    index = admin.get("/admin/").content.decode()
    assert "Hent fra Jobindsats" in index
    page = admin.get(CATALOGUE).content.decode()
    row = page[page.index("y01a02 A-dagpenge") :].split("</tr>")[0]
    assert "december 2024" in row and "2024M12" in row and "admin-test" in row and "Ajour" in row
    row = page[page.index("y07a02") :].split("</tr>")[0]
    assert "december 2024 kan hentes" in row and "?table=y07a02" in row


def test_the_pages_are_english_on_an_english_admin(api, admin, settings):
    admin.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = admin.get(FETCH, {"table": "y01a02"}).content.decode()
    assert "Fetch from Jobindsats" in page and "Fetch and check" in page
    page = admin.get(CATALOGUE).content.decode()
    assert "Latest period" in page and "can be fetched" in page


def test_due_fetches_every_table_with_a_newer_period_and_a_second_run_does_nothing(
    api, administrator, monkeypatch, capsys
):
    # The catalogue holds the tables with recorded answers; on 15 October 2024 July 2024 and 2. kvt. 2024
    # (the moving year) are the latest Jobindsats should have published.
    Table.objects.exclude(code__in=["y01a02", "y30r21"]).delete()
    monkeypatch.setattr(jobindsats_feed, "today", lambda: datetime.date(2024, 10, 15))
    call_command("import_jobindsats", "--due", "--user", administrator.username)
    out = capsys.readouterr().out
    assert "y01a02 2022M08, " in out and "2024M07: " in out and "y30r21 2022QMAT03" in out
    stored, fetches = OfficialValue.objects.count(), JobindsatsFetch.objects.count()
    assert fetches == 2 and stored > 24 * AREAS
    assert set(JobindsatsFetch.objects.values_list("state", flat=True)) == {"done"}

    call_command("import_jobindsats", "--due", "--user", administrator.username)
    assert "Ingen tabel har en nyere periode at hente." in capsys.readouterr().out
    assert (OfficialValue.objects.count(), JobindsatsFetch.objects.count()) == (stored, fetches)
    assert len(api.requests) == 2


def test_due_says_which_tables_failed(api, administrator, monkeypatch):
    Table.objects.exclude(code__in=["y01a02", "y07a02"]).delete()
    api.failing = frozenset({"y07a02"})  # Jobindsats answers y07a02 with an error
    monkeypatch.setattr(jobindsats_feed, "today", lambda: datetime.date(2024, 10, 15))
    with pytest.raises(CommandError, match="1 tabeller kunne ikke hentes"):
        call_command("import_jobindsats", "--due", "--user", administrator.username)
    assert JobindsatsFetch.objects.get(table="y07a02").state == "failed"
    assert JobindsatsFetch.objects.get(table="y01a02").state == "done"
