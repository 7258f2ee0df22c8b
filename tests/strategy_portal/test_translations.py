"""English beside Danish: every catalogue entry is translated and none is a guess (fuzzy), each translation
keeps its msgid's placeholders, every string the templates translate is in a catalogue, and a reader who
chooses English reads the benchmark, the comparison and the admin's official statistics in English."""

import ast
import re
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.utils import translation

from core import formats
from measures.own import COMPANIONS

from .. import statistics_data
from ..reporting_data import login

BASE_DIR = Path(settings.BASE_DIR)
# A %-placeholder: %% (a literal per cent sign), %(name)s or a positional %s, %d, %.1f …
SPEC = re.compile(r"%(?:(%)|\((\w+)\)[#0\- +]*\d*(?:\.\d+)?([a-zA-Z])|[#0\- +]*\d*(?:\.\d+)?([a-zA-Z]))")
TEMPLATE_STRING = re.compile(r"""\{%\s*(?:translate|trans)\s+("(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*')""")


def catalogues() -> list[Path]:
    """The portal's own .po files: the project's locale/ and each of its apps' (not installed packages')."""
    folders = [Path(path) for path in settings.LOCALE_PATHS]
    for app in apps.get_app_configs():
        path = Path(app.path)
        inside = path.is_relative_to(BASE_DIR) and not path.relative_to(BASE_DIR).parts[0].startswith(".")
        if inside:
            folders.append(path / "locale")
    return sorted({po for folder in folders for po in folder.glob("*/LC_MESSAGES/*.po")})


def read_po(path: Path) -> list[dict]:
    """The live entries of a .po file (obsolete #~ entries left out): msgid, msgid_plural, msgstr (a list, one
    per plural form), flags and the line where the entry starts."""
    entries, entry, field = [], None, None

    def close():
        if entry is not None and "msgid" in entry:
            entries.append(entry)

    for number, line in enumerate([*path.read_text(encoding="utf-8").splitlines(), ""], start=1):
        if not line.strip() or line.startswith("#~"):
            close()
            entry = None
            continue
        if entry is None:
            entry = {"line": number, "flags": set(), "msgstr": {}}
        if line.startswith("#,"):
            entry["flags"] |= {flag.strip() for flag in line[2:].split(",")}
        elif line.startswith("#"):
            continue
        elif match := re.match(r"(msgctxt|msgid_plural|msgid|msgstr(?:\[(\d+)\])?)\s+(\".*\")$", line):
            keyword, form, text = match.groups()
            field = ("msgstr", int(form or 0)) if keyword.startswith("msgstr") else keyword
            _store(entry, field, ast.literal_eval(text))
        elif line.startswith('"'):
            _store(entry, field, ast.literal_eval(line), append=True)
    for entry in entries:
        entry["msgstr"] = [entry["msgstr"][form] for form in sorted(entry["msgstr"])]
    return entries


def _store(entry, field, text, append=False):
    if isinstance(field, tuple):
        entry["msgstr"][field[1]] = entry["msgstr"].get(field[1], "") + text if append else text
    else:
        entry[field] = entry.get(field, "") + text if append else text


def placeholders(text: str) -> tuple[frozenset[str], tuple[str, ...]]:
    """The named placeholders (as a set) and the positional ones (in order); %% is text, not a placeholder."""
    named, positional = set(), []
    for literal, name, named_type, positional_type in SPEC.findall(text):
        if literal:
            continue
        if name:
            named.add(f"%({name}){named_type}")
        else:
            positional.append(f"%{positional_type}")
    return frozenset(named), tuple(positional)


def problems(path: Path) -> list[str]:
    found = []
    for entry in read_po(path):
        if not entry["msgid"]:
            continue  # the header
        shown = path.relative_to(BASE_DIR) if path.is_relative_to(BASE_DIR) else path.name
        where = f"{shown}:{entry['line']} {entry['msgid'][:60]!r}"
        if "fuzzy" in entry["flags"]:
            found.append(f"{where}: fuzzy (a guessed translation)")
        if not entry["msgstr"] or not all(entry["msgstr"]):
            found.append(f"{where}: not translated")
            continue
        if "python-format" not in entry["flags"]:
            continue
        for form, text in enumerate(entry["msgstr"]):
            source = entry["msgid"] if form == 0 else entry.get("msgid_plural", entry["msgid"])
            if placeholders(text) != placeholders(source):
                found.append(f"{where}: placeholders {sorted(placeholders(text)[0])} differ from the msgid's")
                continue
            names, positional = placeholders(source)
            values = {name[2:-2]: 1 for name in names} if names else (1,) * len(positional)
            try:
                text % values
            except (TypeError, ValueError, KeyError) as error:
                found.append(f"{where}: cannot be formatted ({error})")
    return found


def test_the_portal_has_its_english_and_danish_catalogues():
    names = {str(po.relative_to(BASE_DIR)) for po in catalogues()}
    assert {
        "locale/en/LC_MESSAGES/django.po",
        "locale/da/LC_MESSAGES/django.po",
        "indicators/locale/en/LC_MESSAGES/django.po",
        "focusareas/locale/en/LC_MESSAGES/django.po",
    } <= names


@pytest.mark.parametrize("po", catalogues(), ids=lambda po: str(po.relative_to(BASE_DIR)))
def test_every_entry_is_translated_not_fuzzy_and_keeps_its_placeholders(po):
    assert problems(po) == []


def test_the_checker_finds_an_untranslated_a_fuzzy_and_a_misplaced_placeholder(tmp_path):
    po = tmp_path / "django.po"
    po.write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        'msgid "Gem"\nmsgstr ""\n\n'
        '#, fuzzy\nmsgid "Indsend"\nmsgstr "Save"\n\n'
        '#, python-format\nmsgid "%(rank)s. plads af %(of)s"\nmsgstr "%(place)s of %(of)s"\n\n'
        '#, python-format\nmsgid "%(share)s %% godkendt"\nmsgstr "%(share)s approved (%)"\n\n'
        '#, python-format\nmsgid "%(n)s plads frem"\nmsgid_plural "%(n)s pladser frem"\n'
        'msgstr[0] "%(n)s place up"\nmsgstr[1] ""\n\n'
        '#, python-format\nmsgid "%(quarter)s. kvt. %(year)s"\nmsgstr "Q%(quarter)s %(year)s"\n\n'
        '#~ msgid "Gammel"\n#~ msgstr ""\n',
        encoding="utf-8",
    )
    found = problems(po)
    assert [message.split(" ", 1)[1].split(": ", 1)[0] for message in found] == [
        "'Gem'", "'Indsend'", "'%(rank)s. plads af %(of)s'", "'%(share)s %% godkendt'", "'%(n)s plads frem'",
    ]  # fmt: skip
    assert "not translated" in found[0] and "fuzzy" in found[1] and "placeholders" in found[2]
    assert "cannot be formatted" in found[3]


def test_every_string_the_templates_translate_is_in_a_catalogue():
    """A makemessages run that skips a folder (an ignore pattern matches every folder of that name) drops its
    strings from the catalogue; they would then show in Danish on the English pages."""
    english = {entry["msgid"] for po in catalogues() if "/en/" in po.as_posix() for entry in read_po(po)}
    used = {
        (template.relative_to(BASE_DIR).as_posix(), ast.literal_eval(literal))
        for template in (BASE_DIR / "templates").rglob("*.html")
        for literal in TEMPLATE_STRING.findall(template.read_text(encoding="utf-8"))
    }
    assert len(used) > 150
    assert sorted((where, text) for where, text in used if text not in english) == []


def test_comparison_series_named_as_data_read_in_english():
    with translation.override("en"):
        assert formats.series_label("Hele landet") == "The whole country"
        assert formats.series_label("national") == "The whole country"  # a report frozen before
        assert formats.series_label("Sammenligningsgruppe") == "Peer group"
        assert [formats.series_label(label) for _words, label in COMPANIONS.values()] == [
            "Expected (benchmark)", "Expected (estimate)",
        ]  # fmt: skip
        assert formats.series_label("Region Hovedstaden") == "Region Hovedstaden"  # an area keeps its name
    assert formats.series_label("Hele landet") == "Hele landet"


@pytest.fixture
def statistics(strategy):
    statistics_data.link_ballerup(strategy.municipality)
    statistics_data.add_monthly(months=6, code=statistics_data.RATE)
    statistics_data.add_benchmark(periods=2)
    statistics_data.use_measures(strategy, {"F1.0": "BM-FORSKEL-IALT", "F2.0": statistics_data.RATE})
    return strategy


def _in_english(client, user):
    login(client, user).post("/i18n/setlang/", {"language": "en", "next": "/"})
    return client


def _read(client, url: str) -> str:
    response = client.get(url, HTTP_ACCEPT_LANGUAGE="da")  # the chosen language wins over the browser's
    assert response.status_code == 200
    html = response.text
    assert '<html lang="en"' in html
    return html


def test_the_benchmark_in_english(client, statistics, committee_member):
    html = _read(_in_english(client, committee_member), "/benchmark/")
    for words in ["rank 2 of 98", "220 fewer than expected", "from rank 22 to 10", "Q3 2023 – Q2 2024"]:
        assert words in html
    for words in ["plads af", "færre end forventet", "3. kvt. 2023", "Placering"]:
        assert words not in html


def test_the_comparison_in_english(client, statistics, committee_member):
    client = _in_english(client, committee_member)
    index = _read(client, "/sammenligning/")
    assert "Comparison with other municipalities" in index and "Sammenligning med andre kommuner" not in index
    html = _read(client, "/sammenligning/F2.0/")
    for words in ["all municipalities", "The whole country", "The peer group"]:
        assert words in html
    assert "The whole country: " in html  # the chart's reference line
    for words in ["alle kommuner", "Hele landet", "i gennemsnit pr. kommune", "gns. pr. kommune", "(brun)"]:
        assert words not in html
    assert "Region Hovedstaden" in html  # an area keeps its name


@pytest.mark.parametrize(
    ("url", "english", "danish"),
    [
        ("/admin/",
         ["Official statistics", "Official figures", "Enter the quarter's figures", "figures are missing."],
         ["Officiel statistik", "Officielle tal", "Indtast kvartalets tal", "Mangler alle dine"]),
        ("/admin/measures/officialvalue/", ["By period type", "moving year", "month", "the whole country"],
         ["periodetype", "løbende år", "måned", "hele landet"]),
        ("/admin/measures/measure/", ["Measures", "full-time persons", "Jobindsats table"],
         ["Målinger", "Jobindsats-tabel", "måletype"]),
        ("/admin/measures/area/", ["Areas", "the whole country", "municipality"], ["Områder", "kommune<"]),
    ],
)  # fmt: skip
def test_the_admins_official_statistics_in_english(client, statistics, administrator, url, english, danish):
    html = _read(_in_english(client, administrator), url)
    for words in english:
        assert words in html
    for words in danish:
        assert words not in html
