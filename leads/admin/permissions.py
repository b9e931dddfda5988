"""Who may do what in the intake admin. Following Wagtail's own convention (wagtail.permissions),
each model's policy is one module-level instance that views, viewsets, menu items and hooks share.
Intake staff and superusers work leads; Marketing sees only the counts-only report."""

from django.http import HttpResponseForbidden
from django.template.loader import render_to_string
from wagtail.permission_policies.base import ModelPermissionPolicy

from leads.models import EmailDelivery, Lead, LeadExportRecord

REPORT_PERMISSION = "leads.view_lead_report"
RETRY_PERMISSION = "leads.change_emaildelivery"


def forbidden(request):
    """A plain 403. Wagtail's own refusal redirects to the dashboard with a message; the intake
    admin answers 403 so a refused request is unmistakable (and testable) on every lead URL."""
    return HttpResponseForbidden(
        render_to_string("leads/admin/forbidden.html", request=request), content_type="text/html"
    )


class LeadPermissionPolicy(ModelPermissionPolicy):
    """Intake staff (view and change permission) and superusers work leads; nobody adds or deletes
    one in the admin: requests come from the form, and "erase this person" replaces deletion."""

    def user_has_permission(self, user, action):
        return action in ("view", "change") and super().user_has_permission(user, action)

    def users_with_any_permission(self, actions):
        return super().users_with_any_permission([a for a in actions if a in ("view", "change")])


class ViewOnlyPermissionPolicy(ModelPermissionPolicy):
    """Allows viewing to whoever holds the model's view permission (superusers included) and
    nothing else: nobody adds, edits or deletes a visitor's emails in the admin."""

    def user_has_permission(self, user, action):
        return action == "view" and super().user_has_permission(user, action)

    def users_with_any_permission(self, actions):
        return super().users_with_any_permission([a for a in actions if a == "view"])


lead_permission_policy = LeadPermissionPolicy(Lead)
delivery_permission_policy = ViewOnlyPermissionPolicy(EmailDelivery)
export_record_permission_policy = ViewOnlyPermissionPolicy(LeadExportRecord)


def can_see_lead_report(user) -> bool:
    return user.is_superuser or user.has_perm(REPORT_PERMISSION)


class IntakeOnlyMixin:
    """Refuse with 403 (not Wagtail's redirect) anyone who may not see leads, and anyone who may
    not do what the view does (nobody adds or deletes a lead)."""

    def dispatch(self, request, *args, **kwargs):
        policy = self.permission_policy
        if not policy.user_has_permission(request.user, "view"):
            return forbidden(request)
        required = getattr(self, "permission_required", None)
        if required and not policy.user_has_permission(request.user, required):
            return forbidden(request)
        return super().dispatch(request, *args, **kwargs)
