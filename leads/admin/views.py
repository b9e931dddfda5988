"""The intake admin's views: the work list, a lead's page with its actions and timeline, the edit
form, the staff actions, and the counts-only "Leads by article" report. Registered as Wagtail
viewsets in leads/wagtail_hooks.py; every change goes through leads.followup."""

import datetime

import phonenumbers
from django import forms
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.http import HttpResponseForbidden, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.ui.tables import Column, DateColumn, TitleColumn
from wagtail.admin.views.generic.history import HistoryView
from wagtail.admin.views.generic.models import (
    CreateView,
    DeleteView,
    EditView,
    IndexView,
    InspectView,
)
from wagtail.admin.views.generic.usage import UsageView
from wagtail.admin.views.reports import ReportView
from wagtail.admin.widgets import AdminDateInput
from wagtail.permission_policies.base import ModelPermissionPolicy

from leads import followup
from leads.filters import LeadFilterSet
from leads.models import ContactMethod, DeliveryStatus, Inquiry, Lead, LeadStatus
from leads.reports import leads_by_source

REPORT_PERMISSION = "leads.view_lead_report"


def forbidden(request):
    """A plain 403. Wagtail's own refusal redirects to the dashboard with a message; the intake
    admin answers 403 so a refused request is unmistakable (and testable) on every lead URL."""
    return HttpResponseForbidden(
        render_to_string("leads/admin/forbidden.html", request=request), content_type="text/html"
    )


class LeadPermissionPolicy(ModelPermissionPolicy):
    """Intake staff (view and change permission) and superusers work leads; nobody adds or deletes
    one in the admin: requests come from the form, and "erase this person" replaces deletion."""

    def user_has_permission(self, user, action):
        return action in ("view", "change") and super().user_has_permission(user, action)

    def users_with_any_permission(self, actions):
        return super().users_with_any_permission([a for a in actions if a in ("view", "change")])


class IntakeOnlyMixin:
    """Refuse with 403 (not Wagtail's redirect) anyone who may not see leads, and anyone who may
    not do what the view does (nobody adds or deletes a lead)."""

    def dispatch(self, request, *args, **kwargs):
        policy = self.permission_policy
        if not policy.user_has_permission(request.user, "view"):
            return forbidden(request)
        required = getattr(self, "permission_required", None)
        if required and not policy.user_has_permission(request.user, required):
            return forbidden(request)
        return super().dispatch(request, *args, **kwargs)


class UrgentColumn(Column):
    """The urgent mark: a crisis phrase was found in the message."""

    cell_template_name = "leads/admin/urgent_cell.html"


def local_minute(moment) -> str:
    return f"{timezone.localtime(moment):%Y-%m-%d %H:%M}" if moment else ""


def person_label(user) -> str:
    if user is None:
        return ""
    return user.get_full_name() or user.get_username()


class LeadIndexView(IntakeOnlyMixin, IndexView):
    """The work list: urgent leads first, then the newest; filters, search, sort and export."""

    filterset_class = LeadFilterSet
    default_ordering = ("-is_urgent", "-received_at", "-id")
    page_title = "Leads"
    list_export = [
        "pk",
        "received_at",
        "full_name",
        "email",
        "phone",
        "preferred_contact_method",
        "best_time",
        "status",
        "assigned_to",
        "next_follow_up_on",
        "first_contacted_at",
        "is_urgent",
        "source_page",
        "source_url",
        "utm_source",
        "utm_medium",
        "utm_campaign",
    ]
    export_headings = {
        "pk": "Number",
        "received_at": "Received",
        "preferred_contact_method": "Preferred contact",
        "assigned_to": "Assigned to",
        "next_follow_up_on": "Next follow-up",
        "first_contacted_at": "First contacted",
        "is_urgent": "Urgent",
        "source_url": "Source address",
        "utm_source": "UTM source",
        "utm_medium": "UTM medium",
        "utm_campaign": "UTM campaign",
    }
    export_filename = "contact-requests"

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        # Readable values rather than stored codes in the spreadsheet.
        readable = {
            "status": lambda value: LeadStatus(value).label if value else "",
            "preferred_contact_method": lambda value: ContactMethod(value).label if value else "",
            "assigned_to": person_label,
            "source_page": lambda page: page.title if page else "",
            "phone": str,
            "is_urgent": lambda value: "yes" if value else "",
        }
        self.custom_field_preprocess = {
            name: {self.FORMAT_CSV: function, self.FORMAT_XLSX: function}
            for name, function in readable.items()
        }
        # CSV gets the clinic's local time, to the minute; XLSX keeps Wagtail's date cells.
        for name in ("received_at", "first_contacted_at"):
            self.custom_field_preprocess[name] = {self.FORMAT_CSV: local_minute}

    @property
    def columns(self):
        return [
            UrgentColumn("is_urgent", label="Urgent", sort_key="is_urgent"),
            DateColumn("received_at", label="Received", sort_key="received_at"),
            TitleColumn(
                "full_name",
                label="Name",
                sort_key="full_name",
                get_url=lambda lead: reverse(self.inspect_url_name, args=[lead.pk]),
            ),
            Column(
                "preferred_contact_method",
                label="Preferred contact",
                accessor="get_preferred_contact_method_display",
            ),
            Column("status", label="Status", accessor="get_status_display", sort_key="status"),
            Column(
                "assigned_to",
                label="Assigned to",
                accessor=lambda lead: person_label(lead.assigned_to),
                sort_key="assigned_to__first_name",
            ),
            Column(
                "source_page",
                label="Source page",
                accessor=lambda lead: lead.source_page.title if lead.source_page else "",
            ),
            DateColumn("next_follow_up_on", label="Next follow-up", sort_key="next_follow_up_on"),
        ]

    def get_base_queryset(self):
        # Every column's related row comes in the same query, whatever the page size.
        return super().get_base_queryset().select_related("source_page", "assigned_to")

    def search_queryset(self, queryset):
        """Search name, email and phone; a query that reads as a phone number also matches the
        stored E.164 form, so "(503) 555-0100" finds "+15035550100"."""
        query = (self.search_query or "").strip()
        if not query:
            return queryset
        searched = super().search_queryset(queryset)
        try:
            number = phonenumbers.parse(query, "US")
        except phonenumbers.NumberParseException:
            return searched
        if phonenumbers.is_possible_number(number):
            e164 = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
            return searched | queryset.filter(phone=e164)
        return searched

    def render_to_response(self, context, **response_kwargs):
        if self.is_export:
            filters = self.request.GET.copy()
            filters.pop("export", None)
            followup.record_export(
                context["object_list"],
                self.request.user,
                self.request.GET.get("export"),
                filters.urlencode(),
            )
        return super().render_to_response(context, **response_kwargs)


class FollowUpForm(WagtailAdminModelForm):
    """The edit view's form: status, assignee and next follow-up date."""

    class Meta:
        model = Lead
        fields = ["status", "assigned_to", "next_follow_up_on"]
        widgets = {"next_follow_up_on": AdminDateInput}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assigned_to"].queryset = followup.intake_users()
        self.fields["assigned_to"].label_from_instance = person_label


class LeadEditView(IntakeOnlyMixin, EditView):
    """Saving goes through leads.followup, so each change gets its timeline entry."""

    def save_instance(self):
        data = self.form.cleaned_data
        user = self.request.user
        followup.change_status(self.object, data["status"], user)
        followup.assign(self.object, data["assigned_to"], user)
        followup.set_next_follow_up(self.object, data["next_follow_up_on"], user)
        return Lead.objects.get(pk=self.object.pk)

    def get_success_url(self):
        return reverse("contact_requests:inspect", args=[self.object.pk])


class LeadCreateView(IntakeOnlyMixin, CreateView):
    pass


class LeadDeleteView(IntakeOnlyMixin, DeleteView):
    pass


class LeadHistoryView(IntakeOnlyMixin, HistoryView):
    pass


class LeadUsageView(IntakeOnlyMixin, UsageView):
    pass


class StatusForm(forms.Form):
    status = forms.ChoiceField(choices=LeadStatus.choices, label="Status")


class AssignForm(forms.Form):
    assignee = forms.ModelChoiceField(
        queryset=get_user_model().objects.none(),
        required=False,
        label="Assign to",
        empty_label="Nobody",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assignee"].queryset = followup.intake_users()
        self.fields["assignee"].label_from_instance = person_label


class NoteForm(forms.Form):
    text = forms.CharField(
        label="Note",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=5000,
        help_text="What you did or learnt: a call, a voicemail, a consultation booked.",
    )


class FollowUpDateForm(forms.Form):
    next_follow_up_on = forms.DateField(
        label="Next follow-up", required=False, widget=AdminDateInput
    )


class LeadInspectView(IntakeOnlyMixin, InspectView):
    """A lead's page: every field, its inquiries and emails, the actions and the timeline. Each
    opening of the page is recorded on the timeline."""

    template_name = "leads/admin/lead_inspect.html"

    def get(self, request, *args, **kwargs):
        followup.record_view(self.object, request.user)
        return super().get(request, *args, **kwargs)

    def get_page_title(self):
        return "Contact request"

    def get_page_subtitle(self):
        return f"#{self.object.pk}"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        lead = self.object
        can_change = self.permission_policy.user_has_permission(self.request.user, "change")
        context.update(
            lead=lead,
            can_change=can_change,
            inquiries=lead.inquiries.select_related("source_page"),
            deliveries=lead.deliveries.order_by("pk"),
            failed=DeliveryStatus.FAILED,
            timeline=followup.lead_timeline(lead),
            status_form=StatusForm(initial={"status": lead.status}),
            assign_form=AssignForm(initial={"assignee": lead.assigned_to_id}),
            note_form=NoteForm(),
            follow_up_form=FollowUpDateForm(initial={"next_follow_up_on": lead.next_follow_up_on}),
            is_spam=lead.status == LeadStatus.SPAM,
            time_to_first_contact=format_duration(lead.time_to_first_contact),
        )
        return context


def format_duration(duration: datetime.timedelta | None) -> str:
    if duration is None:
        return ""
    minutes = int(duration.total_seconds() // 60)
    days, minutes = divmod(minutes, 24 * 60)
    hours, minutes = divmod(minutes, 60)
    parts = [f"{days} d"] if days else []
    parts += [f"{hours} h"] if hours or days else []
    return " ".join([*parts, f"{minutes} min"])


def lead_action_view(action):
    """A POST-only view that runs one staff action on a lead and goes back to its page."""

    def view(request, pk, inquiry_pk=None):
        policy = LeadPermissionPolicy(Lead)
        if not policy.user_has_permission(request.user, "change"):
            return forbidden(request)
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        lead = get_object_or_404(Lead, pk=pk)
        target = reverse("contact_requests:inspect", args=[lead.pk])
        try:
            result = action(request, lead, inquiry_pk)
        except followup.FollowUpError as error:
            messages.error(request, str(error))
            return redirect(target)
        if isinstance(result, Lead):
            target = reverse("contact_requests:inspect", args=[result.pk])
        return redirect(target)

    view.__name__ = f"lead_{action.__name__}_view"
    return view


def invalid(form) -> followup.FollowUpError:
    return followup.FollowUpError(
        " ".join(str(error) for errors in form.errors.values() for error in errors)
    )


def change_status_action(request, lead, _):
    form = StatusForm(request.POST)
    if not form.is_valid():
        raise invalid(form)
    if followup.change_status(lead, form.cleaned_data["status"], request.user):
        messages.success(request, f"Status set to {LeadStatus(form.cleaned_data['status']).label}.")


def assign_action(request, lead, _):
    if "to_me" in request.POST:
        assignee = request.user
    else:
        form = AssignForm(request.POST)
        if not form.is_valid():
            raise invalid(form)
        assignee = form.cleaned_data["assignee"]
    if followup.assign(lead, assignee, request.user):
        messages.success(request, f"Assigned to {person_label(assignee) or 'nobody'}.")


def add_note_action(request, lead, _):
    form = NoteForm(request.POST)
    if not form.is_valid():
        raise invalid(form)
    followup.add_note(lead, form.cleaned_data["text"], request.user)
    messages.success(request, "Note added.")


def follow_up_action(request, lead, _):
    form = FollowUpDateForm(request.POST)
    if not form.is_valid():
        raise invalid(form)
    followup.set_next_follow_up(lead, form.cleaned_data["next_follow_up_on"], request.user)
    messages.success(request, "Next follow-up saved.")


def spam_action(request, lead, _):
    followup.mark_spam(lead, request.user)
    messages.success(request, "Marked as spam.")


def not_spam_action(request, lead, _):
    followup.mark_not_spam(lead, request.user)
    messages.success(request, "No longer marked as spam.")


def split_action(request, lead, inquiry_pk):
    inquiry = get_object_or_404(Inquiry, pk=inquiry_pk, lead=lead)
    new_lead = followup.split_inquiry(inquiry.pk, request.user)
    messages.success(request, f"Inquiry split off to contact request #{new_lead.pk}.")
    return new_lead


def erase_action(request, lead, _):
    if request.POST.get("confirm") != "erase":
        raise followup.FollowUpError("Tick the confirmation to erase this person's data.")
    followup.erase_person(lead, request.user)
    messages.success(request, "The person's data was erased; the timeline records it.")


LEAD_ACTIONS = {
    "status": change_status_action,
    "assign": assign_action,
    "note": add_note_action,
    "follow-up": follow_up_action,
    "spam": spam_action,
    "not-spam": not_spam_action,
    "erase": erase_action,
}


class LeadsByArticleReport(ReportView):
    """Which pages and campaigns brought requests, by month. Counts only, so the Marketing group
    (view_lead_report) sees it as well as intake staff."""

    page_title = "Leads by article"
    header_icon = "doc-full"
    index_url_name = "leads_by_article"
    index_results_url_name = "leads_by_article_results"
    paginate_by = 50
    list_export = [
        "month",
        "source_page__title",
        "utm_source",
        "utm_campaign",
        "requests",
        "patients",
    ]
    export_headings = {
        "month": "Month",
        "source_page__title": "Page",
        "utm_source": "Source",
        "utm_campaign": "Campaign",
        "requests": "Requests",
        "patients": "Became patients",
    }
    export_filename = "leads-by-article"
    custom_field_preprocess = {
        "month": {
            "csv": lambda month: f"{month:%Y-%m}",
            "xlsx": lambda month: f"{month:%Y-%m}",
        }
    }
    columns = [
        Column("month", label="Month", accessor=lambda row: f"{row['month']:%B %Y}"),
        Column("page", label="Page", accessor=lambda row: row["source_page__title"] or "(none)"),
        Column("utm_source", label="Source", accessor=lambda row: row["utm_source"]),
        Column("utm_campaign", label="Campaign", accessor=lambda row: row["utm_campaign"]),
        Column("requests", label="Requests", accessor=lambda row: row["requests"]),
        Column("patients", label="Became patients", accessor=lambda row: row["patients"]),
    ]

    def dispatch(self, request, *args, **kwargs):
        if not (request.user.is_superuser or request.user.has_perm(REPORT_PERMISSION)):
            return forbidden(request)
        return super().dispatch(request, *args, **kwargs)

    def get_queryset(self):
        return leads_by_source()
