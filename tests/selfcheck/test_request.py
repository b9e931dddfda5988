"""The request sent from a result: the answers attach only with the tick, a non-"no" safety answer
makes it urgent on the existing urgent path whatever the tick, a tampered signature loses nothing
typed, and no email, log or first-touch value ever holds an answer."""

import logging

import pytest
from django.core import mail, signing

from leads.first_touch import FIRST_TOUCH_COOKIE
from leads.models import Inquiry, Lead, LeadEmailKind, UrgentRequestSettings
from leads.public_views import THANK_YOU_URGENT_SESSION_KEY
from selfcheck.models import SelfCheckDayCount
from selfcheck.questions import URGENT_REASON
from tests.html_reading import parse
from tests.selfcheck.conftest import REQUEST_URL, result_of, signed_answers

pytestmark = pytest.mark.django_db

# Answer labels that must never leave the admin's lead page.
ANSWER_WORDS = [
    "TMS (magnetic stimulation)",
    "Talk therapy",
    "better off dead",
    "breastfeeding",
    "Three or more",
    "psychosis",
]


@pytest.fixture
def urgent_settings(site):
    urgent = UrgentRequestSettings.for_site(site)
    urgent.urgent_recipients = "oncall@clinic.example"
    urgent.save()
    return urgent


def send(client, django_capture_on_commit_callbacks, data):
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(REQUEST_URL, data)
    return response


def test_with_the_tick_the_answers_attach_to_the_lead_and_its_inquiry(
    client, self_check_page, contact_page, answers, request_data, django_capture_on_commit_callbacks
):
    signed = signed_answers(result_of(client, answers(pregnancy="not_sure")))
    response = send(client, django_capture_on_commit_callbacks, request_data(signed, attach=True))
    assert response.status_code == 303
    assert response["Location"] == contact_page.thank_you_url
    lead = Lead.objects.get()
    assert lead.meets_threshold and lead.safety_flag
    assert lead.self_check["treatments_tried"] == [
        "Talk therapy (counseling or psychotherapy)",
        "TMS (magnetic stimulation)",
    ]
    assert lead.self_check["safety_flags"] == [
        "Pregnant, trying to become pregnant, or breastfeeding"
    ]
    assert lead.self_check["result"] == self_check_page.health_check_heading
    assert Inquiry.objects.get().self_check == lead.self_check
    assert lead.source_page_id == self_check_page.pk
    assert not lead.is_urgent
    assert SelfCheckDayCount.objects.get().requests == 1


def test_without_the_tick_no_answer_is_stored(
    client, self_check_page, answers, request_data, django_capture_on_commit_callbacks
):
    signed = signed_answers(result_of(client, answers(pregnancy="yes")))
    response = send(client, django_capture_on_commit_callbacks, request_data(signed))
    assert response.status_code == 303
    lead = Lead.objects.get()
    assert lead.self_check == {}
    assert not lead.meets_threshold and not lead.safety_flag
    assert Inquiry.objects.get().self_check == {}
    assert not lead.is_urgent
    # It still counts as a request the self-check led to.
    assert SelfCheckDayCount.objects.get().requests == 1


@pytest.mark.parametrize("attach", [True, False])
def test_a_safety_answer_makes_the_request_urgent_and_alerts_staff_as_urgent_requests_do(
    client,
    self_check_page,
    contact_page,
    answers,
    request_data,
    urgent_settings,
    django_capture_on_commit_callbacks,
    attach,
):
    signed = signed_answers(result_of(client, answers(safety="yes")))
    response = send(
        client,
        django_capture_on_commit_callbacks,
        request_data(signed, attach=attach, message="When could we talk?"),
    )
    assert response.status_code == 303
    lead = Lead.objects.get()
    assert lead.is_urgent
    assert lead.crisis_phrases == [URGENT_REASON]
    assert lead.safety_flag is attach
    staff = [d for d in lead.deliveries.all() if d.kind == LeadEmailKind.STAFF_NOTIFICATION]
    assert "oncall@clinic.example" in {d.recipient for d in staff}
    urgent_mail = [m for m in mail.outbox if "oncall@clinic.example" in m.to]
    assert urgent_mail and "URGENT" in urgent_mail[0].body
    # The thank-you page opens with crisis help.
    assert client.session.get(THANK_YOU_URGENT_SESSION_KEY) is True
    thank_you = parse(client.get(contact_page.thank_you_url))
    assert "crisis--urgent" in thank_you.select_one("main .container").find(True)["class"]


def test_a_tampered_signature_is_refused_with_a_clear_error_and_keeps_what_was_typed(
    client, self_check_page, answers, request_data, django_capture_on_commit_callbacks
):
    signed = signed_answers(result_of(client, answers()))
    forged = signing.dumps({**answers(), "antidepressants": "0"}, salt="another-salt")
    for token in (signed[:-3] + "abc", forged):
        response = send(
            client,
            django_capture_on_commit_callbacks,
            request_data(token, attach=True, full_name="Sam Okoro", message="Call after 5."),
        )
        assert response.status_code == 200
        soup = parse(response)
        summary = soup.select_one("#error-summary")
        assert summary["role"] == "alert"
        assert "could not read your self-check answers" in summary.get_text()
        assert soup.select_one("#id_full_name")["value"] == "Sam Okoro"
        assert soup.select_one("#id_message").get_text().strip() == "Call after 5."
        # The unreadable answers are gone from the form, so the next press sends without them.
        assert soup.select_one("input[name=answers]").get("value", "") == ""
        assert Lead.objects.count() == 0


def test_after_a_tampered_signature_the_request_goes_without_answers(
    client, self_check_page, answers, request_data, django_capture_on_commit_callbacks
):
    response = send(client, django_capture_on_commit_callbacks, request_data("", attach=True))
    assert response.status_code == 303
    lead = Lead.objects.get()
    assert lead.self_check == {} and not lead.is_urgent


def test_staff_emails_say_a_self_check_is_attached_and_hold_no_answer(
    client, self_check_page, answers, request_data, django_capture_on_commit_callbacks, caplog
):
    caplog.set_level(logging.DEBUG)
    given = answers(safety="yes", pregnancy="yes", psychosis="yes")
    signed = signed_answers(result_of(client, given))
    send(client, django_capture_on_commit_callbacks, request_data(signed, attach=True))
    lead = Lead.objects.get()
    assert lead.self_check
    staff = [m for m in mail.outbox if m.to != [lead.email]]
    assert staff
    for message in mail.outbox:
        texts = [message.subject, message.body] + [part for part, _ in message.alternatives]
        for text in texts:
            for word in ANSWER_WORDS:
                assert word not in text
    for message in staff:
        assert "A self-check is attached" in message.body
    # And no log line names an answer.
    for word in ANSWER_WORDS:
        assert word not in caplog.text
    for value in ("rather_not_say", "not_sure", "talk_therapy"):
        assert value not in caplog.text


def test_answers_never_reach_first_touch(
    client, self_check_page, answers, request_data, django_capture_on_commit_callbacks
):
    client.get(self_check_page.url + "?utm_source=newsletter")
    signed = signed_answers(result_of(client, answers(treatments=["esketamine"])))
    send(client, django_capture_on_commit_callbacks, request_data(signed, attach=True))
    lead = Lead.objects.get()
    first_touch = " ".join(
        [lead.landing_page, lead.referrer, lead.utm_source, lead.utm_campaign, lead.source_url]
    )
    assert "esketamine" not in first_touch.lower()
    assert lead.landing_page.endswith("/self-check/?utm_source=newsletter")
    cookie = client.cookies.get(FIRST_TOUCH_COOKIE)
    assert cookie is None or "esketamine" not in cookie.value


def test_a_repeat_request_with_answers_updates_the_open_lead_and_can_make_it_urgent(
    client, self_check_page, answers, request_data, django_capture_on_commit_callbacks
):
    signed = signed_answers(result_of(client, answers(antidepressants="1")))
    send(client, django_capture_on_commit_callbacks, request_data(signed))
    lead = Lead.objects.get()
    assert lead.self_check == {} and not lead.is_urgent
    signed = signed_answers(result_of(client, answers(safety="yes")))
    send(client, django_capture_on_commit_callbacks, request_data(signed, attach=True))
    lead.refresh_from_db()
    assert Lead.objects.count() == 1 and lead.inquiries.count() == 2
    assert lead.is_urgent and lead.crisis_phrases == [URGENT_REASON]
    assert lead.meets_threshold and lead.safety_flag
    assert lead.self_check["result"] == self_check_page.matches_heading
    first, second = lead.inquiries.order_by("pk")
    assert first.self_check == {} and second.self_check == lead.self_check
