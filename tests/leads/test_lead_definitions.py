"""One meaning each for overdue and unassigned (LeadQuerySet): the work list's "Overdue" filter
agrees with the dashboard's count, and the dashboard and the digest count the same unassigned
leads."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.utils import timezone

from leads.admin.panels import LeadWorkPanel, work_summary
from leads.digest import digest_for
from tests.factories import LeadFactory

pytestmark = pytest.mark.django_db

INDEX = "/admin/contact-requests/"


def listed_names(client, url, candidates):
    """The candidate names the work list at `url` shows, read from its text."""
    text = BeautifulSoup(client.get(url).content, "html.parser").get_text(" ")
    return {name for name in candidates if name in text}


def test_the_overdue_filter_leaves_out_anonymised_leads_as_the_dashboard_does(
    client, intake_user, contact_page
):
    client.force_login(intake_user)
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    LeadFactory(
        full_name="Still Reachable",
        status="contacted",
        assigned_to=intake_user,
        next_follow_up_on=yesterday,
    )
    LeadFactory(
        full_name="Erased Person",
        status="contacted",
        assigned_to=intake_user,
        next_follow_up_on=yesterday,
        anonymised_at=timezone.now(),
    )
    shown = listed_names(client, INDEX + "?overdue=on", {"Still Reachable", "Erased Person"})
    assert shown == {"Still Reachable"}
    assert work_summary().overdue == len(shown)


def test_the_dashboard_and_the_digest_count_the_same_unassigned_leads(
    client, intake_user, contact_page
):
    """A Contacted lead whose assignee was taken off is in nobody's due list, so it must be in
    the digest's unassigned list, as it is in the dashboard's count."""
    client.force_login(intake_user)
    waiting = LeadFactory(full_name="Waiting New")
    dropped = LeadFactory(full_name="Dropped Contacted", status="contacted")
    LeadFactory(full_name="Taken Contacted", status="contacted", assigned_to=intake_user)
    LeadFactory(full_name="Closed Nobody", status="not_a_fit")
    LeadFactory(full_name="Erased New", anonymised_at=timezone.now())

    digest = digest_for(intake_user, timezone.localdate())
    assert {lead.pk for lead in digest.unassigned} == {waiting.pk, dropped.pk}
    assert work_summary().unassigned == len(digest.unassigned)

    # The dashboard's link opens the work list on the leads its count is made of.
    url = LeadWorkPanel().get_context_data()["unassigned_url"]
    shown = listed_names(
        client, url, {"Waiting New", "Dropped Contacted", "Taken Contacted", "Closed Nobody"}
    )
    assert shown == {"Waiting New", "Dropped Contacted"}
