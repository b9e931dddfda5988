"""Who may do what with calls in the admin. Intake staff (by the group's permissions, granted in
calls/migrations/0002) and superusers see the agenda and keep the call hours; only they take calls.
Booking, moving and cancelling a lead's call needs what changing the lead needs (leads' policy)."""

from django.contrib.auth import get_user_model
from django.db.models import Q
from wagtail.permission_policies.base import ModelPermissionPolicy

from calls.models import CallTaker
from leads.recipients import INTAKE_GROUP

VIEW_CALLS = "calls.view_call"

call_taker_permission_policy = ModelPermissionPolicy(CallTaker)


def can_see_calls(user) -> bool:
    """The agenda: intake staff and superusers."""
    return user.is_active and user.has_perm(VIEW_CALLS)


def possible_call_takers():
    """Who may take calls: active intake staff and superusers."""
    return (
        get_user_model()
        .objects.filter(is_active=True)
        .filter(Q(is_superuser=True) | Q(groups__name=INTAKE_GROUP))
        .distinct()
        .order_by("first_name", "last_name", "username")
    )


def can_take_calls(user) -> bool:
    """Whether `user` may have call hours of their own (the "My call hours" page)."""
    if not user.is_active:
        return False
    return user.is_superuser or user.groups.filter(name=INTAKE_GROUP).exists()
