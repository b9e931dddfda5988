"""Keeping seeded demo pages current without overwriting editors: `seed_demo` brings a page up to
the demo content in the code only while nobody but `seed_demo` has saved it.

How a page counts as edited: `seed_demo` saves its revisions without a user; any revision with a
user (an edit, a draft, a moderation step in the admin), or unpublishing it, marks the page as
the editors' own, and `seed_demo` leaves it alone for good and says so in the log."""

import logging

from wagtail.fields import StreamField
from wagtail.models import Page

logger = logging.getLogger(__name__)

UNCHANGED = "unchanged"
UPDATED = "updated"
KEPT_EDITORS_VERSION = "kept editors' version"


def edited_by_someone(page: Page) -> bool:
    """True once anyone other than seed_demo (which saves without a user) saved a revision, or
    someone unpublished the page (publishing the demo text would bring it back)."""
    return not page.live or page.revisions.exclude(user=None).exists()


def without_ids(data):
    """Stream data without the random block ids, which differ on every save."""
    if isinstance(data, dict):
        return {key: without_ids(value) for key, value in data.items() if key != "id"}
    if isinstance(data, list):
        return [without_ids(item) for item in data]
    return data


def stream_content(stream_value) -> list:
    """The stream's content in its stored form, so raw demo data and a saved page compare equal."""
    # A StreamValue keeps unread blocks in the raw form it was given (lists of plain values);
    # reading every block first makes get_prep_value write them all in the current form.
    list(stream_value)
    return without_ids(stream_value.get_prep_value())


def differs(page: Page, name: str, wanted) -> bool:
    field = page._meta.get_field(name)
    current = getattr(page, name)
    if isinstance(field, StreamField):
        return stream_content(current) != stream_content(field.stream_block.to_python(wanted))
    return current != wanted


def refresh_seeded_page(page: Page, fields: dict) -> str:
    """Give `page` the demo `fields` (name to value; StreamFields as raw block data) in a new
    published revision, unless it already has them or an editor has saved it."""
    page = page.specific
    changed = [name for name, wanted in fields.items() if differs(page, name, wanted)]
    if not changed:
        return UNCHANGED
    if edited_by_someone(page):
        logger.warning(
            "seed_demo kept the editors' version of page %s (%s); the demo content in the code "
            "differs in: %s",
            page.pk,
            page.url_path,
            ", ".join(changed),
        )
        return KEPT_EDITORS_VERSION
    for name in changed:
        setattr(page, name, fields[name])
    page.save_revision().publish()
    logger.info("seed_demo updated page %s (%s): %s", page.pk, page.url_path, ", ".join(changed))
    return UPDATED
