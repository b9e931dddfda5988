"""The intake admin: the "Leads" work list and each lead's page (views in leads.views_admin), the
email deliveries with a retry for failed ones, the dashboard panels, the counts-only "Leads by
article" report, and a person's requests about their data ("Find a person" and "Person requests",
views in leads.views_person). Intake staff and superusers work leads; Marketing sees only the
report."""

from django.contrib import messages
from django.contrib.auth.models import Permission
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.html import format_html
from wagtail import hooks
from wagtail.admin.menu import Menu, MenuItem, SubmenuMenuItem
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.sidebar import LinkMenuItem as LinkMenuItemComponent
from wagtail.admin.views.generic.models import IndexView, InspectView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets import ListingButton
from wagtail.models import Site
from wagtail.permission_policies.base import ModelPermissionPolicy

from leads import insights, insights_report, views_admin, views_insights, views_person
from leads.followup import work_summary
from leads.models import (
    DeliveryStatus,
    EmailDelivery,
    Lead,
    LeadExportRecord,
    LeadStatus,
    PersonDataAuditRecord,
    PersonRequest,
)
from leads.services import default_site_staff_recipients, retry_delivery
from leads.views_admin import IntakeOnlyMixin, LeadPermissionPolicy, forbidden

RETRY_PERMISSION = "leads.change_emaildelivery"


class ViewOnlyPermissionPolicy(ModelPermissionPolicy):
    """Allows viewing to whoever holds the model's view permission (superusers included) and
    nothing else: nobody adds, edits or deletes a visitor's emails in the admin."""

    def user_has_permission(self, user, action):
        return action == "view" and super().user_has_permission(user, action)

    def users_with_any_permission(self, actions):
        return super().users_with_any_permission([a for a in actions if a == "view"])


class LeadMenuItem(MenuItem):
    """ "Leads", with how many are New, for those who may see them."""

    def is_shown(self, request):
        return LeadPermissionPolicy(Lead).user_has_permission(request.user, "view")

    def render_component(self, request):
        new = Lead.objects.filter(status=LeadStatus.NEW).count()
        return LinkMenuItemComponent(
            self.name,
            f"{self.label} ({new} new)" if new else self.label,
            self.url,
            icon_name=self.icon_name,
            classname=self.classname,
            attrs=self.attrs,
        )


class LeadViewSet(ModelViewSet):
    """The intake work list and each lead's page (leads.views_admin has the views)."""

    model = Lead
    icon = "mail"
    menu_label = "Leads"
    menu_name = "leads"
    menu_order = 150
    add_to_admin_menu = True
    url_prefix = "contact-requests"
    copy_view_enabled = False
    inspect_view_enabled = True
    index_view_class = views_admin.LeadIndexView
    inspect_view_class = views_admin.LeadInspectView
    edit_view_class = views_admin.LeadEditView
    add_view_class = views_admin.LeadCreateView
    delete_view_class = views_admin.LeadDeleteView
    history_view_class = views_admin.LeadHistoryView
    usage_view_class = views_admin.LeadUsageView
    search_fields = ["full_name", "email", "phone"]
    search_backend_name = None
    list_per_page = 50
    form_fields = ["status", "assigned_to", "next_follow_up_on"]
    menu_item_class = LeadMenuItem

    @cached_property
    def permission_policy(self):
        return LeadPermissionPolicy(self.model)

    def get_form_class(self, for_update=False):
        return views_admin.FollowUpForm

    def get_urlpatterns(self):
        actions = [
            path(f"<int:pk>/{name}/", views_admin.lead_action_view(action), name=name)
            for name, action in views_admin.LEAD_ACTIONS.items()
        ]
        split = path(
            "<int:pk>/inquiries/<int:inquiry_pk>/split/",
            views_admin.lead_action_view(views_admin.split_action),
            name="split",
        )
        return super().get_urlpatterns() + actions + [split]


class DeliveryIndexView(IntakeOnlyMixin, IndexView):
    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        if instance.status == DeliveryStatus.FAILED and self.request.user.has_perm(
            RETRY_PERMISSION
        ):
            buttons.append(
                ListingButton(
                    "Retry",
                    url=reverse("email_deliveries:retry", args=[instance.pk]),
                    icon_name="resubmit",
                    priority=30,
                )
            )
        return buttons


class DeliveryInspectView(IntakeOnlyMixin, InspectView):
    pass


def retry_delivery_view(request, pk):
    """Confirm (GET), then send a failed delivery again (POST)."""
    if not request.user.has_perm(RETRY_PERMISSION):
        return forbidden(request)
    delivery = get_object_or_404(EmailDelivery, pk=pk)
    index_url = reverse("email_deliveries:index")
    if request.method == "POST":
        if retry_delivery(delivery.pk):
            messages.success(request, f"Email delivery {delivery.pk} is being sent again.")
        else:
            messages.warning(request, f"Email delivery {delivery.pk} had not failed; nothing done.")
        return redirect(index_url)
    return TemplateResponse(
        request, "leads/admin/confirm_retry.html", {"delivery": delivery, "index_url": index_url}
    )


class EmailDeliveryViewSet(ModelViewSet):
    model = EmailDelivery
    icon = "resubmit"
    menu_label = "Email deliveries"
    menu_order = 151
    add_to_admin_menu = True
    url_prefix = "email-deliveries"
    copy_view_enabled = False
    inspect_view_enabled = True
    index_view_class = DeliveryIndexView
    inspect_view_class = DeliveryInspectView
    list_display = ["created_at", "kind", "lead", "status", "attempts", "last_error", "sent_at"]
    list_filter = ["status", "kind"]
    search_backend_name = None
    form_fields = ["status"]
    inspect_view_fields = [
        "lead",
        "kind",
        "recipient",
        "status",
        "attempts",
        "next_attempt_at",
        "claimed_at",
        "last_error",
        "skipped_reason",
        "sent_at",
        "created_at",
    ]

    @cached_property
    def permission_policy(self):
        return ViewOnlyPermissionPolicy(self.model)

    def get_urlpatterns(self):
        return super().get_urlpatterns() + [
            path("<int:pk>/retry/", retry_delivery_view, name="retry"),
        ]


class LeadExportRecordViewSet(ModelViewSet):
    """Who exported the lead list, when and with which filter: an audit list for superusers."""

    model = LeadExportRecord
    icon = "download"
    menu_label = "Lead exports"
    add_to_settings_menu = True
    url_prefix = "lead-exports"
    copy_view_enabled = False
    list_display = ["created_at", "user", "export_format", "filters", "row_count"]
    list_filter = ["export_format"]
    search_backend_name = None
    # Required by ModelViewSet; the policy below lets nobody add or edit a record.
    form_fields = ["filters"]

    @cached_property
    def permission_policy(self):
        return ViewOnlyPermissionPolicy(self.model)


class PersonRequestViewSet(ModelViewSet):
    """The requests of people to see or erase their data, with their due dates (views in
    leads.views_person)."""

    model = PersonRequest
    icon = "user"
    menu_label = "Person requests"
    menu_name = "person-requests"
    menu_order = 153
    add_to_admin_menu = True
    url_prefix = "person-requests"
    copy_view_enabled = False
    index_view_class = views_person.PersonRequestIndexView
    add_view_class = views_person.PersonRequestCreateView
    edit_view_class = views_person.PersonRequestEditView
    delete_view_class = views_person.PersonRequestDeleteView
    list_filter = ["kind", "handler"]
    search_backend_name = None

    @cached_property
    def permission_policy(self):
        return views_person.PersonRequestPermissionPolicy(self.model)

    def get_form_class(self, for_update=False):
        return views_person.PersonRequestForm


class PersonDataAuditViewSet(ModelViewSet):
    """Who searched for, copied or erased a person's data: an audit list for superusers."""

    model = PersonDataAuditRecord
    icon = "list-ul"
    menu_label = "Person data audit"
    add_to_settings_menu = True
    url_prefix = "person-data-audit"
    copy_view_enabled = False
    list_display = ["created_at", "user", "action", "export_format", "reference", "lead_ids"]
    list_filter = ["action"]
    search_backend_name = None
    # Required by ModelViewSet; the policy below lets nobody add or edit a record.
    form_fields = ["reference"]

    @cached_property
    def permission_policy(self):
        return ViewOnlyPermissionPolicy(self.model)


class FailedDeliveriesPanel(Component):
    """A dashboard warning for staff while any email delivery has failed."""

    order = 50

    def __init__(self, failed_count: int):
        self.failed_count = failed_count

    def render_html(self, parent_context=None):
        return format_html(
            '<section class="panel help-block help-warning" aria-labelledby="failed-deliveries">'
            '<h2 id="failed-deliveries">{} email deliver{} failed</h2>'
            '<p><a href="{}?status=failed">Review and retry them</a>.</p></section>',
            self.failed_count,
            "y" if self.failed_count == 1 else "ies",
            reverse("email_deliveries:index"),
        )


@hooks.register("register_admin_viewset")
def register_lead_viewsets():
    return [
        LeadViewSet("contact_requests"),
        EmailDeliveryViewSet("email_deliveries"),
        LeadExportRecordViewSet("lead_exports"),
        PersonRequestViewSet("person_requests"),
        PersonDataAuditViewSet("person_data_audit"),
    ]


@hooks.register("construct_homepage_panels")
def add_failed_deliveries_panel(request, panels):
    if not request.user.has_perm("leads.view_emaildelivery"):
        return
    failed = EmailDelivery.objects.filter(status=DeliveryStatus.FAILED).count()
    if failed:
        panels.append(FailedDeliveriesPanel(failed))


class NoStaffRecipientsPanel(Component):
    """A dashboard warning while no staff address is set: new leads would reach nobody."""

    order = 30
    template_name = "leads/admin/no_staff_recipients_panel.html"

    def __init__(self, settings_url: str):
        self.settings_url = settings_url

    def get_context_data(self, parent_context=None):
        return {"settings_url": self.settings_url}


@hooks.register("construct_homepage_panels")
def add_no_staff_recipients_panel(request, panels):
    if not LeadPermissionPolicy(Lead).user_has_permission(request.user, "view"):
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


class LeadWorkPanel(Component):
    """The intake dashboard: what needs doing now, and how fast first contact has been."""

    order = 40
    template_name = "leads/admin/work_panel.html"

    def get_context_data(self, parent_context=None):
        summary = work_summary()
        index = reverse("contact_requests:index")
        median = summary.median_first_contact
        return {
            "summary": summary,
            "median": views_admin.format_duration(median) if median is not None else "",
            "new_url": f"{index}?status=new",
            "unassigned_url": f"{index}?assignment=nobody",
            "overdue_url": f"{index}?overdue=on",
        }


@hooks.register("construct_homepage_panels")
def add_lead_work_panel(request, panels):
    if LeadPermissionPolicy(Lead).user_has_permission(request.user, "view"):
        panels.append(LeadWorkPanel())


class ReportMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.is_superuser or request.user.has_perm(views_admin.REPORT_PERMISSION)


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
    report = views_admin.LeadsByArticleReport
    return [
        path("reports/leads-by-article/", report.as_view(), name="leads_by_article"),
        path(
            "reports/leads-by-article/results/",
            report.as_view(results_only=True),
            name="leads_by_article_results",
        ),
    ]


class FindPersonMenuItem(MenuItem):
    def is_shown(self, request):
        return LeadPermissionPolicy(Lead).user_has_permission(request.user, "view")


@hooks.register("register_admin_menu_item")
def register_find_person_menu_item():
    return FindPersonMenuItem(
        "Find a person",
        reverse("person_data_find"),
        name="find-person",
        icon_name="search",
        order=152,
    )


@hooks.register("register_admin_urls")
def register_person_data_urls():
    return [
        path("person-data/", views_person.find_person_view, name="person_data_find"),
        path("person-data/copy/", views_person.person_copy_view, name="person_data_copy"),
        path("person-data/erase/", views_person.person_erase_view, name="person_data_erase"),
    ]


@hooks.register("register_permissions")
def register_lead_report_permission():
    """Lets an admin grant the counts-only report to a group in the group editor."""
    return Permission.objects.filter(content_type__app_label="leads", codename="view_lead_report")


# Insights ---------------------------------------------------------------------------------------


class InsightsMenuItem(MenuItem):
    """Shown to whoever may open the page it links to."""

    def __init__(self, *args, can_see, **kwargs):
        super().__init__(*args, **kwargs)
        self.can_see = can_see

    def is_shown(self, request):
        return self.can_see(request.user)


insights_menu = Menu(
    register_hook_name="register_insights_menu_item", construct_hook_name="construct_insights_menu"
)


@hooks.register("register_admin_menu_item")
def register_insights_menu():
    return SubmenuMenuItem(
        "Insights", insights_menu, icon_name="chart-bar", name="insights", order=310
    )


@hooks.register("register_insights_menu_item")
def register_intake_insights_item():
    return InsightsMenuItem(
        "Intake performance",
        reverse("insights_intake"),
        name="insights-intake",
        icon_name="time",
        order=100,
        can_see=views_insights.can_see_intake_insights,
    )


@hooks.register("register_insights_menu_item")
def register_marketing_insights_item():
    return InsightsMenuItem(
        "Marketing",
        reverse("insights_marketing"),
        name="insights-marketing",
        icon_name="doc-full",
        order=200,
        can_see=views_insights.can_see_marketing_insights,
    )


@hooks.register("register_admin_urls")
def register_insights_urls():
    return [
        path(
            "insights/intake/", views_insights.IntakeInsightsView.as_view(), name="insights_intake"
        ),
        path(
            "insights/marketing/",
            views_insights.MarketingInsightsView.as_view(),
            name="insights_marketing",
        ),
    ]


class InsightsPanel(Component):
    """The intake dashboard's view of the last four weeks: how fast people heard back."""

    order = 45
    template_name = "leads/admin/insights/dashboard_panel.html"

    def __init__(self, request):
        self.request = request

    def get_context_data(self, parent_context=None):
        target = views_insights.first_contact_target(self.request)
        period = insights.chosen_period(insights.DEFAULT_PERIOD)
        figures = insights.speed_to_first_contact(period, target)
        return {
            "figures": figures,
            "target": target,
            "period": period,
            "url": reverse("insights_intake"),
            "median": insights_report.hours(figures.median),
            "share": insights_report.percent(figures.within_target_share),
        }


@hooks.register("construct_homepage_panels")
def add_insights_panel(request, panels):
    if views_insights.can_see_intake_insights(request.user):
        panels.append(InsightsPanel(request))
