"""Logs name a lead by its id only, in the real web and worker processes too: a request with
recognisable values goes through gunicorn and a Celery worker, at the log levels production uses,
and none of the values appears in either log."""

import pytest

from leads.models import Lead
from tests.personal_data import RECOGNISABLE, assert_holds_none_of, printed_forms
from tests.real_stack import post_contact_form, wait_until

pytestmark = [
    pytest.mark.real_services,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_web_and_worker_logs_never_hold_what_the_visitor_typed(real_stack, contact_page):
    real_stack.start_worker()
    base_url = real_stack.start_web()
    response, _ = post_contact_form(base_url, contact_page, **RECOGNISABLE)
    assert response.status_code == 303, real_stack.log("web")
    smtp = real_stack.smtp.handler_object
    wait_until(lambda: smtp.count() >= 2, 20, message="both emails at the SMTP server")
    lead = Lead.objects.get()
    worker_log = real_stack.log("worker")
    assert "leads.tasks" in worker_log, "the worker logged its task runs"
    for name in ("web", "worker"):
        log = real_stack.log(name)
        assert_holds_none_of(log, printed_forms(**RECOGNISABLE), f"the {name} log")
    assert lead.full_name == RECOGNISABLE["full_name"]
