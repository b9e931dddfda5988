"""The call hours form (for the team's "Call hours" and each person's "My call hours") and the
lead page's time picker.

Hours outside the clinic's opening hours are refused with a form error naming that day's opening
hours, rather than a warning: availability would silently cut them to the opening hours, and
staff reading their hours back should see what is really offered (docs/booking.md)."""

import datetime

from django import forms
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, InlinePanel, ObjectList
from wagtail.models import Site

from calls.admin.permissions import possible_call_takers
from calls.availability import FreeTime, by_day, clinic_zone
from calls.models import CallTaker
from core.models import Weekday
from leads.opening_hours import opening_schedule


def clinic_site() -> Site | None:
    """The site whose clinic hours call hours are checked against: the default one (the clinic
    has one site; a lead's own site decides its free times)."""
    return Site.objects.filter(is_default_site=True).first()


def outside_opening_hours(day: int, starts, ends, schedule) -> str:
    """Why hours on `day` from `starts` to `ends` do not fit the clinic's hours, or ""."""
    name = Weekday(day).label
    if day not in schedule:
        return f"The clinic is closed on {name}s (Settings → Clinic details), so no calls then."
    opens, closes = schedule[day]
    if starts < opens or ends > closes:
        return (
            f"Outside the clinic's hours on {name}s, {opens:%H:%M}–{closes:%H:%M}: "
            "call hours must lie within them."
        )
    return ""


class CallTakerForm(WagtailAdminModelForm):
    """A call taker's hours, each row checked against the clinic's opening hours that weekday;
    the staff member (when the form asks for one) must be intake staff or a superuser."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "user" in self.fields:
            self.fields["user"].queryset = possible_call_takers()
            self.fields["user"].error_messages["invalid_choice"] = (
                "Choose an intake staff member or a superuser: only they take calls."
            )

    def clean(self):
        data = super().clean()
        schedule = opening_schedule(clinic_site())
        for form in self.formsets["hours"].forms:
            # Validating the row here adds the error to the row itself, next to its fields.
            if not form.is_valid() or not form.cleaned_data or form.cleaned_data.get("DELETE"):
                continue
            day = form.cleaned_data.get("day")
            starts, ends = form.cleaned_data.get("starts"), form.cleaned_data.get("ends")
            if day is None or starts is None or ends is None:
                continue
            problem = outside_opening_hours(int(day), starts, ends, schedule)
            if problem:
                form.add_error(None, problem)
        return data


HOURS_PANELS = [
    InlinePanel(
        "hours",
        heading="Weekly call hours (the clinic's time zone)",
        label="Hours",
        help_text="Within the clinic's opening hours for that day.",
    ),
    InlinePanel("days_off", heading="Days off", label="Day off"),
]

# The team's "Call hours": whose hours they are, then the hours.
call_taker_panel = ObjectList(
    [FieldPanel("user"), FieldPanel("takes_calls"), *HOURS_PANELS],
    base_form_class=CallTakerForm,
).bind_to_model(CallTaker)

# "My call hours": the signed-in person's own, so no choice of person.
my_hours_panel = ObjectList(
    [FieldPanel("takes_calls"), *HOURS_PANELS], base_form_class=CallTakerForm
).bind_to_model(CallTaker)


def time_choices(times: list[FreeTime]) -> list[tuple[str, list[tuple[str, str]]]]:
    """Free times as a select's option groups, one per day in the clinic's zone."""
    zone = clinic_zone()
    return [
        (
            f"{day:%A %d %B}",
            [
                (free.starts_at.isoformat(), f"{free.starts_at.astimezone(zone):%H:%M}")
                for free in day_times
            ],
        )
        for day, day_times in by_day(times)
    ]


class CallTimeForm(forms.Form):
    """The lead page's time picker: a free time, as the select offers them."""

    starts_at = forms.ChoiceField(label="Time", help_text="Free times, in the clinic's time zone.")

    def __init__(self, *args, times: list[FreeTime] = (), prefix_id: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["starts_at"].choices = time_choices(list(times))
        if prefix_id:
            self.fields["starts_at"].widget.attrs["id"] = prefix_id


def parse_time(value: str | None) -> datetime.datetime | None:
    """A posted time (ISO 8601 with its offset), or None when it is not one."""
    try:
        moment = datetime.datetime.fromisoformat(value or "")
    except ValueError:
        return None
    return moment if moment.tzinfo is not None else None
