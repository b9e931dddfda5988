"""The clinic's own facts, in one place: its name, phone, address, opening hours and crisis
message. The footer, the JSON-LD organisation, the privacy notice, the emails and the escalation
clock all read them from here."""

import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.functional import cached_property
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from phonenumber_field.modelfields import PhoneNumberField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.models import Orderable

from core.page_cache import cached

DEFAULT_CRISIS_MESSAGE = (
    "If you are in crisis or thinking about suicide, call or text 988 (Suicide & Crisis Lifeline, US) "
    "or call 911 now. This website and its contact form are not watched for emergencies."
)


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
    """8am, 6pm, 12:30pm: how the clinic writes times for visitors."""
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
            "Always name a way to get help right now."
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
        FieldPanel("crisis_message"),
    ]

    class Meta:
        verbose_name = "Clinic details"

    @classmethod
    def for_site(cls, site):
        """The site's clinic details, kept with the shared page data until the next purge (saving
        them or their hours purges it): Wagtail's `settings` context processor and the pages read
        them on every view, and Wagtail's own lookup is a query each time."""
        if site is None:
            return super().for_site(site)
        return cached(f"setting:{cls._meta.label_lower}:{site.pk}", lambda: cls.read_for_site(site))

    @classmethod
    def read_for_site(cls, site):
        clinic = super().for_site(site)
        # The opening hours are read with the details, so the shared page data serves both
        # without a query per page.
        clinic.opening_rows  # noqa: B018
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

    def opening_hours_lines(self) -> list[str]:
        """The hours as visitors read them, consecutive days with the same hours on one line:
        "Monday to Friday: 8am to 6pm"."""
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
            days = first.get_day_display()
            if len(run) > 1:
                days = f"{days} to {last.get_day_display()}"
            lines.append(f"{days}: {format_time(first.opens)} to {format_time(first.closes)}")
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
