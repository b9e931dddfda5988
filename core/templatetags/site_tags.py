"""Template tags every page uses: the main menu, breadcrumbs, JSON-LD and dates as visitors read
them."""

import secrets

from django import template
from django.conf import settings
from django.urls import reverse, translate_url
from django.utils import translation
from django.utils.formats import date_format
from django.utils.safestring import mark_safe
from django.utils.translation import pgettext
from wagtail.models import Page, Site

from core import citations
from core.locale import home_pages, hreflang_alternates, page_versions
from core.page_cache import menu_items
from core.structured_data import to_json_ld

register = template.Library()


@register.simple_tag(takes_context=True)
def main_menu_pages(context):
    """Live pages directly under the site root that editors marked "Show in menus", as title,
    address and id, from the page cache between changes."""
    request = context.get("request")
    site = Site.find_for_request(request) if request else None
    if site is None:
        return []
    return menu_items(site, request)


@register.simple_tag(takes_context=True)
def home_url(context) -> str:
    """The address of the site's home page in the request's language; without a request (the
    server error page) or a site, the root address of the active language (/es/ in Spanish)."""
    request = context.get("request")
    site = Site.find_for_request(request) if request else None
    homes = home_pages(site, request) if site else {}
    return (
        homes.get(translation.get_language())
        or homes.get(settings.LANGUAGE_CODE)
        or reverse("wagtail_serve", args=("",))
    )


@register.simple_tag(takes_context=True)
def language_versions(context) -> list[dict]:
    """What the language switcher offers: for each language, the address of this page in it
    (language, name, url, current). A page without a version in a language offers that language's
    home page; a view that is not a page (search) offers its own address in each language, and one
    answering a form (POST) the home pages."""
    request = context.get("request")
    site = Site.find_for_request(request) if request else None
    if site is None:
        return []
    page = context.get("page")
    current = translation.get_language()
    homes = home_pages(site, request)
    translated = (
        {version["language"]: version["url"] for version in page_versions(page, request)}
        if isinstance(page, Page)
        else {}
    )
    versions = []
    for code, name in settings.LANGUAGES:
        if code in translated:
            url = translated[code]
        elif page is None and request.method == "GET":
            url = translate_url(request.get_full_path(), code)
        else:
            url = homes.get(code)
        if url:
            versions.append(
                {"language": code, "name": name, "url": url, "current": code == current}
            )
    return versions if len(versions) > 1 else []


@register.simple_tag
def breadcrumb_pages(page):
    """The live pages from the site's home page down to `page`'s parent, in one query."""
    if page is None or page.depth <= 2:
        return []
    shared = getattr(page, "live_ancestors_below_root", None)
    if shared is not None:
        return shared
    return list(page.get_ancestors().filter(depth__gte=2).live())


@register.simple_tag(takes_context=True)
def page_structured_data(context, page) -> list:
    """The page's own JSON-LD objects (breadcrumbs, medical page, FAQ), if it builds any."""
    build = getattr(page, "structured_data", None)
    return build(context.get("request")) if build else []


@register.filter
def json_ld(data) -> str:
    """`data` as JSON-LD, safe to print inside a <script> element."""
    return mark_safe(to_json_ld(data))  # noqa: S308 (to_json_ld escapes <, > and &)


@register.filter(needs_autoescape=True)
def cite(text, autoescape=True):
    """Turn reference markers such as [2] into links to the numbered references."""
    return citations.cite(text, autoescape)


@register.simple_tag
def unique_id(prefix: str) -> str:
    """An element id no other block on the page shares (a block cannot see its own position)."""
    return f"{prefix}-{secrets.token_hex(4)}"


@register.simple_tag(takes_context=True)
def page_alternates(context, page) -> list[dict]:
    """The `hreflang` alternates of `page`: one per language it is live in, itself included, and
    `x-default` on the default language's version. None when it exists in one language only."""
    if not isinstance(page, Page):
        return []
    return hreflang_alternates(page_versions(page, context.get("request")))


@register.filter(expects_localtime=True)
def long_date(value) -> str:
    """A date as visitors read it in the page's language, the month in full: "March 5, 2026",
    "5 de marzo de 2026". The format is translated with the page's words (each catalogue holds its
    language's), because Django's own English DATE_FORMAT shortens months ("Feb. 1, 2026")."""
    if not value:
        return ""
    return date_format(
        value, pgettext("long date format for visitors (Django date syntax)", "F j, Y")
    )
