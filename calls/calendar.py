"""The visitor's calendar invitation (RFC 5545, built with the icalendar library): one event per
call, with a stable UID, so a moved call updates the entry (a higher SEQUENCE) and a cancelled one
removes it (METHOD:CANCEL). It says when, that the clinic calls, from which number, and where to
change it: no health details."""

import datetime
from email.utils import parseaddr
from urllib.parse import urlsplit

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext
from icalendar import Calendar, Event, vCalAddress, vText

from calls.models import Call

PRODUCT_ID = "-//Clinic CMS//Call booking//EN"


def event_uid(call: Call) -> str:
    """The calendar entry's identity: the call's UUID at the site's host, the same for every
    change of the call."""
    host = urlsplit(settings.WAGTAILADMIN_BASE_URL).hostname or "localhost"
    return f"{call.uid}@{host}"


def invitation(
    call: Call,
    *,
    clinic_name: str,
    clinic_phone: str,
    manage_url: str,
    attendee: str,
    now: datetime.datetime | None = None,
) -> bytes:
    """The .ics attached to the visitor's booking, change and cancellation emails, in the active
    language."""
    cancelled = call.is_cancelled
    calendar = Calendar()
    calendar.add("prodid", PRODUCT_ID)
    calendar.add("version", "2.0")
    calendar.add("method", "CANCEL" if cancelled else "REQUEST")
    event = Event()
    event.add("uid", event_uid(call))
    event.add("sequence", call.sequence)
    event.add("dtstamp", now or timezone.now())
    event.add("dtstart", call.starts_at.astimezone(datetime.UTC))
    event.add("dtend", call.ends_at.astimezone(datetime.UTC))
    event.add("summary", gettext("Phone call with %(clinic)s") % {"clinic": clinic_name})
    lines = []
    if clinic_phone:
        lines.append(gettext("We will call you from %(phone)s.") % {"phone": clinic_phone})
    if manage_url and not cancelled:
        lines.append(gettext("To change or cancel: %(url)s") % {"url": manage_url})
    event.add("description", "\n".join(lines))
    event.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    organizer = vCalAddress(f"mailto:{parseaddr(settings.DEFAULT_FROM_EMAIL)[1]}")
    organizer.params["cn"] = vText(clinic_name)
    event["organizer"] = organizer
    guest = vCalAddress(f"mailto:{attendee}")
    guest.params["role"] = vText("REQ-PARTICIPANT")
    guest.params["partstat"] = vText("ACCEPTED")
    event.add("attendee", guest, encode=0)
    if not cancelled:
        event.add("transp", "OPAQUE")
    calendar.add_component(event)
    return calendar.to_ical()
