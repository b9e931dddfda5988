"""The self-check's two forms: the questions (SelfCheckForm), and the request a visitor may send
from the result (SelfCheckRequestForm, the contact form plus the signed answers and the tick).

Why the answers travel in a signed hidden field: the result page must not store them, yet the
request sent from it needs them (for urgency, and if the visitor ticks the box, to attach them).
A signature (django.core.signing) lets the server trust what comes back without keeping it; it is
POSTed with the form, never put in a URL, so it never reaches an access log, the first-touch
cookie, a referrer or analytics."""

from django import forms
from django.core import signing
from django.utils.translation import gettext_lazy as _

from leads.contact_form import ContactForm
from selfcheck.questions import QUESTIONS, STEPS

ANSWERS_SALT = "selfcheck.answers"
# A result page left open for longer than this sends the request without the answers.
ANSWERS_MAX_AGE = 24 * 60 * 60


def sign_answers(answers: dict) -> str:
    return signing.dumps(answers, salt=ANSWERS_SALT, compress=True)


def read_answers(token: str) -> dict:
    """The answers a result page signed; raises signing.BadSignature (expired included)."""
    return signing.loads(token, salt=ANSWERS_SALT, max_age=ANSWERS_MAX_AGE)


class SelfCheckForm(forms.Form):
    """The questions of selfcheck.questions as radio groups and checkboxes, each rendered in a
    fieldset with its question as the legend. Errors name the question they belong to, so the
    summary at the top reads on its own."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, question in QUESTIONS.items():
            message = _("Choose an answer: %(question)s") % {"question": question.text}
            if question.many:
                field = forms.MultipleChoiceField(
                    choices=question.choices,
                    required=False,
                    widget=forms.CheckboxSelectMultiple,
                )
            else:
                field = forms.ChoiceField(
                    choices=question.choices,
                    required=question.required,
                    widget=forms.RadioSelect,
                    error_messages={"required": message, "invalid_choice": message},
                )
            field.label = question.text
            field.help_text = question.hint
            self.fields[name] = field

    def full_clean(self):
        super().full_clean()
        for name in self.errors:
            if name in self.fields:
                self.fields[name].widget.attrs["aria-invalid"] = "true"

    def steps(self) -> list[dict]:
        """The sections (steps, with JavaScript) with their bound fields, for the template."""
        return [
            {
                "key": step.key,
                "heading": step.heading,
                "number": number,
                "fields": [self[question.name] for question in step.questions],
            }
            for number, step in enumerate(STEPS, start=1)
        ]

    def error_summary(self) -> list[dict]:
        return [
            {"anchor": f"{self[name].auto_id}_0", "message": message}
            for name in QUESTIONS
            for message in self.errors.get(name, [])
        ]


class SelfCheckRequestForm(ContactForm):
    """The contact form on a result page: the same fields, limits and spam traps, plus the signed
    answers and the tick that attaches them. The answers decide urgency whatever the tick says
    (the form says so); they are attached only with it."""

    answers = forms.CharField(required=False, widget=forms.HiddenInput)
    attach_answers = forms.BooleanField(
        label=_("Send my answers with my request"),
        required=False,
        help_text=_(
            "Our intake team will see your answers, so you do not have to repeat them. Without "
            "this tick, only your contact details and message are sent."
        ),
    )

    visible_order = [*ContactForm.visible_order, "attach_answers"]

    def clean_answers(self):
        token = self.cleaned_data.get("answers", "")
        if not token:
            return None
        try:
            return read_answers(token)
        except signing.BadSignature:
            raise forms.ValidationError(
                _(
                    "We could not read your self-check answers, so they will not be sent. "
                    "Everything you typed is still here: send your request without them, or "
                    "take the self-check again."
                ),
                code="unreadable",
            ) from None

    def full_clean(self):
        super().full_clean()
        if "answers" in self.errors:
            # Shown again without the unreadable answers: the next press sends the request.
            self.data = self.data.copy()
            self.data["answers"] = ""
            self.data.pop("attach_answers", None)

    def error_summary(self) -> list[dict]:
        summary = super().error_summary()
        for message in self.errors.get("answers", []):
            summary.insert(0, {"anchor": "answers-error", "message": message})
        return summary
