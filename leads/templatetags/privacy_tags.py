"""The privacy notice link every page's footer shows."""

from django import template
from django.utils import translation
from wagtail.models import Site

from core.page_cache import cached
from leads.pages import PrivacyNoticePage

register = template.Library()


@register.simple_tag(takes_context=True)
def privacy_notice_url(context) -> str:
    """The address of the request's site's live privacy notice ("" when it has none), kept with
    the shared page data: publishing, moving or deleting a page purges it."""
    request = context.get("request")
    site = Site.find_for_request(request) if request else None
    if site is None:
        return ""

    def find() -> str:
        page = PrivacyNoticePage.for_site(site)
        return page.get_url(request) if page else ""

    return cached(f"privacy-notice-url:{site.pk}:{translation.get_language()}", find)
