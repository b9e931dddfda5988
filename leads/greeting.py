"""Whom a visitor-facing page or email may greet by name, and with which name.

Anyone can make the clinic send its confirmation to any address, so the name greeted is the one
typed in that very submission (never the stored lead's), and only when it looks like a name and
cannot carry a message: letters (with the marks, hyphens, apostrophes and initials' dots names
use), at most MAX_GREETING_NAME_LENGTH characters, no digit (a phone number to call), and nothing
that reads as a link in any disguise (a scheme, "www", a domain, "[.]", "(dot)", "hxxp").
Otherwise the greeting is neutral."""

import re
import unicodedata

MAX_GREETING_NAME_LENGTH = 40
# Inside a name: hyphens (Mary-Jane), apostrophes (O'Neil, O’Neil) and an initial's dot (J.R.).
NAME_JOINERS = set("-'’.")
# A scheme, "www.", an @, or a dot followed by two letters (example.com, evil.co): a link or an
# address someone could plant in a greeting.
LINK_LIKE = re.compile(r"://|www\.|@|\.[^\W\d_]{2,}", re.IGNORECASE)
# The parts of a defanged link once its brackets are gone: hxxps-evil, www-evil, and (beside
# another part, since Dot is a name too) evil-dot-com.
SCHEME_STARTS = ("hxxp", "http", "www")
DOMAIN_WORDS = {"dot", "com", "net", "org"}


def looks_like_a_name(word: str) -> bool:
    """Letters and the few joiners names use, no digit, no link-like part."""
    if not word or len(word) > MAX_GREETING_NAME_LENGTH or LINK_LIKE.search(word):
        return False
    for character in word:
        category = unicodedata.category(character)
        if not (category.startswith(("L", "M")) or character in NAME_JOINERS):
            return False
    if not unicodedata.category(word[0]).startswith("L"):
        return False
    parts = [part.casefold() for part in re.split(r"[-'’.]+", word) if part]
    if any(part.startswith(SCHEME_STARTS) for part in parts):
        return False
    return len(parts) == 1 or not DOMAIN_WORDS.intersection(parts)


def greeting_name(full_name: str) -> str:
    """The first word of the name as typed, or "" when it does not look like a name."""
    parts = (full_name or "").split()
    if not parts:
        return ""
    first = parts[0]
    return first if looks_like_a_name(first) else ""
