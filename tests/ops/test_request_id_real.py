"""One grep follows a contact request from the POST through gunicorn to the emails a Celery worker
sent, in JSON logs that hold none of what the visitor typed."""

import json

import pytest

from leads.models import Lead
from outbox.models import EmailDelivery
from tests.leads.test_delivery_real import post_contact_form
from tests.leads.test_privacy import RECOGNISABLE
from tests.personal_data import assert_holds_none_of, printed_forms
from tests.real_stack import wait_until

pytestmark = [
    pytest.mark.real_services,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def json_lines(log: str) -> list[dict]:
    return [json.loads(line) for line in log.splitlines() if line.startswith("{")]


def test_the_request_id_follows_a_lead_from_the_post_to_the_sent_emails(real_stack, contact_page):
    real_stack.start_worker(LOG_FORMAT="json")
    base_url = real_stack.start_web(LOG_FORMAT="json")
    response, _ = post_contact_form(base_url, contact_page, **RECOGNISABLE)
    assert response.status_code == 303, real_stack.log("web")
    request_id = response.headers["X-Request-ID"]
    smtp = real_stack.smtp.handler_object
    wait_until(lambda: smtp.count() >= 2, 20, message="both emails at the SMTP server")
    lead = Lead.objects.get()
    deliveries = list(EmailDelivery.objects.filter(lead=lead).values_list("pk", "kind"))

    def sent_lines():
        worker = json_lines(real_stack.log("worker"))
        return [line for line in worker if line["message"].startswith("Email delivery ")]

    wait_until(lambda: len(sent_lines()) >= 2, 10, message="the worker's sent lines")
    web_of_request = [
        line for line in json_lines(real_stack.log("web")) if line["request_id"] == request_id
    ]
    assert any(
        line["message"].startswith(f"POST {contact_page.url} 303") for line in web_of_request
    )
    assert {line["request_id"] for line in sent_lines()} == {request_id}
    assert {line["message"] for line in sent_lines()} == {
        f"Email delivery {pk} ({kind} about lead #{lead.pk}) sent" for pk, kind in deliveries
    }
    for name in ("web", "worker"):
        assert_holds_none_of(real_stack.log(name), printed_forms(**RECOGNISABLE), f"the {name} log")
