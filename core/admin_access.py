"""Refusing an admin page plainly. Wagtail's own refusal redirects to the dashboard with a message;
the project's staff pages answer 403 instead, so a refused request is unmistakable (and testable)
on every URL that holds visitors' data."""

from django.http import HttpResponseForbidden
from django.template.loader import render_to_string
from wagtail.permission_policies.base import ModelPermissionPolicy


def forbidden(request):
    """A plain 403 page."""
    return HttpResponseForbidden(
        render_to_string("core/forbidden.html", request=request), content_type="text/html"
    )


class PolicyPermissionMixin:
    """For a Wagtail generic view: refuse with 403 anyone its permission policy does not let view,
    and anyone who may not do what the view does (`permission_required`)."""

    def dispatch(self, request, *args, **kwargs):
        policy = self.permission_policy
        if not policy.user_has_permission(request.user, "view"):
            return forbidden(request)
        required = getattr(self, "permission_required", None)
        if required and not policy.user_has_permission(request.user, required):
            return forbidden(request)
        return super().dispatch(request, *args, **kwargs)


class ViewOnlyPermissionPolicy(ModelPermissionPolicy):
    """Allows viewing to whoever holds the model's view permission (superusers included) and
    nothing else: an audit list or an email record is never added, edited or deleted by hand."""

    def user_has_permission(self, user, action):
        return action == "view" and super().user_has_permission(user, action)

    def users_with_any_permission(self, actions):
        return super().users_with_any_permission([a for a in actions if a == "view"])
