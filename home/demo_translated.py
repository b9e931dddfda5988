"""The demo pages in the site's other languages, as wagtail-localize translations of the English
pages: the same thing an editor gets from "Translate this page", so an English edit later shows up
in the admin as a translation to update ("Sync translated pages"), exactly as for real content.

The translated text lives in gettext files, one per page and language:
`home/demo_translations/<language>/<English slug>.po`. Each entry's msgid is one piece of the English
page as wagtail-localize cuts it (a field, a paragraph, a block's text) and its msgstr the
translation; the same files are what a translator downloads and uploads in the admin (docs/
translation.md). Pages are matched by their English slug and translated parents first.
"""

from pathlib import Path

import polib
from django.db import transaction
from wagtail.models import Locale, Page
from wagtail_localize.models import (
    StringSegment,
    StringTranslation,
    Translation,
    TranslationSource,
)

TRANSLATIONS_DIR = Path(__file__).resolve().parent / "demo_translations"

# English slugs of the pages translated in the demo, parents before their children.
TRANSLATED_PAGES = [
    "home",
    "privacy",
    "contact",
    "self-check",
    "articles",
    "what-is-treatment-resistant-depression",
    "how-doctors-confirm-treatment-resistant-depression",
    "your-first-ketamine-infusion",
    "cost-and-insurance",
]


class IncompleteTranslation(Exception):
    """A demo translation file lacks text for part of its English page."""


def translation_file(language: str, slug: str) -> Path:
    return TRANSLATIONS_DIR / language / f"{slug}.po"


def demo_languages() -> list[str]:
    """The languages the demo has translations for (a folder each)."""
    return sorted(path.name for path in TRANSLATIONS_DIR.iterdir() if path.is_dir())


def translated_text(language: str, slug: str) -> dict[str, str]:
    """English text to translated text, from the page's file."""
    return {
        entry.msgid: entry.msgstr
        for entry in polib.pofile(str(translation_file(language, slug)))
        if entry.msgstr and not entry.obsolete and "fuzzy" not in entry.flags
    }


def translate_page(page: Page, locale: Locale, text: dict[str, str]) -> Page | None:
    """Create `page`'s translation into `locale` through wagtail-localize with `text`, and publish
    it. Nothing when it has one already (an editor's work is never overwritten)."""
    if page.get_translation_or_none(locale) is not None:
        return None
    source, _ = TranslationSource.get_or_create_from_instance(page)
    translation, _ = Translation.objects.get_or_create(
        source=source, target_locale=locale, defaults={"enabled": True}
    )
    segments = StringSegment.objects.filter(source=source).select_related("string", "context")
    missing = [segment.string.data for segment in segments if segment.string.data not in text]
    if missing:
        raise IncompleteTranslation(
            f"{translation_file(locale.language_code, page.slug)} has no translation of: "
            + "; ".join(repr(piece[:60]) for piece in missing)
        )
    for segment in segments:
        StringTranslation.objects.update_or_create(
            translation_of=segment.string,
            locale=locale,
            context=segment.context,
            defaults={"data": text[segment.string.data]},
        )
    # wagtail-localize publishes when the transaction commits, from the page as it was when
    # translated: publishing a parent after its children were added would write back its old tree
    # counts. Publishing the new revision here, from the page as it is now, avoids that.
    translation.save_target(publish=False)
    translated = page.get_translation(locale)
    translated.get_latest_revision().publish()
    return translated


def seed(home: Page) -> list[Page]:
    """Translate the demo pages into every language the demo has files for; returns the pages
    made this time (none on a second run)."""
    made = []
    english_pages = {
        page.slug: page
        for page in Page.objects.filter(
            locale=home.locale, slug__in=TRANSLATED_PAGES
        ).descendant_of(home, inclusive=True)
    }
    with transaction.atomic():
        for language in demo_languages():
            locale, _ = Locale.objects.get_or_create(language_code=language)
            for slug in TRANSLATED_PAGES:
                page = english_pages.get(slug)
                if page is None:
                    continue
                translated = translate_page(page.specific, locale, translated_text(language, slug))
                if translated is not None:
                    made.append(translated)
    return made
