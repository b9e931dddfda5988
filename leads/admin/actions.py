"""Staff actions on a lead's page: each is a POST-only view that runs one function of
leads.follow_up and goes back to the lead. To add one, write `def my_action(request, lead, _)` here
and add it to LEAD_ACTIONS; the viewset gives it a URL. Another app adds an action of its own with
`register_lead_action(name, action)` from its wagtail_hooks.py (person_data adds "erase"), and a
control to the page's "Actions" column with `register_lead_page_control(template_name)`, so leads
never imports it."""

from django.contrib import messages
from django.http import HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse

from core.admin_access import forbidden
from leads import follow_up
from leads.admin.forms import AssignForm, FollowUpDateForm, NoteForm, StatusForm, person_label
from leads.admin.permissions import lead_permission_policy
from leads.models import Inquiry, Lead, LeadStatus


def lead_action_view(action):
    """A POST-only view that runs one staff action on a lead and goes back to its page."""

    def view(request, pk, inquiry_pk=None):
        if not lead_permission_policy.user_has_permission(request.user, "change"):
            return forbidden(request)
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        lead = get_object_or_404(Lead, pk=pk)
        target = reverse("contact_requests:inspect", args=[lead.pk])
        try:
            result = action(request, lead, inquiry_pk)
        except follow_up.FollowUpError as error:
            messages.error(request, str(error))
            return redirect(target)
        if isinstance(result, Lead):
            target = reverse("contact_requests:inspect", args=[result.pk])
        return redirect(target)

    view.__name__ = f"lead_{action.__name__}_view"
    return view


def invalid(form) -> follow_up.FollowUpError:
    return follow_up.FollowUpError(
        " ".join(str(error) for errors in form.errors.values() for error in errors)
    )


def change_status_action(request, lead, _):
    form = StatusForm(request.POST)
    if not form.is_valid():
        raise invalid(form)
    if follow_up.change_status(lead, form.cleaned_data["status"], request.user):
        messages.success(request, f"Status set to {LeadStatus(form.cleaned_data['status']).label}.")


def assign_action(request, lead, _):
    if "to_me" in request.POST:
        assignee = request.user
    else:
        form = AssignForm(request.POST)
        if not form.is_valid():
            raise invalid(form)
        assignee = form.cleaned_data["assignee"]
    if follow_up.assign(lead, assignee, request.user):
        messages.success(request, f"Assigned to {person_label(assignee) or 'nobody'}.")


def add_note_action(request, lead, _):
    form = NoteForm(request.POST)
    if not form.is_valid():
        raise invalid(form)
    follow_up.add_note(lead, form.cleaned_data["text"], request.user)
    messages.success(request, "Note added.")


def follow_up_action(request, lead, _):
    form = FollowUpDateForm(request.POST)
    if not form.is_valid():
        raise invalid(form)
    follow_up.set_next_follow_up(lead, form.cleaned_data["next_follow_up_on"], request.user)
    messages.success(request, "Next follow-up saved.")


def spam_action(request, lead, _):
    follow_up.mark_spam(lead, request.user)
    messages.success(request, "Marked as spam.")


def not_spam_action(request, lead, _):
    follow_up.mark_not_spam(lead, request.user)
    messages.success(request, "No longer marked as spam.")


def split_action(request, lead, inquiry_pk):
    inquiry = get_object_or_404(Inquiry, pk=inquiry_pk, lead=lead)
    new_lead = follow_up.split_inquiry(inquiry.pk, request.user)
    messages.success(request, f"Inquiry split off to lead #{new_lead.pk}.")
    return new_lead


LEAD_ACTIONS = {
    "status": change_status_action,
    "assign": assign_action,
    "note": add_note_action,
    "follow-up": follow_up_action,
    "spam": spam_action,
    "not-spam": not_spam_action,
}


def register_lead_action(name: str, action) -> None:
    """Give a staff action of another app a POST URL on each lead (`contact_requests:<name>`),
    refused to anyone without the change permission like every action here. Called from that
    app's wagtail_hooks.py: the admin's URLs are built after every hooks module is loaded."""
    if name in LEAD_ACTIONS or name == "split":
        raise ValueError(f"A lead action named {name!r} is already registered")
    LEAD_ACTIONS[name] = action


# Templates of other apps' controls in the "Actions" column of a lead's page, shown to staff who
# may change the lead while it holds personal data; each is included with the page's context.
LEAD_PAGE_CONTROLS: list[str] = []


def register_lead_page_control(template_name: str) -> None:
    """Add another app's control (a template) to the "Actions" column of every lead's page."""
    if template_name not in LEAD_PAGE_CONTROLS:
        LEAD_PAGE_CONTROLS.append(template_name)
