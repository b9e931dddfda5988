"""System checks of the leads app's settings (run by manage.py check, migrate and check --deploy)."""

from django.conf import settings
from django.core import checks

from leads.conf import leads_setting


@checks.register(checks.Tags.security)
def warn_proxy_without_trusted_proxy_count(app_configs, **kwargs):
    """Behind a proxy (SECURE_PROXY_SSL_HEADER set) with LEADS_TRUSTED_PROXY_COUNT at 0, every
    visitor's address is the proxy's: the contact form's rate limit would be shared by everyone."""
    if getattr(settings, "SECURE_PROXY_SSL_HEADER", None) and not int(
        leads_setting("LEADS_TRUSTED_PROXY_COUNT")
    ):
        return [
            checks.Warning(
                "SECURE_PROXY_SSL_HEADER is set, so a proxy is in front of the app, but "
                "LEADS_TRUSTED_PROXY_COUNT is 0: every visitor would share the proxy's address "
                "and its contact-form rate limit.",
                hint="Set LEADS_TRUSTED_PROXY_COUNT to the number of proxies that append to "
                "X-Forwarded-For (usually 1).",
                id="leads.W001",
            )
        ]
    return []
