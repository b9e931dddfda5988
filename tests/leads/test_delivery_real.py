"""Email delivery on the real stack: PostgreSQL, a private Redis, a Celery worker process (and
beat where the sweep matters), gunicorn, and an aiosmtpd server that records what it receives."""

import os
import signal
import threading
import time

import pytest
from django.core import mail
from django.db import connections

from leads.intake import submit_lead
from leads.models import Lead, LeadEmailKind
from outbox.delivery import deliver_email
from outbox.models import DeliveryStatus, EmailDelivery
from tests.real_stack import STAFF, VISITOR, post_contact_form, wait_until

pytestmark = [
    pytest.mark.real_services,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def statuses(lead) -> set[str]:
    return set(EmailDelivery.objects.filter(lead=lead).values_list("status", flat=True))


def finished_task_runs(stack, task: str) -> tuple[int, int]:
    """(received, finished) runs of a task in the worker's log. Each attempt is a message of its
    own, so equal counts mean the worker holds no run of that task, waiting or under way."""
    lines = [line for line in stack.log("worker").splitlines() if f"leads.tasks.{task}[" in line]
    received = sum(1 for line in lines if "] received" in line)
    finished = sum(1 for line in lines if "] succeeded" in line or "] raised" in line)
    return received, finished


def wait_for_the_worker_to_finish(stack, task: str = "deliver_email_task", timeout: float = 15):
    """The signal that nothing more will be sent: every run the worker received has finished."""
    wait_until(
        lambda: len(set(finished_task_runs(stack, task))) == 1,
        timeout,
        message=f"every {task} run to finish",
    )


def test_a_form_post_over_http_delivers_both_emails_within_15_seconds(real_stack, contact_page):
    real_stack.start_worker()
    base_url = real_stack.start_web()
    started = time.monotonic()
    response, _ = post_contact_form(base_url, contact_page)
    assert response.status_code == 303, real_stack.log("web")

    smtp = real_stack.smtp.handler_object
    wait_until(lambda: smtp.count() >= 2, 15, message="both emails at the SMTP server")
    elapsed = time.monotonic() - started
    lead = Lead.objects.get()
    wait_until(lambda: statuses(lead) == {DeliveryStatus.SENT}, 5, message="rows marked sent")
    assert [item["subject"] for item in smtp.received_for(VISITOR)] == [
        "We have your request, Jordan"
    ]
    staff = smtp.received_for(STAFF)
    assert [item["subject"] for item in staff] == [
        f"New lead #{lead.pk} from the website: prefers a phone call"
    ]
    assert "Private words" not in staff[0]["message"].as_string()
    print(f"both emails arrived {elapsed:.2f}s after the POST began")


def test_with_redis_down_the_visitor_succeeds_and_the_sweep_delivers_once_after_it_returns(
    real_stack, contact_page
):
    real_stack.start_worker()
    real_stack.start_beat()
    base_url = real_stack.start_web()
    real_stack.redis.stop()

    response, post_seconds = post_contact_form(base_url, contact_page)
    assert response.status_code == 303, real_stack.log("web")
    assert post_seconds < 2, f"the POST waited {post_seconds:.2f}s on the broker"
    lead = Lead.objects.get()
    assert statuses(lead) == {DeliveryStatus.PENDING}
    wait_until(
        lambda: "Could not queue email delivery" in real_stack.log("web"),
        5,
        message="the web process to report the unreachable broker",
    )
    assert real_stack.smtp.handler_object.count() == 0

    real_stack.redis.start()  # empty: nothing survived, as after a restart without persistence
    smtp = real_stack.smtp.handler_object
    wait_until(lambda: smtp.count() >= 2, 45, message="the sweep's deliveries")
    wait_until(lambda: statuses(lead) == {DeliveryStatus.SENT}, 10, message="rows marked sent")
    # Three more sweeps run to the end with every row sent: none of them sends anything twice.
    sweeps = finished_task_runs(real_stack, "sweep_email_deliveries")[1]
    wait_until(
        lambda: finished_task_runs(real_stack, "sweep_email_deliveries")[1] >= sweeps + 3,
        15,
        message="three more sweeps",
    )
    wait_for_the_worker_to_finish(real_stack)
    assert len(smtp.received_for(VISITOR)) == 1
    assert len(smtp.received_for(STAFF)) == 1
    print(f"POST with Redis down took {post_seconds:.2f}s")


def test_smtp_451_twice_then_each_email_arrives_exactly_once_on_the_third_attempt(
    real_stack, contact_page
):
    smtp = real_stack.smtp.handler_object
    smtp.temporary_failures_per_recipient = 2
    real_stack.start_worker()
    base_url = real_stack.start_web()
    response, _ = post_contact_form(base_url, contact_page)
    assert response.status_code == 303

    lead = Lead.objects.get()
    wait_until(lambda: statuses(lead) == {DeliveryStatus.SENT}, 30, message="third attempts")
    wait_for_the_worker_to_finish(real_stack)
    assert len(smtp.received_for(VISITOR)) == 1
    assert len(smtp.received_for(STAFF)) == 1
    assert smtp.data_attempts == {VISITOR: 3, STAFF: 3}
    assert set(EmailDelivery.objects.filter(lead=lead).values_list("attempts", flat=True)) == {3}


def test_smtp_550_leaves_the_delivery_failed_with_the_reply_text(real_stack, contact_page):
    smtp = real_stack.smtp.handler_object
    smtp.rcpt_reply = "550 5.1.1 Mailbox unavailable"
    real_stack.start_worker()
    base_url = real_stack.start_web()
    response, _ = post_contact_form(base_url, contact_page)
    assert response.status_code == 303

    lead = Lead.objects.get()
    wait_until(lambda: statuses(lead) == {DeliveryStatus.FAILED}, 20, message="failed rows")
    for delivery in EmailDelivery.objects.filter(lead=lead):
        assert delivery.attempts == 1
        assert delivery.last_error == "550 5.1.1 Mailbox unavailable"
    assert smtp.count() == 0


def test_a_worker_killed_while_sending_still_delivers_the_email(
    real_stack, contact_page, record_property
):
    smtp = real_stack.smtp.handler_object
    smtp.stall_first_data_seconds = 3
    real_stack.start_worker()
    base_url = real_stack.start_web()
    response, _ = post_contact_form(base_url, contact_page)
    assert response.status_code == 303

    assert smtp.data_started.wait(15), "no email reached the SMTP server"
    children = real_stack.worker_children()
    assert len(children) == 1
    os.kill(children[0], signal.SIGKILL)  # the pool process that is mid-send

    lead = Lead.objects.get()
    wait_until(lambda: statuses(lead) == {DeliveryStatus.SENT}, 45, message="redelivery")
    wait_until(lambda: smtp.count() >= 2, 5, message="the emails")
    first_kind = LeadEmailKind.CONFIRMATION
    killed = EmailDelivery.objects.get(lead=lead, kind=first_kind)
    copies = len(smtp.received_for(killed.recipient))
    other = len(smtp.received_for(STAFF))
    record_property("copies_of_the_email_being_sent_when_killed", copies)
    print(f"copies of the email in flight when the worker was killed: {copies}")
    assert 1 <= copies <= 2
    assert other == 1
    assert killed.attempts == 2


def test_eight_workers_claiming_one_delivery_at_once_send_one_email(
    require_postgres, contact_page, monkeypatch
):
    monkeypatch.setattr("outbox.queue.queue_delivery", lambda pk, countdown=None: True)
    lead = submit_lead(
        details={"full_name": "Ana Ruiz", "email": VISITOR, "preferred_contact_method": "email"},
        consent_version="v",
        source_page=contact_page,
    )
    delivery = lead.deliveries.get(kind=LeadEmailKind.CONFIRMATION)
    mail.outbox.clear()
    start = threading.Barrier(8)
    results = []

    def worker():
        try:
            start.wait()
            results.append(deliver_email(delivery.pk).result)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    delivery.refresh_from_db()
    assert sorted(results) == ["sent"] + ["skipped"] * 7
    assert len(mail.outbox) == 1
    assert (delivery.status, delivery.attempts) == (DeliveryStatus.SENT, 1)


def test_a_whole_worker_killed_mid_send_is_recovered_by_the_sweep_on_a_new_worker(
    real_stack, contact_page, record_property
):
    smtp = real_stack.smtp.handler_object
    smtp.stall_first_data_seconds = 3
    real_stack.start_worker()
    real_stack.start_beat()
    base_url = real_stack.start_web()
    response, _ = post_contact_form(base_url, contact_page)
    assert response.status_code == 303

    assert smtp.data_started.wait(15), "no email reached the SMTP server"
    # Main process and pool together: Redis keeps the unacknowledged message for the visibility
    # timeout (hours), so only the sweep's release of the stale claim can bring this email back.
    real_stack.kill("worker")
    real_stack.start_worker()

    lead = Lead.objects.get()
    wait_until(lambda: statuses(lead) == {DeliveryStatus.SENT}, 60, message="the sweep")
    copies = len(smtp.received_for(VISITOR))
    record_property("copies_after_whole_worker_killed", copies)
    assert 1 <= copies <= 2
    assert len(smtp.received_for(STAFF)) == 1
