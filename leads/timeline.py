"""A lead's timeline as staff read it: its events and its emails, in time order."""

import datetime
from dataclasses import dataclass

from django.utils import timezone

from leads.models import Lead, LeadEventKind
from leads.recipients import user_label


@dataclass(frozen=True)
class TimelineEntry:
    """One line of a lead's timeline, from its events and its email deliveries."""

    at: datetime.datetime
    label: str
    summary: str
    actor: str
    note: str = ""
    kind: str = ""

    @property
    def is_page_view(self) -> bool:
        return self.kind == LeadEventKind.VIEWED


def lead_timeline(lead: Lead) -> list[TimelineEntry]:
    """Everything that happened to the lead, newest first: staff read the latest news at the top."""
    entries = [
        TimelineEntry(
            event.created_at,
            event.get_kind_display(),
            event.summary,
            user_label(event.actor) if event.actor_id else "System",
            event.note,
            event.kind,
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
                kind="email",
            )
        )
    return sorted(entries, key=lambda entry: entry.at, reverse=True)
