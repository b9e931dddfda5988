"""A person's requests about their data: staff find every lead of the person (by normalised email
and E.164 phone), give them a copy of what we hold, erase all of it at once under a request's
reference, and every step is audited without the person's details. Erasing a person with two
leads, as staff meet it on a lead's page, is in test_person_erasure.py."""

import datetime
import json
from zoneinfo import ZoneInfo

import pytest
import time_machine
from bs4 import BeautifulSoup
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from leads import follow_up
from leads.models import Inquiry, Lead, LeadEvent
from leads.tasks import send_follow_up_digests
from outbox.models import DeliveryStatus, EmailDelivery
from person_data import person_requests, retention
from person_data.models import PersonDataAuditRecord, PersonRequest
from tests.factories import UserFactory
from tests.html_reading import order_of, parse
from tests.personal_data import assert_holds_none_of, printed_forms

pytestmark = pytest.mark.django_db

ROBIN = {
    "full_name": "Robin Okafor",
    "email": "Robin.Okafor@example.org",
    "phone": "+15035550123",
    "preferred_contact_method": "phone",
    "best_time": "Weekday evenings after six",
    "message": "Nothing has helped my depression in three years.",
}
ROBIN_FORMS = printed_forms(
    **{name: ROBIN[name] for name in ("full_name", "email", "phone", "best_time", "message")}
)
# Another person who shares Robin's phone (a family line): never part of Robin's copy.
THEODORA = {
    "full_name": "Theodora Vance-Ilsley",
    "email": "theodora.vance@example.net",
    "phone": "+15035550123",
    "preferred_contact_method": "email",
    "best_time": "Saturday mornings only",
    "message": "Asking for my own appointment, not for anyone else.",
}
FIRST_TOUCH = {
    "landing_page": "/articles/ketamine-basics/?utm_content=robin-okafor",
    "referrer": "https://search.example/?q=ketamine+clinic",
    "utm_source": "newsletter",
    "utm_medium": "email",
    "utm_campaign": "winter-2026",
    "utm_term": "ketamine",
    "utm_content": "robin-okafor",
}
REFERENCE = "PR-2026-007"


@pytest.fixture
def person_request(intake_user):
    return PersonRequest.objects.create(
        reference=REFERENCE, kind="access_and_erasure", handler=intake_user
    )


@pytest.fixture
def robin_twice(submit, intake_user):
    """Robin's earlier lead, closed as not a fit, and their newer, open one."""
    earlier = submit(ROBIN, received_at=timezone.now() - datetime.timedelta(days=40))
    follow_up.change_status(earlier, "not_a_fit", intake_user)
    newer = submit({**ROBIN, "email": "robin.okafor@example.org"}, **FIRST_TOUCH)
    assert newer.pk != earlier.pk
    return earlier, newer


def stored_about(lead) -> str:
    """Every value stored on a lead, its inquiries, timeline and email deliveries."""
    lead = Lead.objects.get(pk=lead.pk)
    parts = [str(getattr(lead, field.attname)) for field in Lead._meta.fields]
    for inquiry in Inquiry.objects.filter(lead=lead).values():
        parts += [str(value) for value in inquiry.values()]
    parts += [f"{event.summary} {event.note}" for event in lead.events.all()]
    for delivery in EmailDelivery.objects.filter(lead=lead):
        parts += [delivery.recipient, delivery.last_error]
    return " ".join(parts)


def find(client, **data):
    return client.post(reverse("person_data_find"), data)


def ticked_leads(response) -> list[int]:
    soup = BeautifulSoup(response.content, "html.parser")
    return [int(box["value"]) for box in soup.select("input[name=lead]") if box.has_attr("checked")]


def test_matches_on_email_only_on_phone_only_and_on_both_are_told_apart(
    client, submit, intake_user
):
    both = submit(ROBIN)
    follow_up.change_status(both, "not_a_fit", intake_user)
    # Same address typed with other capitals: the normalised email matches, the phone does not.
    email_only = submit({**ROBIN, "email": "ROBIN.OKAFOR@EXAMPLE.ORG", "phone": "+15035550999"})
    follow_up.change_status(email_only, "spam", intake_user)
    phone_only = submit(THEODORA)
    follow_up.change_status(phone_only, "unreachable", intake_user)
    # A lead matched through its second inquiry only (Robin asked again under another name).
    other = submit({**ROBIN, "full_name": "R. O.", "email": "ro@example.com", "phone": ""})
    Inquiry.objects.create(lead=other, email=" robin.okafor@example.org ", full_name="Robin")
    stranger = submit({**THEODORA, "email": "nobody@example.com", "phone": "+15035550777"})
    client.force_login(intake_user)

    response = find(client, email=" Robin.Okafor@Example.org", phone="(503) 555-0123")

    assert response.status_code == 200
    rows = {
        int(row.find("input")["value"]): row.find_all("td")[-1].get_text(" ", strip=True)
        for row in BeautifulSoup(response.content, "html.parser").select(
            "[data-testid=person-matches] tbody tr"
        )
    }
    assert set(rows) == {both.pk, email_only.pk, phone_only.pk, other.pk}
    assert stranger.pk not in rows
    assert rows[both.pk] == "Email and phone"
    assert rows[email_only.pk].startswith("Email only")
    assert rows[phone_only.pk].startswith("Phone only")
    assert rows[other.pk].startswith("Email only")
    # Only a match on both is ticked for staff; the others need their judgement.
    assert ticked_leads(response) == [both.pk]
    by_email = person_requests.find_person(email="robin.okafor@example.org")
    assert {match.lead.pk for match in by_email} == {both.pk, email_only.pk, other.pk}
    by_phone = person_requests.find_person(phone="+15035550123")
    assert {match.lead.pk for match in by_phone} == {both.pk, phone_only.pk}


def test_a_search_needs_an_email_or_a_phone_and_says_so(client, intake_user):
    client.force_login(intake_user)
    response = find(client, email="", phone="")
    assert response.status_code == 400
    assert "Enter the person's email address, phone number, or both." in page_text(response)
    response = find(client, email="not an address", phone="12")
    assert response.status_code == 400
    assert PersonDataAuditRecord.objects.count() == 0


def copy_of(client, leads, export_format):
    """Download a copy as staff do from the search's results (which post the searched details
    back with the ticked leads)."""
    return client.post(
        reverse("person_data_copy"),
        {
            "lead": [lead.pk for lead in leads],
            "reference": REFERENCE,
            "format": export_format,
            "email": ROBIN["email"],
            "phone": ROBIN["phone"],
        },
    )


def erase_form(leads) -> dict:
    """What the results' form posts when staff erase the ticked leads: the searched details come
    back with the ticks."""
    return {
        "lead": [lead.pk for lead in leads],
        "email": ROBIN["email"],
        "phone": ROBIN["phone"],
        "reference": REFERENCE,
        "confirm": "erase",
    }


def page_text(response) -> str:
    return " ".join(BeautifulSoup(response.content, "html.parser").get_text(" ").split())


@pytest.fixture
def robin_with_history(submit, intake_user, robin_twice):
    """Robin's two leads with a status history, an assignee, a note naming someone else, urgent
    crisis phrases, emails to Robin and to staff; and Theodora's lead on the same phone."""
    earlier, newer = robin_twice
    follow_up.assign(newer, intake_user, intake_user)
    follow_up.change_status(newer, "contacted", intake_user)
    follow_up.add_note(newer, "Her brother Malcolm Quist answered the phone", intake_user)
    EmailDelivery.objects.filter(lead=newer, kind="confirmation").update(
        status=DeliveryStatus.SENT, sent_at=timezone.now()
    )
    # Robin asks again: a second inquiry, its confirmation still pending, the assignee told.
    submit({**ROBIN, "message": "Asking again: I feel hopeless most days."}, **FIRST_TOUCH)
    Lead.objects.filter(pk=newer.pk).update(is_urgent=True, crisis_phrases=["hopeless"])
    # Theodora writes from the same family phone: a repeat request of Robin's open lead.
    assert submit(THEODORA).pk == newer.pk
    return earlier, Lead.objects.get(pk=newer.pk)


def test_the_copy_holds_every_field_listed_and_nothing_of_another_person(
    client, robin_with_history, intake_user, person_request
):
    earlier, newer = robin_with_history
    client.force_login(intake_user)

    response = copy_of(client, [earlier, newer], "json")

    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="person-data-pr-2026-007.json"'
    copy = json.loads(response.content)
    assert copy["reference"] == REFERENCE and copy["prepared_by"] == "Intake staff"
    first, second = copy["contact_requests"]
    assert [first["number"], second["number"]] == [earlier.pk, newer.pk]
    assert (first["status"], second["status"]) == ("Not a fit", "Contacted")
    details = second["details"]
    for name in ("full_name", "best_time", "message"):
        assert details[name] == ROBIN[name]
    assert (details["email"], details["phone"]) == ("robin.okafor@example.org", ROBIN["phone"])
    assert details["preferred_contact_method"] == "Phone call"
    assert (second["marked_urgent"], second["crisis_phrases_found"]) == (True, ["hopeless"])
    assert second["consent"]["version"] == "consent-2026-11" and second["consent"]["given_at"]
    assert details["network_address_code"] == "c0ffee"
    assert details["first_touch"] == {
        "source_page": "Request a call",
        "source_address": newer.source_url,
        **FIRST_TOUCH,
    }
    # Theodora wrote from the same phone and was attached to Robin's open lead: left out.
    messages = [inquiry["message"] for inquiry in second["inquiries"]]
    assert messages == [ROBIN["message"], "Asking again: I feel hopeless most days."]
    assert second["inquiries"][1]["first_touch"]["utm_campaign"] == "winter-2026"
    history = [(entry["what"], entry["by"]) for entry in second["status_history"]]
    assert ("Status: New → Contacted", "Intake staff") in history
    assert ("Assigned to a member of the intake team", "Intake staff") in history
    assert ("Request received from the website", "System") in history
    assert ("Status: New → Not a fit", "Intake staff") in [
        (entry["what"], entry["by"]) for entry in first["status_history"]
    ]
    emails = second["emails_sent_to_you"]
    assert [(email["kind"], email["status"]) for email in emails] == [
        ("Confirmation to the visitor", "Sent"),
        ("Confirmation to the visitor", "Pending"),
    ]
    assert emails[0]["sent_at"]

    html = copy_of(client, [earlier, newer], "html")
    assert html["Content-Disposition"] == 'attachment; filename="person-data-pr-2026-007.html"'
    page = html.content.decode()
    assert "@media print" in page and "988" in page
    text = " ".join(BeautifulSoup(page, "html.parser").get_text(" ").split())
    for value in (*(ROBIN[name] for name in ("full_name", "best_time", "message")),):
        assert value in text
    for value in (*FIRST_TOUCH.values(), "consent-2026-11", "Status: New → Contacted", "hopeless"):
        assert value in text
    assert "Confirmation to the visitor" in text

    for where, body in (("the JSON copy", response.content.decode()), ("the HTML copy", page)):
        assert_holds_none_of(
            body,
            printed_forms(full_name=THEODORA["full_name"], email=THEODORA["email"])
            | {THEODORA["message"], THEODORA["best_time"]},
            where,
        )
        # No staff names or addresses, no staff notes, no other recipients.
        assert_holds_none_of(
            body,
            {"Ana Reyes", "Reyes", "intake.ana", "Malcolm Quist", "intake@clinic.example"},
            where,
        )


def test_every_search_download_and_erasure_is_audited_without_what_was_searched(
    client, robin_twice, intake_user, person_request
):
    earlier, newer = robin_twice
    client.force_login(intake_user)

    find(client, email=ROBIN["email"], phone="(503) 555-0123")
    # The link from a lead's page only fills the form in: no search, nothing audited.
    client.get(reverse("person_data_find") + f"?lead={newer.pk}")
    find(client, email=ROBIN["email"], phone="(503) 555-0123")
    copy_of(client, [earlier, newer], "html")
    copy_of(client, [newer], "json")
    client.post(reverse("person_data_erase"), erase_form([earlier, newer]))

    records = list(PersonDataAuditRecord.objects.order_by("pk"))
    both = sorted([earlier.pk, newer.pk])
    assert [
        (record.action, record.export_format, record.reference, sorted(record.lead_ids))
        for record in records
    ] == [
        ("search", "", "", both),
        ("search", "", "", both),
        ("copy", "html", REFERENCE, both),
        ("copy", "json", REFERENCE, [newer.pk]),
        ("erase", "", REFERENCE, both),
    ]
    assert {record.user for record in records} == {intake_user}
    stored = " ".join(
        str(value) for row in PersonDataAuditRecord.objects.values() for value in row.values()
    )
    assert_holds_none_of(stored, ROBIN_FORMS, "the audit records")
    exported = LeadEvent.objects.filter(lead=newer, kind="exported").values_list(
        "summary", flat=True
    )
    assert sorted(exported) == [
        f"Included in a copy for the person (HTML), request {REFERENCE}",
        f"Included in a copy for the person (JSON), request {REFERENCE}",
    ]
    for lead in (earlier, newer):
        (erased,) = LeadEvent.objects.filter(lead=lead, kind="erased")
        assert erased.actor == intake_user
        assert erased.summary == f"Personal data erased on request (reference {REFERENCE})"


def test_erasure_clears_campaign_values_cancels_pending_emails_and_keeps_the_counts(
    client, robin_twice, intake_user, person_request, submit
):
    earlier, newer = robin_twice
    pending = list(
        EmailDelivery.objects.filter(lead=newer, status=DeliveryStatus.PENDING).values_list(
            "pk", flat=True
        )
    )
    assert pending
    client.force_login(intake_user)
    client.post(reverse("person_data_erase"), erase_form([earlier, newer]))

    saved = Lead.objects.get(pk=newer.pk)
    for name in FIRST_TOUCH:
        assert getattr(saved, name) == ""
        assert set(Inquiry.objects.filter(lead=newer).values_list(name, flat=True)) == {""}
    assert (saved.status, saved.received_at, saved.source_page_id) == (
        newer.status,
        newer.received_at,
        newer.source_page_id,
    )
    assert Lead.objects.get(pk=earlier.pk).status == "not_a_fit"
    assert not EmailDelivery.objects.filter(
        pk__in=pending, status__in=[DeliveryStatus.PENDING, DeliveryStatus.SENDING]
    ).exists()
    assert set(EmailDelivery.objects.filter(lead=newer).values_list("recipient", flat=True)) == {""}
    # The person's next request starts fresh: a new lead, nothing of the old ones attached.
    again = submit(ROBIN)
    assert again.pk not in (earlier.pk, newer.pk)
    assert again.inquiries.count() == 1


def test_erasure_is_one_transaction_a_failure_leaves_every_lead_as_it_was(
    robin_twice, intake_user, person_request, monkeypatch
):
    earlier, newer = robin_twice
    real_erase = retention.erase_person
    calls = []

    def erase_then_fail(lead, actor):
        calls.append(lead.pk)
        real_erase(lead, actor)
        if len(calls) == 2:
            raise RuntimeError("database went away")

    monkeypatch.setattr(retention, "erase_person", erase_then_fail)
    with pytest.raises(RuntimeError):
        person_requests.erase_person_everywhere(
            [earlier.pk, newer.pk], intake_user, REFERENCE, email=ROBIN["email"]
        )
    for lead in (earlier, newer):
        assert Lead.objects.get(pk=lead.pk).full_name == ROBIN["full_name"]
    assert not PersonDataAuditRecord.objects.exists()


@pytest.mark.parametrize(
    ("posted", "error"),
    [
        ({"reference": "", "confirm": "erase"}, "Enter the reference of the person's request."),
        ({"reference": "PR-404", "confirm": "erase"}, "No person request has the reference"),
        ({"reference": REFERENCE}, "Tick the confirmation"),
        ({"reference": REFERENCE, "confirm": "erase", "lead": []}, "Tick at least one"),
    ],
)
def test_an_erasure_that_cannot_be_done_says_why_erases_nothing_and_keeps_the_ticks(
    client, robin_twice, intake_user, person_request, posted, error
):
    earlier, newer = robin_twice
    client.force_login(intake_user)
    data = {"lead": [newer.pk], "email": ROBIN["email"], "phone": ROBIN["phone"], **posted}
    response = client.post(reverse("person_data_erase"), data)
    assert response.status_code == 400
    assert error in page_text(response)
    assert ticked_leads(response) == data["lead"]
    for lead in (earlier, newer):
        assert Lead.objects.get(pk=lead.pk).full_name == ROBIN["full_name"]


def test_a_person_request_is_due_after_the_set_number_of_days(client, intake_user, settings):
    client.force_login(intake_user)
    response = client.post(
        reverse("person_requests:add"),
        {
            "reference": "PR-9",
            "kind": "access",
            "received_on": "2026-11-02",
            "handler": intake_user.pk,
        },
    )
    assert response.status_code == 302
    assert PersonRequest.objects.get(reference="PR-9").due_on == datetime.date(2026, 12, 2)
    settings.LEADS_PERSON_REQUEST_DAYS = 10
    later = PersonRequest.objects.create(
        reference="PR-10", kind="erasure", received_on=datetime.date(2026, 11, 2)
    )
    assert later.due_on == datetime.date(2026, 11, 12)
    duplicate = client.post(
        reverse("person_requests:add"),
        {"reference": "pr-9", "kind": "access", "received_on": "2026-11-03"},
    )
    assert "Another person request already has this reference." in page_text(duplicate)
    listing = parse(client.get(reverse("person_requests:index")))
    assert order_of(listing, ["PR-9", "PR-10"]) == ["PR-10", "PR-9"]


def test_the_digest_reminds_each_handler_of_their_person_requests_due_within_a_week(
    intake_user, django_capture_on_commit_callbacks
):
    colleague = UserFactory(first_name="Lee", groups=["Intake staff"])

    def person_request(reference, received_on, handler, **extra):
        return PersonRequest.objects.create(
            reference=reference, kind="erasure", received_on=received_on, handler=handler, **extra
        )

    person_request("PR-OVERDUE", datetime.date(2026, 10, 30), intake_user)  # due Nov 29
    person_request("PR-SEVEN-DAYS", datetime.date(2026, 11, 7), intake_user)  # due Dec 7
    person_request("PR-EIGHT-DAYS", datetime.date(2026, 11, 8), intake_user)  # due Dec 8
    person_request(
        "PR-DONE", datetime.date(2026, 10, 30), intake_user, completed_on=datetime.date(2026, 11, 2)
    )
    person_request("PR-LEES", datetime.date(2026, 11, 2), colleague)

    monday_morning = datetime.datetime(2026, 11, 30, 7, tzinfo=ZoneInfo("America/New_York"))
    with (
        time_machine.travel(monday_morning, tick=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        send_follow_up_digests()

    by_recipient = {message.to[0]: message for message in mail.outbox}
    mine = by_recipient[intake_user.email]
    assert mine.subject == (
        "Follow-ups for Monday, November 30: 0 due, 0 unassigned, 2 person request(s) due"
    )
    for body in (mine.body, mine.alternatives[0][0]):
        assert "PR-OVERDUE" in body and "PR-SEVEN-DAYS" in body
        assert "PR-EIGHT-DAYS" not in body and "PR-DONE" not in body and "PR-LEES" not in body
        assert "OVERDUE)" in body and "due Dec 7" in body
    assert "/admin/person-requests/" in mine.body
    theirs = by_recipient[colleague.email].body
    assert "PR-LEES" in theirs and "PR-OVERDUE" not in theirs
