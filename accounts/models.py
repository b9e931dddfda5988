"""The sign-in audit: one row per sign-in, failed sign-in, lockout and change of second-factor
device. It never holds a password or a code."""

from django.conf import settings
from django.db import models


class SignInEventKind(models.TextChoices):
    SIGNED_IN = "signed_in", "Signed in"
    SIGNED_OUT = "signed_out", "Signed out"
    FAILED = "failed", "Failed sign-in"
    LOCKED_OUT = "locked_out", "Locked out"
    LOCKOUT_CLEARED = "lockout_cleared", "Lockout cleared"
    SECOND_FACTOR_FAILED = "second_factor_failed", "Wrong two-factor code"
    DEVICE_ENROLLED = "device_enrolled", "Two-factor device added"
    DEVICE_REMOVED = "device_removed", "Two-factor device removed"
    IDLE_TIMEOUT = "idle_timeout", "Signed out after inactivity"


class SignInEventQuerySet(models.QuerySet):
    def newest_first(self):
        return self.select_related("user", "actor").order_by("-at", "-pk")


class SignInEvent(models.Model):
    """What happened to a staff account's sign-in, for the "Sign-in activity" report an auditor
    reads: who, what, when and from which address."""

    at = models.DateTimeField(auto_now_add=True, db_index=True, help_text="When it happened.")
    kind = models.CharField(
        max_length=32, choices=SignInEventKind.choices, help_text="What happened."
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="sign_in_events",
        help_text="The account concerned; empty when the user name typed matches no account.",
    )
    username = models.CharField(
        max_length=150,
        blank=True,
        help_text=(
            "The account's user name when it exists. A user name that matches no account is not "
            "kept: people sometimes type their password into that field."
        ),
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Who did it, when that is someone else (an admin clearing a lockout).",
    )
    client_address = models.GenericIPAddressField(
        null=True, blank=True, help_text="The client's address, read as the rate limits read it."
    )

    objects = SignInEventQuerySet.as_manager()

    class Meta:
        verbose_name = "sign-in event"
        permissions = [("view_sign_in_activity", "Can view the sign-in activity report")]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.username or '(unknown user name)'}"
