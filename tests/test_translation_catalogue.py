"""Every string marked for translation is in its catalogue, translated, not fuzzy, and compiled:
the check that keeps a new `{% translate %}` or `gettext()` from reaching a Spanish page in English.

It covers every catalogue of the project: the project's own (locale/) and each app's (<app>/locale/,
such as leads/locale). The strings are extracted afresh the way `make messages` does it (Django's
makemessages, which runs gettext's xgettext) from a copy of the sources in a temporary folder, so the
committed catalogues are never touched; the copy's .pot, the list of what the code marks today, is
compared with each committed .po, and each committed .mo with its .po."""

import os
import shutil
import subprocess
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import override_settings

ROOT = Path(__file__).resolve().parent.parent
# What the Makefile's MESSAGES_IGNORE leaves out of the project's catalogue: tools, tests, the apps
# with a catalogue of their own (leads: its own even before its locale/ lands) and the admin's
# wagtail-cache page. `x/**` and not `x/*`: makemessages reads `x/*` as any folder named x.
PROJECT_IGNORE = [".venv", "node_modules", "tests/**", "leads/**", "core/templates/wagtailcache/**"]
# Folders that hold no source worth copying for the extraction.
NOT_SOURCE = {".git", ".venv", "node_modules", "staticfiles", "media", "htmlcov", "test-results"}
SOURCE_SUFFIXES = {".py", ".html", ".txt"}
TRANSLATED_LANGUAGES = [
    code for code, _name in settings.LANGUAGES if code != settings.LANGUAGE_CODE
]


def catalogue_dirs() -> list[Path]:
    """The project's catalogue folder and every app's."""
    return [ROOT / "locale", *sorted(path for path in ROOT.glob("*/locale") if path.is_dir())]


def label(catalogue: Path) -> str:
    return str(catalogue.relative_to(ROOT))


def copy_sources(destination: Path) -> None:
    """The templates and modules makemessages reads, and the catalogues, without the rest."""
    for folder, subfolders, files in os.walk(ROOT):
        subfolders[:] = [
            name for name in subfolders if name not in NOT_SOURCE and not name.startswith(".")
        ]
        relative = Path(folder).relative_to(ROOT)
        in_locale = "locale" in relative.parts
        for name in files:
            if in_locale or Path(name).suffix in SOURCE_SUFFIXES:
                target = destination / relative / name
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(Path(folder) / name, target)


def extract(copy: Path, catalogue: str, ignore: list[str]) -> polib.POFile:
    """makemessages as `make messages` runs it for one catalogue, in the copy: its .pot, read at
    once (the next run deletes every .pot it can see)."""
    previous = Path.cwd()
    os.chdir(copy / Path(catalogue).parent)
    try:
        with override_settings(LOCALE_PATHS=[copy / "locale"]):
            call_command(
                "makemessages",
                locale=TRANSLATED_LANGUAGES,
                ignore_patterns=list(ignore),
                keep_pot=True,
                no_obsolete=True,
                verbosity=0,
            )
    finally:
        os.chdir(previous)
    pot = copy / catalogue / "django.pot"
    return polib.pofile(str(pot)) if pot.exists() else polib.POFile()


@pytest.fixture(scope="module")
def marked_strings(tmp_path_factory) -> dict[str, polib.POFile]:
    """What the code marks today, by catalogue folder ("locale", "leads/locale"): each a .pot. The
    project's from the top with PROJECT_IGNORE; an app's from inside the app, as the Makefile."""
    copy = tmp_path_factory.mktemp("catalogues")
    copy_sources(copy)
    return {
        label(catalogue): extract(
            copy, label(catalogue), PROJECT_IGNORE if catalogue == ROOT / "locale" else []
        )
        for catalogue in catalogue_dirs()
    }


def key(entry: polib.POEntry) -> tuple[str, str]:
    return (entry.msgctxt or "", entry.msgid)


def describe(keys) -> str:
    return "\n".join(
        f"  - {msgid!r}" + (f" (context {context!r})" if context else "")
        for context, msgid in sorted(keys)
    )


def committed(catalogue: Path, language: str) -> polib.POFile:
    path = catalogue / language / "LC_MESSAGES" / "django.po"
    assert path.exists(), f"{label(catalogue)} has no {language} catalogue: run `make messages`"
    return polib.pofile(str(path))


CATALOGUES = [
    pytest.param(catalogue, language, id=f"{label(catalogue)}-{language}")
    for catalogue in catalogue_dirs()
    for language in TRANSLATED_LANGUAGES
]


def test_the_project_catalogue_and_each_app_catalogue_are_checked():
    assert ROOT / "locale" in catalogue_dirs()
    assert TRANSLATED_LANGUAGES == ["es"]


@pytest.mark.parametrize(("catalogue", "language"), CATALOGUES)
def test_every_marked_string_is_in_the_catalogue(marked_strings, catalogue, language):
    marked = {key(entry) for entry in marked_strings[label(catalogue)]}
    present = {key(entry) for entry in committed(catalogue, language) if not entry.obsolete}
    missing = marked - present
    assert not missing, (
        f"{len(missing)} string(s) marked for translation are not in "
        f"{label(catalogue)}/{language}/LC_MESSAGES/django.po (run `make messages`, translate them, "
        f"and commit the .po and .mo):\n{describe(missing)}"
    )


@pytest.mark.parametrize(("catalogue", "language"), CATALOGUES)
def test_every_entry_is_translated_and_none_is_fuzzy(catalogue, language):
    untranslated = {
        key(entry)
        for entry in committed(catalogue, language)
        if not entry.obsolete and (not entry.translated() or entry.fuzzy)
    }
    assert not untranslated, (
        f"{len(untranslated)} entry(ies) of {label(catalogue)}/{language} have an empty or fuzzy "
        f"translation:\n{describe(untranslated)}"
    )


@pytest.mark.parametrize(("catalogue", "language"), CATALOGUES)
def test_the_catalogue_holds_no_string_the_code_no_longer_marks(
    marked_strings, catalogue, language
):
    marked = {key(entry) for entry in marked_strings[label(catalogue)]}
    present = {key(entry) for entry in committed(catalogue, language) if not entry.obsolete}
    stale = present - marked
    assert not stale, (
        f"{label(catalogue)}/{language} translates strings nothing marks any more (run "
        f"`make messages`):\n{describe(stale)}"
    )


@pytest.mark.parametrize(("catalogue", "language"), CATALOGUES)
def test_the_placeholders_of_each_translation_match_its_source(catalogue, language):
    po = catalogue / language / "LC_MESSAGES" / "django.po"
    result = subprocess.run(
        ["msgfmt", "--check", "--output-file=/dev/null", str(po)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize(("catalogue", "language"), CATALOGUES)
def test_the_committed_mo_is_compiled_from_the_committed_po(catalogue, language):
    folder = catalogue / language / "LC_MESSAGES"
    assert (folder / "django.mo").exists(), f"{label(catalogue)}: run `make messages`"

    def translations(catalogue_file) -> dict:
        return {
            key(entry): entry.msgstr_plural or entry.msgstr
            for entry in catalogue_file
            if entry.msgid and not entry.obsolete and "fuzzy" not in entry.flags
        }

    # msgfmt leaves fuzzy entries out; a .mo entry has no flags.
    compiled = translations(polib.mofile(str(folder / "django.mo")))
    source = translations(committed(catalogue, language))
    assert compiled == source, (
        f"{label(catalogue)}/{language}: django.mo is out of date with django.po: run "
        "`make messages` (or `manage.py compilemessages`) and commit the .mo"
    )
