"""Who may do what in the intake admin. Following Wagtail's own convention (wagtail.permissions),
each model's policy is one module-level instance that views, viewsets, menu items and hooks share.
Intake staff and superusers work leads; Marketing sees only the counts-only report."""

from wagtail.permission_policies.base import ModelPermissionPolicy

from core.admin_access import ViewOnlyPermissionPolicy
from leads.models import Lead, LeadExportRecord

REPORT_PERMISSION = "leads.view_lead_report"


class LeadPermissionPolicy(ModelPermissionPolicy):
    """Intake staff (view and change permission) and superusers work leads; nobody adds or deletes
    one in the admin: requests come from the form, and "erase this person" replaces deletion."""

    def user_has_permission(self, user, action):
        return action in ("view", "change") and super().user_has_permission(user, action)

    def users_with_any_permission(self, actions):
        return super().users_with_any_permission([a for a in actions if a in ("view", "change")])


lead_permission_policy = LeadPermissionPolicy(Lead)
export_record_permission_policy = ViewOnlyPermissionPolicy(LeadExportRecord)


def can_see_lead_report(user) -> bool:
    return user.is_superuser or user.has_perm(REPORT_PERMISSION)
