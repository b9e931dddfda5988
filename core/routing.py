"""Routing from the shared page data: which page a public address shows.

Wagtail finds the page for an address level by level from the site's home page, reading each page
on the way (the article index, then the article, each as two queries). The answer only changes
when a page is published, unpublished, moved or deleted, and each of those purges the page cache,
so the address is mapped to the page's type and id there: `BasePage.route` (Wagtail's documented
place to change routing) answers a known address by reading only the page it shows.

Only addresses that led to a page are kept: an address that finds nothing, or one a routable page
answers with a view of its own (the contact form, its thank-you page), goes through Wagtail's
routing every time, so no request can add keys to the cache.
"""

from django.contrib.contenttypes.models import ContentType
from wagtail.models import Page, Site
from wagtail.url_routing import RouteResult

from core.locale import home_page_id
from core.page_cache import cached, kept


class NotKept(Exception):
    """The address did not lead to a plain page."""


def route_key(root_page_id: int, path_components) -> str:
    return f"route:{root_page_id}:{'/'.join(path_components)}"


def route_from_cache(page: Page, request, path_components, route_usual) -> RouteResult:
    """The route from `page` down `path_components`: from the shared page data when the address is
    known there, else `route_usual()` (Wagtail's own routing), whose answer is kept when it is a
    plain page."""
    routed = []

    def route_once() -> tuple[int, int]:
        result = route_usual()  # Http404 propagates: nothing is kept
        routed.append(result)
        found = result.page
        if result.args or result.kwargs or not hasattr(found, "route_queryset"):
            raise NotKept
        return (found.content_type_id, found.pk)

    try:
        content_type_id, pk = cached(route_key(page.pk, path_components), route_once)
    except NotKept:
        return routed[0]
    if routed:
        return routed[0]  # routed just now
    model = ContentType.objects.get_for_id(content_type_id).model_class()
    found = model.route_queryset().filter(pk=pk).first() if model else None
    if found is None or not found.live:
        # Gone since, before the purge reached this process: Wagtail routes it as usual.
        return route_usual()
    return RouteResult(found)


def page_type_at(request, path: str) -> type[Page] | None:
    """The type of page `path` shows, or None when it shows none. A known address is answered from
    the shared page data without reading the page; any other is routed the usual way, and Wagtail
    keeps that route on the request, so serving it does not route it again."""
    site = Site.find_for_request(request)
    if site is None:
        return None
    components = [component for component in path.split("/") if component]
    known = kept(route_key(home_page_id(site), components))
    if known is None:
        result = Page.route_for_request(request, path)
        return type(result.page) if result is not None else None
    return ContentType.objects.get_for_id(known[0]).model_class()
