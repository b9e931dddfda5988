"""The person-data feature's tables: a person's request to see or erase what the clinic holds about
them (a reference and dates, never the person's details) and the audit of what staff did.

Both tables were created by the leads app and keep their names (Meta.db_table), so every row
recorded before the feature had an app of its own is still here."""

import datetime

from django.conf import settings
from django.db import models
from django.utils import timezone

from leads.conf import leads_setting


class PersonRequestKind(models.TextChoices):
    """What a person asked us to do with the data we hold about them."""

    ACCESS = "access", "Copy of their data"
    ERASURE = "erasure", "Erasure"
    ACCESS_AND_ERASURE = "access_and_erasure", "Copy, then erasure"


class PersonRequestQuerySet(models.QuerySet):
    def open(self):
        return self.filter(completed_on__isnull=True)

    def due_for_reminder(self, handler, today: datetime.date):
        """The handler's open requests due within PERSON_REQUEST_REMINDER_DAYS (or overdue)."""
        horizon = today + datetime.timedelta(days=PERSON_REQUEST_REMINDER_DAYS)
        return self.open().filter(handler=handler, due_on__lte=horizon).order_by("due_on", "pk")


# The daily digest reminds a handler of an open person request this many days before it is due.
PERSON_REQUEST_REMINDER_DAYS = 7


class PersonRequest(models.Model):
    """A person's request to see or erase what we hold about them, with the date the answer is due;
    holds a reference and dates only, never the person's details."""

    reference = models.CharField(
        max_length=40,
        unique=True,
        help_text=(
            "The number you give this request (for example from the mailbox or the phone log). "
            "You type it again when you copy or erase the person's data."
        ),
    )
    kind = models.CharField(
        max_length=20,
        choices=PersonRequestKind.choices,
        help_text="What the person asked for.",
    )
    received_on = models.DateField(
        default=timezone.localdate, help_text="The day the person's request reached us."
    )
    due_on = models.DateField(
        blank=True,
        help_text=(
            "The day the answer is due: the day received plus LEADS_PERSON_REQUEST_DAYS "
            "(set automatically)."
        ),
    )
    handler = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="person_requests",
        help_text="The intake staff member who answers it; the daily digest reminds them.",
    )
    completed_on = models.DateField(
        "done on",
        null=True,
        blank=True,
        help_text="The day the person got their copy or their data was erased; empty while open.",
    )

    objects = PersonRequestQuerySet.as_manager()

    class Meta:
        db_table = "leads_personrequest"
        # Open requests (not done) first, the soonest due on top.
        ordering = [models.F("completed_on").asc(nulls_first=True), "due_on", "pk"]
        verbose_name = "person request"
        verbose_name_plural = "person requests"

    def __str__(self) -> str:
        return f"Person request {self.reference}"

    def save(self, *args, **kwargs):
        if self.due_on is None:
            days = int(leads_setting("LEADS_PERSON_REQUEST_DAYS"))
            self.due_on = self.received_on + datetime.timedelta(days=days)
        super().save(*args, **kwargs)

    @property
    def is_done(self) -> bool:
        return self.completed_on is not None


class PersonDataAction(models.TextChoices):
    """What a staff member did with a person's data in the "Find a person" view."""

    SEARCH = "search", "Searched"
    COPY = "copy", "Downloaded a copy"
    ERASE = "erase", "Erased"


class PersonDataAuditRecord(models.Model):
    """Who searched for, copied or erased a person's data, when, and under which request; never
    what was searched for."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField("at", default=timezone.now)
    action = models.CharField(max_length=10, choices=PersonDataAction.choices)
    export_format = models.CharField("format", max_length=10, blank=True)
    reference = models.CharField(
        "request reference", max_length=40, blank=True, help_text="The person request's reference."
    )
    lead_ids = models.JSONField(
        "contact requests", default=list, help_text="The numbers of the leads found or acted on."
    )

    class Meta:
        db_table = "leads_persondataauditrecord"
        ordering = ["-created_at", "-pk"]
        verbose_name = "person data audit record"

    def __str__(self) -> str:
        return f"{self.get_action_display()}: {len(self.lead_ids)} contact request(s)"
