"""First-touch attribution: where a visitor first arrived from, kept in a signed cookie so the lead
they leave later still says which campaign brought them.

A cookie, not a server-side session: a page view then writes nothing to the database, and pages
stay cacheable for everyone. The cookie is written only when there is something to remember (a
tracking parameter, or a referrer from another site, on the first page), and never rewritten.
"""

import re
from urllib.parse import urlsplit

from django.conf import settings
from django.core import signing
from django.core.exceptions import DisallowedHost
from django.urls import reverse
from django.utils import timezone
from wagtailcache.settings import wagtailcache_settings

FIRST_TOUCH_COOKIE = "first_touch"
FIRST_TOUCH_SALT = "leads.first-touch"
# Long enough for a person to think about it for a few months before asking to be contacted.
FIRST_TOUCH_MAX_AGE = 90 * 24 * 60 * 60
UTM_FIELDS = ("utm_source", "utm_medium", "utm_campaign", "utm_term", "utm_content")
FIELD_LIMITS = {"landing_page": 2000, "referrer": 2000, **dict.fromkeys(UTM_FIELDS, 200)}
# Browsers drop a cookie over 4,096 bytes; when the signed value would not fit, the landing page
# and referrer addresses are cut to this length (the UTM values are kept whole).
MAX_COOKIE_BYTES = 3800
SHORT_ADDRESS_LIMIT = 500


def is_tracking_parameter(name: str) -> bool:
    """UTM fields and the click ids of ad networks, as the page cache ignores them."""
    patterns = wagtailcache_settings.WAGTAIL_CACHE_IGNORE_QS
    return any(re.match(pattern, name) for pattern in patterns)


def is_outside_referrer(request, referrer: str) -> bool:
    host = urlsplit(referrer).hostname
    if not host:
        return False
    try:
        own_host = request.get_host().split(":")[0]
    except DisallowedHost:
        return False  # Django answers 400 further in; nothing to remember.
    return host != own_host


def touch_from_request(request) -> dict | None:
    """What the first page view has worth remembering, read before the page cache strips the
    tracking parameters from the request; None when there is nothing."""
    referrer = request.META.get("HTTP_REFERER", "")
    has_tracking = any(is_tracking_parameter(name) for name in request.GET)
    if not has_tracking and not is_outside_referrer(request, referrer):
        return None
    touch = {
        "landing_page": request.get_full_path(),
        "referrer": referrer,
        "at": timezone.now().isoformat(),
    }
    for name in UTM_FIELDS:
        touch[name] = request.GET.get(name, "")
    return {
        name: value[: FIELD_LIMITS[name]] if name in FIELD_LIMITS else value
        for name, value in touch.items()
    }


def should_record(request, response) -> bool:
    if request.method != "GET" or response.status_code != 200:
        return False
    if not response.get("Content-Type", "").startswith("text/html"):
        return False
    if request.path.startswith(reverse("wagtailadmin_home")):
        return False
    return FIRST_TOUCH_COOKIE not in request.COOKIES


def signed_touch(touch: dict) -> str:
    value = signing.dumps(touch, salt=FIRST_TOUCH_SALT, compress=True)
    if len(value) > MAX_COOKIE_BYTES:
        shorter = {
            **touch,
            "landing_page": touch["landing_page"][:SHORT_ADDRESS_LIMIT],
            "referrer": touch["referrer"][:SHORT_ADDRESS_LIMIT],
        }
        value = signing.dumps(shorter, salt=FIRST_TOUCH_SALT, compress=True)
    return value


def remember_first_touch(response, touch: dict) -> None:
    response.set_cookie(
        FIRST_TOUCH_COOKIE,
        signed_touch(touch),
        max_age=FIRST_TOUCH_MAX_AGE,
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
        samesite="Lax",
    )


def first_touch_for(request) -> dict:
    """The visit's first-touch values, ready for Lead fields (empty strings where unknown or where
    the cookie was tampered with)."""
    try:
        touch = signing.loads(
            request.COOKIES.get(FIRST_TOUCH_COOKIE, ""),
            salt=FIRST_TOUCH_SALT,
            max_age=FIRST_TOUCH_MAX_AGE,
        )
    except signing.BadSignature:
        touch = {}
    if not isinstance(touch, dict):
        touch = {}
    return {name: str(touch.get(name, ""))[:limit] for name, limit in FIELD_LIMITS.items()}
