"""`seed_demo --with-leads` fills the Insights charts with made-up requests, only when asked, once,
and `purge_leads --remove-demo-leads` takes them all away again (and nothing else)."""

import pytest
from django.core import mail
from django.core.management import call_command

from insights import figures
from leads.escalation import escalate_unanswered
from leads.models import Lead, LeadStatus
from tests.factories import LeadFactory

pytestmark = pytest.mark.django_db


def test_demo_leads_come_only_when_asked_once_and_go_on_request(site, capsys):
    real = LeadFactory()
    call_command("seed_demo", "--no-translations")
    assert Lead.objects.filter(is_demo=True).count() == 0
    call_command("seed_demo", "--no-translations", "--with-leads")
    demo = Lead.objects.filter(is_demo=True)
    count = demo.count()
    assert 26 * 14 * 0.9 <= count <= 26 * 30
    assert f"Added {count} demo contact requests" in capsys.readouterr().out
    call_command("seed_demo", "--no-translations", "--with-leads")
    assert demo.count() == count, "a second run adds none"
    statuses = set(demo.values_list("status", flat=True))
    assert {LeadStatus.BECAME_PATIENT, LeadStatus.NOT_A_FIT, LeadStatus.SPAM} <= statuses
    assert demo.filter(is_urgent=True).exists()
    assert demo.exclude(utm_campaign="").exists() and demo.exclude(referrer="").exists()
    assert not demo.exclude(email__endswith="@example.invalid").exists()
    speed = figures.speed_to_first_contact(figures.chosen_period("12w"), target_hours=1)
    assert speed.median is not None and speed.p90 >= speed.median
    call_command("purge_leads", "--remove-demo-leads")
    assert "Deleted" in capsys.readouterr().out
    assert list(Lead.objects.all()) == [real]


def test_demo_requests_never_page_the_staff(site, settings):
    call_command("seed_demo", "--no-translations", "--with-leads")
    assert escalate_unanswered() == []
    assert mail.outbox == []
