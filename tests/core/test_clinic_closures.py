"""Clinic closures (holidays), kept once in Settings → Clinic details: the days they close, their
check, the admin form that saves them, the shared page data that serves them (and forgets them
when one changes), and the footer's line about the next ones, in English and Spanish."""

import datetime

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from core.models import ClinicClosure, ClinicSettings
from tests.factories import SuperUserFactory, translation_of
from tests.html_reading import parse, text_of

pytestmark = pytest.mark.django_db

# A Tuesday; Thanksgiving 2026 is Thursday 26 November.
TODAY = datetime.date(2026, 11, 17)


def day(number: int, month: int = 11) -> datetime.date:
    return datetime.date(2026, month, number)


@pytest.fixture
def holidays(clinic_settings):
    """Thanksgiving and the day after, and Christmas Eve on its own."""
    ClinicClosure.objects.create(
        setting=clinic_settings, first_day=day(26), last_day=day(27), reason="Thanksgiving"
    )
    ClinicClosure.objects.create(setting=clinic_settings, first_day=day(24, 12), reason="Eve")
    return ClinicSettings.objects.get(pk=clinic_settings.pk)


def test_closed_days_are_the_closures_dates_inside_the_range(holidays):
    assert holidays.closed_days(day(1), day(30)) == {day(26), day(27)}
    # A range that cuts a closure keeps only its part of it; both ends are included.
    assert holidays.closed_days(day(27), day(24, 12)) == {day(27), day(24, 12)}
    assert holidays.closed_days(day(28), day(23, 12)) == set()


def test_a_closure_cannot_end_before_it_begins(clinic_settings):
    backwards = ClinicClosure(setting=clinic_settings, first_day=day(27), last_day=day(26))
    with pytest.raises(ValidationError) as error:
        backwards.full_clean()
    assert error.value.message_dict["last_day"] == ["The last day cannot be before the first day."]
    # No last day: the first day only.
    ClinicClosure(setting=clinic_settings, first_day=day(26)).full_clean()


def clinic_form_data(clinic: ClinicSettings, closures: list[dict]) -> dict:
    """The Clinic details form as the admin posts it: the details, hours and crisis messages as
    they are, and `closures` as new rows."""
    return nested_form_data(
        {
            "clinic_name": clinic.clinic_name,
            "phone": clinic.phone.as_e164,
            "email": clinic.email,
            "street_address": clinic.street_address,
            "locality": clinic.locality,
            "region": clinic.region,
            "postal_code": clinic.postal_code,
            "country": clinic.country,
            "crisis_message": clinic.crisis_message,
            "hours": inline_formset(
                [
                    {"id": row.pk, "day": row.day, "opens": row.opens, "closes": row.closes}
                    for row in clinic.opening_rows
                ],
                initial=len(clinic.opening_rows),
            ),
            "closures": inline_formset(closures),
            "crisis_messages": inline_formset(
                [
                    {"id": row.pk, "language": row.language, "message": row.message}
                    for row in clinic.crisis_message_rows.values()
                ],
                initial=len(clinic.crisis_message_rows),
            ),
        }
    )


def test_an_editor_adds_a_closure_in_the_clinic_details(client, site, clinic_settings):
    client.force_login(SuperUserFactory(username="owner"))
    url = reverse("wagtailsettings:edit", args=["core", "clinicsettings", site.pk])
    form = parse(client.get(url))
    assert "Closures (holidays)" in text_of(form)
    data = clinic_form_data(
        clinic_settings,
        [{"first_day": "2026-11-26", "last_day": "2026-11-27", "reason": "Thanksgiving"}],
    )
    response = client.post(url, data)
    assert response.status_code == 302, response.context["form"].errors
    (closure,) = ClinicClosure.objects.filter(setting=clinic_settings)
    assert (closure.first_day, closure.last_day, closure.reason) == (
        day(26),
        day(27),
        "Thanksgiving",
    )


def test_the_clinic_details_form_refuses_a_closure_ending_before_it_begins(
    client, site, clinic_settings
):
    client.force_login(SuperUserFactory(username="owner"))
    url = reverse("wagtailsettings:edit", args=["core", "clinicsettings", site.pk])
    data = clinic_form_data(
        clinic_settings, [{"first_day": "2026-11-27", "last_day": "2026-11-26"}]
    )
    response = client.post(url, data)
    assert response.status_code == 200
    (row_errors,) = response.context["form"].formsets["closures"].errors
    assert row_errors["last_day"] == ["The last day cannot be before the first day."]
    assert not ClinicClosure.objects.exists()


def test_saving_or_deleting_a_closure_purges_the_shared_page_data(site, clinic_settings):
    assert ClinicSettings.for_site(site).closure_rows == []
    closure = ClinicClosure.objects.create(setting=clinic_settings, first_day=day(26))
    assert ClinicSettings.for_site(site).closed_days(day(1), day(30)) == {day(26)}
    closure.delete()
    assert ClinicSettings.for_site(site).closure_rows == []


def test_the_shared_page_data_serves_the_closures_without_a_query(site, holidays):
    ClinicSettings.for_site(site)
    with CaptureQueriesContext(connection) as queries:
        assert ClinicSettings.for_site(site).closed_days(day(26), day(26)) == {day(26)}
    assert len(queries) == 0, [query["sql"][:80] for query in queries]


def test_pages_read_the_closures_from_the_shared_page_data(client, holidays):
    client.get("/")
    with CaptureQueriesContext(connection) as queries:
        client.get("/")
    assert not [query for query in queries if "core_clinicclosure" in query["sql"]]


def footer_closures(client, url: str = "/") -> str:
    line = parse(client.get(url)).select_one(".site-footer .site-footer__closures")
    return text_of(line) if line else ""


@time_machine.travel(datetime.datetime(2026, 11, 17, 12), tick=False)
def test_a_closure_saved_or_deleted_shows_on_the_next_page(client, clinic_settings):
    assert footer_closures(client) == ""
    closure = ClinicClosure.objects.create(setting=clinic_settings, first_day=day(26))
    assert footer_closures(client) == "Closed on November 26, 2026."
    closure.delete()
    assert footer_closures(client) == ""


def test_the_footer_names_the_closures_of_the_next_two_weeks(client, holidays):
    with time_machine.travel(datetime.datetime(2026, 11, 17, 12), tick=False):
        assert footer_closures(client) == "Closed from November 26, 2026 to November 27, 2026."
    with time_machine.travel(datetime.datetime(2026, 11, 27, 12), tick=False):
        # The last day of Thanksgiving's closure; Christmas Eve is still four weeks away.
        assert footer_closures(client) == "Closed from November 26, 2026 to November 27, 2026."
    with time_machine.travel(datetime.datetime(2026, 12, 10, 12), tick=False):
        assert footer_closures(client) == "Closed on December 24, 2026."
    with time_machine.travel(datetime.datetime(2026, 12, 25, 12), tick=False):
        assert footer_closures(client) == ""


def test_the_upcoming_closures_are_those_not_over_within_the_days_asked(holidays):
    thanksgiving, eve = holidays.closure_rows
    assert holidays.upcoming_closures(TODAY) == [thanksgiving]
    assert holidays.upcoming_closures(TODAY, days=8) == []
    assert holidays.upcoming_closures(day(27), days=27) == [thanksgiving, eve]
    assert holidays.upcoming_closures(day(28), days=27) == [eve]


@time_machine.travel(datetime.datetime(2026, 12, 20, 12), tick=False)
def test_a_spanish_visitor_reads_the_closures_in_spanish(client, holidays, home_page):
    ClinicClosure.objects.create(
        setting=holidays, first_day=day(31, 12), last_day=datetime.date(2027, 1, 1)
    )
    translation_of(home_page, title="Inicio", slug="inicio")
    assert footer_closures(client, "/es/") == (
        "Cerrado el 24 de diciembre de 2026. "
        "Cerrado del 31 de diciembre de 2026 al 1 de enero de 2027."
    )
