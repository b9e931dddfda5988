"""Clinic closures (holidays), kept once in Settings → Clinic details: the days they close, their
check, the admin form that saves them, and the shared page data that serves them (and forgets
them when one changes)."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from core.models import ClinicClosure, ClinicSettings
from tests.factories import SuperUserFactory
from tests.html_reading import parse, text_of

pytestmark = pytest.mark.django_db


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
