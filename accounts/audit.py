"""Recording the sign-in audit (accounts.SignInEvent). Every function here takes what it records
explicitly; none is ever given a password or a code."""

import ipaddress

from django.conf import settings
from django.contrib.auth import get_user_model
from django.utils import timezone

from accounts.models import SignInEvent, SignInEventKind
from leads.client_address import client_address


def request_client_address(request) -> str | None:
    """The client's address as the rate limits and django-axes read it, or None without one."""
    if request is None:
        return None
    address = client_address(request)
    try:
        return str(ipaddress.ip_address(address))
    except ValueError:
        return None


def account_for_username(username: str):
    """The account a typed user name names, or None. Only an existing account's name is kept."""
    if not username:
        return None
    user_model = get_user_model()
    return user_model._default_manager.filter(**{user_model.USERNAME_FIELD: username}).first()


def record_sign_in_event(
    kind, *, request=None, user=None, username="", actor=None, address=None
) -> SignInEvent:
    """Store one audit row. `username` is what was typed; it is kept only when it names an
    account (`user` is then that account). The address is the request's client address unless
    `address` names another (the locked one, for a cleared lockout)."""
    if user is None and username:
        user = account_for_username(username)
    return SignInEvent.objects.create(
        kind=kind,
        user=user,
        username=user.get_username() if user is not None else "",
        actor=actor,
        client_address=address or request_client_address(request),
    )


def record_lockout(request, username: str) -> None:
    """Record a lockout once per cool-off: django-axes signals one for the failure that reaches
    the limit and again for every attempt refused while it lasts."""
    user = account_for_username(username)
    address = request_client_address(request)
    since = timezone.now() - settings.AXES_COOLOFF_TIME
    already = SignInEvent.objects.filter(
        kind=SignInEventKind.LOCKED_OUT,
        user=user,
        client_address=address,
        at__gte=since,
    )
    if user is None:
        already = already.filter(user__isnull=True)
    if not already.exists():
        record_sign_in_event(SignInEventKind.LOCKED_OUT, request=request, user=user)
