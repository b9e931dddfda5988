"""The intake team's site settings: the confirmation email's wording, who is notified, what counts
as urgent, and how long a request may wait. The clinic's own facts are in core.ClinicSettings."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.models import Orderable

from leads.crisis import (
    DEFAULT_CRISIS_PHRASES,
    DEFAULT_CRISIS_PHRASES_BY_LANGUAGE,
    parse_phrases,
)
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


CRISIS_PHRASES_HELP = (
    "One phrase per line. A message containing one (as whole words, any capitals, accents "
    "optional) marks the request urgent. A space also matches a hyphen or no gap, apostrophes are "
    "optional, and a * at the end matches any ending (suicid* matches suicide and suicidal). A "
    "phrase right after 'not', 'no' or 'never' (e.g. 'I am not suicidal') does not count."
)


def other_languages() -> list[tuple[str, str]]:
    """The site's languages besides the default one, read when a form asks (no migration when
    settings.LANGUAGES changes)."""
    return [(code, name) for code, name in settings.LANGUAGES if code != settings.LANGUAGE_CODE]


@register_setting(icon="warning")
class UrgentRequestSettings(ClusterableModel, BaseSiteSetting):
    """Which messages count as a possible crisis, and who is alerted at once when one arrives."""

    crisis_phrases = models.TextField(
        default=DEFAULT_CRISIS_PHRASES,
        help_text=(
            f"{CRISIS_PHRASES_HELP} This is the default language's list; every message is "
            "checked against it and against the other languages' lists below."
        ),
    )
    urgent_recipients = models.TextField(
        blank=True,
        help_text=(
            "Addresses alerted about urgent requests in addition to the usual staff list, one per "
            "line: for example the on-call clinician's address."
        ),
    )

    panels = [
        FieldPanel("crisis_phrases"),
        # One row per other language rather than a field per language: a language added to
        # settings.LANGUAGES gets its list here, with no code change or migration.
        InlinePanel(
            "language_phrases",
            heading="Crisis phrases in other languages",
            label="Phrase list",
            help_text=(
                "Every message is checked against every list, whatever language the visitor read "
                "the site in: people mix languages, and a missed crisis costs far more than a "
                "false alarm."
            ),
        ),
        FieldPanel("urgent_recipients"),
    ]

    class Meta:
        verbose_name = "Urgent requests"

    def save(self, *args, **kwargs):
        adding = self._state.adding
        super().save(*args, **kwargs)
        # Wagtail creates a site's setting on first read: it starts with the built-in lists of
        # the site's other languages.
        if adding and not self.language_phrases.exists():
            CrisisPhraseList.objects.bulk_create(
                CrisisPhraseList(setting=self, language=code, phrases=phrases, sort_order=order)
                for order, (code, phrases) in enumerate(DEFAULT_CRISIS_PHRASES_BY_LANGUAGE.items())
                if code in dict(other_languages())
            )

    def all_phrases(self) -> list[str]:
        """Every language's phrases: the default list first, then each other language's."""
        lists = [self.crisis_phrases, *(row.phrases for row in self.language_phrases.all())]
        return [line for phrases in lists for line in phrases.splitlines()]

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


class CrisisPhraseList(Orderable):
    """The crisis phrases of one of the site's other languages, so a message in Spanish that may
    come from someone in crisis is urgent too."""

    setting = ParentalKey(
        UrgentRequestSettings, on_delete=models.CASCADE, related_name="language_phrases"
    )
    language = models.CharField(
        max_length=10,
        choices=other_languages,
        help_text="The language these phrases are in: one of the site's languages.",
    )
    phrases = models.TextField(help_text=CRISIS_PHRASES_HELP)

    panels = [FieldPanel("language"), FieldPanel("phrases")]

    class Meta(Orderable.Meta):
        verbose_name = "crisis phrase list"
        verbose_name_plural = "crisis phrase lists"
        constraints = [
            models.UniqueConstraint(
                fields=["setting", "language"], name="leads_crisis_phrases_one_list_per_language"
            )
        ]

    def __str__(self) -> str:
        return f"Crisis phrases ({self.language})"

    def clean(self):
        super().clean()
        if not parse_phrases(self.phrases):
            raise ValidationError(
                {"phrases": "List at least one phrase, or remove this language's list."}
            )


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
