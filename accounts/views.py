"""Staff account views: the lockout page, the throttled password-reset form, the superusers'
"Locked-out sign-ins" list and the "Sign-in activity" report."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseNotAllowed
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.crypto import salted_hmac
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views.account import PasswordResetView
from wagtail.admin.views.reports import ReportView

from accounts.lockouts import active_lockouts, clear_lockout
from accounts.models import SignInEvent
from leads.client_address import client_address, client_address_hash, over_rate_limit


def cooloff_minutes() -> int:
    return int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)


def locked_out_response(request, original_response=None, credentials=None):
    """django-axes' lockout answer (AXES_LOCKOUT_CALLABLE): a calm page with status 429 that says
    how long to wait, and never whether the user name exists."""
    return TemplateResponse(
        request,
        "accounts/locked_out.html",
        {"cooloff_minutes": cooloff_minutes()},
        status=settings.AXES_HTTP_RESPONSE_CODE,
    ).render()


PERIOD_WORDS = {"s": "second", "m": "minute", "h": "hour", "d": "day"}


def rate_period_text(rate: str) -> str:
    """How long a django-ratelimit rate ("20/h", "10/15m") counts, in words: "an hour"."""
    period = rate.partition("/")[2]
    count, word = int(period[:-1] or 1), PERIOD_WORDS[period[-1]]
    if count == 1:
        return f"{'an' if word == 'hour' else 'a'} {word}"
    return f"{count} {word}s"


def password_reset_paused_response(request, wait: str, for_address: bool = False):
    """The reset form paused, saying for how long; unlike the sign-in lockout page it says nothing
    of a wrong password, since none was typed."""
    return TemplateResponse(
        request,
        "accounts/password_reset_paused.html",
        {"wait": wait, "for_address": for_address},
        status=429,
    ).render()


class ThrottledPasswordResetView(PasswordResetView):
    """Wagtail's "Forgotten password?" form with two limits, so it can neither flood a colleague's
    inbox nor be used to probe addresses at speed: ACCOUNTS_PASSWORD_RESETS_PER_CLIENT requests
    from one client address, whatever addresses it types (a page saying so), and
    AXES_FAILURE_LIMIT requests for one address + client address within the cool-off (the same
    page, for that address). Its email goes through the outbox (accounts.forms.OutboxPasswordResetForm)."""

    def post(self, request, *args, **kwargs):
        client_key = client_address_hash(request)
        if over_rate_limit(
            request,
            "accounts.password-reset.client",
            client_key,
            settings.ACCOUNTS_PASSWORD_RESETS_PER_CLIENT,
        ):
            return password_reset_paused_response(
                request, rate_period_text(settings.ACCOUNTS_PASSWORD_RESETS_PER_CLIENT)
            )
        email = request.POST.get("email", "").strip().lower()
        key = salted_hmac(
            "accounts.password-reset", f"{email}|{client_address(request)}", algorithm="sha256"
        ).hexdigest()
        if over_rate_limit(
            request,
            "accounts.password-reset",
            key,
            f"{settings.AXES_FAILURE_LIMIT}/{cooloff_minutes()}m",
        ):
            return password_reset_paused_response(
                request, f"{cooloff_minutes()} minutes", for_address=True
            )
        return super().post(request, *args, **kwargs)


def require_superuser(request):
    if not request.user.is_superuser:
        raise PermissionDenied


def lockout_list(request):
    """Every user name + address locked now, with a button that lifts each lockout."""
    require_superuser(request)
    return TemplateResponse(
        request,
        "accounts/lockouts.html",
        {
            "lockouts": active_lockouts(),
            "cooloff_minutes": cooloff_minutes(),
            "failure_limit": settings.AXES_FAILURE_LIMIT,
        },
    )


def lockout_clear(request, attempt_id: int):
    require_superuser(request)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    if clear_lockout(attempt_id, cleared_by=request.user):
        messages.success(request, "The lockout is lifted: that user can sign in again now.")
    else:
        messages.info(request, "That lockout had already ended.")
    return redirect("accounts_lockouts")


class SignInActivityReport(ReportView):
    """Sign-ins, failed sign-ins, lockouts and second-factor devices, newest first: for
    superusers (and anyone granted "Can view the sign-in activity report")."""

    page_title = "Sign-in activity"
    header_icon = "key"
    index_url_name = "accounts_sign_in_activity"
    index_results_url_name = "accounts_sign_in_activity_results"
    paginate_by = 50
    list_export = ["at", "get_kind_display", "username", "actor", "client_address"]
    export_headings = {
        "at": "When",
        "get_kind_display": "What",
        "username": "Account",
        "actor": "By",
        "client_address": "Client address",
    }
    export_filename = "sign-in-activity"
    columns = [
        DateColumn("at", label="When"),
        Column("kind", label="What", accessor="get_kind_display"),
        Column(
            "username",
            label="Account",
            accessor=lambda event: event.username or "(no such account)",
        ),
        Column("actor", label="By", accessor=lambda event: event.actor or ""),
        Column("client_address", label="Client address"),
    ]

    def dispatch(self, request, *args, **kwargs):
        if not can_view_sign_in_activity(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_queryset(self):
        return SignInEvent.objects.newest_first()


def can_view_sign_in_activity(user) -> bool:
    return user.is_superuser or user.has_perm("accounts.view_sign_in_activity")
