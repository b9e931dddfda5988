"""Registers the call booking's staff side with Wagtail: the "Calls" menu (agenda, my call hours,
the team's call hours), their URLs, and on a lead's page the "First call" control with its book,
cancel and outcome actions (into leads.admin.actions). What is registered lives in calls/admin/
and calls/templates/calls/admin/."""

from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import SubmenuMenuItem

from calls.admin import views
from calls.admin.lead_page import book_call_action, call_outcome_action, cancel_call_action
from calls.admin.permissions import call_taker_permission_policy, can_see_calls, can_take_calls
from calls.admin.viewsets import CallTakerViewSet
from leads.admin.actions import register_lead_action, register_lead_page_control

register_lead_action("call-book", book_call_action)
register_lead_action("call-cancel", cancel_call_action)
register_lead_action("call-outcome", call_outcome_action)
register_lead_page_control("calls/admin/lead_page_control.html")


@hooks.register("register_admin_viewset")
def register_call_hours_viewset():
    return CallTakerViewSet("call_hours")


@hooks.register("register_admin_menu_item")
def register_calls_menu():
    return SubmenuMenuItem(
        "Calls", views.calls_menu, icon_name="calendar-alt", name="calls", order=151
    )


@hooks.register("register_calls_menu_item")
def register_agenda_item():
    return views.CallsMenuItem(
        "Agenda",
        reverse("calls_agenda"),
        name="calls-agenda",
        icon_name="calendar-alt",
        order=100,
        can_see=can_see_calls,
    )


@hooks.register("register_calls_menu_item")
def register_my_hours_item():
    return views.CallsMenuItem(
        "My call hours",
        reverse("calls_my_hours"),
        name="calls-my-hours",
        icon_name="time",
        order=200,
        can_see=can_take_calls,
    )


@hooks.register("register_calls_menu_item")
def register_call_hours_item():
    return views.CallsMenuItem(
        "Call hours",
        reverse("call_hours:index"),
        name="calls-hours",
        icon_name="group",
        order=300,
        can_see=lambda user: call_taker_permission_policy.user_has_permission(user, "change"),
    )


@hooks.register("register_admin_urls")
def register_calls_urls():
    return [
        path("calls/", views.AgendaView.as_view(), name="calls_agenda"),
        path("calls/my-hours/", views.MyCallHoursView.as_view(), name="calls_my_hours"),
        path("calls/my-hours/renew-feed/", views.renew_feed_view, name="calls_feed_renew"),
    ]
