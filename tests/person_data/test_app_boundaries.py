"""The person-data feature lives in its own app without changing what it answers to: its tables,
its content types (which permissions hang on), its periodic task's name and the lead page's
"erase" URL are the ones they were when it lived in leads."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from cms.celery import app
from leads.admin.actions import LEAD_ACTIONS, register_lead_action
from person_data import tasks
from person_data.admin.actions import erase_action
from person_data.models import PersonDataAuditRecord, PersonRequest

pytestmark = pytest.mark.django_db


def test_the_models_keep_the_tables_leads_created():
    assert PersonRequest._meta.db_table == "leads_personrequest"
    assert PersonDataAuditRecord._meta.db_table == "leads_persondataauditrecord"


def test_their_permissions_are_named_after_the_new_app():
    for model in (PersonRequest, PersonDataAuditRecord):
        assert ContentType.objects.get_for_model(model).app_label == "person_data"
    assert not ContentType.objects.filter(
        app_label="leads", model__in=["personrequest", "persondataauditrecord"]
    ).exists()


def test_the_beat_schedule_and_queued_messages_reach_the_purge_under_its_old_name(settings):
    name = "leads.tasks.purge_expired_leads"
    assert name in {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert app.tasks[name].name == tasks.purge_expired_leads.name == name
    assert app.tasks[name].run() == 0


def test_the_erase_action_keeps_its_url_on_the_lead_page():
    # Reversing loads the admin's URLs, and with them every app's wagtail_hooks.py.
    assert reverse("contact_requests:erase", args=[7]) == "/admin/contact-requests/7/erase/"
    assert LEAD_ACTIONS["erase"] is erase_action


def test_a_second_action_under_a_taken_name_is_refused():
    reverse("contact_requests:index")
    with pytest.raises(ValueError, match="already registered"):
        register_lead_action("erase", erase_action)
    with pytest.raises(ValueError, match="already registered"):
        register_lead_action("split", erase_action)
