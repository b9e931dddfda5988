"""Sign-in lockouts (django-axes' attempts) as superusers see and clear them in the admin."""

from dataclasses import dataclass
from datetime import datetime

from axes.models import AccessAttempt
from axes.utils import reset
from django.conf import settings
from django.utils import timezone

from accounts.audit import account_for_username, record_sign_in_event
from accounts.models import SignInEventKind
from accounts.throttling import usernames_by_lockout_key


@dataclass(frozen=True)
class Lockout:
    """One locked user name + client address, and when the pause ends by itself. `username` is
    empty when the name typed matches no account (django-axes keeps only a hash of it)."""

    attempt_id: int
    username: str
    client_address: str
    failures: int
    ends_at: datetime


def active_lockouts() -> list[Lockout]:
    """Every user name + address pair locked now, the most recent first."""
    since = timezone.now() - settings.AXES_COOLOFF_TIME
    attempts = AccessAttempt.objects.filter(
        failures_since_start__gte=settings.AXES_FAILURE_LIMIT, attempt_time__gte=since
    ).order_by("-attempt_time")
    names = usernames_by_lockout_key()
    return [
        Lockout(
            attempt_id=attempt.pk,
            username=names.get(attempt.username or "", ""),
            client_address=attempt.ip_address or "",
            failures=attempt.failures_since_start,
            ends_at=attempt.attempt_time + settings.AXES_COOLOFF_TIME,
        )
        for attempt in attempts
    ]


def clear_lockout(attempt_id: int, cleared_by) -> bool:
    """Lift one lockout now, and record who did. False when it had already ended or been lifted."""
    attempt = AccessAttempt.objects.filter(pk=attempt_id).first()
    if attempt is None:
        return False
    reset(ip=attempt.ip_address, username=attempt.username)
    record_sign_in_event(
        SignInEventKind.LOCKOUT_CLEARED,
        user=account_for_username(usernames_by_lockout_key().get(attempt.username or "", "")),
        actor=cleared_by,
        address=attempt.ip_address or None,
    )
    return True
