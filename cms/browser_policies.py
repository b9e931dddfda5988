"""Browser policies on every response: Content-Security-Policy (django-csp) with a stricter policy
for public pages than for the Wagtail admin, and Permissions-Policy. What each directive defends
against: docs/security.md."""

from csp.constants import HEADER
from csp.middleware import CheckableLazyObject, CSPMiddleware, PolicyParts
from csp.utils import default_config
from django.conf import settings

from core.paths import is_admin_path


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's middleware, with the admin's policy (ADMIN_CONTENT_SECURITY_POLICY) on admin
    paths and the public one (CONTENT_SECURITY_POLICY) everywhere else. Public pages use no nonce,
    so a cached copy of a page is valid for every visitor."""

    def get_policy_parts(self, request, response, report_only=False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if report_only:
            return parts
        if getattr(request, "is_dummy", False):
            # Wagtail renders a page preview by running a stand-in request for the page's public
            # address through the middleware, and shows the result in an iframe of the admin:
            # the public policy, framed by the site itself.
            parts.replace = {**(parts.replace or {}), "frame-ancestors": ["'self'"]}
        elif parts.config is None and is_admin_path(request.path_info):
            parts.config = default_config(settings.ADMIN_CONTENT_SECURITY_POLICY)
        return parts

    def process_response(self, request, response):
        # A page from the page cache carries the policy this middleware gave it when it was
        # stored. django-csp builds both policies on every response even when it then keeps the
        # header already there (a fifth of a cache hit's time): with no report-only policy set,
        # such a response is returned as it is, as django-csp would leave it.
        if HEADER in response and not getattr(
            settings, "CONTENT_SECURITY_POLICY_REPORT_ONLY", None
        ):
            if getattr(request, "_csp_nonce", None) is None:
                request.csp_nonce = CheckableLazyObject(self._csp_nonce_post_response)
            return response
        return super().process_response(request, response)


def permissions_policy_header(features: dict[str, list[str]]) -> str:
    """The Permissions-Policy header value: `camera=()` denies a feature to every origin."""
    return ", ".join(f"{name}=({' '.join(origins)})" for name, origins in features.items())


class PermissionsPolicyMiddleware:
    """Denies the browser features the site never uses (PERMISSIONS_POLICY), so injected or
    third-party code could not use them either."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.header = permissions_policy_header(settings.PERMISSIONS_POLICY)

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault("Permissions-Policy", self.header)
        return response
