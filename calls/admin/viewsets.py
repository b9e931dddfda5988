"""Calls → Call hours: which staff take calls, with each one's weekly hours and days off, for
intake staff (the call-taker permissions) and superusers. calls/wagtail_hooks.py registers it."""

from wagtail.admin.ui.tables import BooleanColumn, Column, TitleColumn
from wagtail.admin.viewsets.model import ModelViewSet

from calls.admin import views
from calls.admin.forms import call_taker_panel
from calls.admin.permissions import call_taker_permission_policy
from calls.models import CallTaker


def weekly_hours(taker: CallTaker) -> str:
    return ", ".join(str(row) for row in taker.hours.all()) or "None"


class CallTakerViewSet(ModelViewSet):
    model = CallTaker
    icon = "time"
    menu_label = "Call hours"
    add_to_admin_menu = False
    url_prefix = "calls/hours"
    copy_view_enabled = False
    inspect_view_enabled = False
    permission_policy = call_taker_permission_policy
    edit_handler = call_taker_panel
    index_view_class = views.CallTakerIndexView
    add_view_class = views.CallTakerCreateView
    edit_view_class = views.CallTakerEditView
    delete_view_class = views.CallTakerDeleteView
    list_display = [
        TitleColumn("name", label="Staff member", accessor=str, url_name="call_hours:edit"),
        BooleanColumn("takes_calls", label="Takes calls"),
        Column("hours", label="Weekly hours", accessor=weekly_hours),
    ]
    search_backend_name = None
