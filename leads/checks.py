"""A deployment check: a production start where no staff address is configured would save every
lead and tell nobody, so `manage.py check --deploy` warns about it."""

from django.core.checks import Warning, register
from django.db import DatabaseError

from leads.conf import leads_setting
from leads.recipients import default_site_staff_recipients

NO_STAFF_RECIPIENTS = "leads.W001"


@register("leads", deploy=True)
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
        Warning(
            f"No staff address gets new leads: LEADS_NOTIFY_EMAILS is empty and {where}. "
            "Every request would be saved and confirmed, but nobody on the staff is told.",
            hint="Set LEADS_NOTIFY_EMAILS, or list addresses in Settings → Staff notifications.",
            id=NO_STAFF_RECIPIENTS,
        )
    ]
