"""What happened to leads, and around them: each lead's timeline, the export audit, and the daily
counts of spam the traps caught."""

from django.conf import settings
from django.db import models
from django.utils import timezone

from leads.models.submissions import Lead


class TrappedSubmissionCount(models.Model):
    """How many form posts the spam traps caught per day and reason; the posts themselves are dropped."""

    day = models.DateField(help_text="The day the posts were caught.")
    reason = models.CharField(max_length=40, help_text="Which trap caught them.")
    count = models.PositiveIntegerField(default=0, help_text="How many posts were caught.")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["day", "reason"], name="leads_trapped_count_day_reason")
        ]

    def __str__(self) -> str:
        return f"{self.day} {self.reason}: {self.count}"


class LeadEventKind(models.TextChoices):
    RECEIVED = "received", "Received"
    REPEAT_REQUEST = "repeat_request", "Asked again"
    STATUS = "status", "Status changed"
    ASSIGNED = "assigned", "Assigned"
    NOTE = "note", "Note"
    FOLLOW_UP = "follow_up", "Next follow-up set"
    SPLIT = "split", "Inquiry split off"
    ESCALATED = "escalated", "Escalated: unanswered"
    VIEWED = "viewed", "Viewed"
    EXPORTED = "exported", "Exported"
    ANONYMISED = "anonymised", "Personal data removed (retention)"
    ERASED = "erased", "Erased on the person's request"
    CALL = "call", "First call"


class LeadEvent(models.Model):
    """One entry of a lead's timeline: what happened, who did it and when. Never holds the
    visitor's personal data except a note's own text, which erasure removes."""

    lead = models.ForeignKey(Lead, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=20, choices=LeadEventKind.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Who did it; empty for the system (a visitor's form, a scheduled job).",
    )
    created_at = models.DateTimeField(default=timezone.now)
    summary = models.CharField(max_length=300, blank=True)
    note = models.TextField(blank=True)
    export_record = models.ForeignKey(
        "leads.LeadExportRecord",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="For an export entry: the export, so erasure can find its search terms.",
    )

    class Meta:
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["lead", "created_at"], name="leads_event_timeline")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} on lead #{self.lead_id}"


class LeadExportRecord(models.Model):
    """Who exported the lead list, when, in which format and with which filter."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField("exported at", default=timezone.now)
    export_format = models.CharField("format", max_length=10)
    filters = models.CharField(
        max_length=2000, blank=True, help_text="The list's query string: filters, search, order."
    )
    row_count = models.PositiveIntegerField("rows", default=0)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = "lead export"

    def __str__(self) -> str:
        return f"Export of {self.row_count} leads ({self.export_format})"


def record_event(lead, kind, actor=None, summary="", note="", at=None) -> LeadEvent:
    """Add one entry to a lead's timeline."""
    return LeadEvent.objects.create(
        lead=lead,
        kind=kind,
        actor=actor,
        summary=summary[:300],
        note=note,
        created_at=at or timezone.now(),
    )
