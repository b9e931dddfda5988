"""The ops app's settings and their defaults, in one place. `cms/settings/base.py` reads the ones a
deployment changes from the environment."""

from django.conf import settings

DEFAULTS = {
    # A token that unlocks the details of /health/ready and /metrics (header
    # `Authorization: Bearer <token>`). Empty: details are never shown, /metrics only to networks.
    "OPS_HEALTH_TOKEN": "",
    "OPS_METRICS_TOKEN": "",
    # Networks (CIDR) allowed to read /metrics without a token, e.g. the Prometheus server's.
    "OPS_METRICS_ALLOWED_NETWORKS": [],
    # The worker heartbeat (the delivery sweep, every minute) may be at most this old for /health/ready.
    "OPS_HEARTBEAT_MAX_AGE_SECONDS": 180,
    # Addresses that are secrets (a visitor's private booking link, a staff member's calendar
    # feed): the part after these path prefixes is replaced by "…" on every log line.
    "OPS_SECRET_PATH_PREFIXES": ["/call/", "/calls/feed/"],
}


def ops_setting(name: str):
    """The value of one OPS_* setting, or its default."""
    return getattr(settings, name, DEFAULTS[name])
