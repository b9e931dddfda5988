"""Registers the superusers' "Sign-in activity" report and "Locked-out sign-ins" list."""

from django.contrib.auth.models import Permission
from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from accounts import views


class SuperuserMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.is_superuser


class SignInActivityMenuItem(MenuItem):
    def is_shown(self, request):
        return views.can_view_sign_in_activity(request.user)


@hooks.register("register_admin_urls")
def register_account_urls():
    report = views.SignInActivityReport
    return [
        path("reports/sign-in-activity/", report.as_view(), name="accounts_sign_in_activity"),
        path(
            "reports/sign-in-activity/results/",
            report.as_view(results_only=True),
            name="accounts_sign_in_activity_results",
        ),
        path("lockouts/", views.lockout_list, name="accounts_lockouts"),
        path(
            "lockouts/<int:attempt_id>/clear/", views.lockout_clear, name="accounts_lockout_clear"
        ),
    ]


@hooks.register("register_reports_menu_item")
def register_sign_in_activity_menu_item():
    return SignInActivityMenuItem(
        "Sign-in activity",
        reverse("accounts_sign_in_activity"),
        name="sign-in-activity",
        icon_name="key",
        order=950,
    )


@hooks.register("register_settings_menu_item")
def register_lockouts_menu_item():
    return SuperuserMenuItem(
        "Locked-out sign-ins",
        reverse("accounts_lockouts"),
        name="locked-out-sign-ins",
        icon_name="lock",
        order=650,
    )


@hooks.register("register_permissions")
def register_sign_in_activity_permission():
    """Lets an admin grant the sign-in activity report to an auditor's group."""
    return Permission.objects.filter(
        content_type__app_label="accounts", codename="view_sign_in_activity"
    )


@hooks.register("register_permissions")
def register_two_factor_permission():
    """wagtail-2fa shows its "Enable 2FA" permission in the group editor only when its own
    middleware class is named in MIDDLEWARE; ours (accounts.two_factor) is a subclass of it."""
    return Permission.objects.filter(content_type__app_label="wagtailadmin", codename="enable_2fa")
