"""System checks of the leads app (run by manage.py check, migrate and check --deploy): a
production start where no staff address is configured would save every lead and tell nobody, and
a proxy in front of the app with no trusted proxy count would give every visitor one address."""

from django.conf import settings
from django.core import checks
from django.db import DatabaseError

from leads.conf import leads_setting
from leads.recipients import default_site_staff_recipients

NO_STAFF_RECIPIENTS = "leads.W001"
PROXY_WITHOUT_TRUSTED_COUNT = "leads.W002"


@checks.register("leads", deploy=True)
def check_staff_recipients(app_configs=None, **kwargs):
    """Warn when neither LEADS_NOTIFY_EMAILS nor the default site's "Staff notifications"
    setting names anybody. When the database cannot be read, the setting is unknown: warn too,
    so the variable (which needs no database) is what makes the check pass."""
    if leads_setting("LEADS_NOTIFY_EMAILS"):
        return []
    try:
        if default_site_staff_recipients():
            return []
        where = 'the default site\'s "Staff notifications" setting lists nobody'
    except DatabaseError:
        where = 'the "Staff notifications" site setting could not be read'
    return [
        checks.Warning(
            f"No staff address gets new leads: LEADS_NOTIFY_EMAILS is empty and {where}. "
            "Every request would be saved and confirmed, but nobody on the staff is told.",
            hint="Set LEADS_NOTIFY_EMAILS, or list addresses in Settings → Staff notifications.",
            id=NO_STAFF_RECIPIENTS,
        )
    ]


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
                id=PROXY_WITHOUT_TRUSTED_COUNT,
            )
        ]
    return []
