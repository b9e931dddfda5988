"""The self-check's questions, their answers and how answers become a result: the bottom layer of
the app, with no database and no request.

The questions are our own words. They follow what the clinic's articles say treatment-resistant
depression is (depression that has not eased after at least two antidepressants, each at a proper
dose for long enough) and the safety points a clinician checks before ketamine; they copy no
published questionnaire. The wording is in the code, not the admin, on purpose: a question is
part of how the result is worked out, so changing one is a code change that is tested. The
result texts Marketing may edit are fields of the page (selfcheck.pages).

Every visitor-facing string is marked for translation (Spanish comes next). What intake reads is
built in the site's own language (`staff_summary`), whatever language the visitor used.
"""

from dataclasses import dataclass

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext_lazy as _

YES, NO, NOT_SURE = "yes", "no", "not_sure"
YES_NO = [(YES, _("Yes")), (NO, _("No"))]
YES_NO_NOT_SURE = [(YES, _("Yes")), (NO, _("No")), (NOT_SURE, _("Not sure"))]

ANTIDEPRESSANT_COUNTS = [
    ("0", _("None")),
    ("1", _("One")),
    ("2", _("Two")),
    ("3", _("Three or more")),
]
TREATMENTS = [
    ("talk_therapy", _("Talk therapy (counseling or psychotherapy)")),
    ("esketamine", _("Esketamine nasal spray")),
    ("tms", _("TMS (magnetic stimulation)")),
    ("ect", _("ECT (electroconvulsive therapy)")),
]
# The safety question: any answer but "no" shows crisis help at once and makes a request urgent.
SAFETY_CHOICES = [
    (NO, _("No")),
    (YES, _("Yes")),
    ("rather_not_say", _("I would rather not say")),
]


@dataclass(frozen=True)
class Question:
    """One question: the form field's name, its wording, its choices, and whether it must be
    answered."""

    name: str
    text: str
    choices: list
    required: bool = True
    many: bool = False
    hint: str = ""


@dataclass(frozen=True)
class Step:
    """A group of questions: one section without JavaScript, one step with it."""

    key: str
    heading: str
    questions: tuple[Question, ...]


STEPS = (
    Step(
        "diagnosis",
        _("Your diagnosis"),
        (
            Question(
                "diagnosed",
                _("Has a doctor or other clinician told you that you have depression?"),
                YES_NO_NOT_SURE,
            ),
        ),
    ),
    Step(
        "antidepressants",
        _("Antidepressants you have tried"),
        (
            Question(
                "antidepressants",
                _(
                    "In this episode of depression, how many antidepressants have you taken at the "
                    "dose your prescriber aimed for, for about six weeks or more?"
                ),
                ANTIDEPRESSANT_COUNTS,
                hint=_("Count each medicine once, even if the dose changed."),
            ),
            Question(
                "different_classes",
                _("Were at least two of them different kinds of antidepressant?"),
                YES_NO_NOT_SURE,
                required=False,
                hint=_(
                    "For example one SSRI, such as sertraline, and one of another kind. Leave it "
                    "if you tried fewer than two."
                ),
            ),
        ),
    ),
    Step(
        "care",
        _("Other treatment and care"),
        (
            Question(
                "treatments",
                _("Which of these have you also tried?"),
                TREATMENTS,
                required=False,
                many=True,
                hint=_("Tick all that apply, or none."),
            ),
            Question(
                "prescriber",
                _("Do you have a doctor or nurse who prescribes for you now?"),
                YES_NO,
            ),
        ),
    ),
    Step(
        "health",
        _("Health points a doctor checks first"),
        (
            Question(
                "pregnancy",
                _("Are you pregnant, trying to become pregnant, or breastfeeding?"),
                YES_NO_NOT_SURE,
            ),
            Question(
                "psychosis",
                _(
                    "Have you ever had psychosis (losing touch with what is real) or mania "
                    "(days of unusually high energy and little need for sleep)?"
                ),
                YES_NO_NOT_SURE,
            ),
            Question(
                "heart",
                _(
                    "Do you have high blood pressure or a heart condition that is not under control?"
                ),
                YES_NO_NOT_SURE,
            ),
            Question(
                "substances",
                _("Are you having problems with alcohol or drugs at the moment?"),
                YES_NO_NOT_SURE,
            ),
        ),
    ),
    Step(
        "feeling",
        _("How you have been feeling"),
        (
            Question(
                "safety",
                _(
                    "In the last two weeks, have you had thoughts that you would be better off "
                    "dead, or of hurting yourself?"
                ),
                SAFETY_CHOICES,
                hint=_("Many people with depression have these thoughts. You can tell us."),
            ),
        ),
    ),
)
QUESTIONS = {question.name: question for step in STEPS for question in step.questions}
HEALTH_POINTS = ("pregnancy", "psychosis", "heart", "substances")
# What intake reads for each health point answered other than "no".
HEALTH_FLAG_LABELS = {
    "pregnancy": _("Pregnant, trying to become pregnant, or breastfeeding"),
    "psychosis": _("Psychosis or mania in the past"),
    "heart": _("High blood pressure or heart condition not under control"),
    "substances": _("Current problems with alcohol or drugs"),
}
SAFETY_FLAG_LABEL = _("Thoughts of being better off dead or of self-harm in the last two weeks")
# Why a request sent with a non-"no" safety answer is urgent, as intake reads it on the lead (a
# staff-facing label beside the crisis phrases a message can match; never the visitor's words).
URGENT_REASON = "self-check safety answer"


class Result:
    """The result categories, most important first: one result page per category, its texts
    fields of the page."""

    HEALTH_CHECK_FIRST = "health_check_first"
    MATCHES = "matches"
    NOT_YET = "not_yet"


@dataclass(frozen=True)
class Outcome:
    """What a finished self-check comes to: the result category, whether crisis help comes
    first, and the two facts intake filters on."""

    result: str
    needs_crisis_help: bool
    meets_threshold: bool
    safety_flag: bool
    health_flags: tuple[str, ...]


def score(answers: dict) -> Outcome:
    """The result of a complete, valid set of answers (SelfCheckForm's cleaned data, or the same
    read back from the signed field).

    - Crisis help first whenever the safety answer is not "no" ("rather not say" included: when
      in doubt, help comes first).
    - "A doctor must check your health first" when any health point is "yes" or "not sure": it
      outranks the threshold, because those points can rule ketamine out whatever was tried.
    - "Your answers match" when a clinician diagnosed depression and two or more antidepressants
      were tried at a proper dose: the definition the articles use.
    - Otherwise "not yet": fewer than two antidepressants, or no diagnosis (yet).

    Never a diagnosis: each result ends in an invitation to talk."""
    needs_crisis_help = answers["safety"] != NO
    health_flags = tuple(name for name in HEALTH_POINTS if answers[name] != NO)
    meets_threshold = int(answers["antidepressants"]) >= 2
    if health_flags:
        result = Result.HEALTH_CHECK_FIRST
    elif meets_threshold and answers["diagnosed"] == YES:
        result = Result.MATCHES
    else:
        result = Result.NOT_YET
    return Outcome(
        result=result,
        needs_crisis_help=needs_crisis_help,
        meets_threshold=meets_threshold,
        safety_flag=needs_crisis_help or bool(health_flags),
        health_flags=health_flags,
    )


def answer_label(question: Question, value) -> str:
    labels = dict(question.choices)
    if question.many:
        return ", ".join(str(labels[item]) for item in value) or str(_("None of these"))
    return str(labels.get(value, _("Not answered")))


def staff_summary(answers: dict, outcome: Outcome, result_heading: str) -> dict:
    """What a request carries when the visitor ticks "send my answers with my request": every
    question with its answer, the treatments tried, the safety flags and the result shown, as
    labels in the site's language (intake reads them; Lead.self_check stores them)."""
    with translation.override(settings.LANGUAGE_CODE):
        flags = [str(HEALTH_FLAG_LABELS[name]) for name in outcome.health_flags]
        if outcome.needs_crisis_help:
            flags.insert(0, str(SAFETY_FLAG_LABEL))
        treatments = dict(TREATMENTS)
        return {
            "answers": [
                {
                    "question": str(question.text),
                    "answer": answer_label(question, answers.get(name)),
                }
                for name, question in QUESTIONS.items()
            ],
            "treatments_tried": [str(treatments[item]) for item in answers.get("treatments", [])],
            "safety_flags": flags,
            "result": result_heading,
        }
