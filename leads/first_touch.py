"""First-touch attribution: where a visitor first arrived from, kept in their session so the lead
they leave pages later still says which campaign brought them."""

from django.urls import reverse
from django.utils import timezone

FIRST_TOUCH_SESSION_KEY = "leads_first_touch"
UTM_FIELDS = ("utm_source", "utm_medium", "utm_campaign", "utm_term", "utm_content")
FIELD_LIMITS = {"landing_page": 2000, "referrer": 2000, **dict.fromkeys(UTM_FIELDS, 200)}


def should_record(request, response) -> bool:
    if request.method != "GET" or response.status_code != 200:
        return False
    if not response.get("Content-Type", "").startswith("text/html"):
        return False
    if request.path.startswith(reverse("wagtailadmin_home")):
        return False
    session = getattr(request, "session", None)
    return session is not None and FIRST_TOUCH_SESSION_KEY not in session


def capture_first_touch(request) -> None:
    touch = {
        "landing_page": request.get_full_path(),
        "referrer": request.META.get("HTTP_REFERER", ""),
        "at": timezone.now().isoformat(),
    }
    for name in UTM_FIELDS:
        touch[name] = request.GET.get(name, "")
    request.session[FIRST_TOUCH_SESSION_KEY] = {
        name: value[: FIELD_LIMITS[name]] if name in FIELD_LIMITS else value
        for name, value in touch.items()
    }


def first_touch_for(request) -> dict:
    """The visit's first-touch values, ready for Lead fields (empty strings where unknown)."""
    touch = getattr(request, "session", {}).get(FIRST_TOUCH_SESSION_KEY) or {}
    return {name: str(touch.get(name, ""))[:limit] for name, limit in FIELD_LIMITS.items()}
