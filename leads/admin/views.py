"""The intake admin's views: the work list, a lead's page with its timeline (its events and emails
in time order) and the edit form. Registered as Wagtail viewsets in
leads/admin/viewsets.py; every change goes through the domain modules (leads.follow_up)."""

import datetime
from dataclasses import dataclass

import phonenumbers
from django import forms
from django.urls import reverse
from django.utils import timezone
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

from core.admin_access import PolicyPermissionMixin
from core.spreadsheets import FormulaSafeExportMixin
from leads import follow_up
from leads.admin.actions import LEAD_PAGE_CONTROLS
from leads.admin.filters import LeadFilterSet
from leads.admin.forms import AssignForm, FollowUpDateForm, NoteForm, StatusForm, person_label
from leads.models import ContactMethod, Lead, LeadEventKind, LeadStatus, language_name
from leads.recipients import user_label
from outbox.models import DeliveryStatus


class UrgentColumn(Column):
    """The urgent mark: a crisis phrase was found in the message."""

    cell_template_name = "leads/admin/urgent_cell.html"


class FollowUpDateColumn(Column):
    """The next follow-up as a calendar date ("Fri 4 Dec"), marked when it is overdue. Wagtail's
    DateColumn reads values as past moments, so a date ahead showed as "Just now"."""

    cell_template_name = "leads/admin/follow_up_cell.html"

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        context["is_overdue"] = instance.is_follow_up_overdue(timezone.localdate())
        return context


class MatchColumn(Column):
    """The "possibly a different person" mark of a lead a doubtful repeat request joined."""

    cell_template_name = "leads/admin/match_cell.html"


class SelfCheckColumn(Column):
    """The badges of an attached self-check: threshold met, safety flag."""

    cell_template_name = "leads/admin/self_check_cell.html"


class LeadIndexView(PolicyPermissionMixin, FormulaSafeExportMixin, IndexView):
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
        "language",
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
            # str(): the label is translatable (a lazy string), and a spreadsheet cell needs text.
            "preferred_contact_method": lambda value: (
                str(ContactMethod(value).label) if value else ""
            ),
            "assigned_to": person_label,
            "source_page": lambda page: page.title if page else "",
            "phone": str,
            "language": language_name,
            "is_urgent": lambda value: "yes" if value else "",
        }
        self.custom_field_preprocess = {
            name: {self.FORMAT_CSV: function, self.FORMAT_XLSX: function}
            for name, function in readable.items()
        }

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
            Column(
                "language",
                label="Language",
                accessor=lambda lead: language_name(lead.language),
                sort_key="language",
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
            FollowUpDateColumn(
                "next_follow_up_on", label="Next follow-up", sort_key="next_follow_up_on"
            ),
            MatchColumn("possibly_different_person", label="Match"),
            SelfCheckColumn("self_check", label="Self-check", accessor=lambda lead: lead),
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
            follow_up.record_export(
                context["object_list"],
                self.request.user,
                self.request.GET.get("export"),
                filters.urlencode(),
            )
        return super().render_to_response(context, **response_kwargs)


class LeadEditView(PolicyPermissionMixin, EditView):
    """Saving goes through leads.follow_up, so each change gets its timeline entry."""

    def save_instance(self):
        data = self.form.cleaned_data
        user = self.request.user
        follow_up.change_status(self.object, data["status"], user)
        follow_up.assign(self.object, data["assigned_to"], user)
        follow_up.set_next_follow_up(self.object, data["next_follow_up_on"], user)
        return Lead.objects.get(pk=self.object.pk)

    def get_success_url(self):
        return reverse("contact_requests:inspect", args=[self.object.pk])


class LeadCreateView(PolicyPermissionMixin, CreateView):
    pass


class LeadDeleteView(PolicyPermissionMixin, DeleteView):
    pass


class LeadHistoryView(PolicyPermissionMixin, HistoryView):
    pass


class LeadUsageView(PolicyPermissionMixin, UsageView):
    pass


class LeadInspectView(PolicyPermissionMixin, InspectView):
    """A lead's page: every field, its inquiries and emails, the actions and the timeline. Each
    opening of the page is recorded on the timeline."""

    template_name = "leads/admin/lead_inspect.html"

    def get(self, request, *args, **kwargs):
        follow_up.record_view(self.object, request.user)
        return super().get(request, *args, **kwargs)

    def get_page_title(self):
        return f"Lead #{self.object.pk}"

    def get_page_subtitle(self):
        return self.object.full_name

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        lead = self.object
        can_change = self.permission_policy.user_has_permission(self.request.user, "change")
        action_forms = {
            "status_form": StatusForm(initial={"status": lead.status}),
            "assign_form": AssignForm(current_assignee=lead.assigned_to),
            "note_form": NoteForm(),
            "follow_up_form": FollowUpDateForm(
                initial={"next_follow_up_on": lead.next_follow_up_on}
            ),
        }
        timeline = lead_timeline(lead)
        context.update(
            action_forms,
            lead=lead,
            can_change=can_change,
            inquiries=lead.inquiries.select_related("source_page"),
            deliveries=lead.deliveries.order_by("pk"),
            failed=DeliveryStatus.FAILED,
            timeline=[entry for entry in timeline if not entry.is_page_view],
            page_views=[entry for entry in timeline if entry.is_page_view],
            is_spam=lead.status == LeadStatus.SPAM,
            is_follow_up_overdue=lead.is_follow_up_overdue(timezone.localdate()),
            time_to_first_contact=format_duration(lead.time_to_first_contact),
            page_controls=LEAD_PAGE_CONTROLS,
            # The action forms' widgets (the follow-up date chooser) need their scripts on the page.
            action_media=sum((form.media for form in action_forms.values()), forms.Media()),
        )
        return context


@dataclass(frozen=True)
class TimelineEntry:
    """One line of a lead's timeline, from its events and its email deliveries."""

    at: datetime.datetime
    label: str
    summary: str
    actor: str
    note: str = ""
    kind: str = ""

    @property
    def is_page_view(self) -> bool:
        return self.kind == LeadEventKind.VIEWED


def lead_timeline(lead: Lead) -> list[TimelineEntry]:
    """Everything that happened to the lead, newest first: staff read the latest news at the top."""
    entries = [
        TimelineEntry(
            event.created_at,
            event.get_kind_display(),
            event.summary,
            user_label(event.actor) if event.actor_id else "System",
            event.note,
            event.kind,
        )
        for event in lead.events.select_related("actor")
    ]
    for delivery in lead.deliveries.all():
        entries.append(
            TimelineEntry(
                delivery.created_at,
                "Email",
                f"{delivery.get_kind_display()}: {delivery.get_status_display().lower()}"
                + (
                    f", sent {timezone.localtime(delivery.sent_at):%b %d, %Y %H:%M}"
                    if delivery.sent_at
                    else ""
                ),
                "System",
                kind="email",
            )
        )
    return sorted(entries, key=lambda entry: entry.at, reverse=True)


def format_duration(duration: datetime.timedelta | None) -> str:
    if duration is None:
        return ""
    minutes = int(duration.total_seconds() // 60)
    days, minutes = divmod(minutes, 24 * 60)
    hours, minutes = divmod(minutes, 60)
    parts = [f"{days} d"] if days else []
    parts += [f"{hours} h"] if hours or days else []
    return " ".join([*parts, f"{minutes} min"])
