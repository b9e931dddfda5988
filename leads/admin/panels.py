"""The intake dashboard's panels: what needs doing now (with its figures: new today, unassigned,
overdue, and the median time to first contact), and a warning while nobody is notified.
Their HTML is in templates/leads/admin/."""

import datetime
import statistics
from dataclasses import dataclass

from django.urls import reverse
from django.utils import timezone
from wagtail.admin.ui.components import Component

from leads.admin.views import format_duration
from leads.models import OPEN_STATUSES, Lead


@dataclass(frozen=True)
class WorkSummary:
    """What the intake dashboard shows."""

    new_today: int
    unassigned: int
    overdue: int
    median_first_contact: datetime.timedelta | None


def work_summary(now: datetime.datetime | None = None) -> WorkSummary:
    now = now or timezone.now()
    today = timezone.localdate(now)
    start_of_today = datetime.datetime.combine(
        today, datetime.time(0), timezone.get_current_timezone()
    )
    durations = [
        (contacted - received).total_seconds()
        for received, contacted in Lead.objects.filter(
            first_contacted_at__isnull=False,
            received_at__gte=now - datetime.timedelta(days=30),
        ).values_list("received_at", "first_contacted_at")
    ]
    return WorkSummary(
        new_today=Lead.objects.not_spam().filter(received_at__gte=start_of_today).count(),
        unassigned=Lead.objects.unassigned().count(),
        overdue=Lead.objects.overdue(today).count(),
        median_first_contact=(
            datetime.timedelta(seconds=statistics.median(durations)) if durations else None
        ),
    )


class LeadWorkPanel(Component):
    """The intake dashboard: what needs doing now, and how fast first contact has been."""

    order = 40
    template_name = "leads/admin/work_panel.html"

    def get_context_data(self, parent_context=None):
        summary = work_summary()
        index = reverse("contact_requests:index")
        median = summary.median_first_contact
        return {
            "summary": summary,
            "median": format_duration(median) if median is not None else "",
            "new_url": f"{index}?status=new",
            # The work list's open statuses with nobody assigned: the leads the count is made of.
            "unassigned_url": f"{index}?assignment=nobody&"
            + "&".join(f"status={status}" for status in OPEN_STATUSES),
            "overdue_url": f"{index}?overdue=on",
        }


class NoStaffRecipientsPanel(Component):
    """A dashboard warning while no staff address is set: new leads would reach nobody."""

    order = 30
    template_name = "leads/admin/no_staff_recipients_panel.html"

    def __init__(self, settings_url: str):
        self.settings_url = settings_url

    def get_context_data(self, parent_context=None):
        return {"settings_url": self.settings_url}
