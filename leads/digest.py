"""The daily digest: what each intake user has to do today (their leads due or overdue, the
unassigned ones, and the sections other apps add), and sending it once a day. The email itself is
built in leads.emails, from what `digest_for` says when it is sent.

Another app adds a section in its own `emails` module (person_data adds the person requests due):

    @register_digest_section
    def my_section(user, today) -> DigestSection | None: ...
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field

from django.utils import timezone

from leads.models import Lead, LeadEmailKind
from leads.recipients import intake_users
from outbox.queue import Email, enqueue


@dataclass(frozen=True)
class DigestRow:
    """One line of a digest section: what to do, and the admin page where it is done. A `flag`
    (such as "OVERDUE") stands out: bold in HTML, in parentheses in text."""

    text: str
    url: str
    flag: str = ""


@dataclass(frozen=True)
class DigestSection:
    """A part of the daily digest that another app adds: a heading, a sentence under it, the rows,
    and the phrase the subject line ends with ("2 person request(s) due")."""

    heading: str
    rows: list[DigestRow]
    subject_phrase: str
    note: str = ""


DigestSectionBuilder = Callable[[object, datetime.date], DigestSection | None]
DIGEST_SECTIONS: list[DigestSectionBuilder] = []


def register_digest_section(builder: DigestSectionBuilder) -> DigestSectionBuilder:
    """Add a section to every intake user's digest: `builder(user, today)` returns it, or None
    when that user has nothing in it today (a user with nothing anywhere gets no digest)."""
    DIGEST_SECTIONS.append(builder)
    return builder


@dataclass
class Digest:
    """What one intake user has to do today."""

    user: object
    due: list = field(default_factory=list)
    unassigned: list = field(default_factory=list)
    # The registered sections with something in them for this user (register_digest_section).
    sections: list[DigestSection] = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        return not self.due and not self.unassigned and not self.sections


def digest_for(user, today: datetime.date) -> Digest:
    """Their active leads due or overdue today, the unassigned ones, and each registered section
    that has rows for them."""
    due = list(Lead.objects.due_for(user, today).order_by("next_follow_up_on", "received_at"))
    unassigned = list(Lead.objects.unassigned().order_by("-is_urgent", "received_at"))
    sections = [
        section for build in DIGEST_SECTIONS if (section := build(user, today)) and section.rows
    ]
    return Digest(user=user, due=due, unassigned=unassigned, sections=sections)


def send_daily_digests(today: datetime.date | None = None) -> list[int]:
    """One digest email per intake user who has something to do; none for a user with nothing.
    Each is keyed by user and day, so a second run the same day sends nothing more. Returns the
    ids of the digests queued."""
    today = today or timezone.localdate()
    digests = [
        Email(
            LeadEmailKind.DIGEST,
            user.email,
            recipient_user=user,
            dedupe_key=f"digest:{today.isoformat()}:{user.pk}",
        )
        for user in intake_users().exclude(email="")
        if not digest_for(user, today).is_empty
    ]
    return [delivery.pk for delivery in enqueue(*digests)]
