"""The call booking's admin pages: the agenda (a day or a week of calls, the signed-in person's or
the team's), "My call hours" with the personal calendar address, and the team's call hours
(calls/admin/viewsets.py). Registered in calls/wagtail_hooks.py; HTML in
calls/templates/calls/admin/."""

import datetime
from dataclasses import dataclass
from urllib.parse import urlencode

from django.contrib import messages
from django.http import HttpResponseNotAllowed
from django.shortcuts import redirect
from django.urls import reverse, reverse_lazy
from django.utils import timezone
from django.views.generic import TemplateView
from wagtail.admin.menu import Menu, MenuItem
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.generic.models import CreateView, DeleteView, EditView, IndexView

from calls.admin.forms import my_hours_panel
from calls.admin.permissions import can_see_calls, can_take_calls
from calls.availability import clinic_zone
from calls.models import CalendarFeed, Call, CallStatus, CallTaker
from core.admin_access import PolicyPermissionMixin, forbidden
from leads.recipients import user_label

calls_menu = Menu(register_hook_name="register_calls_menu_item", construct_hook_name=None)


class CallsMenuItem(MenuItem):
    """Shown to whoever may open the page it links to."""

    def __init__(self, *args, can_see, **kwargs):
        super().__init__(*args, **kwargs)
        self.can_see = can_see

    def is_shown(self, request):
        return self.can_see(request.user)


@dataclass(frozen=True)
class AgendaRow:
    """One call in the agenda: its time in the clinic's zone, the lead's number, who calls."""

    starts: datetime.datetime
    ends: datetime.datetime
    lead_id: int
    lead_url: str
    staff: str
    status: str
    status_label: str

    @property
    def is_cancelled(self) -> bool:
        return self.status in (CallStatus.CANCELLED_BY_CLINIC, CallStatus.CANCELLED_BY_VISITOR)


@dataclass(frozen=True)
class AgendaPeriod:
    """The days an agenda page shows, in the clinic's zone: one day, or Monday to Sunday."""

    view: str
    first: datetime.date
    days: int

    @classmethod
    def chosen(cls, view: str, day: datetime.date) -> "AgendaPeriod":
        if view == "week":
            return cls("week", day - datetime.timedelta(days=day.weekday()), 7)
        return cls("day", day, 1)

    @property
    def last(self) -> datetime.date:
        return self.first + datetime.timedelta(days=self.days - 1)

    @property
    def previous(self) -> datetime.date:
        return self.first - datetime.timedelta(days=self.days)

    @property
    def next(self) -> datetime.date:
        return self.first + datetime.timedelta(days=self.days)

    def bounds(self) -> tuple[datetime.datetime, datetime.datetime]:
        zone = clinic_zone()
        return (
            datetime.datetime.combine(self.first, datetime.time(), zone),
            datetime.datetime.combine(self.next, datetime.time(), zone),
        )

    @property
    def label(self) -> str:
        if self.days == 1:
            return f"{self.first:%A %d %B %Y}"
        return f"Week of {self.first:%A %d %B %Y} to {self.last:%A %d %B}"


def agenda_rows(period: AgendaPeriod, staff=None) -> list[AgendaRow]:
    """The period's calls in time order, cancelled ones included (marked): one query."""
    zone = clinic_zone()
    calls = Call.objects.between(*period.bounds()).select_related("staff").order_by("starts_at")
    if staff is not None:
        calls = calls.filter(staff=staff)
    return [
        AgendaRow(
            starts=call.starts_at.astimezone(zone),
            ends=call.ends_at.astimezone(zone),
            lead_id=call.lead_id,
            lead_url=reverse("contact_requests:inspect", args=[call.lead_id]),
            staff=user_label(call.staff),
            status=call.status,
            status_label=call.get_status_display(),
        )
        for call in calls
    ]


def by_day(rows: list[AgendaRow]) -> list[tuple[datetime.date, list[AgendaRow]]]:
    days: dict[datetime.date, list[AgendaRow]] = {}
    for row in rows:
        days.setdefault(row.starts.date(), []).append(row)
    return list(days.items())


def chosen_day(value: str | None) -> datetime.date:
    try:
        return datetime.date.fromisoformat(value or "")
    except ValueError:
        return timezone.now().astimezone(clinic_zone()).date()


class AgendaView(WagtailAdminTemplateMixin, TemplateView):
    """Calls → Agenda: `?view=day|week&date=YYYY-MM-DD&who=me|team`, times in the clinic's zone.
    Rows show the lead's number and the call's status only, never the person's name."""

    template_name = "calls/admin/agenda.html"
    page_title = "Calls"
    header_icon = "calendar-alt"
    breadcrumbs_items = [{"url": reverse_lazy("wagtailadmin_home"), "label": "Home"}]

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": "Calls"}]

    def dispatch(self, request, *args, **kwargs):
        if not can_see_calls(request.user):
            return forbidden(request)
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        query = self.request.GET
        view = "week" if query.get("view") == "week" else "day"
        who = "team" if query.get("who") == "team" else "me"
        period = AgendaPeriod.chosen(view, chosen_day(query.get("date")))
        rows = agenda_rows(period, staff=self.request.user if who == "me" else None)
        today = timezone.now().astimezone(clinic_zone()).date()

        def link(**changes) -> str:
            params = {"view": view, "date": period.first.isoformat(), "who": who, **changes}
            return f"{reverse('calls_agenda')}?{urlencode(params)}"

        context.update(
            period=period,
            who=who,
            view=view,
            days=by_day(rows),
            count=len(rows),
            zone_name=clinic_zone().key,
            previous_url=link(date=period.previous.isoformat()),
            next_url=link(date=period.next.isoformat()),
            today_url=link(date=today.isoformat()),
            day_url=link(view="day"),
            week_url=link(view="week"),
            me_url=link(who="me"),
            team_url=link(who="team"),
        )
        return context


class MyCallHoursView(EditView):
    """Calls → My call hours: the signed-in person's own hours and days off, and their calendar
    address. The first visit makes their call-taker row, not taking calls until they say so."""

    model = CallTaker
    panel = my_hours_panel
    template_name = "calls/admin/my_hours.html"
    page_title = "My call hours"
    header_icon = "time"
    success_message = "Your call hours are saved."
    permission_policy = None

    def dispatch(self, request, *args, **kwargs):
        if not can_take_calls(request.user):
            return forbidden(request)
        return super().dispatch(request, *args, **kwargs)

    def get_object(self, queryset=None):
        taker, _ = CallTaker.objects.get_or_create(
            user=self.request.user, defaults={"takes_calls": False}
        )
        return taker

    def get_page_subtitle(self):
        return "My call hours"

    def get_breadcrumbs_items(self):
        return [{"url": "", "label": "My call hours"}]

    def get_edit_url(self):
        return reverse("calls_my_hours")

    def get_success_url(self):
        return reverse("calls_my_hours")

    def get_success_buttons(self):
        return []

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        feed, _ = CalendarFeed.objects.get_or_create(user=self.request.user)
        context.update(
            feed=feed,
            feed_url=self.request.build_absolute_uri(reverse("calls_feed", args=[feed.token])),
            action_url=reverse("calls_my_hours"),
        )
        return context


def renew_feed_view(request):
    """ "Renew address": a new secret calendar address; the old one stops at once."""
    if not can_take_calls(request.user):
        return forbidden(request)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    feed, created = CalendarFeed.objects.get_or_create(user=request.user)
    if not created:
        feed.renew()
    messages.success(
        request,
        "Your calendar address is renewed: the old one no longer works. "
        "Subscribe your calendar to the new one.",
    )
    return redirect("calls_my_hours")


class CallTakerIndexView(PolicyPermissionMixin, IndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().select_related("user").prefetch_related("hours")


class CallTakerCreateView(PolicyPermissionMixin, CreateView):
    permission_required = "add"


class CallTakerEditView(PolicyPermissionMixin, EditView):
    permission_required = "change"


class CallTakerDeleteView(PolicyPermissionMixin, DeleteView):
    permission_required = "delete"
