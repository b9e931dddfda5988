"""The contact requests themselves: `Lead`, the person the intake team follows up, and `Inquiry`,
each time that person sent the form. Both carry the fields of `Submission`."""

import datetime

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.utils import timezone
from django.utils.translation import get_language_info
from django.utils.translation import gettext_lazy as _
from phonenumber_field.modelfields import PhoneNumberField


class ContactMethod(models.TextChoices):
    """How a visitor would like the clinic to reach them."""

    # Visitors choose among these on the form, in their language; staff read them in theirs.
    PHONE = "phone", _("Phone call")
    EMAIL = "email", _("Email")
    TEXT = "text", _("Text message")


class LeadStatus(models.TextChoices):
    """Where a request stands in the intake team's follow-up."""

    NEW = "new", "New"
    CONTACTED = "contacted", "Contacted"
    CONSULTATION_SCHEDULED = "consultation_scheduled", "Consultation scheduled"
    BECAME_PATIENT = "became_patient", "Became a patient"
    NOT_A_FIT = "not_a_fit", "Not a fit"
    UNREACHABLE = "unreachable", "Unreachable"
    SPAM = "spam", "Spam"


def language_choices() -> list[tuple[str, str]]:
    """The site's languages (settings.LANGUAGES), read when a form or the admin asks: a callable, so
    adding a language to the settings needs no migration."""
    return list(settings.LANGUAGES)


def default_language() -> str:
    return settings.LANGUAGE_CODE


def language_name(code: str) -> str:
    """A language's English name, as staff read it ("Spanish"): Django's own name for the code, or
    the settings' name for a language Django does not know."""
    try:
        return get_language_info(code)["name"]
    except KeyError:
        return dict(settings.LANGUAGES).get(code, code)


# A lead in one of these still needs someone to act; any other status closes it.
OPEN_STATUSES = (LeadStatus.NEW, LeadStatus.CONTACTED, LeadStatus.CONSULTATION_SCHEDULED)


# Providers that deliver j.o.r.d.a.n@ to jordan@: their dots are not part of the mailbox.
DOTLESS_DOMAINS = {"gmail.com": "gmail.com", "googlemail.com": "gmail.com"}


def normalise_email(address: str) -> str:
    """The mailbox an address reaches: the one key that repeat matching, "Find a person", the
    confirmation cap and the per-address rate limit all compare, so that no spelling of one inbox
    counts as another. Case is ignored; a quoted or backslash-escaped local part is unquoted
    ("a.b"@x and a\\.b@x are a.b@x); a +tag is dropped; and for providers that ignore dots in the
    local part (Gmail), the dots are dropped too. The form refuses quoted addresses; this still
    folds any that reach a row another way."""
    local, _, domain = (address or "").strip().rpartition("@")
    domain = domain.casefold().rstrip(".")
    if not local:
        return domain
    if len(local) >= 2 and local.startswith('"') and local.endswith('"'):
        local = local[1:-1]
    local = local.replace("\\", "").casefold().split("+", 1)[0]
    if domain in DOTLESS_DOMAINS:
        local = local.replace(".", "")
        domain = DOTLESS_DOMAINS[domain]
    return f"{local}@{domain}"


class LeadQuerySet(models.QuerySet):
    """The filters every part of the intake work shares, each written here once and used by the
    work list, the dashboard, the digest, escalation and Insights alike:

    - open: someone still has to act (New, Contacted or Consultation scheduled).
    - active: open, and the person can still be reached (not anonymised by retention or erasure).
    - overdue: active, with a next follow-up day before today.
    - not spam: every request a person sent, whatever its status, except those marked Spam.
    - unassigned: active, with nobody assigned, whatever its open status. Not only New ones: the
      digest lists each user's due follow-ups by assignee, so a Contacted lead left without an
      assignee would otherwise appear in nobody's digest and on nobody's list; the dashboard and
      the digest both count it.

    `NOT_SPAM` and `overdue_condition` are the same conditions as Q objects, for counts inside one
    aggregate (Insights)."""

    NOT_SPAM = ~models.Q(status=LeadStatus.SPAM)

    @staticmethod
    def overdue_condition(today: datetime.date) -> models.Q:
        """The overdue test on rows that are already active."""
        return models.Q(next_follow_up_on__lt=today)

    def open(self):
        """Leads someone still has to act on (New, Contacted, Consultation scheduled)."""
        return self.filter(status__in=OPEN_STATUSES)

    def active(self):
        """Open leads whose person can still be reached: not anonymised by retention or erasure."""
        return self.open().filter(anonymised_at__isnull=True)

    def not_spam(self):
        """Every request a person sent: all statuses except Spam."""
        return self.filter(self.NOT_SPAM)

    def due_for(self, user, today: datetime.date | None = None):
        """The active leads assigned to `user` whose next follow-up is today (clinic time) or
        overdue."""
        today = today or timezone.localdate()
        return self.active().filter(assigned_to=user, next_follow_up_on__lte=today)

    def unassigned(self):
        """Active leads nobody is assigned to, in any open status (see the class docstring)."""
        return self.active().filter(assigned_to__isnull=True)

    def overdue(self, today: datetime.date):
        """Active leads whose next follow-up day has passed."""
        return self.active().filter(self.overdue_condition(today))


class Submission(models.Model):
    """What one sending of the contact form carries: the person's details and where they came
    from. `Lead` (the person being followed up) and `Inquiry` (each time they asked) share it."""

    full_name = models.CharField(
        "full name", max_length=200, help_text="The name the visitor gave, exactly as typed."
    )
    email = models.EmailField("email", max_length=254, help_text="The visitor's email address.")
    email_key = models.CharField(
        max_length=254,
        blank=True,
        db_index=True,
        help_text=(
            "The mailbox the email address reaches (normalise_email), set on every save: what "
            "repeat requests and person searches match on."
        ),
    )
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
    language = models.CharField(
        "language",
        max_length=10,
        choices=language_choices,
        default=default_language,
        help_text=(
            "The language of the site when the visitor sent the form: the confirmation email is "
            "written in it, and it is the language to reply in."
        ),
    )

    consent_version = models.CharField(
        max_length=120, help_text="Which consent wording and privacy notice the visitor agreed to."
    )
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

    # A self-check (the selfcheck app) is attached only when the visitor ticked "send my answers
    # with my request". Stored as staff-readable labels, not codes, so intake and the person's data
    # copy read them without knowing the questionnaire; erased with the other personal fields.
    self_check = models.JSONField(
        "self-check",
        default=dict,
        blank=True,
        help_text=(
            "The visitor's self-check answers, attached only when they chose to send them with "
            "the request. Empty when none were sent."
        ),
    )
    meets_threshold = models.BooleanField(
        "meets the two-antidepressant threshold",
        default=False,
        help_text=(
            "From an attached self-check: at least two antidepressants tried at a proper dose "
            "for about six weeks or more."
        ),
    )
    safety_flag = models.BooleanField(
        "safety flag",
        default=False,
        help_text=(
            "From an attached self-check: a safety point a doctor checks first (pregnancy, "
            "psychosis or mania, uncontrolled blood pressure or heart condition, alcohol or drugs, "
            "thoughts of self-harm)."
        ),
    )

    client_address_hash = models.CharField(
        max_length=64,
        blank=True,
        help_text="A keyed hash of the sender's network address; the address itself is never kept.",
    )
    received_at = models.DateTimeField(
        default=timezone.now, db_index=True, help_text="When the request was saved."
    )

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        self.email_key = normalise_email(self.email)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "email" in update_fields:
            kwargs["update_fields"] = {*update_fields, "email_key"}
        super().save(*args, **kwargs)


# The fields a submission carries, copied from an inquiry to the lead it starts.
SUBMISSION_FIELDS = tuple(field.name for field in Submission._meta.local_fields)

# The fields of a submission that can identify the person: retention and erasure blank them, and
# counts and sources (status, dates, source page, campaign) stay for the reports. A field added to
# Submission that can name or reach someone belongs here.
PERSONAL_FIELDS = (
    "full_name",
    "email",
    # The mailbox the address reaches: as personal as the address itself.
    "email_key",
    "phone",
    "best_time",
    "message",
    "client_address_hash",
    "referrer",
    "landing_page",
    # An attached self-check: health data, as personal as the message.
    "self_check",
    "meets_threshold",
    "safety_flag",
)


class Lead(Submission):
    """One visitor's request to be contacted, with where they came from and what they agreed to."""

    consented_at = models.DateTimeField(help_text="When the visitor ticked the consent box.")
    # Every email about this lead (outbox rows name it by content type and id); deleting the
    # lead deletes them, and `EmailDelivery.objects.filter(lead=...)` reads them.
    deliveries = GenericRelation(
        "outbox.EmailDelivery",
        content_type_field="about_type",
        object_id_field="about_id",
        related_query_name="lead",
    )

    status = models.CharField(
        max_length=30,
        choices=LeadStatus.choices,
        default=LeadStatus.NEW,
        db_index=True,
        help_text="Where the request stands in the intake team's follow-up.",
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
    first_contact_opening_hours = models.FloatField(
        null=True,
        blank=True,
        help_text=(
            "Opening hours between the request and the first contact, by the opening hours in "
            "force at that moment (the escalation clock); Insights charts read it."
        ),
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
    possibly_different_person = models.BooleanField(
        "possibly a different person",
        default=False,
        help_text=(
            "A repeat request was attached that matched on the phone number only, or gave another "
            "name: check it, and split the inquiry off if it is someone else."
        ),
    )
    is_demo = models.BooleanField(
        "demo data",
        default=False,
        help_text=(
            "Made up by `seed_demo --with-leads` to fill the Insights charts; "
            "`purge_leads --remove-demo-leads` deletes every such lead."
        ),
    )

    objects = LeadQuerySet.as_manager()

    class Meta:
        ordering = ["-received_at", "-pk"]
        verbose_name = "lead"
        verbose_name_plural = "leads"
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
        return f"Lead #{self.pk}"

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    @property
    def time_to_first_contact(self):
        if self.first_contacted_at is None:
            return None
        return self.first_contacted_at - self.received_at

    def is_follow_up_overdue(self, today: datetime.date) -> bool:
        """The next follow-up date has passed while the lead is still open (the "overdue" filter)."""
        return bool(self.next_follow_up_on and self.next_follow_up_on < today and self.is_open)

    def recheck_possibly_different_person(self) -> None:
        """After an inquiry left the lead (split off or erased): the mark stays only while another
        doubtful inquiry remains."""
        self.possibly_different_person = self.inquiries.filter(
            possibly_different_person=True
        ).exists()
        Lead.objects.filter(pk=self.pk).update(
            possibly_different_person=self.possibly_different_person
        )

    @property
    def first_name(self) -> str:
        parts = self.full_name.split()
        return parts[0] if parts else ""


class Inquiry(Submission):
    """One form submission: a lead has one per time the person asked, each with its own message and
    source, so a repeat request is attached to the open lead instead of being dropped."""

    lead = models.ForeignKey(Lead, on_delete=models.CASCADE, related_name="inquiries")

    possibly_different_person = models.BooleanField(
        default=False,
        help_text="Matched its lead on the phone number only, or gave another name.",
    )

    class Meta:
        ordering = ["received_at", "pk"]
        verbose_name = "inquiry"
        verbose_name_plural = "inquiries"

    def __str__(self) -> str:
        return f"Inquiry #{self.pk} of lead #{self.lead_id}"
