"""The privacy notice link every page's footer shows."""

from django import template
from wagtail.models import Site

from leads.pages import PrivacyNoticePage

register = template.Library()


@register.simple_tag(takes_context=True)
def privacy_notice_page(context):
    """The request's site's live privacy notice, or None."""
    request = context.get("request")
    site = Site.find_for_request(request) if request else None
    return PrivacyNoticePage.for_site(site)
