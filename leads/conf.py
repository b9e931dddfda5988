"""The leads app's settings and their defaults, in one place. Any of them can be set in Django
settings; `cms/settings/base.py` reads the ones a deployment changes from the environment."""

from django.conf import settings

DEFAULTS = {
    # A form posted sooner than this after it was shown is taken for a bot's.
    "LEADS_MIN_SECONDS_TO_SUBMIT": 3.0,
    # How many reverse proxies in front of the app append to X-Forwarded-For. 0 trusts no header:
    # the client address is the socket's peer (REMOTE_ADDR).
    "LEADS_TRUSTED_PROXY_COUNT": 0,
    # Public POST bodies above this many bytes are refused with 413 before anything parses them.
    # The largest valid contact form (2,000 four-byte characters, percent-encoded) is about 26 KB.
    "LEADS_MAX_POST_BYTES": 64 * 1024,
    # django-ratelimit rates: per client address, and per email address.
    "LEADS_RATE_PER_CLIENT": "5/10m",
    "LEADS_RATE_PER_EMAIL": "3/h",
    # At most this many confirmation emails go to one recipient address (normalised: case, +tag,
    # Gmail dots) in 24 hours; past it the request is saved and staff told, the confirmation skipped.
    "LEADS_CONFIRMATIONS_PER_ADDRESS_PER_DAY": 3,
    # Staff notification recipients used when the site setting lists none.
    "LEADS_NOTIFY_EMAILS": [],
    # A request from the same email or phone as an open lead of the last this many days is
    # attached to that lead as a new inquiry.
    "LEADS_REPEAT_WINDOW_DAYS": 90,
    # Days after a request is closed before its personal data is erased (names, contact details,
    # messages); counts and sources stay for the reports. The privacy notice quotes this figure.
    "LEADS_RETENTION_DAYS": 365,
    # Days a person's request to see or erase their data may take: its due date is the day it
    # was received plus this. The privacy notice quotes this figure.
    "LEADS_PERSON_REQUEST_DAYS": 30,
}


def leads_setting(name: str):
    """The value of one LEADS_* setting, or its default."""
    return getattr(settings, name, DEFAULTS[name])
