"""The staff side of calls in the admin: the agenda (day and week, mine and the team's), its
query bound, who may see it, "My call hours", the team's call hours and the booking settings."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.test import RequestFactory
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data
from wagtail.users.models import UserProfile

from calls.admin.views import calls_menu
from calls.models import Call, CallBookingSettings, CallStatus, CallTaker
from tests.calls.conftest import clinic_time, make_taker
from tests.factories import LeadFactory, UserFactory

MONDAY = datetime.date(2026, 12, 7)


def make_call(lead, staff, starts_at, status=CallStatus.BOOKED):
    return Call.objects.create(
        lead=lead,
        staff=staff,
        starts_at=starts_at,
        ends_at=starts_at + datetime.timedelta(minutes=20),
        status=status,
        booked_by="visitor",
    )


def agenda(client, **query):
    response = client.get(reverse("calls_agenda"), query)
    assert response.status_code == 200
    return response, BeautifulSoup(response.content, "html.parser")


def rows(soup):
    return [
        " ".join(row.get_text(" ", strip=True).split())
        for row in soup.select("[data-testid=agenda-row]")
    ]


@pytest.fixture
def bo(taker):
    return make_taker("bo")


def test_the_day_agenda_shows_my_calls_by_lead_number_time_and_status_never_the_name(
    client, taker, bo, lead, contact_page
):
    make_call(lead, taker, clinic_time(2026, 12, 7, 10))
    make_call(LeadFactory(source_page=contact_page), bo, clinic_time(2026, 12, 7, 11))
    make_call(LeadFactory(source_page=contact_page), taker, clinic_time(2026, 12, 8, 10))
    client.force_login(taker)
    response, soup = agenda(client, view="day", date="2026-12-07", who="me")
    assert rows(soup) == [f"10:00–10:20 Lead #{lead.pk} {taker.get_full_name()} Booked"]
    assert soup.select_one("[data-testid=agenda-row] a")["href"] == reverse(
        "contact_requests:inspect", args=[lead.pk]
    )
    assert "Jordan" not in response.content.decode()
    _, soup = agenda(client, view="day", date="2026-12-07", who="team")
    assert [row.split(" ")[3] for row in rows(soup)] == ["Ana", "Bo"]
    assert all(row.startswith(("10:00", "11:00")) for row in rows(soup))


def test_times_are_the_clinics_whatever_zone_the_staff_member_reads_in(
    client, taker, lead, settings
):
    make_call(lead, taker, clinic_time(2026, 12, 7, 10))
    client.force_login(taker)
    profile = UserProfile.get_for_user(taker)
    profile.current_time_zone = "Europe/Madrid"
    profile.save()
    _, soup = agenda(client, date="2026-12-07")
    assert rows(soup)[0].startswith("10:00–10:20")


def test_the_week_agenda_runs_monday_to_sunday_with_previous_and_next_weeks(
    client, taker, lead, contact_page
):
    make_call(lead, taker, clinic_time(2026, 12, 7, 10))
    make_call(LeadFactory(source_page=contact_page), taker, clinic_time(2026, 12, 10, 15))
    make_call(LeadFactory(source_page=contact_page), taker, clinic_time(2026, 12, 14, 9))
    make_call(
        LeadFactory(source_page=contact_page),
        taker,
        clinic_time(2026, 12, 9, 9),
        status=CallStatus.CANCELLED_BY_VISITOR,
    )
    client.force_login(taker)
    _, soup = agenda(client, view="week", date="2026-12-09", who="me")
    assert [row.split(" ")[0] for row in rows(soup)] == [
        "10:00–10:20",
        "09:00–09:20",
        "15:00–15:20",
    ]
    assert "Cancelled by them" in rows(soup)[1]
    assert len(soup.select("[data-testid=agenda-day]")) == 3
    assert "Monday 07 December 2026" in soup.select_one("[data-testid=agenda-period]").text
    assert "date=2026-11-30" in soup.select_one("[data-testid=agenda-previous]")["href"]
    assert "date=2026-12-14" in soup.select_one("[data-testid=agenda-next]")["href"]


def test_an_empty_day_says_so(client, taker):
    client.force_login(taker)
    _, soup = agenda(client, view="day", date="2026-12-25", who="me")
    assert soup.select_one("[data-testid=agenda-empty]") is not None
    assert rows(soup) == []


def test_a_bad_date_falls_back_to_today(client, taker):
    client.force_login(taker)
    response, _ = agenda(client, date="not-a-date")
    assert response.context["period"].days == 1


def test_the_agenda_takes_the_same_queries_for_many_calls(
    client, taker, bo, contact_page, django_assert_max_num_queries
):
    client.force_login(taker)
    make_call(LeadFactory(source_page=contact_page), taker, clinic_time(2026, 12, 7, 9))
    # The admin's own (session, user, profile, menu, settings) plus one for the calls.
    with django_assert_max_num_queries(20) as few:
        agenda(client, view="week", date="2026-12-07", who="team")
    for day in range(7, 12):
        for hour in (10, 11, 12, 13):
            for staff in (taker, bo):
                make_call(
                    LeadFactory(source_page=contact_page), staff, clinic_time(2026, 12, day, hour)
                )
    with django_assert_max_num_queries(len(few.captured_queries)):
        _, soup = agenda(client, view="week", date="2026-12-07", who="team")
    assert len(rows(soup)) == 41


@pytest.mark.parametrize("url_name", ["calls_agenda", "calls_my_hours", "call_hours:index"])
def test_marketing_gets_no_calls_pages(client, site, marketing_user, url_name):
    client.force_login(marketing_user)
    assert client.get(reverse(url_name)).status_code == 403


@pytest.mark.parametrize("url_name", ["calls_agenda", "calls_my_hours", "call_hours:index"])
def test_intake_staff_and_superusers_open_the_calls_pages(client, site, intake_user, url_name):
    client.force_login(intake_user)
    assert client.get(reverse(url_name)).status_code == 200
    client.force_login(UserFactory(username="root", is_superuser=True, is_staff=True))
    assert client.get(reverse(url_name)).status_code == 200


def test_the_calls_menu_shows_to_intake_staff_only(site, intake_user, marketing_user):
    request = RequestFactory().get("/admin/")
    request.user = intake_user
    names = [item.name for item in calls_menu.menu_items_for_request(request)]
    assert names == ["calls-agenda", "calls-my-hours", "calls-hours"]
    request.user = marketing_user
    assert calls_menu.menu_items_for_request(request) == []


def test_intake_staff_edit_the_call_booking_settings_and_marketing_cannot(
    client, site, intake_user, marketing_user
):
    url = reverse("wagtailsettings:edit", args=["calls", "callbookingsettings", site.pk])
    client.force_login(intake_user)
    response = client.post(
        url,
        {"call_minutes": 30, "gap_minutes": 5, "notice_opening_hours": "1", "horizon_days": 7},
    )
    assert response.status_code == 302
    assert CallBookingSettings.for_site(site).call_minutes == 30
    client.force_login(marketing_user)
    response = client.get(url)
    assert response.status_code in (302, 403)
    assert not (response.status_code == 302 and response["Location"] == url)
    # And what Marketing posts changes nothing.
    client.post(
        url,
        {"call_minutes": 45, "gap_minutes": 5, "notice_opening_hours": "1", "horizon_days": 7},
    )
    assert CallBookingSettings.for_site(site).call_minutes == 30


def hours_form(*rows, takes_calls=True, **extra):
    return nested_form_data(
        {
            **({"takes_calls": "on"} if takes_calls else {}),
            **extra,
            "hours": inline_formset(
                [{"day": day, "starts": starts, "ends": ends} for day, starts, ends in rows]
            ),
            "days_off": inline_formset([]),
        }
    )


def test_my_call_hours_are_made_on_first_visit_not_taking_calls_until_saved(
    client, site, clinic_settings, intake_user
):
    client.force_login(intake_user)
    response = client.get(reverse("calls_my_hours"))
    assert response.status_code == 200
    taker = CallTaker.objects.get(user=intake_user)
    assert not taker.takes_calls
    assert b"not-taking-calls" in response.content
    response = client.post(
        reverse("calls_my_hours"), hours_form((0, "09:00", "12:00"), (2, "13:00", "17:30"))
    )
    assert response.status_code == 302
    taker.refresh_from_db()
    assert taker.takes_calls
    assert [str(row) for row in taker.hours.order_by("day")] == [
        "Monday 09:00–12:00",
        "Wednesday 13:00–17:30",
    ]


def test_hours_outside_the_clinics_are_refused_naming_its_hours(
    client, site, clinic_settings, intake_user
):
    client.force_login(intake_user)
    response = client.post(
        reverse("calls_my_hours"), hours_form((0, "07:00", "12:00"), (6, "10:00", "12:00"))
    )
    assert response.status_code == 200
    text = " ".join(BeautifulSoup(response.content, "html.parser").get_text().split())
    assert "Outside the clinic's hours on Mondays, 08:00–18:00" in text
    assert "The clinic is closed on Sundays" in text
    assert not CallTaker.objects.get(user=intake_user).hours.exists()


def test_the_team_call_hours_take_only_intake_staff_or_superusers(
    client, site, clinic_settings, intake_user, marketing_user
):
    colleague = UserFactory(username="cy", groups=["Intake staff"])
    client.force_login(intake_user)
    url = reverse("call_hours:add")
    response = client.post(url, hours_form((1, "09:00", "11:00"), user=marketing_user.pk))
    assert response.status_code == 200
    assert "Choose an intake staff member or a superuser" in response.content.decode()
    response = client.post(url, hours_form((1, "09:00", "11:00"), user=colleague.pk))
    assert response.status_code == 302
    assert CallTaker.objects.get(user=colleague).hours.get().day == 1
    index = client.get(reverse("call_hours:index"))
    assert "Tuesday 09:00–11:00" in index.content.decode()
