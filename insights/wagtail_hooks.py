"""Registers Insights with Wagtail: its menu (intake performance, marketing), its pages and the
dashboard panel. The views are in insights/views.py."""

from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import SubmenuMenuItem

from insights import views
from insights.panels import InsightsPanel
from insights.views import InsightsMenuItem, insights_menu


@hooks.register("register_admin_menu_item")
def register_insights_menu():
    return SubmenuMenuItem(
        "Insights", insights_menu, icon_name="chart-bar", name="insights", order=310
    )


@hooks.register("register_insights_menu_item")
def register_intake_insights_item():
    return InsightsMenuItem(
        "Intake performance",
        reverse("insights_intake"),
        name="insights-intake",
        icon_name="time",
        order=100,
        can_see=views.can_see_intake_insights,
    )


@hooks.register("register_insights_menu_item")
def register_marketing_insights_item():
    return InsightsMenuItem(
        "Marketing",
        reverse("insights_marketing"),
        name="insights-marketing",
        icon_name="doc-full",
        order=200,
        can_see=views.can_see_marketing_insights,
    )


@hooks.register("register_admin_urls")
def register_insights_urls():
    return [
        path("insights/intake/", views.IntakeInsightsView.as_view(), name="insights_intake"),
        path(
            "insights/marketing/",
            views.MarketingInsightsView.as_view(),
            name="insights_marketing",
        ),
    ]


@hooks.register("construct_homepage_panels")
def add_insights_panel(request, panels):
    if views.can_see_intake_insights(request.user):
        panels.append(InsightsPanel(request))
