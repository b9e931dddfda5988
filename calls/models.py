"""The call booking's data: the booking rules (a site setting), each staff member's call hours
and days off, the booked calls, and each staff member's calendar feed token. Every time is stored
in UTC; the clinic's zone (settings.TIME_ZONE) is the one the hours are written in."""

import datetime
import secrets
import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.models import Orderable

from core.models import Weekday
from leads.models import Lead


@register_setting(icon="date")
class CallBookingSettings(BaseSiteSetting):
    """The rules every free time obeys: how long a call is, the gap after it, how soon and how far
    ahead a visitor may book. Intake staff edit them (Settings → Call booking)."""

    call_minutes = models.PositiveSmallIntegerField(
        "call length (minutes)",
        default=20,
        validators=[MinValueValidator(5), MaxValueValidator(120)],
        help_text="How long a first call lasts; free times are this long.",
    )
    gap_minutes = models.PositiveSmallIntegerField(
        "gap between calls (minutes)",
        default=10,
        validators=[MaxValueValidator(120)],
        help_text="Time a staff member keeps free after each call, for notes.",
    )
    notice_opening_hours = models.DecimalField(
        "minimum notice (opening hours)",
        max_digits=4,
        decimal_places=1,
        default=2,
        validators=[MinValueValidator(0), MaxValueValidator(80)],
        help_text=(
            "The earliest free time offered is this many opening hours away (closures skipped), "
            "so whoever calls has time to read the request."
        ),
    )
    horizon_days = models.PositiveSmallIntegerField(
        "days ahead",
        default=14,
        validators=[MinValueValidator(1), MaxValueValidator(60)],
        help_text="How many days ahead a visitor may book, today included.",
    )
    offer_on_thank_you_page = models.BooleanField(
        "offer times after a request",
        default=True,
        help_text=(
            "Offer 'Pick a time for our call' on the thank-you page and in the confirmation "
            "email. Urgent requests never get it: they are called as soon as possible."
        ),
    )

    panels = [
        FieldRowPanel([FieldPanel("call_minutes"), FieldPanel("gap_minutes")]),
        FieldRowPanel([FieldPanel("notice_opening_hours"), FieldPanel("horizon_days")]),
        FieldPanel("offer_on_thank_you_page"),
    ]

    class Meta:
        verbose_name = "Call booking"

    @property
    def call_length(self) -> datetime.timedelta:
        return datetime.timedelta(minutes=self.call_minutes)

    @property
    def gap(self) -> datetime.timedelta:
        return datetime.timedelta(minutes=self.gap_minutes)


class CallTakerQuerySet(models.QuerySet):
    def taking_calls(self):
        """Staff members who take calls and may still sign in."""
        return self.filter(takes_calls=True, user__is_active=True)


class CallTaker(ClusterableModel):
    """A staff member's call hours: whether they take first calls, on which weekdays from when to
    when (inside the clinic's opening hours), and their days off."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="call_taker",
        help_text="The staff member who takes the calls.",
    )
    takes_calls = models.BooleanField(
        default=True,
        help_text="Untick to stop offering this person's times; their booked calls stay.",
    )
    updated_at = models.DateTimeField(auto_now=True)

    objects = CallTakerQuerySet.as_manager()

    # Edited through the panels of calls/admin/forms.py (the team's "Call hours" and each
    # person's "My call hours"), which check the hours against the clinic's.

    class Meta:
        verbose_name = "call taker"
        verbose_name_plural = "call takers"
        ordering = ["user__first_name", "user__last_name", "user__username"]

    def __str__(self) -> str:
        return self.user.get_full_name() or self.user.get_username()


class CallHours(Orderable):
    """One weekday on which a staff member takes calls, and from when to when (clinic time)."""

    taker = ParentalKey(CallTaker, on_delete=models.CASCADE, related_name="hours")
    day = models.PositiveSmallIntegerField(choices=Weekday.choices, help_text="The weekday.")
    starts = models.TimeField(help_text="From, e.g. 09:00.")
    ends = models.TimeField(help_text="Until, e.g. 12:30; the last call ends by then.")

    panels = [FieldRowPanel([FieldPanel("day"), FieldPanel("starts"), FieldPanel("ends")])]

    class Meta(Orderable.Meta):
        verbose_name = "call hours"
        verbose_name_plural = "call hours"

    def __str__(self) -> str:
        return f"{self.get_day_display()} {self.starts:%H:%M}–{self.ends:%H:%M}"

    def clean(self):
        super().clean()
        if self.starts is not None and self.ends is not None and self.ends <= self.starts:
            raise ValidationError({"ends": "The end must be after the start."})


class CallDayOff(Orderable):
    """Days a staff member takes no calls (leave, training): from one day to another, inclusive."""

    taker = ParentalKey(CallTaker, on_delete=models.CASCADE, related_name="days_off")
    first_day = models.DateField(help_text="The first day off.")
    last_day = models.DateField(
        null=True, blank=True, help_text="The last day off; empty for a single day."
    )

    panels = [FieldRowPanel([FieldPanel("first_day"), FieldPanel("last_day")])]

    class Meta(Orderable.Meta):
        verbose_name = "day off"
        verbose_name_plural = "days off"

    def __str__(self) -> str:
        if self.last_day and self.last_day != self.first_day:
            return f"{self.first_day:%Y-%m-%d} to {self.last_day:%Y-%m-%d}"
        return f"{self.first_day:%Y-%m-%d}"

    @property
    def until(self) -> datetime.date:
        return self.last_day or self.first_day

    def clean(self):
        super().clean()
        if self.first_day and self.last_day and self.last_day < self.first_day:
            raise ValidationError({"last_day": "The last day cannot be before the first."})


class CallStatus(models.TextChoices):
    BOOKED = "booked", "Booked"
    HELD = "held", "Held"
    NO_ANSWER = "no_answer", "No answer"
    CANCELLED_BY_VISITOR = "cancelled_by_visitor", "Cancelled by them"
    CANCELLED_BY_CLINIC = "cancelled_by_clinic", "Cancelled by us"


# The statuses that hold a staff member's time: a cancelled call frees it.
HOLDING_STATUSES = (CallStatus.BOOKED, CallStatus.HELD, CallStatus.NO_ANSWER)
CANCELLED_STATUSES = (CallStatus.CANCELLED_BY_VISITOR, CallStatus.CANCELLED_BY_CLINIC)
OUTCOME_STATUSES = (CallStatus.HELD, CallStatus.NO_ANSWER)


class CallEmailKind(models.TextChoices):
    """The call booking's emails (names in the outbox's rows, built in calls/emails.py)."""

    BOOKED = "call_booked", "Call booked (to the person, with the invitation)"
    CHANGED = "call_changed", "Call moved (to the person, with the updated invitation)"
    CANCELLED = "call_cancelled", "Call cancelled (to the person, removing the invitation)"
    REMINDER = "call_reminder", "Call reminder (to the person)"
    STAFF_BOOKED = "staff_call_booked", "Call booked (to the staff member who calls)"
    STAFF_CHANGED = "staff_call_changed", "Call moved (to the staff member who calls)"
    STAFF_CANCELLED = "staff_call_cancelled", "Call cancelled (to the staff member who called)"


class BookedBy(models.TextChoices):
    VISITOR = "visitor", "The person, on the website"
    STAFF = "staff", "Staff, for them"


class CallQuerySet(models.QuerySet):
    def holding(self):
        """Calls that hold their staff member's time (not cancelled)."""
        return self.filter(status__in=HOLDING_STATUSES)

    def upcoming(self, now=None):
        """Booked calls that have not ended yet."""
        return self.filter(status=CallStatus.BOOKED, ends_at__gt=now or timezone.now())

    def between(self, start, end):
        """Calls that start in [start, end)."""
        return self.filter(starts_at__gte=start, starts_at__lt=end)


class Call(models.Model):
    """A first call booked for a lead: when, who calls, and how it went. One row per booking: a
    change of time updates it (the calendar entry keeps its UID and its sequence goes up)."""

    lead = models.ForeignKey(Lead, on_delete=models.CASCADE, related_name="calls")
    staff = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="calls",
        help_text="Who calls.",
    )
    starts_at = models.DateTimeField(db_index=True)
    ends_at = models.DateTimeField()
    status = models.CharField(
        max_length=24, choices=CallStatus.choices, default=CallStatus.BOOKED, db_index=True
    )
    booked_by = models.CharField(max_length=10, choices=BookedBy.choices)
    booked_at = models.DateTimeField(default=timezone.now)
    # When the current time was chosen (the booking, or the last move): a reminder whose moment
    # had passed by then is not sent.
    time_chosen_at = models.DateTimeField(default=timezone.now)
    # The calendar entry's identity and version (RFC 5545 UID and SEQUENCE): a change keeps the
    # UID and raises the sequence, so the visitor's calendar moves the entry instead of adding one.
    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    sequence = models.PositiveIntegerField(default=0)
    outcome_at = models.DateTimeField(null=True, blank=True)
    reminded_day_before_at = models.DateTimeField(null=True, blank=True)
    reminded_hours_before_at = models.DateTimeField(null=True, blank=True)

    objects = CallQuerySet.as_manager()

    class Meta:
        ordering = ["starts_at", "pk"]
        constraints = [
            # The database, not only Python, keeps one call per staff member per time: two
            # visitors racing for the same free time cannot both get it.
            models.UniqueConstraint(
                fields=["staff", "starts_at"],
                condition=Q(status__in=["booked", "held", "no_answer"]),
                name="calls_one_call_per_staff_per_time",
            ),
            # And one booked call per lead: a second booking is a change of the first.
            models.UniqueConstraint(
                fields=["lead"],
                condition=Q(status="booked"),
                name="calls_one_booked_call_per_lead",
            ),
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")), name="calls_ends_after_start"
            ),
        ]
        indexes = [models.Index(fields=["staff", "starts_at"], name="calls_staff_starts")]

    def __str__(self) -> str:
        return (
            f"Call for lead #{self.lead_id} at {timezone.localtime(self.starts_at):%Y-%m-%d %H:%M}"
        )

    @property
    def is_booked(self) -> bool:
        return self.status == CallStatus.BOOKED

    @property
    def is_cancelled(self) -> bool:
        return self.status in CANCELLED_STATUSES


def new_feed_token() -> str:
    return secrets.token_urlsafe(32)


class CalendarFeed(models.Model):
    """A staff member's personal calendar address: their calls as an ICS feed, behind a secret
    token they can renew (which stops the old address at once)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feed"
    )
    token = models.CharField(max_length=64, unique=True, default=new_feed_token)
    renewed_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"Calendar feed of {self.user}"

    def renew(self) -> None:
        self.token = new_feed_token()
        self.renewed_at = timezone.now()
        self.save(update_fields=["token", "renewed_at"])


def new_pass_key() -> str:
    return secrets.token_urlsafe(24)


class BookingPass(models.Model):
    """What a visitor's booking link opens: one random key per lead, sent signed in the
    confirmation email, so the link names no lead and reveals nothing. Erasing the lead deletes
    it; staff can revoke it by issuing a new one."""

    lead = models.OneToOneField(Lead, on_delete=models.CASCADE, related_name="booking_pass")
    key = models.CharField(max_length=64, unique=True, default=new_pass_key)
    issued_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"Booking link of lead #{self.lead_id}"
