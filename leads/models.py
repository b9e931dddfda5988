"""Contact requests: the page visitors ask from, the privacy notice they agree to, and the leads
they leave."""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from phonenumber_field.modelfields import PhoneNumberField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField
from wagtail.models import Page, Site
from wagtailseo.models import SeoMixin

from leads.placeholders import (
    DEFAULT_CONFIRMATION_OPENING,
    DEFAULT_CONFIRMATION_SUBJECT,
    PLACEHOLDER_HELP,
    parse_recipients,
    unknown_placeholders,
    valid_email,
)

TEXT_FEATURES = ["h2", "h3", "bold", "italic", "link", "ol", "ul"]


class ContactPage(RoutablePageMixin, SeoMixin, Page):
    """The page where a visitor asks the clinic to contact them; its thank-you view is a sub-path."""

    intro = RichTextField(
        blank=True,
        features=TEXT_FEATURES,
        help_text="A few welcoming sentences above the form: who will answer and how soon.",
    )
    form_heading = models.CharField(
        max_length=120,
        default="Ask us to contact you",
        help_text="The heading just above the form.",
    )
    thank_you_heading = models.CharField(
        max_length=120,
        default="Thank you: we have your request",
        help_text="The heading of the page a visitor sees after sending the form.",
    )
    thank_you_text = RichTextField(
        blank=True,
        features=TEXT_FEATURES,
        help_text=(
            "What happens next, shown after the form is sent: who calls, when, and what to have "
            "ready. Crisis resources (988, 911) are always shown as well."
        ),
    )

    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count_per_parent = 1

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        FieldPanel("form_heading"),
        FieldPanel("thank_you_heading"),
        FieldPanel("thank_you_text"),
    ]
    promote_panels = SeoMixin.seo_panels

    class Meta:
        verbose_name = "contact page"

    @classmethod
    def for_site(cls, site: Site | None) -> "ContactPage | None":
        """The live contact page of a site (one per site), or None."""
        if site is None:
            return None
        return cls.objects.live().descendant_of(site.root_page).first()

    @path("")
    def contact_form(self, request):
        from leads.views import contact_form_view

        return contact_form_view(request, self)

    @path("thank-you/", name="thank_you")
    def thank_you(self, request):
        from leads.views import thank_you_view

        return thank_you_view(request, self)

    @property
    def thank_you_url(self) -> str:
        return self.url + self.reverse_subpage("thank_you")


class PrivacyNoticePage(SeoMixin, Page):
    """The privacy notice the contact form's consent box links to: what the clinic keeps and why."""

    body = RichTextField(
        features=TEXT_FEATURES,
        help_text=(
            "The notice itself: what a contact request stores, who reads it, how long it is kept, "
            "and how to ask for it to be deleted."
        ),
    )

    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count_per_parent = 1

    content_panels = Page.content_panels + [FieldPanel("body")]
    promote_panels = SeoMixin.seo_panels

    class Meta:
        verbose_name = "privacy notice page"

    @classmethod
    def for_site(cls, site: Site | None) -> "PrivacyNoticePage | None":
        """The live privacy notice of a site (one per site), or None."""
        if site is None:
            return None
        return cls.objects.live().descendant_of(site.root_page).first()


class ContactMethod(models.TextChoices):
    PHONE = "phone", "Phone call"
    EMAIL = "email", "Email"
    TEXT = "text", "Text message"


class LeadStatus(models.TextChoices):
    NEW = "new", "New"
    CONTACTED = "contacted", "Contacted"
    CONSULTATION_SCHEDULED = "consultation_scheduled", "Consultation scheduled"
    BECAME_PATIENT = "became_patient", "Became a patient"
    NOT_A_FIT = "not_a_fit", "Not a fit"
    UNREACHABLE = "unreachable", "Unreachable"
    SPAM = "spam", "Spam"


# A lead in one of these still needs someone to act; any other status closes it.
OPEN_STATUSES = (LeadStatus.NEW, LeadStatus.CONTACTED, LeadStatus.CONSULTATION_SCHEDULED)


class Lead(models.Model):
    """One visitor's request to be contacted, with where they came from and what they agreed to."""

    full_name = models.CharField("full name", max_length=200)
    email = models.EmailField("email", max_length=254)
    phone = PhoneNumberField("phone", blank=True, region="US")
    preferred_contact_method = models.CharField(
        "preferred contact method", max_length=10, choices=ContactMethod.choices
    )
    best_time = models.CharField("best time to reach you", max_length=200, blank=True)
    message = models.TextField("message", max_length=2000, blank=True)

    consent_version = models.CharField(
        max_length=120, help_text="Which consent wording and privacy notice the visitor agreed to."
    )
    consented_at = models.DateTimeField(help_text="When the visitor ticked the consent box.")

    source_page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The page whose form the visitor sent.",
    )
    source_url = models.CharField(
        max_length=500, blank=True, help_text="The address of that page when the form was sent."
    )
    landing_page = models.CharField(
        max_length=2000, blank=True, help_text="The first page of the visit (first touch)."
    )
    referrer = models.CharField(
        max_length=2000, blank=True, help_text="Where the visitor came from on first arrival."
    )
    utm_source = models.CharField(max_length=200, blank=True)
    utm_medium = models.CharField(max_length=200, blank=True)
    utm_campaign = models.CharField(max_length=200, blank=True)
    utm_term = models.CharField(max_length=200, blank=True)
    utm_content = models.CharField(max_length=200, blank=True)

    client_address_hash = models.CharField(
        max_length=64,
        blank=True,
        help_text="A keyed hash of the sender's network address; the address itself is never kept.",
    )
    received_at = models.DateTimeField(default=timezone.now, db_index=True)
    status = models.CharField(
        max_length=30, choices=LeadStatus.choices, default=LeadStatus.NEW, db_index=True
    )
    email_key = models.CharField(
        max_length=254,
        blank=True,
        db_index=True,
        help_text="The email address normalised (trimmed, lower case), to match repeat requests.",
    )
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="assigned_leads",
        help_text="The intake staff member who follows this request up.",
    )
    next_follow_up_on = models.DateField(
        "next follow-up",
        null=True,
        blank=True,
        db_index=True,
        help_text="The day someone should next contact this person.",
    )
    first_contacted_at = models.DateTimeField(
        null=True, blank=True, help_text="When the lead first moved out of New."
    )
    closed_at = models.DateTimeField(
        null=True,
        blank=True,
        db_index=True,
        help_text="When the lead reached a closed status; retention counts from here.",
    )
    escalated_at = models.DateTimeField(
        null=True, blank=True, help_text="When staff were alerted that nobody had answered it."
    )
    anonymised_at = models.DateTimeField(
        null=True,
        blank=True,
        help_text="When its personal data was removed (retention or erasure).",
    )
    is_urgent = models.BooleanField(
        "urgent",
        default=False,
        db_index=True,
        help_text="The message contained a crisis phrase: staff are alerted at once.",
    )
    crisis_phrases = models.JSONField(
        default=list,
        blank=True,
        help_text="Which phrases from the crisis list the message matched.",
    )

    class Meta:
        ordering = ["-received_at", "-pk"]
        verbose_name = "contact request"
        verbose_name_plural = "contact requests"
        permissions = [
            ("view_lead_report", "Can view the counts-only leads-by-article report"),
        ]
        indexes = [
            # The work list's default order: urgent first, then newest.
            models.Index(fields=["-is_urgent", "-received_at", "-id"], name="leads_worklist_order"),
            models.Index(fields=["status", "next_follow_up_on"], name="leads_status_follow_up"),
            models.Index(fields=["utm_campaign", "received_at"], name="leads_campaign_received"),
            models.Index(fields=["phone", "received_at"], name="leads_phone_received"),
        ]

    def __str__(self) -> str:
        return f"Contact request #{self.pk}"

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    @property
    def time_to_first_contact(self):
        if self.first_contacted_at is None:
            return None
        return self.first_contacted_at - self.received_at

    @property
    def first_name(self) -> str:
        parts = self.full_name.split()
        return parts[0] if parts else ""


class TrappedSubmissionCount(models.Model):
    """How many form posts the spam traps caught per day and reason; the posts themselves are dropped."""

    day = models.DateField()
    reason = models.CharField(max_length=40)
    count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["day", "reason"], name="leads_trapped_count_day_reason")
        ]

    def __str__(self) -> str:
        return f"{self.day} {self.reason}: {self.count}"


class EmailKind(models.TextChoices):
    CONFIRMATION = "confirmation", "Confirmation to the visitor"
    STAFF_NOTIFICATION = "staff_notification", "Notification to staff"
    REPEAT_REQUEST = "repeat_request", "Repeat request, to the assignee"
    ESCALATION = "escalation", "Escalation: still unanswered"
    DIGEST = "digest", "Daily follow-up digest"


class DeliveryStatus(models.TextChoices):
    PENDING = "pending", "Pending"
    SENDING = "sending", "Sending"
    SENT = "sent", "Sent"
    FAILED = "failed", "Failed"


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
    kind = models.CharField(max_length=30, choices=EmailKind.choices)
    recipient_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The staff member a digest or repeat-request email is for.",
    )
    dedupe_key = models.CharField(
        max_length=200,
        null=True,
        blank=True,
        unique=True,
        help_text="Names an email that must exist once only (an escalation, a day's digest).",
    )
    recipient = models.EmailField(max_length=254)
    status = models.CharField(
        max_length=10, choices=DeliveryStatus.choices, default=DeliveryStatus.PENDING
    )
    attempts = models.PositiveSmallIntegerField(default=0)
    next_attempt_at = models.DateTimeField(default=timezone.now)
    claimed_at = models.DateTimeField(
        null=True, blank=True, help_text="When a worker last started sending it."
    )
    last_error = models.TextField(blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

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
        return f"{self.get_kind_display()} for contact request #{self.lead_id}"


@register_setting(icon="mail")
class LeadEmailSettings(BaseSiteSetting):
    """Who hears about new contact requests, and the editable start of the visitor's confirmation."""

    staff_recipients = models.TextField(
        blank=True,
        help_text=(
            "Addresses that receive a notification for every new contact request, one per line. "
            "Empty: the LEADS_NOTIFY_EMAILS environment setting is used."
        ),
    )
    confirmation_subject = models.CharField(
        max_length=150,
        default=DEFAULT_CONFIRMATION_SUBJECT,
        help_text=f"Subject of the visitor's confirmation email. {PLACEHOLDER_HELP}",
    )
    confirmation_opening = models.TextField(
        max_length=1000,
        default=DEFAULT_CONFIRMATION_OPENING,
        help_text=(
            "The first paragraph of the confirmation email; what happens next, the clinic's "
            f"phone and hours and the crisis resources always follow. {PLACEHOLDER_HELP}"
        ),
    )

    panels = [
        FieldPanel("staff_recipients"),
        MultiFieldPanel(
            [FieldPanel("confirmation_subject"), FieldPanel("confirmation_opening")],
            heading="Confirmation to the visitor",
        ),
    ]

    class Meta:
        verbose_name = "Contact request emails"

    def clean(self):
        super().clean()
        errors = {}
        for name in ("confirmation_subject", "confirmation_opening"):
            unknown = unknown_placeholders(getattr(self, name))
            if unknown:
                errors[name] = f"Unknown placeholder {', '.join(unknown)}. {PLACEHOLDER_HELP}"
        invalid = [
            address
            for address in parse_recipients(self.staff_recipients)
            if not valid_email(address)
        ]
        if invalid:
            errors["staff_recipients"] = f"Not an email address: {', '.join(invalid)}"
        if errors:
            raise ValidationError(errors)

    def recipient_list(self) -> list[str]:
        return parse_recipients(self.staff_recipients)


class Inquiry(models.Model):
    """One form submission: a lead has one per time the person asked, each with its own message and
    source, so a repeat request is attached to the open lead instead of being dropped."""

    lead = models.ForeignKey(Lead, on_delete=models.CASCADE, related_name="inquiries")
    received_at = models.DateTimeField(default=timezone.now, db_index=True)
    full_name = models.CharField(max_length=200, blank=True)
    email = models.EmailField(max_length=254, blank=True)
    phone = PhoneNumberField(blank=True, region="US")
    preferred_contact_method = models.CharField(
        max_length=10, choices=ContactMethod.choices, blank=True
    )
    best_time = models.CharField(max_length=200, blank=True)
    message = models.TextField(max_length=2000, blank=True)
    consent_version = models.CharField(max_length=120, blank=True)
    source_page = models.ForeignKey(
        "wagtailcore.Page", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    source_url = models.CharField(max_length=500, blank=True)
    landing_page = models.CharField(max_length=2000, blank=True)
    referrer = models.CharField(max_length=2000, blank=True)
    utm_source = models.CharField(max_length=200, blank=True)
    utm_medium = models.CharField(max_length=200, blank=True)
    utm_campaign = models.CharField(max_length=200, blank=True)
    utm_term = models.CharField(max_length=200, blank=True)
    utm_content = models.CharField(max_length=200, blank=True)
    client_address_hash = models.CharField(max_length=64, blank=True)

    class Meta:
        ordering = ["received_at", "pk"]
        verbose_name = "inquiry"
        verbose_name_plural = "inquiries"

    def __str__(self) -> str:
        return f"Inquiry #{self.pk} of contact request #{self.lead_id}"


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

    class Meta:
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["lead", "created_at"], name="leads_event_timeline")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} on contact request #{self.lead_id}"


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
        return f"Export of {self.row_count} contact requests ({self.export_format})"


def opening_hours_field(day: str, edge: str, default):
    return models.TimeField(
        f"{day} {edge}",
        null=True,
        blank=True,
        default=default,
        help_text=f"When the clinic {edge} on {day}; leave both empty when it is closed that day.",
    )


OPENING_DAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


@register_setting(icon="time")
class LeadFollowUpSettings(BaseSiteSetting):
    """When the clinic is open (escalations count only those hours) and how long a request may stay
    New before staff are alerted."""

    escalate_after_hours = models.DecimalField(
        max_digits=4,
        decimal_places=1,
        default=4,
        help_text="Opening hours a request may stay New before the staff list is alerted, once.",
    )
    monday_opens = opening_hours_field("monday", "opens", datetime.time(8))
    monday_closes = opening_hours_field("monday", "closes", datetime.time(18))
    tuesday_opens = opening_hours_field("tuesday", "opens", datetime.time(8))
    tuesday_closes = opening_hours_field("tuesday", "closes", datetime.time(18))
    wednesday_opens = opening_hours_field("wednesday", "opens", datetime.time(8))
    wednesday_closes = opening_hours_field("wednesday", "closes", datetime.time(18))
    thursday_opens = opening_hours_field("thursday", "opens", datetime.time(8))
    thursday_closes = opening_hours_field("thursday", "closes", datetime.time(18))
    friday_opens = opening_hours_field("friday", "opens", datetime.time(8))
    friday_closes = opening_hours_field("friday", "closes", datetime.time(18))
    saturday_opens = opening_hours_field("saturday", "opens", datetime.time(9))
    saturday_closes = opening_hours_field("saturday", "closes", datetime.time(13))
    sunday_opens = opening_hours_field("sunday", "opens", None)
    sunday_closes = opening_hours_field("sunday", "closes", None)

    panels = [
        FieldPanel("escalate_after_hours"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel(f"{day}_opens"), FieldPanel(f"{day}_closes")])
                for day in OPENING_DAYS
            ],
            heading="Opening hours (the clinic's time zone)",
        ),
    ]

    class Meta:
        verbose_name = "Contact request follow-up"

    def clean(self):
        super().clean()
        errors = {}
        for day in OPENING_DAYS:
            opens, closes = getattr(self, f"{day}_opens"), getattr(self, f"{day}_closes")
            if (opens is None) != (closes is None):
                errors[f"{day}_closes"] = "Give both times, or neither when closed that day."
            elif opens is not None and closes <= opens:
                errors[f"{day}_closes"] = "Closing time must be after opening time."
        if errors:
            raise ValidationError(errors)

    def weekly_hours(self) -> dict[int, tuple[datetime.time, datetime.time]]:
        """Opening and closing time by weekday number (Monday is 0), for the days it is open."""
        hours = {}
        for number, day in enumerate(OPENING_DAYS):
            opens, closes = getattr(self, f"{day}_opens"), getattr(self, f"{day}_closes")
            if opens is not None and closes is not None and closes > opens:
                hours[number] = (opens, closes)
        return hours
