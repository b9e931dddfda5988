"""Inline reference markers: editors type [2] or [2, 5] after a claim, and pages show each number
as a link to that entry of the article's numbered references (`#ref-2`)."""

import re

from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString, mark_safe

# One to three numbers in square brackets, separated by commas: [3], [1, 4], [2,5,6].
CITATION_MARKER = re.compile(r"\[(\d{1,2}(?:\s*,\s*\d{1,2}){0,2})\]")


def reference_anchor(number: int) -> str:
    """The id of the numbered reference a marker points to (templates/blocks/references.html)."""
    return f"ref-{number}"


def marker_link(number: int) -> str:
    # The visible text stays the bare number; screen readers hear "Reference 2", not "2".
    return format_html(
        '<a href="#{}"><span class="visually-hidden">Reference </span>{}</a>',
        reference_anchor(number),
        number,
    )


def link_citation_markers(html: str) -> SafeString:
    """`html` with every reference marker turned into superscript links. `html` must already be
    safe markup (escape plain text first)."""

    def replace(match: re.Match) -> str:
        numbers = [int(part) for part in match.group(1).split(",")]
        links = ", ".join(marker_link(number) for number in numbers)
        return f'<sup class="cite">[{links}]</sup>'

    return mark_safe(CITATION_MARKER.sub(replace, html))  # noqa: S308 (input is safe markup)


def strip_citation_markers(text: str) -> str:
    """Plain text without the markers, for word counts and reading-grade checks."""
    return CITATION_MARKER.sub("", text)


def cite(text, autoescape: bool = True) -> SafeString:
    """Template filter body: escape plain text (rich text arrives safe already), then link."""
    return link_citation_markers(conditional_escape(text) if autoescape else str(text))
