"""The intake admin's forms: the edit view's follow-up form and the small forms of a lead's page."""

from django import forms
from django.contrib.auth import get_user_model
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.widgets import AdminDateInput

from leads.models import Lead, LeadStatus
from leads.recipients import assignable_users, intake_users


def person_label(user) -> str:
    if user is None:
        return ""
    return user.get_full_name() or user.get_username()


class FollowUpForm(WagtailAdminModelForm):
    """The edit view's form: status, assignee and next follow-up date."""

    class Meta:
        model = Lead
        fields = ["status", "assigned_to", "next_follow_up_on"]
        widgets = {"next_follow_up_on": AdminDateInput}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assigned_to"].queryset = intake_users()
        self.fields["assigned_to"].label_from_instance = person_label


class StatusForm(forms.Form):
    status = forms.ChoiceField(choices=LeadStatus.choices, label="Status")


class AssignForm(forms.Form):
    """Every active intake user, plus the current assignee (who may be a superuser outside the
    group), so the list always shows who holds the lead now."""

    assignee = forms.ModelChoiceField(
        queryset=get_user_model().objects.none(),
        required=False,
        label="Assign to",
        empty_label="Nobody",
    )

    def __init__(self, *args, current_assignee=None, **kwargs):
        if current_assignee is not None:
            kwargs.setdefault("initial", {"assignee": current_assignee.pk})
        super().__init__(*args, **kwargs)
        self.fields["assignee"].queryset = assignable_users(current_assignee)
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
