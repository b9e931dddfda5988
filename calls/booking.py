"""Booking, moving and cancelling a lead's first call, and recording how it went. Each step is
one transaction: the call row, the lead's assignee, the timeline entry and the outbox rows of its
emails (queued after the commit, each with a dedupe key, so each is sent once).

Who calls: of the staff members free at the chosen time, the one with the fewest calls that day;
on a tie, the one whose last booking is oldest (a round robin), then the lowest id. Moving a call
keeps its staff member when they are free at the new time."""

import datetime

from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.db.models import Count, Max, Q
from django.utils import timezone

from calls.availability import booking_rules, clinic_zone, free_time_at
from calls.models import (
    CANCELLED_STATUSES,
    OUTCOME_STATUSES,
    BookedBy,
    BookingPass,
    Call,
    CallEmailKind,
    CallStatus,
    CallTaker,
)
from leads.follow_up import change_status
from leads.models import Lead, LeadEventKind, LeadStatus, record_event
from leads.recipients import site_of, user_label
from outbox.queue import Email, enqueue


class BookingError(Exception):
    """A booking that cannot be made, with a sentence the person can read."""


class TimeTaken(BookingError):
    """The chosen time is no longer free (another booking took it a moment ago)."""


def time_label(moment: datetime.datetime) -> str:
    """A call's time for the timeline and staff, in the clinic's zone."""
    return f"{moment.astimezone(clinic_zone()):%a %d %b %Y, %H:%M} ({clinic_zone().key})"


def booked_call(lead: Lead) -> Call | None:
    """The lead's booked call still to come or under way, if any."""
    return lead.calls.filter(status=CallStatus.BOOKED).select_related("staff").first()


def calls_that_day(
    staff_ids, moment: datetime.datetime
) -> dict[int, tuple[int, datetime.datetime]]:
    """Per staff member: their calls on `moment`'s clinic day, and when they were last booked."""
    zone = clinic_zone()
    day = moment.astimezone(zone).date()
    start = datetime.datetime.combine(day, datetime.time(), zone)
    end = datetime.datetime.combine(day + datetime.timedelta(days=1), datetime.time(), zone)
    rows = (
        Call.objects.holding()
        .filter(staff_id__in=staff_ids)
        .values("staff_id")
        .annotate(
            that_day=Count("pk", filter=Q(starts_at__gte=start, starts_at__lt=end)),
            last_booked=Max("booked_at"),
        )
    )
    return {row["staff_id"]: (row["that_day"], row["last_booked"]) for row in rows}


def staff_in_turn(staff_ids, moment: datetime.datetime, prefer: int | None = None) -> list[int]:
    """The free staff members in the order they get the call (module docstring)."""
    load = calls_that_day(staff_ids, moment)
    never = datetime.datetime.min.replace(tzinfo=datetime.UTC)

    def turn(staff_id):
        that_day, last_booked = load.get(staff_id, (0, never))
        return (staff_id != prefer, that_day, last_booked or never, staff_id)

    return sorted(staff_ids, key=turn)


def book_call(
    lead: Lead,
    starts_at: datetime.datetime,
    *,
    booked_by: str = BookedBy.VISITOR,
    actor=None,
    now: datetime.datetime | None = None,
) -> Call:
    """Book the lead's first call at `starts_at` (one of the free times), or move its booked call
    there. Raises TimeTaken when the time is not free any more, BookingError when the lead cannot
    book (erased or closed)."""
    now = now or timezone.now()
    site = site_of(lead)
    rules = booking_rules(site)
    with transaction.atomic():
        lead = Lead.objects.select_for_update().get(pk=lead.pk)
        if lead.anonymised_at is not None or not lead.is_open:
            raise BookingError("This request is closed, so no call can be booked for it.")
        current = booked_call(lead)
        free = free_time_at(site, starts_at, now=now, rules=rules, ignore_call=current)
        if free is None:
            raise TimeTaken("That time was just taken.")
        if current is not None and current.starts_at == free.starts_at:
            return current
        for staff_id in staff_in_turn(
            free.staff_ids, free.starts_at, prefer=current.staff_id if current else None
        ):
            call = take_time(lead, current, staff_id, free, rules, booked_by, now)
            if call is not None:
                break
        else:
            raise TimeTaken("That time was just taken.")
        after_booking(lead, call, current, actor, now)
    return call


def take_time(lead, current, staff_id, free, rules, booked_by, now) -> Call | None:
    """Give `free` to `staff_id`: None when another booking took it first. The staff member's
    row is locked, so bookings for one person are made one at a time and the overlap check
    below sees every committed call; the unique constraint is the database's own guard."""
    CallTaker.objects.select_for_update().filter(user_id=staff_id).first()
    clash = (
        Call.objects.holding()
        .filter(
            staff_id=staff_id,
            starts_at__lt=free.ends_at + rules.gap,
            ends_at__gt=free.starts_at - rules.gap,
        )
        .exclude(pk=current.pk if current else None)
        .exists()
    )
    if clash:
        return None
    try:
        with transaction.atomic():
            if current is None:
                return Call.objects.create(
                    lead=lead,
                    staff_id=staff_id,
                    starts_at=free.starts_at,
                    ends_at=free.ends_at,
                    booked_by=booked_by,
                    booked_at=now,
                    time_chosen_at=now,
                )
            current.previous_staff_id = current.staff_id
            current.previous_starts_at = current.starts_at
            current.staff_id = staff_id
            current.starts_at, current.ends_at = free.starts_at, free.ends_at
            current.sequence += 1
            current.time_chosen_at = now
            current.reminded_day_before_at = current.reminded_hours_before_at = None
            current.save()
            return current
    except IntegrityError:
        return None


def after_booking(lead: Lead, call: Call, moved: Call | None, actor, now) -> None:
    """The assignee, the timeline and the emails of a new or moved booking."""
    call = Call.objects.select_related("staff").get(pk=call.pk)
    who = user_label(call.staff)
    if moved is None:
        by = "by staff" if call.booked_by == BookedBy.STAFF else "by the person"
        record_event(
            lead,
            LeadEventKind.CALL,
            actor,
            summary=f"Call booked {by}: {time_label(call.starts_at)}, {who} calls",
        )
    else:
        record_event(
            lead,
            LeadEventKind.CALL,
            actor,
            summary=f"Call moved from {time_label(moved.previous_starts_at)} to {time_label(call.starts_at)}, {who} calls",
        )
    if lead.assigned_to_id is None:
        Lead.objects.filter(pk=lead.pk, assigned_to__isnull=True).update(assigned_to=call.staff)
        record_event(lead, LeadEventKind.ASSIGNED, actor, summary=f"Assigned to {who} (their call)")
    emails = [
        visitor_email(lead, call, CallEmailKind.BOOKED if moved is None else CallEmailKind.CHANGED)
    ]
    if moved is not None and moved.previous_staff_id != call.staff_id:
        emails.append(staff_email(call, CallEmailKind.STAFF_CANCELLED, moved.previous_staff_id))
        emails.append(staff_email(call, CallEmailKind.STAFF_BOOKED, call.staff_id))
    else:
        kind = CallEmailKind.STAFF_BOOKED if moved is None else CallEmailKind.STAFF_CHANGED
        emails.append(staff_email(call, kind, call.staff_id))
    enqueue(*[email for email in emails if email is not None])


def visitor_email(lead: Lead, call: Call, kind: str, extra: dict | None = None) -> Email | None:
    """An email about the call to the lead's own person; none once their data is erased."""
    if not lead.email or lead.anonymised_at is not None:
        return None
    context = {"call": call.pk, "sequence": call.sequence, **(extra or {})}
    suffix = ":".join(str(value) for value in context.values())
    return Email(kind, lead.email, about=lead, context=context, dedupe_key=f"{kind}:{suffix}")


def staff_email(call: Call, kind: str, staff_id: int) -> Email | None:
    """An email about the call to a staff member: its caller, or the one a move took it from
    (who may no longer take calls at all, so they are found as a user, not as a call taker)."""
    staff = (
        call.staff
        if call.staff_id == staff_id
        else get_user_model().objects.filter(pk=staff_id).first()
    )
    if staff is None or not staff.email:
        return None
    return Email(
        kind,
        staff.email,
        about=call.lead,
        recipient_user=staff,
        context={"call": call.pk, "sequence": call.sequence, "staff": staff_id},
        dedupe_key=f"{kind}:{call.pk}:{call.sequence}:{staff_id}",
    )


def cancel_call(
    call: Call, *, by_visitor: bool, actor=None, now=None, tell_visitor: bool = True
) -> Call:
    """Cancel a booked call, by the person (their link) or by the clinic (staff); both sides are
    told and the visitor's calendar entry is removed. `tell_visitor=False` (an erasure) tells
    only the staff member, so that nothing is sent to an address being forgotten."""
    now = now or timezone.now()
    with transaction.atomic():
        call = Call.objects.select_for_update().select_related("lead", "staff").get(pk=call.pk)
        if call.status != CallStatus.BOOKED:
            raise BookingError("This call is not booked any more.")
        call.status = (
            CallStatus.CANCELLED_BY_VISITOR if by_visitor else CallStatus.CANCELLED_BY_CLINIC
        )
        call.sequence += 1
        call.outcome_at = now
        call.save(update_fields=["status", "sequence", "outcome_at"])
        record_event(
            call.lead,
            LeadEventKind.CALL,
            actor,
            summary=f"Call of {time_label(call.starts_at)} {call.get_status_display().lower()}",
            at=now,
        )
        enqueue(
            *[
                email
                for email in (
                    visitor_email(call.lead, call, CallEmailKind.CANCELLED)
                    if tell_visitor
                    else None,
                    staff_email(call, CallEmailKind.STAFF_CANCELLED, call.staff_id),
                )
                if email is not None
            ]
        )
    return call


def release_calls_of_erased(lead_ids, actor=None, now=None) -> list[int]:
    """The leads' personal data is being erased: cancel their calls still to come (as the
    clinic's, telling only the staff member that the time is free again, never the address
    being forgotten) and delete their booking passes, so the link in their emails opens nothing.
    The call rows stay, with their times and staff only, for the counts. Returns the calls
    cancelled."""
    now = now or timezone.now()
    cancelled = []
    for call in Call.objects.upcoming(now).filter(lead_id__in=list(lead_ids)):
        cancel_call(call, by_visitor=False, actor=actor, now=now, tell_visitor=False)
        cancelled.append(call.pk)
    BookingPass.objects.filter(lead_id__in=list(lead_ids)).delete()
    return cancelled


def record_outcome(call: Call, status: str, actor, now=None) -> Call:
    """How the call went: held or no answer, once it has started. A held call is the lead's first
    contact when nothing else was (its status moves from New to Contacted)."""
    now = now or timezone.now()
    if status not in OUTCOME_STATUSES:
        raise BookingError("Unknown outcome.")
    with transaction.atomic():
        call = Call.objects.select_for_update().select_related("lead").get(pk=call.pk)
        if call.status in CANCELLED_STATUSES:
            raise BookingError("A cancelled call has no outcome.")
        if call.starts_at > now:
            raise BookingError("The call has not started yet.")
        if call.status == status:
            return call
        call.status = status
        call.outcome_at = now
        call.save(update_fields=["status", "outcome_at"])
        record_event(
            call.lead,
            LeadEventKind.CALL,
            actor,
            summary=f"Call of {time_label(call.starts_at)}: {call.get_status_display().lower()}",
            at=now,
        )
        if status == CallStatus.HELD and call.lead.status == LeadStatus.NEW:
            change_status(call.lead, LeadStatus.CONTACTED, actor, now=call.starts_at)
    return call


def booking_pass_for(lead: Lead) -> BookingPass:
    """The lead's booking link key, made on first use."""
    booking_pass, _ = BookingPass.objects.get_or_create(lead=lead)
    return booking_pass
