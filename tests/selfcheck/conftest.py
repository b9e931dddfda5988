"""Fixtures for the self-check: the published page, answers a visitor gives, and the posts the
result page and its request form make."""

import time

import pytest
from django.urls import reverse

from leads.contact_form import make_shown_at_token
from selfcheck.demo import HEALTH_CHECK_TEXT, MATCHES_TEXT, NOT_YET_TEXT
from selfcheck.pages import SelfCheckPage

RESULT_URL = "/self-check/result/"
REQUEST_URL = "/self-check/request/"

# Answers that match how doctors describe treatment-resistant depression, with no safety point.
MATCHING = {
    "diagnosed": "yes",
    "antidepressants": "3",
    "different_classes": "yes",
    "treatments": ["talk_therapy", "tms"],
    "prescriber": "yes",
    "pregnancy": "no",
    "psychosis": "no",
    "heart": "no",
    "substances": "no",
    "safety": "no",
}


@pytest.fixture
def self_check_page(home_page, contact_page):
    page = SelfCheckPage(
        title="Could this be for me?",
        slug="self-check",
        search_description="A short, private self-check. Not a diagnosis.",
        matches_text=MATCHES_TEXT,
        not_yet_text=NOT_YET_TEXT,
        health_check_text=HEALTH_CHECK_TEXT,
    )
    home_page.add_child(instance=page)
    page.save_revision().publish()
    return SelfCheckPage.objects.get(pk=page.pk)


@pytest.fixture
def answers():
    """The matching answers with some replaced: answers(safety="yes")."""

    def build(**changes):
        return {**MATCHING, **changes}

    return build


def result_of(client, answers: dict):
    """POST the answers as the self-check form does; the result page's response."""
    assert reverse("selfcheck_result") == RESULT_URL
    return client.post(RESULT_URL, answers)


def signed_answers(response) -> str:
    """The signed answers the result page's request form carries."""
    return response.context["request_form"]["answers"].value()


@pytest.fixture
def request_data(contact_form_data):
    """A valid request from a result page: the contact form's fields, the signed answers, and the
    tick when `attach` is true."""

    def build(signed: str, attach: bool = False, **overrides):
        data = contact_form_data(
            answers=signed, shown_at=make_shown_at_token(time.time() - 60), **overrides
        )
        if attach:
            data["attach_answers"] = "on"
        return data

    return build
