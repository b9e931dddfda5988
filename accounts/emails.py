"""The accounts app's email kind, built for the outbox (found by OutboxConfig.ready like every app's
`emails` module): the password-reset email, whose link is made here, when it is sent."""

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.core.mail import EmailMultiAlternatives
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from accounts.password_reset import RESET_LINK_EMAIL, email_of
from outbox.kinds import register_email_kind
from outbox.models import EmailDelivery
from outbox.rendering import assemble, render_pair


def reset_link(user) -> str:
    """Wagtail's "set a new password" address for `user`, with a token made now (Django's
    generator: it stops working once the password changes or PASSWORD_RESET_TIMEOUT passes)."""
    path = reverse(
        "wagtailadmin_password_reset_confirm",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": default_token_generator.make_token(user),
        },
    )
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def link_lifetime() -> str:
    hours = settings.PASSWORD_RESET_TIMEOUT // 3600
    return f"{hours} hours" if hours < 48 else f"{hours // 24} days"


@register_email_kind(RESET_LINK_EMAIL, "Password reset, to a staff member", superusers_only=True)
def build_password_reset(delivery: EmailDelivery) -> EmailMultiAlternatives:
    """The link to set a new password, for an account that can still use it at this address."""
    user = delivery.recipient_user
    if (
        user is None
        or not user.is_active
        or not user.has_usable_password()
        or email_of(user).casefold() != delivery.recipient.casefold()
    ):
        # Never a link to an account that has since been removed, switched off or moved to
        # another address; the outbox shows this as a permanent failure.
        raise ValueError("The account no longer takes a password reset at this address")
    context = {
        "user": user,
        "reset_link": reset_link(user),
        "valid_for": link_lifetime(),
        "site_name": settings.WAGTAIL_SITE_NAME,
    }
    text, html = render_pair("accounts/email/password_reset", context)
    return assemble(
        f"Set a new password for the {settings.WAGTAIL_SITE_NAME} website admin",
        text,
        html,
        delivery.recipient,
    )
