"""The contact form: what a visitor fills in, how it is checked, and the spam traps around it."""

import time

from django import forms
from django.core import signing
from django.utils.translation import gettext_lazy as _
from phonenumber_field.formfields import PhoneNumberField

from leads.conf import leads_setting
from leads.models import ContactMethod, Lead

# Bump when the consent wording below changes: every lead records the version it was given.
CONSENT_TEXT_VERSION = "consent-2026-11"
CONSENT_LABEL = _("I agree to be contacted about this request, and to the privacy notice")

SHOWN_AT_SALT = "leads.contact-form.shown-at"
HONEYPOT_FIELD = "website"

TRAP_HONEYPOT = "honeypot"
TRAP_TOO_FAST = "too-fast"
TRAP_NOT_TIMED = "not-timed"
# Not a trap: the form was shown more than SHOWN_AT_MAX_AGE ago. The view shows it again, with
# everything typed kept, instead of dropping the post.
FORM_EXPIRED = "expired"
# How long a shown form may be sent: a day, so a harvested token cannot be replayed for ever.
SHOWN_AT_MAX_AGE = 24 * 60 * 60


def make_shown_at_token(shown_at: float | None = None) -> str:
    """A signed record of when the form was shown, so a post can be timed without server state."""
    return signing.dumps(shown_at if shown_at is not None else time.time(), salt=SHOWN_AT_SALT)


def spam_trap_reason(data) -> str | None:
    """Why a posted form looks like a bot's (honeypot filled, posted too soon, token missing or
    forged), FORM_EXPIRED for a form shown more than a day ago, or None for a post that passes."""
    if data.get(HONEYPOT_FIELD, "").strip():
        return TRAP_HONEYPOT
    try:
        shown_at = float(
            signing.loads(data.get("shown_at", ""), salt=SHOWN_AT_SALT, max_age=SHOWN_AT_MAX_AGE)
        )
    except signing.SignatureExpired:
        return FORM_EXPIRED
    except (signing.BadSignature, TypeError, ValueError):
        return TRAP_NOT_TIMED
    if time.time() - shown_at > SHOWN_AT_MAX_AGE:
        return FORM_EXPIRED
    if time.time() - shown_at < float(leads_setting("LEADS_MIN_SECONDS_TO_SUBMIT")):
        return TRAP_TOO_FAST
    return None


class ContactForm(forms.ModelForm):
    """The visitor's details and consent; the page renders each field with its hint and error."""

    full_name = forms.CharField(
        label=_("Full name"),
        max_length=200,
        error_messages={
            "required": _("Enter your full name"),
            "max_length": _("Full name must be 200 characters or fewer"),
        },
        widget=forms.TextInput(attrs={"autocomplete": "name", "spellcheck": "false"}),
    )
    email = forms.EmailField(
        label=_("Email"),
        max_length=254,
        help_text=_("We send a short confirmation here."),
        error_messages={
            "required": _("Enter your email address"),
            "invalid": _("Enter an email address in the correct format, like name@example.com"),
            "max_length": _("Email address must be 254 characters or fewer"),
        },
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
    )
    phone = PhoneNumberField(
        label=_("Phone"),
        region="US",
        required=False,
        help_text=_("Needed if you would like a call or a text. For example (503) 555-0142."),
        error_messages={
            "invalid": _(
                "Enter a phone number we can call, like (503) 555-0142 or +44 20 7946 0958"
            )
        },
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
    )
    preferred_contact_method = forms.ChoiceField(
        label=_("Preferred contact method"),
        choices=ContactMethod.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose how you would like us to contact you"),
            "invalid_choice": _("Choose how you would like us to contact you"),
        },
    )
    best_time = forms.CharField(
        label=_("Best time to reach you"),
        required=False,
        max_length=200,
        help_text=_("For example: weekday mornings, or after 5pm."),
        error_messages={"max_length": _("Best time must be 200 characters or fewer")},
    )
    message = forms.CharField(
        label=_("Message"),
        required=False,
        max_length=2000,
        help_text=_(
            "Anything you would like us to know before we contact you, in up to 2,000 "
            "characters. Please do not include detailed medical information: we will talk "
            "about your health in person."
        ),
        error_messages={"max_length": _("Message must be 2,000 characters or fewer")},
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    consent = forms.BooleanField(
        label=CONSENT_LABEL,
        error_messages={
            "required": _("Check the box to agree to be contacted and to the privacy notice")
        },
    )
    # A field people never see (hidden by CSS and skipped by the keyboard); bots fill it in.
    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )
    shown_at = forms.CharField(required=False, widget=forms.HiddenInput)
    source_page = forms.IntegerField(required=False, widget=forms.HiddenInput)

    class Meta:
        model = Lead
        fields = [
            "full_name",
            "email",
            "phone",
            "preferred_contact_method",
            "best_time",
            "message",
        ]

    visible_order = [*Meta.fields, "consent"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in self.visible_order:
            field = self.fields[name]
            if field.help_text:
                field.widget.attrs["aria-describedby"] = f"{self[name].auto_id}_hint"
            if field.required and not isinstance(field.widget, forms.RadioSelect):
                field.widget.attrs["required"] = True

    @classmethod
    def for_display(cls, source_page_id: int | None, **kwargs) -> "ContactForm":
        """An empty form stamped with the page it is shown on. It carries no tokens: the page may
        come from the page cache, so the visitor's browser asks for its own CSRF token and
        "shown at" time (leads.public_views.form_tokens); without JavaScript, the first press of the
        button brings the form back with them (leads.public_views.csrf_failure)."""
        return cls(initial={"source_page": source_page_id}, **kwargs)

    @classmethod
    def shown_again(cls, data) -> "ContactForm":
        """The posted form, everything typed kept, stamped as shown now (its old stamp expired)."""
        renewed = data.copy()
        renewed["shown_at"] = make_shown_at_token()
        return cls(renewed)

    def clean_email(self):
        # A quoted ("name"@example.org) or backslash-escaped local part is valid, but no one types
        # one for their own mailbox; it is how the per-address limits get dodged.
        email = self.cleaned_data["email"]
        if '"' in email or "\\" in email:
            raise forms.ValidationError(
                _(
                    "Enter your email address without quotation marks or backslashes, "
                    "like name@example.com"
                ),
                code="quoted",
            )
        return email

    def clean(self):
        cleaned = super().clean()
        method = cleaned.get("preferred_contact_method")
        if (
            method in (ContactMethod.PHONE, ContactMethod.TEXT)
            and not cleaned.get("phone")
            and "phone" not in self.errors
        ):
            # Whole sentences, so each language can word them its own way.
            if method == ContactMethod.PHONE:
                error = _("Enter a phone number so we can call you, or choose email instead")
            else:
                error = _("Enter a phone number so we can text you, or choose email instead")
            self.add_error("phone", error)
        return cleaned

    def full_clean(self):
        super().full_clean()
        # Tie each error to its field for screen readers: aria-invalid, and the error message
        # read before the hint.
        for name in self.errors:
            if name not in self.fields:
                continue
            bound = self[name]
            described_by = [f"{bound.auto_id}_error"]
            if self.fields[name].help_text:
                described_by.append(f"{bound.auto_id}_hint")
            self.fields[name].widget.attrs["aria-describedby"] = " ".join(described_by)
            self.fields[name].widget.attrs["aria-invalid"] = "true"

    def field_anchor(self, name: str) -> str:
        """The id of the element an error summary link should move focus to."""
        bound = self[name]
        if isinstance(self.fields[name].widget, forms.RadioSelect):
            return f"{bound.auto_id}_0"
        return bound.auto_id

    def error_summary(self) -> list[dict]:
        """Every error in page order, each with the id of the field it belongs to."""
        summary = []
        for name in self.visible_order:
            for message in self.errors.get(name, []):
                summary.append({"anchor": self.field_anchor(name), "message": message})
        for message in self.non_field_errors():
            summary.append({"anchor": self.field_anchor("full_name"), "message": message})
        return summary

    def visible_fields_in_order(self):
        return [self[name] for name in self.visible_order]
