"""The intake admin's views for a person's requests about their data: "Find a person" (search,
download a copy, erase) and the "Person requests" list. Registered in person_data/wagtail_hooks.py;
the work is done by person_data.person_requests."""

import json

from django import forms
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.http import HttpResponse, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.text import slugify
from phonenumber_field.formfields import PhoneNumberField
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.ui.tables import Column, DateColumn, TitleColumn
from wagtail.admin.views.generic.models import CreateView, DeleteView, EditView, IndexView
from wagtail.admin.widgets import AdminDateInput
from wagtail.permission_policies.base import ModelPermissionPolicy

from core.admin_access import PolicyPermissionMixin, forbidden
from core.models import ClinicSettings
from leads import recipients
from leads.admin.forms import person_label
from leads.admin.permissions import LeadPermissionPolicy
from leads.models import Lead
from person_data import person_requests
from person_data.models import PersonRequest

COPY_FORMATS = ("html", "json")


class PersonSearchForm(forms.Form):
    """What staff know of the person: their email address, their phone number, or both."""

    email = forms.EmailField(
        label="Email address",
        required=False,
        max_length=254,
        help_text="Matched without regard to capitals or spaces around it.",
    )
    phone = PhoneNumberField(
        label="Phone number",
        region="US",
        required=False,
        help_text="Any usual form, e.g. (503) 555-0142 or +44 20 7946 0958.",
        error_messages={"invalid": "Enter a phone number, like (503) 555-0142"},
    )

    def clean(self):
        cleaned = super().clean()
        if not self.errors and not cleaned.get("email") and not cleaned.get("phone"):
            raise forms.ValidationError("Enter the person's email address, phone number, or both.")
        return cleaned


def may(user, action: str) -> bool:
    return LeadPermissionPolicy(Lead).user_has_permission(user, action)


def render_find_page(request, form, matches=None, searched=False, status=200, ticked=None):
    return TemplateResponse(
        request,
        "person_data/admin/person_find.html",
        {
            "form": form,
            "matches": matches or [],
            "searched": searched,
            # After an error, the boxes staff ticked; otherwise matches on both fields are ticked.
            "ticked": ticked,
            "both_entered": searched
            and bool(form.cleaned_data.get("email") and form.cleaned_data.get("phone")),
            "can_erase": may(request.user, "change"),
            "person_requests_url": reverse("person_requests:index"),
        },
        status=status,
    )


def search_and_render(request, form, status=200, ticked=None):
    """Run the search of a valid form, audit it, and show the matches."""
    matches = person_requests.find_person(
        form.cleaned_data.get("email") or "", form.cleaned_data.get("phone") or ""
    )
    person_requests.record_search(request.user, matches)
    return render_find_page(request, form, matches, searched=True, status=status, ticked=ticked)


def find_person_view(request):
    """GET: the empty search form, or (with ?lead=N, from a lead's page) the form filled in with
    that lead's email and phone, not yet searched: a link must change nothing, and a search is
    audited. POST: the search. Posted, so what was searched never appears in an address or an
    access log."""
    if not may(request.user, "view"):
        return forbidden(request)
    if request.method == "POST":
        form = PersonSearchForm(request.POST)
        if not form.is_valid():
            return render_find_page(request, form, status=400)
        return search_and_render(request, form)
    lead_id = request.GET.get("lead", "")
    if lead_id.isdigit():
        lead = get_object_or_404(Lead, pk=lead_id)
        if lead.anonymised_at is None:
            form = PersonSearchForm(initial={"email": lead.email, "phone": lead.phone or ""})
            messages.info(
                request,
                f"The details of contact request #{lead.pk} are filled in: press Find to search.",
            )
            return render_find_page(request, form)
        messages.info(
            request, f"Contact request #{lead.pk} holds no details of the person any more."
        )
    return render_find_page(request, PersonSearchForm())


def redisplay_after_error(request, error: str):
    """Show the same search again with the error, so nothing ticked or typed is lost."""
    messages.error(request, error)
    form = PersonSearchForm(request.POST)
    if not form.is_valid():
        return render_find_page(request, form, status=400)
    ticked = {int(pk) for pk in request.POST.getlist("lead") if pk.isdigit()}
    return search_and_render(request, form, status=400, ticked=ticked)


def person_copy_view(request):
    """POST: download everything we hold on the ticked leads, as a printable HTML page or JSON."""
    if not may(request.user, "view"):
        return forbidden(request)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    export_format = request.POST.get("format", "")
    if export_format not in COPY_FORMATS:
        return redisplay_after_error(request, "Choose the printable page or the JSON file.")
    # The searched details come back with the ticked leads (never stored): they tell the person's
    # own submissions from those of someone who shares their phone or address.
    searched = PersonSearchForm(request.POST)
    if not searched.is_valid():
        return redisplay_after_error(request, "Find the person again, then download the copy.")
    try:
        copy = person_requests.person_copy(
            request.POST.getlist("lead"),
            request.user,
            request.POST.get("reference", ""),
            export_format,
            email=searched.cleaned_data.get("email") or "",
            phone=searched.cleaned_data.get("phone") or "",
        )
    except person_requests.PersonRequestError as error:
        return redisplay_after_error(request, str(error))
    filename = f"person-data-{slugify(copy['reference']) or 'request'}.{export_format}"
    if export_format == "json":
        body = json.dumps(copy, indent=2, ensure_ascii=False)
        response = HttpResponse(body, content_type="application/json; charset=utf-8")
    else:
        clinic = ClinicSettings.for_request(request)
        body = render_to_string(
            "person_data/admin/person_copy.html", {"copy": copy, "clinic": clinic}, request=request
        )
        response = HttpResponse(body, content_type="text/html; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    # A copy of someone's health data is not for any cache on the way.
    response["Cache-Control"] = "no-store"
    return response


def person_erase_view(request):
    """POST: erase the person's records from every ticked lead, in one transaction, under a
    request. The searched details come back with the ticks: they tell the person's records from
    those of someone who shares their phone, which stay."""
    if not may(request.user, "change"):
        return forbidden(request)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    if request.POST.get("confirm") != "erase":
        return redisplay_after_error(
            request, "Tick the confirmation that the person asked for their data to be erased."
        )
    searched = PersonSearchForm(request.POST)
    if not searched.is_valid():
        return redisplay_after_error(request, "Find the person again, then erase their data.")
    try:
        erasure = person_requests.erase_person_everywhere(
            request.POST.getlist("lead"),
            request.user,
            request.POST.get("reference", ""),
            email=searched.cleaned_data.get("email") or "",
            phone=searched.cleaned_data.get("phone") or "",
        )
    except person_requests.PersonRequestError as error:
        return redisplay_after_error(request, str(error))
    numbers = ", ".join(f"#{pk}" for pk in erasure.lead_ids)
    messages.success(
        request,
        f"Erased the person's data from contact request(s) {numbers}. Each timeline records "
        "it with the request's reference.",
    )
    for inquiry_pk, lead_pk in erasure.split_off.items():
        messages.warning(
            request,
            f"Inquiry #{inquiry_pk} gave other contact details, so it was kept as contact request "
            f"#{lead_pk} of its own, to be followed up: if it is the same person after all, find "
            "them by those details and erase it too.",
        )
    return redirect("person_data_find")


# The "Person requests" list -----------------------------------------------------------------------


class PersonRequestPermissionPolicy(ModelPermissionPolicy):
    """Whoever may work leads (intake staff, superusers) lists, records and updates person requests;
    nobody deletes one: it is the record that the person was answered in time."""

    def user_has_permission(self, user, action):
        return action in ("view", "add", "change") and may(user, "change")

    def users_with_any_permission(self, actions):
        if not {"view", "add", "change"} & set(actions):
            return get_user_model().objects.none()
        return LeadPermissionPolicy(Lead).users_with_any_permission(["change"])


class PersonRequestForm(WagtailAdminModelForm):
    """A person request as staff record it: the due date follows from the day received."""

    class Meta:
        model = PersonRequest
        fields = ["reference", "kind", "received_on", "handler", "completed_on"]
        widgets = {"received_on": AdminDateInput, "completed_on": AdminDateInput}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["handler"].queryset = recipients.intake_users()
        self.fields["handler"].label_from_instance = person_label

    def clean_reference(self):
        reference = self.cleaned_data["reference"].strip()
        taken = PersonRequest.objects.filter(reference__iexact=reference)
        if self.instance.pk:
            taken = taken.exclude(pk=self.instance.pk)
        if taken.exists():
            raise forms.ValidationError("Another person request already has this reference.")
        return reference

    def save(self, commit=True):
        # A corrected day received moves the due date with it.
        if "received_on" in self.changed_data:
            self.instance.due_on = None
        return super().save(commit=commit)


class PersonRequestIndexView(PolicyPermissionMixin, IndexView):
    """Open requests first, the soonest due on top; each with its handler and whether it is done."""

    page_title = "Person requests"

    @property
    def columns(self):
        return [
            TitleColumn(
                "reference",
                label="Reference",
                get_url=lambda row: reverse(self.edit_url_name, args=[row.pk]),
            ),
            Column("kind", label="Asked for", accessor="get_kind_display"),
            DateColumn("received_on", label="Received", sort_key="received_on"),
            DateColumn("due_on", label="Due", sort_key="due_on"),
            Column("handler", label="Handled by", accessor=lambda row: person_label(row.handler)),
            Column(
                "completed_on",
                label="Done",
                accessor=lambda row: (
                    f"Done {row.completed_on:%b %d, %Y}" if row.completed_on else "Open"
                ),
            ),
        ]

    def get_base_queryset(self):
        return super().get_base_queryset().select_related("handler")


class PersonRequestCreateView(PolicyPermissionMixin, CreateView):
    pass


class PersonRequestEditView(PolicyPermissionMixin, EditView):
    pass


class PersonRequestDeleteView(PolicyPermissionMixin, DeleteView):
    pass
