"""Template helpers for the two-factor enrolment page."""

from base64 import b32encode

from django import template

register = template.Library()


@register.filter
def totp_secret_text(device) -> str:
    """The device's secret as an authenticator app asks for it when typed: base32, in groups of
    four characters so it can be read out and copied without losing one's place."""
    secret = b32encode(device.bin_key).decode("ascii").rstrip("=")
    return " ".join(secret[index : index + 4] for index in range(0, len(secret), 4))
