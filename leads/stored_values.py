"""Values that come from a request, made safe to store: the one place where visitor and staff text
is cleaned before it reaches the database, by the rule of core.text.

Wherever a value was captured (the form, the first-touch session or cookie, a header, an admin query
string), it is cleaned here, at the moment the row is built, so a crafted value can never make a
save fail. PostgreSQL refuses NUL characters and lone surrogates in text (the save would raise and
the request would be lost), a value longer than its column fails the same way, and an invisible
format character could make a name read as something else.
"""

from django.core.exceptions import FieldDoesNotExist
from django.db import models

from core.text import clean_text


def clean_for_storage(model: type[models.Model], values: dict) -> dict:
    """`values` for a row of `model`, each text value cleaned for its column: control and format
    characters removed (line breaks kept only in TextFields) and cut to the column's max_length.
    Other values (numbers, pages, phone numbers) are returned as they are."""
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
