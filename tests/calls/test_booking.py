"""Booking, moving, cancelling and the outcome of a first call: who calls, the assignee, the
timeline, the emails (once each), and the refusals."""

import pytest

from calls.availability import free_times
from calls.booking import BookingError, TimeTaken, book_call, cancel_call, record_outcome
from calls.models import BookedBy, Call, CallEmailKind, CallStatus
from leads.models import LeadEventKind, LeadStatus
from outbox.models import EmailDelivery
from tests.calls.conftest import CLINIC_ZONE, clinic_time, make_taker
from tests.factories import LeadFactory

MONDAY_8AM = clinic_time(2026, 12, 7, 8)
TEN = clinic_time(2026, 12, 7, 10)


def kinds_sent(lead):
    return sorted(EmailDelivery.objects.filter(lead=lead).values_list("kind", flat=True))


def test_booking_a_free_time_makes_one_call_assigns_the_lead_and_queues_both_emails(taker, lead):
    call = book_call(lead, TEN, now=MONDAY_8AM)
    assert (call.staff, call.starts_at, call.status) == (taker, TEN, CallStatus.BOOKED)
    lead.refresh_from_db()
    assert lead.assigned_to == taker
    assert kinds_sent(lead) == [CallEmailKind.BOOKED, CallEmailKind.STAFF_BOOKED]
    summaries = list(lead.events.filter(kind=LeadEventKind.CALL).values_list("summary", flat=True))
    assert summaries and "booked by the person" in summaries[0]


def test_a_lead_with_an_assignee_keeps_it(taker, lead):
    other = make_taker("bo", hours=[])
    lead.assigned_to = other
    lead.save()
    book_call(lead, TEN, now=MONDAY_8AM)
    lead.refresh_from_db()
    assert lead.assigned_to == other


def test_a_taken_time_is_refused_and_the_next_ones_stay_free(taker, lead, contact_page):
    book_call(lead, TEN, now=MONDAY_8AM)
    other = LeadFactory(source_page=contact_page)
    with pytest.raises(TimeTaken):
        book_call(other, TEN, now=MONDAY_8AM)
    assert Call.objects.count() == 1
    assert free_times(lead.source_page.get_site(), now=MONDAY_8AM)[0].local_start.hour == 10
    assert free_times(lead.source_page.get_site(), now=MONDAY_8AM)[0].local_start.minute == 30


def test_a_time_that_was_never_offered_is_refused(taker, lead):
    with pytest.raises(TimeTaken):
        book_call(lead, clinic_time(2026, 12, 7, 10, 7), now=MONDAY_8AM)
    with pytest.raises(TimeTaken):
        book_call(lead, clinic_time(2026, 12, 7, 8), now=MONDAY_8AM)  # inside the notice


def test_the_call_goes_to_the_taker_with_fewest_calls_that_day(taker, lead, contact_page):
    bo = make_taker("bo")
    first = book_call(lead, TEN, now=MONDAY_8AM)
    second = book_call(LeadFactory(source_page=contact_page), TEN, now=MONDAY_8AM)
    assert {first.staff, second.staff} == {taker, bo}
    third = book_call(
        LeadFactory(source_page=contact_page), clinic_time(2026, 12, 7, 11), now=MONDAY_8AM
    )
    # Both have one call that day: the one whose last booking is oldest gets it (round robin).
    assert third.staff == first.staff


def test_booking_again_moves_the_call_keeping_its_uid_and_raising_its_sequence(taker, lead):
    call = book_call(lead, TEN, now=MONDAY_8AM)
    moved = book_call(lead, clinic_time(2026, 12, 8, 14), now=MONDAY_8AM)
    assert moved.pk == call.pk and moved.uid == call.uid
    assert moved.sequence == 1
    assert Call.objects.filter(status=CallStatus.BOOKED).count() == 1
    assert kinds_sent(lead).count(CallEmailKind.CHANGED) == 1
    assert kinds_sent(lead).count(CallEmailKind.STAFF_CHANGED) == 1
    assert "moved" in lead.events.filter(kind=LeadEventKind.CALL).order_by("-pk").first().summary


def test_the_freed_time_is_offered_again_after_a_move(taker, lead):
    book_call(lead, TEN, now=MONDAY_8AM)
    book_call(lead, clinic_time(2026, 12, 8, 14), now=MONDAY_8AM)
    assert free_times(lead.source_page.get_site(), now=MONDAY_8AM)[0].starts_at == TEN


def test_cancelling_frees_the_time_and_tells_both_sides(taker, lead):
    call = book_call(lead, TEN, now=MONDAY_8AM)
    cancel_call(call, by_visitor=True, now=MONDAY_8AM)
    call.refresh_from_db()
    assert call.status == CallStatus.CANCELLED_BY_VISITOR
    assert kinds_sent(lead).count(CallEmailKind.CANCELLED) == 1
    assert kinds_sent(lead).count(CallEmailKind.STAFF_CANCELLED) == 1
    assert free_times(lead.source_page.get_site(), now=MONDAY_8AM)[0].starts_at == TEN
    with pytest.raises(BookingError):
        cancel_call(call, by_visitor=True)


def test_a_closed_or_erased_lead_cannot_book(taker, lead):
    lead.status = LeadStatus.NOT_A_FIT
    lead.save()
    with pytest.raises(BookingError):
        book_call(lead, TEN, now=MONDAY_8AM)


def test_a_held_call_is_the_first_contact(taker, lead):
    call = book_call(lead, TEN, now=MONDAY_8AM)
    with pytest.raises(BookingError):
        record_outcome(call, CallStatus.HELD, taker, now=MONDAY_8AM)  # not started yet
    record_outcome(call, CallStatus.HELD, taker, now=clinic_time(2026, 12, 7, 10, 25))
    lead.refresh_from_db()
    assert lead.status == LeadStatus.CONTACTED
    assert lead.first_contacted_at == TEN


def test_staff_booking_for_someone_who_phoned_is_marked_so(taker, lead):
    call = book_call(lead, TEN, booked_by=BookedBy.STAFF, actor=taker, now=MONDAY_8AM)
    assert call.booked_by == BookedBy.STAFF
    assert "by staff" in lead.events.filter(kind=LeadEventKind.CALL).first().summary


def test_a_move_across_the_autumn_change_keeps_the_wall_clock_time(site, settings, lead):
    settings.TIME_ZONE = "America/New_York"
    make_taker("ana")
    friday = clinic_time(2026, 10, 30, 8)
    call = book_call(lead, clinic_time(2026, 10, 30, 14), now=friday)
    book_call(lead, clinic_time(2026, 11, 2, 14), now=friday)
    # 14:00 on both sides of the change: 18:00 UTC in October (EDT), 19:00 UTC in November (EST).
    assert call.starts_at.hour == 18
    call.refresh_from_db()
    assert call.starts_at.hour == 19
    assert call.starts_at.astimezone(CLINIC_ZONE).hour == 14


def test_moving_a_call_of_someone_who_stopped_taking_calls_tells_them_and_the_new_caller(
    taker, lead, django_capture_on_commit_callbacks
):
    """Intake staff removed Ana's call hours (her call-taker row) after her call was booked: the
    call moves to Bo, and Ana is still told it left her agenda."""
    bo = make_taker("bo")
    book_call(lead, TEN, now=MONDAY_8AM)
    Call.objects.filter(lead=lead).update(staff=taker)
    taker.call_taker.delete()
    moved = book_call(lead, clinic_time(2026, 12, 8, 14), now=MONDAY_8AM)
    assert moved.staff == bo
    cancelled = EmailDelivery.objects.filter(lead=lead, kind=CallEmailKind.STAFF_CANCELLED)
    assert list(cancelled.values_list("recipient", flat=True)) == [taker.email]
