"""An import file is checked for size and rows before it is parsed, and a page shows a first page of
problems: a small zip bomb or a million-line file is refused at once, with a Danish message."""

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from core import file_limits
from indicators.importing import FileRefused, figures_import
from indicators.models import Measurement, Unit

from .. import factories

pytestmark = pytest.mark.django_db
IMPORT = "/admin/indicators/measurement/import/"


@pytest.fixture
def strategy(settings, manager):
    strategy = factories.strategy()
    settings.PORTAL_MUNICIPALITY = strategy.municipality.slug
    area = factories.focus_area(strategy=strategy, number=2)
    factories.assign(manager, area)
    factories.indicator(focus_area=area, code="F2.0", unit=Unit.COUNT)
    return strategy


def workbook(rows: int, padding: int = 0) -> bytes:
    """A compressed Excel file of one sheet with `rows` rows (and `padding` bytes of whitespace)."""
    row = b'<row><c t="inlineStr"><is><t>F2.0</t></is></c></row>'
    sheet = (
        b'<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        b"<sheetData>" + row * rows + b" " * padding + b"</sheetData></worksheet>"
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", sheet)
    return buffer.getvalue()


def test_a_csv_file_of_a_million_lines_is_refused_before_it_is_parsed(manager, strategy):
    data = b"indikator;aar;kvartal;vaerdi\n" + b"F2.0;2024;1;5\n" * 1_000_000
    with pytest.raises(FileRefused, match="flere end 100.000 rækker"):
        figures_import(user=manager, data=data, filename="tal.csv")
    assert not Measurement.objects.exists()


def test_a_small_excel_file_that_unpacks_to_too_many_rows_is_refused(manager, strategy):
    data = workbook(file_limits.MAX_ROWS + 5)
    assert len(data) < 1024 * 1024
    with pytest.raises(FileRefused, match="flere end 100.000 rækker"):
        figures_import(user=manager, data=data, filename="tal.xlsx")


def test_an_excel_file_that_unpacks_to_too_much_is_refused(manager, strategy, monkeypatch):
    monkeypatch.setattr(file_limits, "MAX_UNPACKED_BYTES", 1024 * 1024)
    with pytest.raises(FileRefused, match="fylder for meget udpakket"):
        figures_import(user=manager, data=workbook(10, padding=2 * 1024 * 1024), filename="tal.xlsx")


def test_the_rows_of_an_excel_file_are_counted_across_unpacked_chunks(monkeypatch):
    monkeypatch.setattr(file_limits, "_CHUNK", 7)
    assert file_limits._workbook_rows(workbook(41)) == 40


def test_an_upload_over_the_size_limit_is_refused_before_it_is_read_or_parsed(
    client, manager, strategy, monkeypatch
):
    monkeypatch.setattr(file_limits, "MAX_BYTES", 100)
    upload = SimpleUploadedFile("tal.csv", b"indikator;aar;kvartal;vaerdi\n" + b"F2.0;2024;1;5\n" * 20)
    parsed = []
    monkeypatch.setattr("indicators.admin_entry.figures_import", lambda **kwargs: parsed.append(kwargs))
    client.force_login(manager)
    response = client.post(IMPORT, {"file": upload})
    assert "Filen er for stor" in response.content.decode()
    assert parsed == []


def test_a_file_of_many_bad_rows_shows_a_first_page_of_problems_and_the_count_of_the_rest(
    client, manager, strategy
):
    rows = b"".join(b"F2.0;2024;1;abc\n" for _ in range(250))
    client.force_login(manager)
    response = client.post(
        IMPORT, {"file": SimpleUploadedFile("tal.csv", b"indikator;aar;kvartal;vaerdi\n" + rows)}
    )
    page = response.content.decode()
    assert page.count("&#x27;abc&#x27;") == file_limits.PROBLEMS_SHOWN
    assert "og 150 fejl mere" in page
