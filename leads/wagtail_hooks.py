"""The intake admin: a read-only list of received contact requests for Intake staff and superusers."""

from django.utils.functional import cached_property
from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies.base import ModelPermissionPolicy

from leads.models import Lead


class ViewOnlyPermissionPolicy(ModelPermissionPolicy):
    """Allows viewing to whoever holds `leads.view_lead` (superusers included) and nothing else:
    nobody adds, edits or deletes a visitor's request from the admin."""

    def user_has_permission(self, user, action):
        return action == "view" and super().user_has_permission(user, action)

    def users_with_any_permission(self, actions):
        return super().users_with_any_permission([a for a in actions if a == "view"])


class LeadViewSet(ModelViewSet):
    model = Lead
    icon = "mail"
    menu_label = "Contact requests"
    menu_order = 150
    add_to_admin_menu = True
    url_prefix = "contact-requests"
    copy_view_enabled = False
    inspect_view_enabled = True
    list_display = ["received_at", "full_name", "preferred_contact_method", "status", "source_page"]
    list_filter = ["status", "preferred_contact_method"]
    search_fields = ["full_name", "email"]
    search_backend_name = None
    form_fields = ["status"]
    inspect_view_fields = [
        "received_at",
        "status",
        "full_name",
        "email",
        "phone",
        "preferred_contact_method",
        "best_time",
        "message",
        "source_page",
        "source_url",
        "landing_page",
        "referrer",
        "utm_source",
        "utm_medium",
        "utm_campaign",
        "utm_term",
        "utm_content",
        "consent_version",
        "consented_at",
    ]

    @cached_property
    def permission_policy(self):
        return ViewOnlyPermissionPolicy(self.model)


@hooks.register("register_admin_viewset")
def register_lead_viewset():
    return LeadViewSet("contact_requests")
