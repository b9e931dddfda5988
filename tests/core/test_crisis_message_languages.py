"""The crisis message per language, in Settings → Clinic details: a clinic starts with it in
Spanish (988 in Spanish, AYUDA, the Spanish chat, 911), pages show the active language's message
and fall back to the default one, and a language added to the settings needs only a new row."""

import importlib

import pytest
from bs4 import BeautifulSoup
from django.apps import apps
from wagtail.contrib.settings.views import get_setting_edit_handler

from core.models import DEFAULT_CRISIS_CHAT_URL, ClinicSettings, CrisisMessage
from tests.factories import translation_of

pytestmark = pytest.mark.django_db

seeding = importlib.import_module("core.migrations.0004_spanish_crisis_message")


def test_a_new_clinic_starts_with_the_spanish_crisis_message(site):
    clinic = ClinicSettings.for_site(site)
    spanish = clinic.crisis_help("es")
    assert "988 y marque 2" in spanish.message
    assert "AYUDA" in spanish.message and "911" in spanish.message
    assert spanish.chat_url == "https://988lineadevida.org/"
    assert clinic.crisis_help("en").message == clinic.crisis_message
    assert clinic.crisis_help("en").chat_url == DEFAULT_CRISIS_CHAT_URL


def test_the_data_migration_gives_an_existing_clinic_its_spanish_message_once(site):
    clinic = ClinicSettings.for_site(site)
    clinic.crisis_messages.all().delete()
    seeding.add_spanish_crisis_message(apps, None)
    seeding.add_spanish_crisis_message(apps, None)
    (row,) = CrisisMessage.objects.filter(setting=clinic)
    assert row.language == "es" and "988lineadevida.org" in row.message


def test_the_footer_shows_the_active_languages_message_and_chat(client, home_page, site):
    spanish_home = translation_of(home_page, "es", title="Inicio", slug="inicio")
    page = BeautifulSoup(client.get(spanish_home.url).content, "html.parser")
    section = page.find("footer").find(class_="crisis")
    assert "marque 2" in section.get_text()
    assert section.find("a", href="https://988lineadevida.org/")
    assert section.find("a", href="tel:988") and section.find("a", href="tel:911")

    english = BeautifulSoup(client.get("/").content, "html.parser").find("footer")
    assert "marque 2" not in english.get_text()
    assert english.find("a", href=DEFAULT_CRISIS_CHAT_URL)


def test_a_language_without_its_own_message_falls_back_to_the_default_one(site):
    clinic = ClinicSettings.for_site(site)
    clinic.crisis_messages.all().delete()
    clinic = ClinicSettings.objects.get(pk=clinic.pk)
    help_now = clinic.crisis_help("es")
    assert (help_now.message, help_now.chat_url) == (clinic.crisis_message, DEFAULT_CRISIS_CHAT_URL)


def test_a_third_language_needs_only_its_row(site, settings):
    settings.LANGUAGES = [*settings.LANGUAGES, ("fr", "Français")]
    clinic = ClinicSettings.for_site(site)
    edit_handler = get_setting_edit_handler(ClinicSettings)
    form_class = edit_handler.get_form_class()
    row_form = form_class(instance=clinic, for_user=None).formsets["crisis_messages"].empty_form
    assert ("fr", "Français") in row_form.fields["language"].choices
    CrisisMessage.objects.create(
        setting=clinic, language="fr", message="Appelez le 988 ou le 911 maintenant."
    )
    clinic = ClinicSettings.objects.get(pk=clinic.pk)
    assert clinic.crisis_help("fr").message == "Appelez le 988 ou le 911 maintenant."
    assert clinic.crisis_help("fr").chat_url == DEFAULT_CRISIS_CHAT_URL
