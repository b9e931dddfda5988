"""The demo pages and topics in the site's other languages, as wagtail-localize translations of the
English ones: the same thing an editor gets from "Translate this page", so an English edit later shows up
in the admin as a translation to update ("Sync translated pages"), exactly as for real content.

The translated text lives in gettext files, one per page and language:
`home/demo_translations/<language>/<English slug>.po`, and the demo topics' in `topics.po` beside
them. Each entry's msgid is one piece of the English page or topic as wagtail-localize cuts it (a
field, a paragraph, a block's text) and its msgstr the translation; the same files are what a
translator downloads and uploads in the admin (docs/translation.md). Pages are matched by their
English slug and translated parents first; the topics are translated before the pages, so the
translated articles name the translated topics (blog's ArticlePage.keep_topics_in_own_locale).
"""

from pathlib import Path

import polib
from django.db import transaction
from wagtail.models import Locale, Page, TranslatableMixin
from wagtail_localize.models import (
    StringSegment,
    StringTranslation,
    Translation,
    TranslationSource,
)

from blog.demo_articles import TOPICS
from blog.models import Topic

TRANSLATIONS_DIR = Path(__file__).resolve().parent / "demo_translations"

# The file of the demo topics' translations, one for all of them.
TOPICS_FILE = "topics"

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
    return translate(page, locale, text, translation_file(locale.language_code, page.slug))


def translate(
    instance: TranslatableMixin, locale: Locale, text: dict[str, str], file: Path
) -> TranslatableMixin | None:
    """Create the translation of `instance` (a page or a topic) into `locale` through
    wagtail-localize with `text` (read from `file`), and publish it. Nothing when it has one
    already (an editor's work is never overwritten)."""
    if instance.get_translation_or_none(locale) is not None:
        return None
    source, _ = TranslationSource.get_or_create_from_instance(instance)
    translation, _ = Translation.objects.get_or_create(
        source=source, target_locale=locale, defaults={"enabled": True}
    )
    segments = StringSegment.objects.filter(source=source).select_related("string", "context")
    missing = [segment.string.data for segment in segments if segment.string.data not in text]
    if missing:
        raise IncompleteTranslation(
            f"{file} has no translation of: " + "; ".join(repr(piece[:60]) for piece in missing)
        )
    for segment in segments:
        StringTranslation.objects.update_or_create(
            translation_of=segment.string,
            locale=locale,
            context=segment.context,
            defaults={"data": text[segment.string.data]},
        )
    if not isinstance(instance, Page):
        # A topic has no drafts: saved as it is translated.
        translation.save_target(publish=True)
        return instance.get_translation(locale)
    # wagtail-localize publishes when the transaction commits, from the page as it was when
    # translated: publishing a parent after its children were added would write back its old tree
    # counts. Publishing the new revision here, from the page as it is now, avoids that.
    translation.save_target(publish=False)
    translated = instance.get_translation(locale)
    translated.get_latest_revision().publish()
    return translated


def translate_topics(home: Page, locale: Locale) -> list[Topic]:
    """Translate the demo topics into `locale` from its topics file; returns the topics made."""
    text = translated_text(locale.language_code, TOPICS_FILE)
    file = translation_file(locale.language_code, TOPICS_FILE)
    english_topics = Topic.objects.filter(
        locale=home.locale, slug__in=[topic["slug"] for topic in TOPICS]
    )
    made = [translate(topic, locale, text, file) for topic in english_topics]
    return [topic for topic in made if topic is not None]


def seed(home: Page) -> list[Page]:
    """Translate the demo topics and pages into every language the demo has files for; returns
    the pages made this time (none on a second run)."""
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
            translate_topics(home, locale)
            for slug in TRANSLATED_PAGES:
                page = english_pages.get(slug)
                if page is None:
                    continue
                translated = translate_page(page.specific, locale, translated_text(language, slug))
                if translated is not None:
                    made.append(translated)
    return made
