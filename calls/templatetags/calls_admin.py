"""The lead page's "Call" control reads its call through this tag: leads includes the control's
template with the page's context only (`lead`, `request`), so the template asks for the rest."""

from django import template

from calls.admin.lead_page import lead_calls

register = template.Library()


@register.simple_tag
def calls_for_lead(lead):
    """The lead's booked call, free times to book or move to, and past calls."""
    return lead_calls(lead)
