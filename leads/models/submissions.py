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

from home.page_mixins import SeoPageMixin
from leads.crisis import DEFAULT_CRISIS_PHRASES, parse_phrases
from leads.placeholders import (
    DEFAULT_CONFIRMATION_OPENING,
    DEFAULT_CONFIRMATION_SUBJECT,
    PLACEHOLDER_HELP,
    parse_recipients,
    unknown_placeholders,
    valid_email,
)

TEXT_FEATURES = ["h2", "h3", "bold", "italic", "link", "ol", "ul"]


class ContactPage(RoutablePageMixin, SeoPageMixin, SeoMixin, Page):
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

    def serve_preview(self, request, mode_name):
        # RoutablePageMixin serves previews through the routes; wagtail-seo's search-result
        # preview is a template of its own, which only Page.serve_preview renders.
        if mode_name == "wagtail-seo":
            return Page.serve_preview(self, request, mode_name)
        return super().serve_preview(request, mode_name)

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


class PrivacyNoticePage(SeoPageMixin, SeoMixin, Page):
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

    def get_context(self, request, *args, **kwargs):
        from leads.conf import leads_setting

        context = super().get_context(request, *args, **kwargs)
        # Quoted from the setting the purge job uses, so the notice can never promise otherwise.
        context["retention_days"] = leads_setting("LEADS_RETENTION_DAYS")
        return context

    @classmethod
    def for_site(cls, site: Site | None) -> "PrivacyNoticePage | None":
        """The live privacy notice of a site (one per site), or None."""
        if site is None:
            return None
        return cls.objects.live().descendant_of(site.root_page).first()


class ContactMethod(models.TextChoices):
    """How a visitor would like the clinic to reach them."""

    PHONE = "phone", "Phone call"
    EMAIL = "email", "Email"
    TEXT = "text", "Text message"


class LeadStatus(models.TextChoices):
    """Where a request stands in the intake team's follow-up."""

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

    full_name = models.CharField(
        "full name", max_length=200, help_text="The name the visitor gave, exactly as typed."
    )
    email = models.EmailField("email", max_length=254, help_text="The visitor's email address.")
    phone = PhoneNumberField(
        "phone", blank=True, region="US", help_text="In international (E.164) form; may be empty."
    )
    preferred_contact_method = models.CharField(
        "preferred contact method",
        max_length=10,
        choices=ContactMethod.choices,
        help_text="How the visitor would like to be contacted.",
    )
    best_time = models.CharField(
        "best time to reach you",
        max_length=200,
        blank=True,
        help_text="When the visitor said they are easiest to reach.",
    )
    message = models.TextField(
        "message",
        max_length=2000,
        blank=True,
        help_text="The visitor's own words. Never copied into email or logs.",
    )

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
    utm_source = models.CharField(
        max_length=200, blank=True, help_text="Campaign source on first arrival (utm_source)."
    )
    utm_medium = models.CharField(
        max_length=200, blank=True, help_text="Campaign medium on first arrival (utm_medium)."
    )
    utm_campaign = models.CharField(
        max_length=200, blank=True, help_text="Campaign name on first arrival (utm_campaign)."
    )
    utm_term = models.CharField(
        max_length=200, blank=True, help_text="Campaign term on first arrival (utm_term)."
    )
    utm_content = models.CharField(
        max_length=200, blank=True, help_text="Campaign content on first arrival (utm_content)."
    )

    client_address_hash = models.CharField(
        max_length=64,
        blank=True,
        help_text="A keyed hash of the sender's network address; the address itself is never kept.",
    )
    received_at = models.DateTimeField(
        default=timezone.now, db_index=True, help_text="When the request was saved."
    )
    status = models.CharField(
        max_length=30,
        choices=LeadStatus.choices,
        default=LeadStatus.NEW,
        db_index=True,
        help_text="Where the request stands in the intake team's follow-up.",
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

    day = models.DateField(help_text="The day the posts were caught.")
    reason = models.CharField(max_length=40, help_text="Which trap caught them.")
    count = models.PositiveIntegerField(default=0, help_text="How many posts were caught.")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["day", "reason"], name="leads_trapped_count_day_reason")
        ]

    def __str__(self) -> str:
        return f"{self.day} {self.reason}: {self.count}"


class EmailKind(models.TextChoices):
    """Which of a request's two emails a delivery is."""

    CONFIRMATION = "confirmation", "Confirmation to the visitor"
    STAFF_NOTIFICATION = "staff_notification", "Notification to staff"
    REPEAT_REQUEST = "repeat_request", "Repeat request, to the assignee"
    ESCALATION = "escalation", "Escalation: still unanswered"
    DIGEST = "digest", "Daily follow-up digest"


class DeliveryStatus(models.TextChoices):
    """Where one email delivery stands."""

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
    kind = models.CharField(
        max_length=30, choices=EmailKind.choices, help_text="Which email this is."
    )
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
    recipient = models.EmailField(max_length=254, help_text="Where the email goes.")
    status = models.CharField(
        max_length=10,
        choices=DeliveryStatus.choices,
        default=DeliveryStatus.PENDING,
        help_text="Pending, being sent, sent, or failed (staff can retry a failed one).",
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
        return f"{self.get_kind_display()} for contact request #{self.lead_id}"


@register_setting(icon="mail")
class ConfirmationEmailSettings(BaseSiteSetting):
    """The start of the email a visitor gets after sending the form, editable by marketing."""

    confirmation_subject = models.CharField(
        "subject",
        max_length=150,
        default=DEFAULT_CONFIRMATION_SUBJECT,
        help_text=f"Subject of the visitor's confirmation email. {PLACEHOLDER_HELP}",
    )
    confirmation_opening = models.TextField(
        "opening paragraph",
        max_length=1000,
        default=DEFAULT_CONFIRMATION_OPENING,
        help_text=(
            "The first paragraph of the confirmation email; what happens next, the clinic's "
            f"phone and hours and the crisis resources always follow. {PLACEHOLDER_HELP}"
        ),
    )

    panels = [FieldPanel("confirmation_subject"), FieldPanel("confirmation_opening")]

    class Meta:
        verbose_name = "Confirmation email"

    def clean(self):
        super().clean()
        errors = {}
        for name in ("confirmation_subject", "confirmation_opening"):
            unknown = unknown_placeholders(getattr(self, name))
            if unknown:
                errors[name] = f"Unknown placeholder {', '.join(unknown)}. {PLACEHOLDER_HELP}"
        if errors:
            raise ValidationError(errors)


@register_setting(icon="group")
class StaffNotificationSettings(BaseSiteSetting):
    """Who on the staff hears about each new contact request; kept apart from the confirmation's
    wording so that only intake staff and superusers decide where requests go."""

    staff_recipients = models.TextField(
        blank=True,
        help_text=(
            "Addresses that receive a notification for every new contact request, one per line. "
            "Empty: the LEADS_NOTIFY_EMAILS environment setting is used."
        ),
    )

    panels = [FieldPanel("staff_recipients")]

    class Meta:
        verbose_name = "Staff notifications"

    def clean(self):
        super().clean()
        invalid = [
            address
            for address in parse_recipients(self.staff_recipients)
            if not valid_email(address)
        ]
        if invalid:
            raise ValidationError(
                {"staff_recipients": f"Not an email address: {', '.join(invalid)}"}
            )

    def recipient_list(self) -> list[str]:
        return parse_recipients(self.staff_recipients)


@register_setting(icon="warning")
class UrgentRequestSettings(BaseSiteSetting):
    """Which messages count as a possible crisis, and who is alerted at once when one arrives."""

    crisis_phrases = models.TextField(
        default=DEFAULT_CRISIS_PHRASES,
        help_text=(
            "One phrase per line. A message containing one (as whole words, any capitals) marks "
            "the request urgent. A space also matches a hyphen or no gap, apostrophes are optional, "
            "and a * at the end matches any ending (suicid* matches suicide and suicidal). A phrase "
            "right after 'not', 'no' or 'never' (e.g. 'I am not suicidal') does not count."
        ),
    )
    urgent_recipients = models.TextField(
        blank=True,
        help_text=(
            "Addresses alerted about urgent requests in addition to the usual staff list, one per "
            "line: for example the on-call clinician's address."
        ),
    )

    panels = [FieldPanel("crisis_phrases"), FieldPanel("urgent_recipients")]

    class Meta:
        verbose_name = "Urgent requests"

    def clean(self):
        super().clean()
        errors = {}
        if not parse_phrases(self.crisis_phrases):
            errors["crisis_phrases"] = (
                "List at least one phrase: an empty list marks nothing urgent."
            )
        invalid = [
            address
            for address in parse_recipients(self.urgent_recipients)
            if not valid_email(address)
        ]
        if invalid:
            errors["urgent_recipients"] = f"Not an email address: {', '.join(invalid)}"
        if errors:
            raise ValidationError(errors)

    def recipient_list(self) -> list[str]:
        return parse_recipients(self.urgent_recipients)


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
