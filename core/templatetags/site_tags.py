"""Template tags every page uses: the main menu, breadcrumbs, JSON-LD and dates as visitors read
them."""

import secrets

from django import template
from django.utils.formats import date_format
from django.utils.safestring import mark_safe
from django.utils.translation import pgettext
from wagtail.models import Site

from core import citations
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
