"""A lead's timeline as staff read it: its events and its emails, in time order."""

import datetime
from dataclasses import dataclass

from django.utils import timezone

from leads.models import Lead
from leads.recipients import user_label


@dataclass(frozen=True)
class TimelineEntry:
    """One line of a lead's timeline, from its events and its email deliveries."""

    at: datetime.datetime
    label: str
    summary: str
    actor: str
    note: str = ""


def lead_timeline(lead: Lead) -> list[TimelineEntry]:
    entries = [
        TimelineEntry(
            event.created_at,
            event.get_kind_display(),
            event.summary,
            user_label(event.actor) if event.actor_id else "System",
            event.note,
        )
        for event in lead.events.select_related("actor")
    ]
    for delivery in lead.deliveries.all():
        entries.append(
            TimelineEntry(
                delivery.created_at,
                "Email",
                f"{delivery.get_kind_display()}: {delivery.get_status_display().lower()}"
                + (
                    f", sent {timezone.localtime(delivery.sent_at):%b %d, %Y %H:%M}"
                    if delivery.sent_at
                    else ""
                ),
                "System",
            )
        )
    return sorted(entries, key=lambda entry: entry.at)
