"""The intake team's site settings: the confirmation email's wording, who is notified, what counts
as urgent, and how long a request may wait. The clinic's own facts are in core.ClinicSettings."""

from django.core.exceptions import ValidationError
from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting

from leads.crisis import DEFAULT_CRISIS_PHRASES, parse_phrases
from leads.placeholders import (
    DEFAULT_CONFIRMATION_OPENING,
    DEFAULT_CONFIRMATION_SUBJECT,
    PLACEHOLDER_HELP,
    parse_recipients,
    unknown_placeholders,
    valid_email,
)

OTHER_LANGUAGES_HELP = "Emails in the site's other languages use the built-in wording, translated."


@register_setting(icon="mail")
class ConfirmationEmailSettings(BaseSiteSetting):
    """The start of the email a visitor gets after sending the form, editable by marketing."""

    confirmation_subject = models.CharField(
        "subject",
        max_length=150,
        default=DEFAULT_CONFIRMATION_SUBJECT,
        help_text=(
            f"Subject of the visitor's confirmation email in the site's default language. "
            f"{PLACEHOLDER_HELP} {OTHER_LANGUAGES_HELP}"
        ),
    )
    confirmation_opening = models.TextField(
        "opening paragraph",
        max_length=1000,
        default=DEFAULT_CONFIRMATION_OPENING,
        help_text=(
            "The first paragraph of the confirmation email in the site's default language; what "
            "happens next, the clinic's phone and hours and the crisis resources always follow. "
            f"{PLACEHOLDER_HELP} {OTHER_LANGUAGES_HELP}"
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
            "Addresses that receive a notification for every new lead, one per line. "
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


@register_setting(icon="time")
class LeadFollowUpSettings(BaseSiteSetting):
    """How long a request may stay New, counted in the clinic's opening hours (Settings → Clinic
    details), before staff are alerted."""

    escalate_after_hours = models.DecimalField(
        max_digits=4,
        decimal_places=1,
        default=4,
        help_text=(
            "Opening hours a request may stay New before the staff list is alerted, once. The "
            "hours themselves are the clinic's, in Settings → Clinic details."
        ),
    )

    first_contact_target_hours = models.DecimalField(
        "first-contact target (opening hours)",
        max_digits=4,
        decimal_places=1,
        default=1,
        help_text=(
            "How soon, in opening hours, the clinic aims to contact a person who asked; Insights "
            "draws it as a line and counts the share of requests contacted within it."
        ),
    )

    panels = [FieldPanel("escalate_after_hours"), FieldPanel("first_contact_target_hours")]

    class Meta:
        verbose_name = "Lead follow-up"
