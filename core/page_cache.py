"""The full-page cache around wagtail-cache: what purges it, and the shared data every page reads
(site settings, navigation, the list of private pages) kept in the same cache between changes.

Everything here lives in the "pages" cache (Redis in production, shared by every web process),
so one purge makes every process render fresh pages. A purge runs at once and again when the
transaction that made the change commits: at once so this process never serves what it just
changed, after the commit so no other process can cache the old version in between.
"""

import logging
import pickle
import threading
import uuid

from django.conf import settings
from django.core.cache import caches
from django.core.signals import request_finished, request_started
from django.db import transaction
from django.db.models import Q
from django.db.models.signals import post_delete, post_save
from django.utils import translation
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
    store = page_cache()
    store.clear()
    # A new generation tells every process that its own copies of the shared data are stale.
    store.set(GENERATION_KEY, uuid.uuid4().hex, None)
    forget_local_copies()


def purge_pages(reason: str) -> None:
    """Drop every cached page and the shared page data, now and after the current commit."""
    logger.debug("Page cache purged: %s", reason)
    purge_now()
    transaction.on_commit(purge_now)


# The shared page data (settings, navigation, the site, the list of private pages) is read on every
# page view, several keys per page. Each process keeps its own copy of what it read, valid while
# the cache's generation is the one it saw: a purge writes a new generation, and a request checks
# it once, on the first read, so a page costs one cache round trip for all of its shared data
# instead of one per key. Outside a request (a worker, a shell) the generation is checked on every
# read. Written here because Django's cache framework has no two-level cache with shared
# invalidation, and the libraries that add one (django-cacheops, django-cachalot) cache querysets
# by table, which is not what is kept here.
GENERATION_KEY = "page-data-generation"
_local = threading.local()


def forget_local_copies() -> None:
    _local.generation = None
    _local.values = {}
    _local.checked = False


def _start_request(**kwargs):
    _local.in_request = True
    _local.checked = False


def _finish_request(**kwargs):
    _local.in_request = False
    _local.checked = False


request_started.connect(_start_request, dispatch_uid="page-data-request-started")
request_finished.connect(_finish_request, dispatch_uid="page-data-request-finished")


def _local_values(store) -> dict | None:
    """This process's copies of the shared data, emptied when the generation moved; None when
    the cache cannot say which generation it holds (unreachable), so nothing local is trusted."""
    if getattr(_local, "checked", False) and getattr(_local, "in_request", False):
        return _local.values
    generation = store.get(GENERATION_KEY)
    if generation is None:
        store.add(GENERATION_KEY, uuid.uuid4().hex, None)
        generation = store.get(GENERATION_KEY)
        if generation is None:
            forget_local_copies()
            return None
    if generation != getattr(_local, "generation", None):
        _local.values = {}
        _local.generation = generation
    _local.checked = True
    return _local.values


def cached(key: str, compute):
    """`compute()`, kept in the page cache under `key` until the next purge (and, in each process,
    in memory while the cache's generation stays the same)."""
    store = page_cache()
    local = _local_values(store)
    if local is not None and key in local:
        # Kept pickled, so each read gets its own copy, as from the cache: a caller that changes
        # what it got (a settings form binding its instance) changes nothing for the next one.
        return pickle.loads(local[key])  # noqa: S301 - pickled by this process, below
    value = store.get(key)
    if value is None:
        value = compute()
        store.set(key, value, None)
    if local is not None:
        local[key] = pickle.dumps(value, pickle.HIGHEST_PROTOCOL)
    return value


def kept(key: str):
    """What `cached` keeps under `key`, or None when nothing is kept there (nothing is computed)."""
    store = page_cache()
    local = _local_values(store)
    if local is not None and key in local:
        return pickle.loads(local[key])  # noqa: S301 - pickled by this process, in cached()
    return store.get(key)


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
    """The main navigation in the request's language: live, public pages directly under the site's
    home page marked "Show in menus", as title, address and id."""

    language = translation.get_language()

    def build():
        # The site's home page in the request's language (the English one when it has none).
        root = site.root_page.localized
        pages = root.get_children().live().in_menu().filter(public_pages_q())
        return [
            {"pk": page.pk, "title": page.title, "url": page.get_url(request)} for page in pages
        ]

    return cached(f"menu:{site.pk}:{language}", build)


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
    `models_shown_on_pages` (settings, snippets, images, sites, view restrictions), given by label
    ("app_label.ModelName"): Django connects each once its model is loaded, so an app connects its
    own from its models module."""
    page_published.connect(purge_on_page_change, dispatch_uid="page-cache-published")
    page_unpublished.connect(purge_on_page_change, dispatch_uid="page-cache-unpublished")
    post_page_move.connect(purge_on_page_change, dispatch_uid="page-cache-moved")
    post_delete.connect(purge_on_deleted_page, dispatch_uid="page-cache-page-deleted")
    for label in models_shown_on_pages:
        uid = label.lower()
        post_save.connect(
            purge_on_model_change, sender=label, dispatch_uid=f"page-cache-save-{uid}"
        )
        post_delete.connect(
            purge_on_model_change, sender=label, dispatch_uid=f"page-cache-delete-{uid}"
        )
