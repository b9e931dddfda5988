"""Who the leads app talks to, and the site configuration it reads: a lead's site, the staff and
urgent lists, the intake users, and the admin links emails carry. Used by the email builders and
the domain modules above them."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.urls import reverse
from wagtail.models import Site

from leads.conf import leads_setting
from leads.crisis import DEFAULT_CRISIS_PHRASES, DEFAULT_CRISIS_PHRASES_BY_LANGUAGE
from leads.models import Lead, StaffNotificationSettings, UrgentRequestSettings

INTAKE_GROUP = "Intake staff"


def site_of_page(page) -> Site | None:
    """The Site a page belongs to, or the default Site."""
    if page is not None:
        site = page.get_site()
        if site is not None:
            return site
    return Site.objects.filter(is_default_site=True).first()


def site_of(lead: Lead) -> Site | None:
    return site_of_page(lead.source_page if lead.source_page_id else None)


def crisis_phrase_list(site: Site | None) -> list[str]:
    """The site's editable crisis phrases in every language (leads.crisis checks a message against
    all of them), or the built-in lists when there is no site."""
    if site is None:
        lists = [DEFAULT_CRISIS_PHRASES, *DEFAULT_CRISIS_PHRASES_BY_LANGUAGE.values()]
        return [line for phrases in lists for line in phrases.splitlines()]
    return UrgentRequestSettings.for_site(site).all_phrases()


def staff_recipients(site: Site | None) -> list[str]:
    """The site setting's staff addresses, or LEADS_NOTIFY_EMAILS when it lists none."""
    if site is not None:
        configured = StaffNotificationSettings.for_site(site).recipient_list()
        if configured:
            return configured
    return list(leads_setting("LEADS_NOTIFY_EMAILS"))


def staff_alert_recipients(lead: Lead, site: Site | None) -> list[str]:
    """Who hears about a request: the staff list, plus the urgent recipients when it is urgent."""
    recipients = staff_recipients(site)
    if lead.is_urgent and site is not None:
        known = {address.lower() for address in recipients}
        for address in UrgentRequestSettings.for_site(site).recipient_list():
            if address.lower() not in known:
                recipients.append(address)
                known.add(address.lower())
    return recipients


def intake_users():
    """Active users who work leads: members of the Intake staff group."""
    return (
        get_user_model()
        .objects.filter(is_active=True, groups__name=INTAKE_GROUP)
        .distinct()
        .order_by("first_name", "last_name", "username")
    )


def user_label(user) -> str:
    if user is None:
        return "nobody"
    return user.get_full_name() or user.get_username()


def admin_url(view_name: str, pk: int) -> str:
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse(view_name, args=[pk])


def lead_admin_url(lead_id: int) -> str:
    """The absolute address of a lead's page in the admin, for emails."""
    return admin_url("contact_requests:inspect", lead_id)


def default_site_staff_recipients() -> list[str]:
    """Who is told about a new lead on the default site: what the dashboard and the system
    check look at to warn that nobody would be notified."""
    return staff_recipients(Site.objects.filter(is_default_site=True).first())


def assignable_users(current_assignee=None):
    """Who a lead can be assigned to: the intake users, and whoever holds it now."""
    users = intake_users()
    if current_assignee is None:
        return users
    return (
        get_user_model()
        .objects.filter(Q(pk__in=users.values("pk")) | Q(pk=current_assignee.pk))
        .order_by("first_name", "last_name", "username")
    )


def admin_base_url() -> str:
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/")
