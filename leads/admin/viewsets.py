"""The intake admin's viewsets and menu items: the "Leads" work list, the
export audit list, and the report's menu entry. leads/wagtail_hooks.py registers them."""

from django.urls import path
from django.utils.functional import cached_property
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.sidebar import LinkMenuItem as LinkMenuItemComponent
from wagtail.admin.viewsets.model import ModelViewSet

from leads.admin import views as admin_views
from leads.admin.actions import LEAD_ACTIONS, lead_action_view, split_action
from leads.admin.forms import FollowUpForm
from leads.admin.permissions import (
    can_see_lead_report,
    export_record_permission_policy,
    lead_permission_policy,
)
from leads.models import Lead, LeadExportRecord, LeadStatus


class LeadMenuItem(MenuItem):
    """ "Leads", with how many are New, for those who may see them."""

    def is_shown(self, request):
        return lead_permission_policy.user_has_permission(request.user, "view")

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
    """The intake work list and each lead's page (leads.admin.views has the views)."""

    model = Lead
    icon = "mail"
    menu_label = "Leads"
    menu_name = "leads"
    menu_order = 150
    add_to_admin_menu = True
    url_prefix = "contact-requests"
    copy_view_enabled = False
    inspect_view_enabled = True
    index_view_class = admin_views.LeadIndexView
    inspect_view_class = admin_views.LeadInspectView
    edit_view_class = admin_views.LeadEditView
    add_view_class = admin_views.LeadCreateView
    delete_view_class = admin_views.LeadDeleteView
    history_view_class = admin_views.LeadHistoryView
    usage_view_class = admin_views.LeadUsageView
    search_fields = ["full_name", "email", "phone"]
    search_backend_name = None
    list_per_page = 50
    form_fields = ["status", "assigned_to", "next_follow_up_on"]
    menu_item_class = LeadMenuItem

    @cached_property
    def permission_policy(self):
        return lead_permission_policy

    def get_form_class(self, for_update=False):
        return FollowUpForm

    def get_urlpatterns(self):
        actions = [
            path(f"<int:pk>/{name}/", lead_action_view(action), name=name)
            for name, action in LEAD_ACTIONS.items()
        ]
        split = path(
            "<int:pk>/inquiries/<int:inquiry_pk>/split/",
            lead_action_view(split_action),
            name="split",
        )
        return super().get_urlpatterns() + actions + [split]


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
        return export_record_permission_policy


class ReportMenuItem(MenuItem):
    def is_shown(self, request):
        return can_see_lead_report(request.user)
