"""Registers the intake admin with Wagtail: the viewsets, the dashboard panels, the "Leads by
article" report and its permission. What is registered lives in leads/admin/."""

from django.contrib.auth.models import Permission
from django.urls import path, reverse
from wagtail import hooks
from wagtail.models import Site

from leads.admin.panels import LeadWorkPanel, NoStaffRecipientsPanel
from leads.admin.permissions import lead_permission_policy
from leads.admin.reports import LeadsByArticleReport
from leads.admin.viewsets import (
    LeadExportRecordViewSet,
    LeadViewSet,
    ReportMenuItem,
)
from leads.recipients import default_site_staff_recipients


@hooks.register("register_admin_viewset")
def register_lead_viewsets():
    return [
        LeadViewSet("contact_requests"),
        LeadExportRecordViewSet("lead_exports"),
    ]


@hooks.register("construct_homepage_panels")
def add_no_staff_recipients_panel(request, panels):
    if not lead_permission_policy.user_has_permission(request.user, "view"):
        return
    if default_site_staff_recipients():
        return
    site = Site.objects.filter(is_default_site=True).first()
    settings_url = (
        reverse("wagtailsettings:edit", args=["leads", "staffnotificationsettings", site.pk])
        if site
        else ""
    )
    panels.append(NoStaffRecipientsPanel(settings_url))


@hooks.register("construct_homepage_panels")
def add_lead_work_panel(request, panels):
    if lead_permission_policy.user_has_permission(request.user, "view"):
        panels.append(LeadWorkPanel())


@hooks.register("register_reports_menu_item")
def register_leads_by_article_menu_item():
    return ReportMenuItem(
        "Leads by article",
        reverse("leads_by_article"),
        name="leads-by-article",
        icon_name="doc-full",
        order=900,
    )


@hooks.register("register_admin_urls")
def register_leads_by_article_urls():
    return [
        path("reports/leads-by-article/", LeadsByArticleReport.as_view(), name="leads_by_article"),
        path(
            "reports/leads-by-article/results/",
            LeadsByArticleReport.as_view(results_only=True),
            name="leads_by_article_results",
        ),
    ]


@hooks.register("register_permissions")
def register_lead_report_permission():
    """Lets an admin grant the counts-only report to a group in the group editor."""
    return Permission.objects.filter(content_type__app_label="leads", codename="view_lead_report")
