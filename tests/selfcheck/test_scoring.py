"""How answers become a result: each category, crisis help first, and the two facts intake
filters on."""

import pytest

from selfcheck.questions import QUESTIONS, Result, score, staff_summary
from tests.selfcheck.conftest import MATCHING


def answers(**changes):
    return {**MATCHING, **changes}


def test_a_diagnosis_and_two_or_more_antidepressants_match_the_definition():
    for count in ("2", "3"):
        outcome = score(answers(antidepressants=count))
        assert outcome.result == Result.MATCHES
        assert outcome.meets_threshold
        assert not outcome.needs_crisis_help
        assert not outcome.safety_flag


@pytest.mark.parametrize("count", ["0", "1"])
def test_fewer_than_two_antidepressants_is_not_yet(count):
    outcome = score(answers(antidepressants=count))
    assert outcome.result == Result.NOT_YET
    assert not outcome.meets_threshold


@pytest.mark.parametrize("diagnosed", ["no", "not_sure"])
def test_without_a_diagnosis_it_is_not_yet_even_after_three_antidepressants(diagnosed):
    outcome = score(answers(diagnosed=diagnosed))
    assert outcome.result == Result.NOT_YET
    # The threshold counts the medicines tried; intake sees it whatever the diagnosis answer.
    assert outcome.meets_threshold


@pytest.mark.parametrize("point", ["pregnancy", "psychosis", "heart", "substances"])
@pytest.mark.parametrize("answer", ["yes", "not_sure"])
def test_any_health_point_not_answered_no_means_a_doctor_checks_first(point, answer):
    outcome = score(answers(**{point: answer}))
    assert outcome.result == Result.HEALTH_CHECK_FIRST
    assert outcome.safety_flag
    assert outcome.health_flags == (point,)
    assert not outcome.needs_crisis_help


def test_a_health_point_outranks_too_few_antidepressants():
    assert score(answers(antidepressants="1", heart="yes")).result == Result.HEALTH_CHECK_FIRST


@pytest.mark.parametrize("safety", ["yes", "rather_not_say"])
def test_any_safety_answer_but_no_needs_crisis_help_and_raises_the_safety_flag(safety):
    outcome = score(answers(safety=safety))
    assert outcome.needs_crisis_help
    assert outcome.safety_flag
    # The result itself still follows the other answers.
    assert outcome.result == Result.MATCHES


def test_the_staff_summary_names_every_question_the_treatments_and_the_flags():
    given = answers(safety="yes", pregnancy="not_sure")
    summary = staff_summary(given, score(given), "The result heading")
    assert [item["question"] for item in summary["answers"]] == [
        str(question.text) for question in QUESTIONS.values()
    ]
    assert summary["treatments_tried"] == [
        "Talk therapy (counseling or psychotherapy)",
        "TMS (magnetic stimulation)",
    ]
    assert summary["safety_flags"] == [
        "Thoughts of being better off dead or of self-harm in the last two weeks",
        "Pregnant, trying to become pregnant, or breastfeeding",
    ]
    assert summary["result"] == "The result heading"
