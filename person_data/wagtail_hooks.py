"""Registers the person-data admin with Wagtail: the "Person requests" and audit viewsets, the
"Find a person" menu entry and URLs, and on a lead's page the "erase" action and the "Erase this
person" control that opens Find a person. What is registered lives in person_data/admin/ and
templates/person_data/admin/."""

from django.urls import path, reverse
from wagtail import hooks

from leads.admin.actions import register_lead_action, register_lead_page_control
from person_data.admin import views
from person_data.admin.actions import erase_action
from person_data.admin.viewsets import (
    FindPersonMenuItem,
    PersonDataAuditViewSet,
    PersonRequestViewSet,
)

register_lead_action("erase", erase_action)
register_lead_page_control("person_data/admin/lead_page_control.html")


@hooks.register("register_admin_viewset")
def register_person_data_viewsets():
    return [
        PersonRequestViewSet("person_requests"),
        PersonDataAuditViewSet("person_data_audit"),
    ]


@hooks.register("register_admin_menu_item")
def register_find_person_menu_item():
    return FindPersonMenuItem(
        "Find a person",
        reverse("person_data_find"),
        name="find-person",
        icon_name="search",
        order=152,
    )


@hooks.register("register_admin_urls")
def register_person_data_urls():
    return [
        path("person-data/", views.find_person_view, name="person_data_find"),
        path("person-data/copy/", views.person_copy_view, name="person_data_copy"),
        path("person-data/erase/", views.person_erase_view, name="person_data_erase"),
    ]
