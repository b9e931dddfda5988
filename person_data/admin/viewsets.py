"""The person-data admin's viewsets and menu item: the "Person requests" list, the audit list of
searches, copies and erasures, and the "Find a person" menu entry. person_data/wagtail_hooks.py
registers them."""

from django.utils.functional import cached_property
from wagtail.admin.menu import MenuItem
from wagtail.admin.viewsets.model import ModelViewSet

from core.admin_access import ViewOnlyPermissionPolicy
from leads.admin.permissions import lead_permission_policy
from person_data.admin import views
from person_data.models import PersonDataAuditRecord, PersonRequest


class PersonRequestViewSet(ModelViewSet):
    """The requests of people to see or erase their data, with their due dates (views in
    person_data.admin.views)."""

    model = PersonRequest
    icon = "user"
    menu_label = "Person requests"
    menu_name = "person-requests"
    menu_order = 153
    add_to_admin_menu = True
    url_prefix = "person-requests"
    copy_view_enabled = False
    index_view_class = views.PersonRequestIndexView
    add_view_class = views.PersonRequestCreateView
    edit_view_class = views.PersonRequestEditView
    delete_view_class = views.PersonRequestDeleteView
    list_filter = ["kind", "handler"]
    search_backend_name = None

    @cached_property
    def permission_policy(self):
        return views.PersonRequestPermissionPolicy(self.model)

    def get_form_class(self, for_update=False):
        return views.PersonRequestForm


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


class FindPersonMenuItem(MenuItem):
    def is_shown(self, request):
        return lead_permission_policy.user_has_permission(request.user, "view")
