"""Staff sessions end after STAFF_IDLE_TIMEOUT_MINUTES without a request (the cookie also ends
with the browser: SESSION_EXPIRE_AT_BROWSER_CLOSE)."""

import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.urls import reverse

from accounts.audit import record_sign_in_event
from accounts.models import SignInEventKind
from core.paths import is_admin_path

LAST_ACTIVITY_KEY = "accounts.last_activity"
# The page editor pings the server every few seconds while a tab is open; that is not someone at
# the keyboard, so it neither counts as activity nor keeps a session alive.
BACKGROUND_PATH_MARKERS = ("/editing-sessions/",)


class StaffIdleTimeoutMiddleware:
    """Signs a user out on the server (the session is deleted) at their first admin request after
    being idle too long, and sends them to the sign-in page with a message saying why."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # Only the admin holds staff data, so only admin requests are checked and count as
        # activity; public pages and static files never load the session for it.
        if not is_admin_path(request.path_info):
            return self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            now = time.time()
            last_activity = request.session.get(LAST_ACTIVITY_KEY)
            idle_limit = settings.STAFF_IDLE_TIMEOUT_MINUTES * 60
            if last_activity is not None and now - float(last_activity) > idle_limit:
                signed_out = user
                logout(request)
                record_sign_in_event(SignInEventKind.IDLE_TIMEOUT, request=request, user=signed_out)
                messages.info(
                    request,
                    f"You were signed out after {settings.STAFF_IDLE_TIMEOUT_MINUTES} minutes "
                    "without activity. Please sign in again.",
                )
                return redirect_to_login(request.get_full_path(), reverse("wagtailadmin_login"))
            if last_activity is None or not any(
                marker in request.path_info for marker in BACKGROUND_PATH_MARKERS
            ):
                request.session[LAST_ACTIVITY_KEY] = now
        return self.get_response(request)
