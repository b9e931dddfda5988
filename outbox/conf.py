"""The outbox's settings and their defaults. Their names begin with LEADS_ because the outbox
started inside the leads app; deployments set them under these names, so they keep them."""

from django.conf import settings

DEFAULTS = {
    # Attempts before a delivery is marked failed, and the retry delays (doubling from the base,
    # capped, with jitter).
    "LEADS_EMAIL_MAX_ATTEMPTS": 6,
    "LEADS_EMAIL_RETRY_BASE_SECONDS": 30.0,
    "LEADS_EMAIL_RETRY_MAX_SECONDS": 3600.0,
    # A worker's claim on a delivery lasts this long; the send task's hard time limit is shorter,
    # so a claim older than this belongs to a worker that is gone and may be taken over.
    "LEADS_SENDING_LEASE_SECONDS": 300.0,
    # The sweep re-queues a pending delivery only once it has been due this long, so it does not
    # race the message that is already queued for it.
    "LEADS_SWEEP_GRACE_SECONDS": 60.0,
}


def outbox_setting(name: str):
    """The value of one outbox setting, or its default."""
    return getattr(settings, name, DEFAULTS[name])
