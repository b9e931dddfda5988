"""The clinic's own facts, in one place: its name, phone, address, opening hours, closures and
crisis message. The footer, the JSON-LD organisation, the privacy notice, the emails and the
escalation clock all read them from here."""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import formats, timezone
from django.utils.dates import WEEKDAYS
from django.utils.functional import cached_property
from django.utils.text import capfirst
from django.utils.translation import get_language, get_supported_language_variant, gettext
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from phonenumber_field.modelfields import PhoneNumberField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.images import get_image_model_string
from wagtail.models import Orderable

from core.page_cache import cached, connect_purge_signals

DEFAULT_CRISIS_MESSAGE = (
    "If you are in crisis or thinking about suicide, call or text 988 (Suicide & Crisis Lifeline, US) "
    "or call 911 now. This website and its contact form are not watched for emergencies."
)

# The 988 Lifeline's chat in the default language; a crisis message in another language names its
# own (the Spanish line chats at 988lineadevida.org).
DEFAULT_CRISIS_CHAT_URL = "https://988lifeline.org/chat/"

# The crisis message a clinic starts with in each language besides the default one, seeded by a
# data migration and on a new site's first read; editors change them in Settings → Clinic
# details. Safe-messaging practice: a way to get help right now, never any detail of a method.
DEFAULT_CRISIS_MESSAGES = {
    "es": (
        (
            "Si está pasando por una crisis o piensa en el suicidio, no tiene que enfrentarlo a "
            "solas: llame al 988 y marque 2 para hablar en español, envíe AYUDA por mensaje de "
            "texto al 988 o chatee en español en 988lineadevida.org. En una emergencia, llame al "
            "911. Este sitio y su formulario no se revisan para atender emergencias."
        ),
        "https://988lineadevida.org/",
    ),
}


def other_site_languages() -> list[tuple[str, str]]:
    """The site's languages besides the default one (settings.LANGUAGES), read when a form asks:
    a callable, so a language added to the settings needs no migration."""
    return [(code, name) for code, name in settings.LANGUAGES if code != settings.LANGUAGE_CODE]


@dataclass(frozen=True)
class CrisisHelp:
    """What a page or email shows someone who may be in crisis, in one language."""

    message: str
    chat_url: str


class Weekday(models.IntegerChoices):
    """Days as Python numbers them (Monday is 0), so a date's weekday() finds its hours."""

    MONDAY = 0, "Monday"
    TUESDAY = 1, "Tuesday"
    WEDNESDAY = 2, "Wednesday"
    THURSDAY = 3, "Thursday"
    FRIDAY = 4, "Friday"
    SATURDAY = 5, "Saturday"
    SUNDAY = 6, "Sunday"


# The hours a new clinic starts with (the same the escalation clock has always assumed), until
# an editor changes them in Settings → Clinic details.
DEFAULT_OPENING_HOURS = (
    *(
        (day, datetime.time(8), datetime.time(18))
        for day in range(Weekday.MONDAY, Weekday.SATURDAY)
    ),
    (Weekday.SATURDAY, datetime.time(9), datetime.time(13)),
)


def format_time(moment: datetime.time) -> str:
    """A time as visitors read it in the active language: 8am, 6pm, 12:30pm, as the clinic has
    always written them, in English; the language's own time format elsewhere (Django's locale
    formats: 08:00 and 18:00 in Spanish)."""
    if (get_language() or settings.LANGUAGE_CODE).split("-")[0] != "en":
        return formats.time_format(moment)
    hour = moment.hour % 12 or 12
    suffix = "am" if moment.hour < 12 else "pm"
    return f"{hour}{suffix}" if moment.minute == 0 else f"{hour}:{moment.minute:02d}{suffix}"


@register_setting(icon="site")
class ClinicSettings(ClusterableModel, BaseSiteSetting):
    """The clinic's contact details, opening hours and crisis message: one editable home for each."""

    clinic_name = models.CharField(
        max_length=120,
        default="Evergreen Ketamine Clinic",
        help_text="The clinic's name as visitors should see it.",
    )
    phone = PhoneNumberField(
        blank=True,
        region="US",
        help_text="The number visitors call, e.g. (503) 555-0142.",
    )
    email = models.EmailField(blank=True, help_text="The address visitors may write to.")
    street_address = models.CharField(max_length=200, blank=True, help_text="Street and suite.")
    locality = models.CharField(max_length=100, blank=True, help_text="City.")
    region = models.CharField(max_length=100, blank=True, help_text="State, e.g. OR.")
    postal_code = models.CharField(max_length=20, blank=True, help_text="ZIP code.")
    country = models.CharField(
        max_length=2, default="US", help_text="Two-letter country code, e.g. US."
    )
    crisis_message = models.TextField(
        default=DEFAULT_CRISIS_MESSAGE,
        max_length=600,
        help_text=(
            "Shown in every page's footer, with call and text links to 988 and a call link to 911. "
            "Always name a way to get help right now. This is the default language's message; "
            "add the others below."
        ),
    )

    panels = [
        FieldPanel("clinic_name"),
        MultiFieldPanel([FieldPanel("phone"), FieldPanel("email")], heading="Contact"),
        MultiFieldPanel(
            [
                FieldPanel("street_address"),
                FieldPanel("locality"),
                FieldPanel("region"),
                FieldPanel("postal_code"),
                FieldPanel("country"),
            ],
            heading="Address",
        ),
        InlinePanel(
            "hours",
            heading="Opening hours (the clinic's time zone)",
            label="Opening",
            help_text=(
                "One row per day the clinic is open. The footer, search engines and the "
                "escalation of unanswered requests all use these hours."
            ),
        ),
        InlinePanel(
            "closures",
            heading="Closures (holidays)",
            label="Closure",
            help_text=(
                "Days the clinic is closed although its hours say open, e.g. Thanksgiving. The "
                "footer announces them two weeks ahead, and the escalation of unanswered requests "
                "and call booking skip them."
            ),
        ),
        FieldPanel("crisis_message"),
        # One row per other language rather than one field per language: a clinic that adds a
        # language to settings.LANGUAGES adds its row here, with no code change or migration.
        InlinePanel(
            "crisis_messages",
            heading="Crisis message in other languages",
            label="Crisis message",
            help_text=(
                "Visitors reading the site or an email in one of these languages see its message; "
                "a language without one shows the message above."
            ),
        ),
    ]

    class Meta:
        verbose_name = "Clinic details"

    @classmethod
    def for_site(cls, site):
        """The site's clinic details, kept with the shared page data until the next purge (saving
        them, their hours or their closures purges it): Wagtail's `settings` context processor and
        the pages read them on every view, and Wagtail's own lookup is a query each time."""
        if site is None:
            return super().for_site(site)
        return cached(f"setting:{cls._meta.label_lower}:{site.pk}", lambda: cls.read_for_site(site))

    @classmethod
    def read_for_site(cls, site):
        clinic = super().for_site(site)
        # The opening hours and closures are read with the details, so the shared page data
        # serves them all without a query per page.
        clinic.opening_rows  # noqa: B018
        clinic.closure_rows  # noqa: B018
        clinic.crisis_message_rows  # noqa: B018
        return clinic

    def save(self, *args, **kwargs):
        adding = self._state.adding
        super().save(*args, **kwargs)
        # Wagtail creates a site's setting on first read; it starts with the usual hours.
        if adding and not self.hours.exists():
            OpeningHours.objects.bulk_create(
                OpeningHours(setting=self, day=day, opens=opens, closes=closes, sort_order=day)
                for day, opens, closes in DEFAULT_OPENING_HOURS
            )
        # ...and with the crisis message in each of the site's other languages it has one for.
        if adding and not self.crisis_messages.exists():
            CrisisMessage.objects.bulk_create(
                CrisisMessage(setting=self, language=code, message=message, chat_url=chat_url)
                for code, (message, chat_url) in DEFAULT_CRISIS_MESSAGES.items()
                if code in dict(other_site_languages())
            )

    @cached_property
    def crisis_message_rows(self) -> dict[str, "CrisisMessage"]:
        """The other languages' crisis messages by language, read once per instance (and kept with
        the shared page data, like the hours)."""
        return {row.language: row for row in self.crisis_messages.all()}

    def crisis_help(self, language: str | None = None) -> CrisisHelp:
        """The crisis message and chat link in `language` (by default the active one: the page's
        or, inside translation.override, the email's), or the default language's message when
        that language has none. Templates call it without an argument."""
        try:
            code = get_supported_language_variant(language or get_language() or "")
        except LookupError:
            code = settings.LANGUAGE_CODE
        row = self.crisis_message_rows.get(code)
        if row is None or not row.message.strip():
            return CrisisHelp(self.crisis_message, DEFAULT_CRISIS_CHAT_URL)
        return CrisisHelp(row.message, row.chat_url or DEFAULT_CRISIS_CHAT_URL)

    @property
    def phone_display(self) -> str:
        """The phone number as visitors read it: (503) 555-0142 in the US, international abroad."""
        if not self.phone:
            return ""
        if not self.phone.is_valid():
            return str(self.phone.raw_input)
        if self.phone.country_code == 1:
            return self.phone.as_national
        return self.phone.as_international

    @property
    def phone_href(self) -> str:
        """The phone number as a tel: link target."""
        if not self.phone or not self.phone.is_valid():
            return ""
        return f"tel:{self.phone.as_e164}"

    @property
    def phone_structured(self) -> str:
        """The phone number as schema.org shows it: +1-503-555-0142."""
        if not self.phone or not self.phone.is_valid():
            return ""
        return self.phone.as_rfc3966.removeprefix("tel:")

    @cached_property
    def opening_rows(self) -> list["OpeningHours"]:
        """The opening rows by day, read once per instance (a request's footer and JSON-LD share
        the instance Wagtail caches on the request)."""
        return sorted(self.hours.all(), key=lambda row: (row.day, row.opens))

    def weekly_hours(self) -> dict[int, tuple[datetime.time, datetime.time]]:
        """Opening and closing time by weekday number (Monday is 0), for the days it is open."""
        return {row.day: (row.opens, row.closes) for row in self.opening_rows}

    @cached_property
    def closure_rows(self) -> list["ClinicClosure"]:
        """The closures by date, read once per instance (and kept with the shared page data, like
        the hours)."""
        return sorted(self.closures.all(), key=lambda row: (row.first_day, row.through))

    def closed_days(self, first: datetime.date, last: datetime.date) -> set[datetime.date]:
        """The dates from `first` to `last` (both included) on which the clinic is closed."""
        days = set()
        for row in self.closure_rows:
            start, end = max(first, row.first_day), min(last, row.through)
            days.update(start + datetime.timedelta(days=n) for n in range((end - start).days + 1))
        return days

    def upcoming_closures(
        self, today: datetime.date | None = None, days: int = 14
    ) -> list["ClinicClosure"]:
        """The closures not over by `today` (the clinic's date by default) that begin within
        `days` of it, for the footer."""
        today = today or timezone.localdate()
        horizon = today + datetime.timedelta(days=days)
        return [
            row for row in self.closure_rows if row.through >= today and row.first_day <= horizon
        ]

    def opening_hours_lines(self) -> list[str]:
        """The hours as visitors read them in the active language, consecutive days with the same
        hours on one line: "Monday to Friday: 8am to 6pm", "Lunes a viernes: 08:00 a 18:00".
        Day names come from Django's own translations; the Weekday labels stay the admin's."""
        runs: list[list[OpeningHours]] = []
        for row in self.opening_rows:
            previous = runs[-1][-1] if runs else None
            if previous and previous.day == row.day - 1 and same_hours(previous, row):
                runs[-1].append(row)
            else:
                runs.append([row])
        lines = []
        for run in runs:
            first, last = run[0], run[-1]
            days = str(WEEKDAYS[first.day])
            if len(run) > 1:
                # Translators: a range of days the clinic is open, e.g. "Monday to Friday".
                days = gettext("%(first_day)s to %(last_day)s") % {
                    "first_day": days,
                    "last_day": WEEKDAYS[last.day],
                }
            # Translators: when the clinic opens and closes on those days, e.g. "8am to 6pm".
            hours = gettext("%(opens)s to %(closes)s") % {
                "opens": format_time(first.opens),
                "closes": format_time(first.closes),
            }
            # Translators: one line of the opening hours, e.g. "Monday to Friday: 8am to 6pm".
            line = gettext("%(days)s: %(hours)s") % {"days": days, "hours": hours}
            lines.append(capfirst(line))
        return lines

    def opening_hours_specification(self) -> list[dict]:
        """schema.org OpeningHoursSpecification objects: the days that share hours together."""
        specifications: dict[tuple, dict] = {}
        for row in self.opening_rows:
            spec = specifications.setdefault(
                (row.opens, row.closes),
                {
                    "@type": "OpeningHoursSpecification",
                    "dayOfWeek": [],
                    "opens": row.opens.strftime("%H:%M:%S"),
                    "closes": row.closes.strftime("%H:%M:%S"),
                },
            )
            spec["dayOfWeek"].append(row.get_day_display())
        return list(specifications.values())

    def postal_address(self) -> dict | None:
        """The address as a schema.org PostalAddress, or None when no street is given."""
        if not self.street_address:
            return None
        return {
            "@type": "PostalAddress",
            "streetAddress": self.street_address,
            "addressLocality": self.locality,
            "addressRegion": self.region,
            "postalCode": self.postal_code,
            "addressCountry": self.country,
        }


def same_hours(first: "OpeningHours", second: "OpeningHours") -> bool:
    return (first.opens, first.closes) == (second.opens, second.closes)


class OpeningHours(Orderable):
    """One day the clinic is open, and from when to when (local time)."""

    setting = ParentalKey(ClinicSettings, on_delete=models.CASCADE, related_name="hours")
    day = models.PositiveSmallIntegerField(
        choices=Weekday.choices, help_text="The day of the week."
    )
    opens = models.TimeField(help_text="When the clinic opens that day, e.g. 08:00.")
    closes = models.TimeField(help_text="When it closes that day, e.g. 18:00.")

    panels = [FieldRowPanel([FieldPanel("day"), FieldPanel("opens"), FieldPanel("closes")])]

    class Meta(Orderable.Meta):
        verbose_name = "opening"
        verbose_name_plural = "opening hours"
        constraints = [
            models.UniqueConstraint(fields=["setting", "day"], name="core_opening_one_row_per_day")
        ]

    def __str__(self) -> str:
        return f"{self.get_day_display()} {self.opens:%H:%M}–{self.closes:%H:%M}"

    def clean(self):
        super().clean()
        if self.opens is not None and self.closes is not None and self.closes <= self.opens:
            raise ValidationError({"closes": "Closing time must be after opening time."})


class ClinicClosure(Orderable):
    """A day or run of days the clinic is closed (a holiday), so no clock counts them as open."""

    setting = ParentalKey(ClinicSettings, on_delete=models.CASCADE, related_name="closures")
    first_day = models.DateField(help_text="The first day the clinic is closed.")
    last_day = models.DateField(
        blank=True,
        null=True,
        help_text="The last day it is closed, for a closure of several days; empty: one day only.",
    )
    reason = models.CharField(
        max_length=120,
        blank=True,
        help_text="For staff, e.g. Thanksgiving; visitors see only the dates.",
    )

    panels = [
        FieldRowPanel([FieldPanel("first_day"), FieldPanel("last_day")]),
        FieldPanel("reason"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = "closure"
        verbose_name_plural = "closures"

    def __str__(self) -> str:
        days = f"{self.first_day}" if self.single_day else f"{self.first_day}–{self.through}"
        return f"{days} {self.reason}".strip()

    @property
    def through(self) -> datetime.date:
        """The last day closed: the first one when no last day is given."""
        return self.last_day or self.first_day

    @property
    def single_day(self) -> bool:
        """Whether the closure is one day (the footer words it "Closed on …")."""
        return self.through == self.first_day

    def clean(self):
        super().clean()
        if self.first_day and self.last_day and self.last_day < self.first_day:
            raise ValidationError({"last_day": "The last day cannot be before the first day."})


class CrisisMessage(Orderable):
    """The clinic's crisis message in one of the site's other languages, so a visitor in crisis
    reads where to get help in their own language."""

    setting = ParentalKey(ClinicSettings, on_delete=models.CASCADE, related_name="crisis_messages")
    language = models.CharField(
        max_length=10,
        choices=other_site_languages,
        help_text="The language of this message: one of the site's languages.",
    )
    message = models.TextField(
        max_length=600,
        help_text=(
            "Shown in this language's footer, forms and emails, with call and text links to 988, "
            "the chat link below and a call link to 911. Always name a way to get help right now, "
            "in this language (the 988 Lifeline answers in Spanish when callers press 2)."
        ),
    )
    chat_url = models.URLField(
        "chat link",
        blank=True,
        help_text=(
            "The crisis line's online chat in this language, e.g. https://988lineadevida.org/ for "
            "Spanish. Empty: the 988 Lifeline's chat in English."
        ),
    )

    panels = [FieldPanel("language"), FieldPanel("message"), FieldPanel("chat_url")]

    class Meta(Orderable.Meta):
        verbose_name = "crisis message"
        verbose_name_plural = "crisis messages"
        constraints = [
            models.UniqueConstraint(
                fields=["setting", "language"], name="core_crisis_message_one_per_language"
            )
        ]

    def __str__(self) -> str:
        return f"Crisis message ({self.language})"


# What pages show from outside the page tree: saving or deleting one purges the page cache.
connect_purge_signals(
    [
        "core.ClinicSettings",
        "core.OpeningHours",
        "core.ClinicClosure",
        "core.CrisisMessage",
        "wagtailseo.SeoSettings",
        get_image_model_string(),
        "wagtailcore.Site",
        "wagtailcore.Locale",
        "wagtailcore.PageViewRestriction",
    ]
)
