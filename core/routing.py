"""Routing from the shared page data: which page a public address shows.

Wagtail finds the page for an address level by level, reading each page on the way (the home page,
the article index, then the article, each as two queries). The answer only changes when a page is
published, unpublished, moved or deleted, and each of those purges the page cache, so the address
is mapped to the page's type and id there; a request for a known address reads only the page it
shows. Wagtail keeps its route on the request (`request._wagtail_route_for_request`, documented on
Page.route_for_request), so this fills that in before Wagtail's serve view runs.

Only addresses that led to a page are kept: an address that finds nothing, or one a routable page
answers with a view of its own (the contact form, its thank-you page), goes through Wagtail's
routing every time, so no request can add keys to the cache.
"""

from django.contrib.contenttypes.models import ContentType
from wagtail import views as wagtail_views
from wagtail.models import Page, Site
from wagtail.url_routing import RouteResult

from core.page_cache import cached


class NotKept(Exception):
    """The address did not lead to a plain page."""


def route_key(site: Site, path: str) -> str:
    return f"route:{site.pk}:{path}"


def route_once(request, path: str) -> tuple[int, int]:
    """The type and id of the plain page at `path`, routed the usual way (Wagtail keeps the route
    on the request); NotKept for anything else."""
    result = Page.route_for_request(request, path)
    if result is None or result.args or result.kwargs:
        raise NotKept
    page = result.page
    if not hasattr(page, "route_queryset"):
        raise NotKept
    return (page.content_type_id, page.pk)


def route_from_cache(request, path: str) -> None:
    """Set the request's Wagtail route from the shared page data when the address is known there
    (routing it once the usual way, and keeping the answer, when not)."""
    site = Site.find_for_request(request)
    if site is None:
        return
    try:
        content_type_id, pk = cached(route_key(site, path), lambda: route_once(request, path))
    except NotKept:
        return
    if hasattr(request, "_wagtail_route_for_request"):
        return  # routed just now
    model = ContentType.objects.get_for_id(content_type_id).model_class()
    page = model.route_queryset().filter(pk=pk).first() if model else None
    if page is not None and page.live:
        request._wagtail_route_for_request = RouteResult(page)
    # Otherwise Wagtail routes it as usual (a page gone since, before the purge reached here).


def page_type_at(request, path: str) -> type[Page] | None:
    """The type of page `path` shows, or None when it shows none. A known address is answered from
    the shared page data without reading the page; any other is routed the usual way, and Wagtail
    keeps that route on the request, so serving it does not route it again."""
    site = Site.find_for_request(request)
    if site is None:
        return None
    try:
        content_type_id, _ = cached(route_key(site, path), lambda: route_once(request, path))
    except NotKept:
        result = Page.route_for_request(request, path)
        return type(result.page) if result is not None else None
    return ContentType.objects.get_for_id(content_type_id).model_class()


class CachedRouteMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if view_func is wagtail_views.serve:
            route_from_cache(request, view_kwargs.get("path", view_args[0] if view_args else ""))
        return None
