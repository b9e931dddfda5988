"""The outbox's one model: a row per email to send, which is the source of truth for whether it
went. The table keeps the name it had when the outbox lived in the leads app."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone

from outbox.kinds import kind_label


class DeliveryStatus(models.TextChoices):
    """Where one email delivery stands."""

    PENDING = "pending", "Pending"
    SENDING = "sending", "Sending"
    SENT = "sent", "Sent"
    FAILED = "failed", "Failed"
    SKIPPED = "skipped", "Not sent (limit)"


class EmailDelivery(models.Model):
    """One email to send, and how sending it went: the row is the source of truth, the Celery
    message only a nudge, so a lost message never loses an email."""

    kind = models.CharField(
        max_length=30,
        help_text="Which email this is: a kind an app registered (outbox.kinds).",
    )
    # What the email is about (a lead, for the leads app's emails), by content type and id, so
    # the outbox names no other app; the app that owns the record gives it a GenericRelation
    # (which also deletes these rows with it). Empty for an email about no one record (a
    # digest, a reminder, a password reset).
    about_type = models.ForeignKey(
        ContentType,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="The kind of record the email is about.",
    )
    about_id = models.PositiveBigIntegerField(
        null=True, blank=True, help_text="The id of the record the email is about."
    )
    about = GenericForeignKey("about_type", "about_id")
    context = models.JSONField(
        default=dict,
        blank=True,
        help_text=(
            "What the email's builder needs beyond the record it is about, as ids only, never "
            'personal text (a confirmation names the submission it answers: {"inquiry": 12}).'
        ),
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
        db_table = "leads_emaildelivery"
        ordering = ["-created_at", "-pk"]
        verbose_name = "email delivery"
        verbose_name_plural = "email deliveries"
        indexes = [
            models.Index(fields=["status", "next_attempt_at"], name="leads_delivery_due"),
            models.Index(fields=["about_type", "about_id"], name="outbox_delivery_about"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.about_description()}".strip()

    def get_kind_display(self) -> str:
        """The kind as staff read it (the kinds are registered by apps, not database choices)."""
        return kind_label(self.kind)

    get_kind_display.short_description = "kind"

    def about_description(self) -> str:
        """'about contact request #12': the record's kind and number, never its contents (this
        text goes into alerts that leave the admin)."""
        if self.about_type_id is None:
            return ""
        about_type = ContentType.objects.get_for_id(self.about_type_id)
        model = about_type.model_class()
        name = model._meta.verbose_name if model else about_type.model
        return f"about {name} #{self.about_id}"
