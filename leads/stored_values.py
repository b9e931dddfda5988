"""Values that come from a request, made safe to store: the one place where visitor and staff text
is cleaned before it reaches the database (issue 11).

Wherever a value was captured (the form, the first-touch session or cookie, a header, an admin query
string), it is cleaned here, at the moment the row is built, so a crafted value can never make a
save fail. PostgreSQL refuses NUL characters and lone surrogates in text (the save would raise and
the request would be lost), and a value longer than its column fails the same way.
"""

import unicodedata

from django.core.exceptions import FieldDoesNotExist
from django.db import models

# In multi-line text (a message) these stay; everywhere else a line break or tab becomes a space.
KEPT_IN_MULTILINE = {"\n", "\t"}
# Characters that end a line or move the cursor: a space in single-line text, not nothing, so two
# words never run together.
LINE_BREAKS = {"\n", "\r", "\t", "\x0b", "\x0c", "\x85", "\u2028", "\u2029"}
REPLACEMENT = "\ufffd"


def clean_text(value, *, multiline: bool = False, max_length: int | None = None) -> str:
    """The text without NUL or other control characters (line breaks kept in multi-line text), a
    lone surrogate replaced by U+FFFD, cut to `max_length` characters."""
    kept = []
    for character in str(value):
        if character in LINE_BREAKS:
            if multiline and character in KEPT_IN_MULTILINE:
                kept.append(character)
            elif multiline and character == "\r":
                continue  # \r\n becomes \n
            else:
                kept.append(" ")
            continue
        category = unicodedata.category(character)
        if category == "Cc":
            continue
        kept.append(REPLACEMENT if category == "Cs" else character)
    text = "".join(kept)
    return text[:max_length] if max_length else text


def clean_for_storage(model: type[models.Model], values: dict) -> dict:
    """`values` for a row of `model`, each text value cleaned for its column: control characters
    removed (line breaks kept only in TextFields) and cut to the column's max_length. Other values
    (numbers, pages, phone numbers) are returned as they are."""
    cleaned = {}
    for name, value in values.items():
        field = text_field(model, name)
        if field is not None and isinstance(value, str):
            value = clean_text(
                value,
                multiline=isinstance(field, models.TextField),
                max_length=field.max_length,
            )
        cleaned[name] = value
    return cleaned


def text_field(model: type[models.Model], name: str) -> models.Field | None:
    try:
        field = model._meta.get_field(name)
    except FieldDoesNotExist:  # a key that is no column passes through unchanged
        return None
    if isinstance(field, (models.CharField, models.TextField)):
        return field
    return None
