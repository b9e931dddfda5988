"""The small-count filter: `{% load small_counts %}` then `{{ count|small_count }}` (core.small_counts)."""

from django import template

from core.small_counts import small_count as small_count_value

register = template.Library()


@register.filter
def small_count(count):
    """A count from 1 to 4 shown as "1–4"; other counts as they are."""
    return small_count_value(count)
