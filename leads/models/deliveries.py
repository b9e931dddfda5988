"""The outbox: one row per email to send, which is the source of truth for whether it went."""

from django.conf import settings
from django.db import models
from django.utils import timezone

from leads.models.submissions import Lead


class EmailKind(models.TextChoices):
    """Which email a delivery is. Each kind has its builder registered in an app's `emails`
    module (leads.emails.register_email_kind)."""

    CONFIRMATION = "confirmation", "Confirmation to the visitor"
    STAFF_NOTIFICATION = "staff_notification", "Notification to staff"
    REPEAT_REQUEST = "repeat_request", "Repeat request, to the assignee"
    ESCALATION = "escalation", "Escalation: still unanswered"
    DIGEST = "digest", "Daily follow-up digest"
    # Sent by the blog app (blog/emails.py); no lead.
    REVIEW_REMINDER = "review_reminder", "Medical review reminder"
    # Sent by the accounts app (accounts/emails.py); no lead. The row names the staff member, never
    # the reset token, which is made when the email is built.
    PASSWORD_RESET = "password_reset", "Password reset, to a staff member"


class DeliveryStatus(models.TextChoices):
    """Where one email delivery stands."""

    PENDING = "pending", "Pending"
    SENDING = "sending", "Sending"
    SENT = "sent", "Sent"
    FAILED = "failed", "Failed"
    SKIPPED = "skipped", "Not sent (limit)"


class EmailDelivery(models.Model):
    """One email to send about a lead, and how sending it went: the row is the source of truth, the
    Celery message only a nudge, so a lost message never loses an email."""

    lead = models.ForeignKey(
        Lead,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="deliveries",
        help_text="The lead the email is about; empty for a digest, which covers several.",
    )
    kind = models.CharField(
        max_length=30, choices=EmailKind.choices, help_text="Which email this is."
    )
    recipient_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The staff member a digest, repeat-request or password-reset email is for.",
    )
    dedupe_key = models.CharField(
        max_length=200,
        null=True,
        blank=True,
        unique=True,
        help_text="Names an email that must exist once only (an escalation, a day's digest).",
    )
    recipient = models.EmailField(max_length=254, help_text="Where the email goes.")
    inquiry = models.ForeignKey(
        "leads.Inquiry",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=(
            "For a confirmation: the submission it answers, whose own typed name it greets "
            "(never the stored lead's)."
        ),
    )
    recipient_key = models.CharField(
        max_length=64,
        blank=True,
        db_index=True,
        help_text=(
            "A keyed hash of the normalised recipient address, to count confirmations per "
            "address without storing it twice."
        ),
    )
    status = models.CharField(
        max_length=10,
        choices=DeliveryStatus.choices,
        default=DeliveryStatus.PENDING,
        help_text=(
            "Pending, being sent, sent, failed (staff can retry a failed one), or not sent "
            "because a limit was reached."
        ),
    )
    skipped_reason = models.CharField(
        max_length=200,
        blank=True,
        help_text="Why this email was deliberately not sent (for example the daily limit).",
    )
    attempts = models.PositiveSmallIntegerField(
        default=0, help_text="How many times sending was started."
    )
    next_attempt_at = models.DateTimeField(
        default=timezone.now, help_text="The earliest time the next attempt may start."
    )
    claimed_at = models.DateTimeField(
        null=True, blank=True, help_text="When a worker last started sending it."
    )
    last_error = models.TextField(
        blank=True, help_text="The mail server's reply or the error of the last failed attempt."
    )
    sent_at = models.DateTimeField(
        null=True, blank=True, help_text="When the mail server accepted it."
    )
    created_at = models.DateTimeField(
        default=timezone.now, help_text="When the delivery was created, with its request."
    )

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = "email delivery"
        verbose_name_plural = "email deliveries"
        indexes = [
            models.Index(fields=["status", "next_attempt_at"], name="leads_delivery_due"),
        ]

    def __str__(self) -> str:
        if self.lead_id is None:
            return f"{self.get_kind_display()} to {self.recipient}"
        return f"{self.get_kind_display()} for lead #{self.lead_id}"
