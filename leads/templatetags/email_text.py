"""Filters for the plain-text email templates: a visitor's value always stays on one line, so a
line break typed or planted in a name or a campaign cannot add lines ("ACTION REQUIRED: ...") to a
staff email."""

from django import template

from core.text import single_line

register = template.Library()


@register.filter
def one_line(value) -> str:
    """The value on one line: control, line-separator and invisible format characters removed."""
    if value is None:
        return ""
    return single_line(str(value))
