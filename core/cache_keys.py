"""What goes into a page's key in the full-page cache: the query parameters that page reads, in
the form it reads them, and nothing else.

wagtail-cache keys a response by its full address, so every made-up query string (`?r=1`, `?r=2`,
...) stored a page of its own: anyone could fill the cache's Redis. It only knows parameters to
ignore (WAGTAIL_CACHE_IGNORE_QS, tracking parameters), not the ones a page reads, and that differs
per page. So, on the `is_request_cacheable` hook it offers (registered in home/wagtail_hooks.py),
before it builds the key, the request's query is cut to what the page's type says it reads
(`BasePage.cache_query`) for a request the cache will serve or store. The page's view then sees the
same query as the key holds, so a cached variant is always the one its key names. A view that is
not a page is stored only without a query string of its own."""

import re
from urllib.parse import urlencode

from django.http import QueryDict
from django.urls import Resolver404, resolve
from wagtail import views as wagtail_views
from wagtailcache.settings import wagtailcache_settings

from core.routing import page_type_at


def is_ignored_parameter(name: str) -> bool:
    """A tracking parameter, which wagtail-cache leaves out of every key already."""
    return any(re.match(pattern, name) for pattern in wagtailcache_settings.WAGTAIL_CACHE_IGNORE_QS)


def keep_only_what_the_page_reads(request) -> bool | None:
    """For a request the page cache would serve or store: cut its query to what its page reads
    (None: leave the decision as it is), or False when it must not be stored (not a page, or no
    page at that address)."""
    if all(is_ignored_parameter(name) for name in request.GET):
        return None
    try:
        match = resolve(request.path_info)
    except Resolver404:
        return False
    if match.func is not wagtail_views.serve:
        return False
    path = match.kwargs.get("path", match.args[0] if match.args else "")
    page_type = page_type_at(request, path)
    if page_type is None or not hasattr(page_type, "cache_query"):
        return False
    request.GET = QueryDict(urlencode(page_type.cache_query(request.GET)))
    request.META["QUERY_STRING"] = request.GET.urlencode()
    return None
