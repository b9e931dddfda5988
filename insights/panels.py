"""The Insights panel on the intake dashboard: the last four weeks at a glance. Its HTML is in
templates/insights/dashboard_panel.html."""

from django.urls import reverse
from wagtail.admin.ui.components import Component

from insights import figures, reports
from insights.views import first_contact_target


class InsightsPanel(Component):
    """The intake dashboard's view of the last four weeks: how fast people heard back."""

    order = 45
    template_name = "insights/dashboard_panel.html"

    def __init__(self, request):
        self.request = request

    def get_context_data(self, parent_context=None):
        target = first_contact_target(self.request)
        period = figures.chosen_period(figures.DEFAULT_PERIOD)
        speed = figures.speed_to_first_contact(period, target, weekly=False)
        return {
            "figures": speed,
            "target": target,
            "period": period,
            "url": reverse("insights_intake"),
            "median": reports.hours(speed.median),
            "share": reports.percent(speed.within_target_share),
        }
