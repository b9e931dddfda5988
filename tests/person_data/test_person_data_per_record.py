"""A lead can hold more than one person's records (someone typed another person's phone number and
was attached to their lead as a repeat request). "Find a person", the copy and the erasure act per
record: they tick, copy and erase only what is the searched person's, and leave the other person's
lead, message and urgent mark intact. The two stories run on PostgreSQL, as production does."""

import datetime
import json

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from django.utils import timezone

from leads.models import Inquiry, Lead, LeadEvent, LeadStatus
from leads.tasks import escalate_unanswered_leads
from outbox.models import DeliveryStatus, EmailDelivery
from person_data import person_requests
from person_data.models import PersonRequest
from tests.personal_data import assert_holds_none_of, printed_forms

pytestmark = pytest.mark.django_db

SHARED_PHONE = "+15035550161"
AVERY = {
    "full_name": "Avery Lindqvist",
    "email": "avery.lindqvist@example.org",
    "phone": SHARED_PHONE,
    "preferred_contact_method": "phone",
    "best_time": "Mornings before nine",
    "message": "Nothing helps any more and some days I want to end my life.",
}
BLAKE = {
    "full_name": "Blake Ostrowski",
    "email": "blake.ostrowski@example.net",
    "phone": SHARED_PHONE,
    "preferred_contact_method": "email",
    "best_time": "Any weekday afternoon",
    "message": "I would like to know what a first appointment costs.",
}
REFERENCE = "PR-2026-041"


@pytest.fixture
def person_request(intake_user):
    return PersonRequest.objects.create(
        reference=REFERENCE, kind="access_and_erasure", handler=intake_user
    )


@pytest.fixture
def avery_then_blake(submit):
    """Avery's urgent request, then Blake's with Blake's own email and Avery's phone number,
    attached to Avery's open lead as an inquiry."""
    avery = submit(AVERY, received_at=timezone.now() - datetime.timedelta(hours=3))
    assert avery.is_urgent
    assert submit(BLAKE).pk == avery.pk
    return Lead.objects.get(pk=avery.pk)


def find(client, **details):
    return client.post(reverse("person_data_find"), details)


def erase(client, lead_pks, email, phone, **options):
    """Erase the person from the ticked leads as the results' form posts it: the searched details
    come back with the ticks, under the request's reference."""
    data = {"lead": lead_pks, "email": email, "phone": phone, "reference": REFERENCE}
    return client.post(reverse("person_data_erase"), {**data, "confirm": "erase"}, **options)


def match_rows(response) -> dict[int, tuple[bool, str]]:
    """Each listed lead: (ticked, what the "Matched on" cell says)."""
    soup = BeautifulSoup(response.content, "html.parser")
    rows = {}
    for row in soup.select("[data-testid=person-matches] tbody tr"):
        box = row.find("input", attrs={"name": "lead"})
        rows[int(box["value"])] = (
            box.has_attr("checked"),
            row.find_all("td")[-1].get_text(" ", strip=True),
        )
    return rows


def test_erasing_the_person_who_typed_a_shared_phone_leaves_the_other_persons_urgent_lead(
    require_postgres, client, avery_then_blake, intake_user, person_request
):
    lead = avery_then_blake
    blakes_inquiry = lead.inquiries.get(email=BLAKE["email"])
    client.force_login(intake_user)

    # Blake asks for erasure; staff search with Blake's email and phone.
    response = find(client, email=BLAKE["email"], phone=SHARED_PHONE)

    # Blake's own inquiry holds both details, so the lead is ticked, and staff are told the match
    # is an inquiry, not the request's own details.
    ticked, matched_on = match_rows(response)[lead.pk]
    assert ticked
    assert matched_on == f"Email and phone, in inquiry #{blakes_inquiry.pk}"

    # Staff check, tick it and erase Blake.
    response = erase(client, [lead.pk], BLAKE["email"], SHARED_PHONE)
    assert response.status_code == 302

    lead.refresh_from_db()
    assert (lead.full_name, lead.email, lead.message) == (
        AVERY["full_name"],
        AVERY["email"],
        AVERY["message"],
    )
    assert lead.is_urgent and lead.crisis_phrases == ["end my life"]
    assert lead.anonymised_at is None
    averys_inquiry = lead.inquiries.get(pk__lt=blakes_inquiry.pk)
    assert averys_inquiry.message == AVERY["message"]
    blakes_inquiry.refresh_from_db()
    assert (blakes_inquiry.full_name, blakes_inquiry.email, blakes_inquiry.message) == ("", "", "")
    assert_holds_none_of(
        " ".join(str(value) for value in Inquiry.objects.filter(lead=lead).values()),
        printed_forms(full_name=BLAKE["full_name"], email=BLAKE["email"])
        | {BLAKE["message"], BLAKE["best_time"]},
        "the lead's inquiries after Blake's erasure",
    )
    # Avery's urgent request is still chased: escalation still sees it.
    assert Lead.objects.active().filter(pk=lead.pk, is_urgent=True).exists()
    erased = LeadEvent.objects.get(lead=lead, kind="erased")
    assert erased.summary == (
        f"Personal data of inquiry #{blakes_inquiry.pk} erased on request (reference {REFERENCE})"
    )


def test_erasing_the_leads_owner_keeps_the_other_persons_inquiry_as_a_request_of_its_own(
    require_postgres, client, submit, intake_user, person_request
):
    # Blake's inquiry carries the crisis phrase this time: it must not vanish with Avery's data.
    avery = submit({**AVERY, "message": "Asking about ketamine for my depression."})
    urgent_blake = {**BLAKE, "message": "I think about suicide every night."}
    assert submit(urgent_blake).pk == avery.pk
    blakes_inquiry = Inquiry.objects.get(email=BLAKE["email"])
    client.force_login(intake_user)

    rows = match_rows(find(client, email=AVERY["email"], phone=SHARED_PHONE))
    assert rows[avery.pk][0], "Avery's own details match both fields"

    response = erase(client, [avery.pk], AVERY["email"], SHARED_PHONE, follow=True)

    avery = Lead.objects.get(pk=avery.pk)
    assert avery.anonymised_at is not None and avery.full_name == ""
    blakes_inquiry.refresh_from_db()
    blakes_lead = blakes_inquiry.lead
    assert blakes_lead.pk != avery.pk
    assert (blakes_lead.full_name, blakes_lead.email, blakes_lead.message) == (
        BLAKE["full_name"],
        BLAKE["email"],
        urgent_blake["message"],
    )
    assert blakes_lead.is_urgent and blakes_lead.status == LeadStatus.NEW
    assert blakes_lead.anonymised_at is None
    assert f"kept as contact request #{blakes_lead.pk}" in response.content.decode()


def test_an_email_in_one_record_and_the_phone_in_another_is_a_one_field_match_left_unticked(
    client, submit, intake_user
):
    avery = submit(AVERY)
    # An inquiry with Blake's address and no phone, on Avery's lead (as a repeat request matched
    # on an earlier address would leave it).
    other = Inquiry.objects.create(
        lead=avery, full_name=BLAKE["full_name"], email=BLAKE["email"], consent_version="c"
    )
    client.force_login(intake_user)

    rows = match_rows(find(client, email=BLAKE["email"], phone=SHARED_PHONE))

    ticked, matched_on = rows[avery.pk]
    assert not ticked
    assert matched_on.startswith(
        f"Email (inquiry #{other.pk}) and phone (the request's own details), in different "
        "records: possibly two people"
    )
    assert (
        match_rows(find(client, email=AVERY["email"], phone=SHARED_PHONE))[avery.pk][1]
        == "Email and phone"
    )


def test_a_copy_for_someone_who_typed_a_shared_phone_holds_only_their_own_inquiry(
    require_postgres, client, avery_then_blake, intake_user, person_request
):
    lead = avery_then_blake
    client.force_login(intake_user)

    response = client.post(
        reverse("person_data_copy"),
        {
            "lead": [lead.pk],
            "email": BLAKE["email"],
            "phone": SHARED_PHONE,
            "reference": REFERENCE,
            "format": "json",
        },
    )

    assert response.status_code == 200
    body = response.content.decode()
    (entry,) = json.loads(body)["contact_requests"]
    assert [inquiry["message"] for inquiry in entry["inquiries"]] == [BLAKE["message"]]
    for lead_level in ("marked_urgent", "crisis_phrases_found", "consent", "status_history"):
        assert lead_level not in entry
    assert_holds_none_of(
        body,
        printed_forms(full_name=AVERY["full_name"], email=AVERY["email"])
        | {AVERY["message"], AVERY["best_time"], "end my life", "urgent"},
        "Blake's copy",
    )
    # The emails listed are the ones that answered Blake, not Avery's confirmation.
    assert len(entry["emails_sent_to_you"]) == 1

    html = client.post(
        reverse("person_data_copy"),
        {
            "lead": [lead.pk],
            "email": BLAKE["email"],
            "phone": SHARED_PHONE,
            "reference": REFERENCE,
            "format": "html",
        },
    )
    text = BeautifulSoup(html.content, "html.parser").get_text(" ")
    assert BLAKE["message"] in text
    assert "Marked urgent" not in text and AVERY["message"] not in text


def test_a_ticked_lead_that_holds_nothing_of_the_person_is_refused_and_left_whole(
    client, submit, intake_user, person_request
):
    avery = submit(AVERY)
    stranger = submit({**BLAKE, "phone": "+15035550999"})
    client.force_login(intake_user)

    response = erase(client, [avery.pk, stranger.pk], BLAKE["email"], "+15035550999")

    assert response.status_code == 400
    assert f"Contact request #{avery.pk} holds no record" in response.content.decode()
    assert Lead.objects.get(pk=avery.pk).full_name == AVERY["full_name"]
    assert Lead.objects.get(pk=stranger.pk).full_name == BLAKE["full_name"]


def test_an_erasure_without_the_searched_details_is_refused(client, submit, intake_user):
    avery = submit(AVERY)
    PersonRequest.objects.create(reference=REFERENCE, kind="erasure", handler=intake_user)
    client.force_login(intake_user)

    response = client.post(
        reverse("person_data_erase"),
        {"lead": [avery.pk], "reference": REFERENCE, "confirm": "erase"},
    )

    assert response.status_code == 400
    assert "Find the person again" in response.content.decode()
    assert Lead.objects.get(pk=avery.pk).full_name == AVERY["full_name"]


def test_the_erased_persons_pending_confirmation_is_cancelled_and_the_owners_is_not(
    avery_then_blake, intake_user, person_request
):
    lead = avery_then_blake
    blakes_inquiry = Inquiry.objects.get(email=BLAKE["email"])
    blakes = EmailDelivery.objects.get(context__inquiry=blakes_inquiry.pk, kind="confirmation")
    averys = EmailDelivery.objects.get(recipient=AVERY["email"], kind="confirmation")
    EmailDelivery.objects.filter(pk__in=[blakes.pk, averys.pk]).update(
        status=DeliveryStatus.PENDING
    )

    person_requests.erase_person_everywhere(
        [lead.pk], intake_user, REFERENCE, email=BLAKE["email"], phone=SHARED_PHONE
    )

    blakes.refresh_from_db()
    averys.refresh_from_db()
    assert (blakes.status, blakes.recipient) == (DeliveryStatus.FAILED, "")
    assert (averys.status, averys.recipient) == (DeliveryStatus.PENDING, AVERY["email"])


def test_a_one_field_search_by_the_shared_phone_never_erases_the_other_persons_inquiry(
    avery_then_blake, intake_user, person_request
):
    """Staff who search Avery by phone alone still leave Blake's inquiry: on Avery's own lead, an
    inquiry with another email address is someone else's."""
    lead = avery_then_blake

    erasure = person_requests.erase_person_everywhere(
        [lead.pk], intake_user, REFERENCE, phone=SHARED_PHONE
    )

    (blakes_lead_pk,) = erasure.split_off.values()
    assert Lead.objects.get(pk=blakes_lead_pk).email == BLAKE["email"]
    assert Lead.objects.get(pk=lead.pk).anonymised_at is not None


def test_escalation_still_chases_the_owners_urgent_lead_after_the_other_person_is_erased(
    avery_then_blake, intake_user, person_request, settings
):
    lead = avery_then_blake
    person_requests.erase_person_everywhere(
        [lead.pk], intake_user, REFERENCE, email=BLAKE["email"], phone=SHARED_PHONE
    )
    Lead.objects.filter(pk=lead.pk).update(received_at=timezone.now() - datetime.timedelta(days=7))

    escalate_unanswered_leads()

    assert Lead.objects.get(pk=lead.pk).escalated_at is not None
