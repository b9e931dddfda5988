"""Whom a visitor-facing page or email may greet by name, and with which name (issue 11).

Anyone can make the clinic send its confirmation to any address, so the name greeted is the one
typed in that very submission (never the stored lead's), and only when it cannot carry a message:
at most MAX_GREETING_NAME_LENGTH characters and no link or domain-like token. Otherwise the
greeting is neutral."""

import re

MAX_GREETING_NAME_LENGTH = 40
# A scheme, "www.", an @, or a dot followed by two letters (example.com, evil.co): a link or an
# address someone could plant in a greeting.
LINK_LIKE = re.compile(r"://|www\.|@|\.[^\W\d_]{2,}", re.IGNORECASE)


def greeting_name(full_name: str) -> str:
    """The first word of the name as typed, or "" when it is too long or looks like a link."""
    parts = (full_name or "").split()
    if not parts:
        return ""
    first = parts[0]
    if len(first) > MAX_GREETING_NAME_LENGTH or LINK_LIKE.search(first):
        return ""
    return first
