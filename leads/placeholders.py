"""The fixed placeholders marketing may use in the confirmation email's subject and opening, filled
without str.format (which would let `{first_name.__class__}` reach into objects)."""

import re

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext_noop

from core.text import single_line

PLACEHOLDERS = ("first_name", "clinic_name", "clinic_phone")
PLACEHOLDER_HELP = "You may use {first_name}, {clinic_name} and {clinic_phone}."
PLACEHOLDER_PATTERN = re.compile(r"\{([^{}]*)\}")

# Marked for translation: confirmations in another language than the default use these, translated
# (leads.emails.confirmation_wording); the translations keep the placeholders.
DEFAULT_CONFIRMATION_SUBJECT = gettext_noop("We have your request, {first_name}")
DEFAULT_CONFIRMATION_OPENING = gettext_noop(
    "Hello {first_name}, thank you for reaching out to {clinic_name}. Asking for help takes "
    "courage, and we are glad you did."
)


def unknown_placeholders(text: str) -> list[str]:
    return [
        "{" + name + "}" for name in PLACEHOLDER_PATTERN.findall(text) if name not in PLACEHOLDERS
    ]


# A first-name placeholder with the comma or space before it: dropped as a whole when there is no
# name to greet, so "Hello {first_name}, thank you" reads "Hello, thank you".
FIRST_NAME_WITH_LEAD_IN = re.compile(r",?[ \t]*\{first_name\}")


def fill_placeholders(text: str, values: dict[str, str]) -> str:
    """Replace each known {name} with its value (made single-line); leave anything else as typed.
    Without a first name the greeting is neutral: the placeholder goes with its lead-in comma or
    space. The result is plain text: templates escape it for HTML, and subjects go through
    single_line."""
    safe_values = {name: single_line(str(values.get(name, ""))) for name in PLACEHOLDERS}
    if not safe_values["first_name"]:
        text = FIRST_NAME_WITH_LEAD_IN.sub("", text)

    def replace(match):
        name = match.group(1)
        return safe_values[name] if name in safe_values else match.group(0)

    return PLACEHOLDER_PATTERN.sub(replace, text)


def parse_recipients(text: str) -> list[str]:
    """Addresses from a textarea: one per line (commas and semicolons also separate)."""
    return [part.strip() for part in re.split(r"[\s,;]+", text or "") if part.strip()]


def valid_email(address: str) -> bool:
    try:
        validate_email(address)
    except ValidationError:
        return False
    return True
