"""Contact requests: the page visitors ask from, the privacy notice they agree to, and the leads
they leave."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from phonenumber_field.modelfields import PhoneNumberField
from wagtail.admin.panels import FieldPanel
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
        max_length=20,
        choices=LeadStatus.choices,
        default=LeadStatus.NEW,
        help_text="Where the request stands in the intake team's follow-up.",
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

    def __str__(self) -> str:
        return f"Contact request #{self.pk}"

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
        on_delete=models.CASCADE,
        related_name="deliveries",
        help_text="The contact request this email is about.",
    )
    kind = models.CharField(
        max_length=30, choices=EmailKind.choices, help_text="Confirmation or staff notification."
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
