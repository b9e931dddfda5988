"""Made-up contact requests for local demos, so the Insights charts have something to show:
about six months of requests with varied sources, speeds of first contact and outcomes. Created
only by `seed_demo --with-leads`, marked `is_demo`, and deleted by
`purge_leads --remove-demo-leads`. They carry no real person's data and send no email."""

import datetime
import random

from django.db import transaction
from django.utils import timezone
from wagtail.models import Page

from leads.models import OPEN_STATUSES, ContactMethod, Lead, LeadStatus
from leads.opening_hours import add_opening_hours, opening_hours_between, opening_schedule
from leads.recipients import intake_users

DEMO_WEEKS = 26
REQUESTS_PER_WEEK = (14, 30)
CAMPAIGNS = ("spring-awareness", "trd-guide-newsletter", "family-support-ads")
REFERRERS = (
    ("https://www.google.com/", 30),
    ("https://www.bing.com/", 6),
    ("https://duckduckgo.com/", 4),
    ("https://forum.example.org/threads/treatment-options", 6),
    ("https://news.example.com/health/ketamine-clinics", 4),
)
# Where demo requests end up, weighted roughly like a small clinic's intake.
OUTCOMES = (
    (LeadStatus.BECAME_PATIENT, 14),
    (LeadStatus.CONSULTATION_SCHEDULED, 10),
    (LeadStatus.CONTACTED, 12),
    (LeadStatus.NOT_A_FIT, 22),
    (LeadStatus.UNREACHABLE, 14),
    (LeadStatus.SPAM, 5),
    (LeadStatus.NEW, 3),
)


def weighted(rng: random.Random, choices):
    values, weights = zip(*choices, strict=True)
    return rng.choices(values, weights=weights)[0]


def received_time(rng: random.Random, day: datetime.date) -> datetime.datetime:
    """Most requests arrive in the day and evening; a few at night."""
    hour = rng.choices(
        range(24), weights=[1, 1, 1, 1, 1, 2, 3, 5, 7, 9, 9, 8, 8, 8, 8, 8, 7, 7, 8, 9, 9, 7, 4, 2]
    )[0]
    return datetime.datetime.combine(
        day, datetime.time(hour, rng.randrange(60)), timezone.get_current_timezone()
    )


def has_demo_leads() -> bool:
    return Lead.objects.filter(is_demo=True).exists()


def seed_demo_leads(now: datetime.datetime | None = None, seed: int = 2026) -> int:
    """Create the demo requests once (nothing when some exist already). Returns how many."""
    if has_demo_leads():
        return 0
    now = now or timezone.now()
    # The same demo every time, so the charts can be described in the docs; not for secrets.
    rng = random.Random(seed)  # noqa: S311
    schedule = opening_schedule(None)
    pages = list(Page.objects.live().filter(depth__gt=2).values_list("pk", flat=True))
    staff = list(intake_users())
    today = timezone.localdate(now)
    leads = []
    for week in range(DEMO_WEEKS):
        for _ in range(rng.randint(*REQUESTS_PER_WEEK)):
            day = today - datetime.timedelta(days=week * 7 + rng.randrange(7))
            received = received_time(rng, day)
            if received >= now:
                continue
            leads.append(demo_lead(rng, len(leads) + 1, received, now, schedule, pages, staff))
    with transaction.atomic():
        Lead.objects.bulk_create(leads, batch_size=500)
    return len(leads)


def demo_lead(rng, number, received, now, schedule, pages, staff) -> Lead:
    status = weighted(rng, OUTCOMES)
    urgent = rng.random() < 0.03
    lead = Lead(
        full_name=f"Demo person {number}",
        email=f"demo-{number}@example.invalid",
        preferred_contact_method=rng.choice(ContactMethod.values),
        consent_version="demo data",
        consented_at=received,
        received_at=received,
        status=status,
        is_urgent=urgent,
        crisis_phrases=["(demo)"] if urgent else [],
        is_demo=True,
    )
    lead.source_page_id = rng.choice(pages) if pages else None
    channel = rng.random()
    if channel < 0.3:
        lead.utm_source = "newsletter" if rng.random() < 0.5 else "ads"
        lead.utm_campaign = rng.choice(CAMPAIGNS)
        lead.utm_medium = "email" if lead.utm_source == "newsletter" else "cpc"
    elif channel < 0.75:
        lead.referrer = weighted(rng, REFERRERS)
    if status not in (LeadStatus.NEW, LeadStatus.SPAM):
        # Urgent requests are answered first; routine ones take from minutes to a few days.
        hours = rng.uniform(0.05, 0.5) if urgent else rng.lognormvariate(-0.2, 1.0)
        contacted = add_opening_hours(received, hours, schedule) or received
        if contacted < now:
            lead.first_contacted_at = contacted
            lead.first_contact_opening_hours = opening_hours_between(received, contacted, schedule)
    if status in OPEN_STATUSES:
        lead.assigned_to = rng.choice(staff) if staff else None
        lead.next_follow_up_on = timezone.localdate(now) + datetime.timedelta(
            days=rng.randint(-4, 7)
        )
    else:
        lead.closed_at = (lead.first_contacted_at or received) + datetime.timedelta(days=3)
    if status == LeadStatus.NEW:
        # A demo must not page the staff list about requests nobody will ever answer.
        lead.escalated_at = received
    return lead


def remove_demo_leads() -> int:
    """Delete every demo request (with their inquiries, timelines and deliveries); how many."""
    demo = Lead.objects.filter(is_demo=True)
    count = demo.count()
    demo.delete()
    return count
