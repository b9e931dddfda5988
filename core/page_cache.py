"""The full-page cache around wagtail-cache: what purges it, and the shared data every page reads
(site settings, navigation, the list of private pages) kept in the same cache between changes.

Everything here lives in the "pages" cache (Redis in production, shared by every web process),
so one purge makes every process render fresh pages. A purge runs at once and again when the
transaction that made the change commits: at once so this process never serves what it just
changed, after the commit so no other process can cache the old version in between.
"""

import logging

from django.conf import settings
from django.core.cache import caches
from django.db import transaction
from django.db.models import Q
from django.db.models.signals import post_delete, post_save
from django.utils.cache import patch_cache_control
from wagtail.contrib.settings.models import BaseSiteSetting
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

logger = logging.getLogger(__name__)

PAGE_CACHE_ALIAS = "pages"
CACHE_STATUS_HEADER = "X-Page-Cache"


def page_cache():
    return caches[PAGE_CACHE_ALIAS]


def purge_now() -> None:
    page_cache().clear()


def purge_pages(reason: str) -> None:
    """Drop every cached page and the shared page data, now and after the current commit."""
    logger.debug("Page cache purged: %s", reason)
    purge_now()
    transaction.on_commit(purge_now)


def cached(key: str, compute):
    """`compute()`, kept in the page cache under `key` until the next purge."""
    store = page_cache()
    value = store.get(key)
    if value is None:
        value = compute()
        store.set(key, value, None)
    return value


def cached_site_setting(setting_class, site):
    """A site setting read once per purge instead of once per page view."""
    key = f"setting:{setting_class._meta.label_lower}:{site.pk}"
    return cached(key, lambda: setting_class.uncached_for_site(site))


def cache_site_setting_lookups(setting_class) -> None:
    """Make `setting_class.for_site` (which Wagtail's `settings` context processor and
    wagtail-seo call on every page) read through the page cache."""
    if hasattr(setting_class, "uncached_for_site"):
        return
    setting_class.uncached_for_site = setting_class.for_site
    setting_class.for_site = classmethod(
        lambda cls, site: (
            cached_site_setting(cls, site) if site is not None else cls.uncached_for_site(site)
        )
    )


def private_page_paths() -> list[str]:
    """Tree paths of the pages with a view restriction (their subpages are private too)."""
    return cached(
        "private-page-paths",
        lambda: sorted(PageViewRestriction.objects.values_list("page__path", flat=True)),
    )


def public_pages_q() -> Q:
    """A filter for pages no view restriction covers: Wagtail's `.public()`, with the list of
    restrictions read from the cache instead of the database."""
    private = Q()
    for path in private_page_paths():
        private |= Q(path__startswith=path)
    return ~private if private else Q()


def site_by_id(site_id: int) -> Site:
    return cached(f"site:{site_id}", lambda: Site.objects.get(id=site_id))


def menu_items(site: Site, request) -> list[dict]:
    """The main navigation: live, public pages directly under the site root marked "Show in
    menus", as title, address and id."""

    def build():
        pages = site.root_page.get_children().live().in_menu().filter(public_pages_q())
        return [
            {"pk": page.pk, "title": page.title, "url": page.get_url(request)} for page in pages
        ]

    return cached(f"menu:{site.pk}", build)


class PageBrowserLifetimeMiddleware:
    """Tell browsers to keep a page from the page cache only briefly (PAGE_BROWSER_MAX_AGE).

    wagtail-cache gives browsers the server-side lifetime (a day), but a purge cannot reach a
    browser's own cache: a changed crisis message must not wait a day there."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.get(CACHE_STATUS_HEADER) in ("hit", "miss"):
            del response["Cache-Control"]
            if response.has_header("Expires"):
                del response["Expires"]
            patch_cache_control(response, max_age=settings.PAGE_BROWSER_MAX_AGE)
        return response


# --- What purges the cache ---


def purge_on_page_change(sender, instance=None, **kwargs):
    page = instance or kwargs.get("page")
    purge_pages(f"{sender.__name__} page {getattr(page, 'pk', '?')} changed")


def purge_on_deleted_page(sender, instance, **kwargs):
    if isinstance(instance, Page):
        purge_pages(f"page {instance.pk} deleted")


# Fields Wagtail fills in on its own while rendering (an image's size and hash, the first time a
# rendition is made): saving them changes nothing a visitor sees.
BOOKKEEPING_FIELDS = frozenset({"file_size", "file_hash"})


def purge_on_model_change(sender, instance, update_fields=None, created=False, **kwargs):
    if update_fields and set(update_fields) <= BOOKKEEPING_FIELDS:
        return
    if created and issubclass(sender, BaseSiteSetting):
        # Wagtail creates a site's settings row with its defaults the first time a page reads
        # it, in the middle of a render; pages rendered before showed the same defaults.
        return
    purge_pages(f"{sender._meta.label} {instance.pk} saved or deleted")


def connect_purge_signals(models_shown_on_pages) -> None:
    """Purge on publish, unpublish, move and delete of any page, and on saving or deleting any of
    `models_shown_on_pages` (settings, snippets, images, sites, view restrictions)."""
    page_published.connect(purge_on_page_change, dispatch_uid="page-cache-published")
    page_unpublished.connect(purge_on_page_change, dispatch_uid="page-cache-unpublished")
    post_page_move.connect(purge_on_page_change, dispatch_uid="page-cache-moved")
    post_delete.connect(purge_on_deleted_page, dispatch_uid="page-cache-page-deleted")
    for model in models_shown_on_pages:
        uid = model._meta.label_lower
        post_save.connect(
            purge_on_model_change, sender=model, dispatch_uid=f"page-cache-save-{uid}"
        )
        post_delete.connect(
            purge_on_model_change, sender=model, dispatch_uid=f"page-cache-delete-{uid}"
        )
