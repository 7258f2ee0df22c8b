"""Templates read without sideways scrolling: no line is wider than 160 characters, so a change to a page
shows as a small diff, and a long {% blocktranslate trimmed %} text is wrapped over several lines."""

from pathlib import Path

from django.apps import apps
from django.conf import settings

WIDEST = 160
# The target rows' period label in the indicator page is being replaced by the rows' own period_label, which
# wraps its line; until then that one line is let through.
BEING_REPLACED = "{% blocktranslate with quarter=target.quarter year=target.year %}"


def template_folders() -> list[Path]:
    """The project's templates/ and each of its own apps' (not installed packages')."""
    base = Path(settings.BASE_DIR)
    folders = [base / "templates"]
    for app in apps.get_app_configs():
        path = Path(app.path)
        if path.is_relative_to(base) and not path.relative_to(base).parts[0].startswith("."):
            folders.append(path / "templates")
    return [folder for folder in folders if folder.is_dir()]


def test_no_template_line_is_wider_than_160_characters():
    base = Path(settings.BASE_DIR)
    wide = [
        f"{path.relative_to(base)}:{number} is {len(line)} characters"
        for folder in template_folders()
        for path in sorted(folder.rglob("*.html"))
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if len(line) > WIDEST and BEING_REPLACED not in line
    ]
    assert wide == []


def test_the_project_templates_are_checked():
    folders = template_folders()
    assert Path(settings.BASE_DIR) / "templates" in folders
    assert sum(1 for folder in folders for _ in folder.rglob("*.html")) > 30
