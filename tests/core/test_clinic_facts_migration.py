"""The data migration that gave each clinic fact one home carries today's values over: name,
address and crisis message from the old clinic setting, the phone parsed to E.164, the opening
hours from the escalation setting's time fields, and wagtail-seo's copies cleared."""

import datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from wagtail.models import Site
from wagtailseo.models import SeoSettings

from core.models import ClinicSettings

BEFORE = [
    ("core", "0001_clinic_settings"),
    ("home", "0003_homepage_body_contact_form"),
    ("leads", "0008_field_help_texts"),
]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_clinic_facts_are_carried_into_core_clinic_settings():
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    try:
        create_todays_values(executor)
    finally:
        # Back to the latest schema whatever happened, so the database can be flushed.
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes())

    site = Site.objects.get(is_default_site=True)
    clinic = ClinicSettings.objects.get(site=site)
    assert clinic.clinic_name == "Evergreen Test Clinic"
    assert clinic.phone.as_e164 == "+15035550142"
    assert (clinic.street_address, clinic.locality, clinic.postal_code) == (
        "1200 NW Lovejoy Street",
        "Portland",
        "97209",
    )
    assert clinic.crisis_message == "Call or text 988, or call 911."
    assert clinic.weekly_hours() == {
        day: (datetime.time(7), datetime.time(19)) for day in (0, 1, 2)
    }
    seo = SeoSettings.objects.get(site=site)
    assert (seo.struct_org_name, seo.struct_org_phone) == ("", "")


def create_todays_values(executor):
    """The old clinic setting, escalation hours and SEO copies, through the historical models."""
    old = executor.loader.project_state(BEFORE).apps
    site = old.get_model("wagtailcore", "Site").objects.get(is_default_site=True)
    old.get_model("home", "ClinicSettings").objects.create(
        site_id=site.pk,
        clinic_name="Evergreen Test Clinic",
        phone="(503) 555-0142",
        email="care@example.org",
        street_address="1200 NW Lovejoy Street",
        locality="Portland",
        region="OR",
        postal_code="97209",
        opening_hours="Mon–Thu 7–19",
        crisis_message="Call or text 988, or call 911.",
    )
    old.get_model("leads", "LeadFollowUpSettings").objects.create(
        site_id=site.pk,
        escalate_after_hours=2,
        **{f"{day}_opens": datetime.time(7) for day in ("monday", "tuesday", "wednesday")},
        **{f"{day}_closes": datetime.time(19) for day in ("monday", "tuesday", "wednesday")},
        thursday_opens=None,
        thursday_closes=None,
        friday_opens=None,
        friday_closes=None,
        saturday_opens=None,
        saturday_closes=None,
    )
    # wagtail-seo's table is not rolled back (none of its migrations is), so its model is today's.
    SeoSettings.objects.create(
        site_id=site.pk, struct_org_name="Old copy", struct_org_phone="+1-503-555-0000"
    )
