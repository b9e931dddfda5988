"""The intake dashboard's panels: what needs doing now, and a warning while nobody is notified.
Their HTML is in templates/leads/admin/."""

from django.urls import reverse
from wagtail.admin.ui.components import Component

from leads.admin.views import format_duration
from leads.models import OPEN_STATUSES
from leads.summary import work_summary


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
