"""The Insights pages as staff see them: who may open which, what each chart says, the table
beside it, the downloads that match it, and the small-count rule on what Marketing reads."""

import csv
import datetime
import io

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from calls.models import BookedBy, Call, CallStatus
from insights import figures
from leads.models import Lead, LeadStatus
from tests.calls.conftest import make_taker
from tests.factories import LeadFactory, UserFactory

pytestmark = pytest.mark.django_db

INTAKE_URL = "/admin/insights/intake/"
MARKETING_URL = "/admin/insights/marketing/"


def recent(days_ago: int, hours_to_contact=None, **fields):
    received = timezone.now() - datetime.timedelta(days=days_ago)
    lead = LeadFactory(received_at=received, **fields)
    if hours_to_contact is not None:
        Lead.objects.filter(pk=lead.pk).update(
            first_contacted_at=received + datetime.timedelta(hours=hours_to_contact),
            first_contact_opening_hours=hours_to_contact,
            status=fields.get("status", LeadStatus.CONTACTED),
        )
    return lead


@pytest.fixture
def some_leads(site):
    for _ in range(6):
        recent(3, 2, utm_campaign="spring-news")
    recent(3, 1, status=LeadStatus.BECAME_PATIENT, utm_campaign="spring-news")
    recent(2, 0.5, is_urgent=True)
    for _ in range(2):
        recent(4, referrer="https://www.google.com/")


def page(client, url, **params):
    response = client.get(url, params)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


@pytest.mark.parametrize(
    ("role", "intake", "marketing"),
    [("intake", 200, 200), ("superuser", 200, 200), ("marketing", 403, 200), ("editor", 403, 403)],
)
def test_who_may_open_each_insights_page(client, role, intake, marketing):
    user = (
        UserFactory(is_superuser=True)
        if role == "superuser"
        else UserFactory(
            groups={"intake": ["Intake staff"], "marketing": ["Marketing"]}.get(role, ["Editors"])
        )
    )
    client.force_login(user)
    assert client.get(INTAKE_URL).status_code == intake
    assert client.get(MARKETING_URL).status_code == marketing
    assert client.get(INTAKE_URL, {"figure": "speed", "format": "csv"}).status_code == intake


def test_anonymous_visitors_are_sent_to_sign_in(client):
    for url in (INTAKE_URL, MARKETING_URL):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("wagtailadmin_login"))


def test_the_intake_page_shows_each_chart_with_a_summary_and_a_table(
    client, intake_user, some_leads
):
    client.force_login(intake_user)
    soup = page(client, INTAKE_URL)
    figures = {section["data-figure"]: section for section in soup.select("section[data-figure]")}
    assert list(figures) == [
        "speed",
        "urgent",
        "funnel",
        "booked_calls",
        "booking_time",
        "calls",
        "call_hours",
        "workload",
        "languages",
        "hours",
        "weekdays",
    ]
    speed = figures["speed"]
    summary = speed.select_one(".insights-figure__summary").get_text()
    assert "7 of 9 requests were contacted" in summary
    assert "2 not contacted yet" in summary
    assert "Urgent requests are shown on their own" in summary
    assert speed.select_one("svg[role=img]")["aria-labelledby"] == (
        "figure-speed-title figure-speed-summary"
    )
    assert speed.select_one("svg .target") is not None, "the target is drawn as a line"
    assert speed.select_one("details summary").get_text() == "Show as table"
    urgent = figures["urgent"].select_one(".insights-figure__summary").get_text()
    assert urgent.startswith("1 urgent request (a crisis phrase")
    funnel_rows = [
        [cell.get_text() for cell in row.select("th, td")]
        for row in figures["funnel"].select("tbody tr")
    ]
    assert funnel_rows[0:4] == [
        ["Requests", "10", "—", "0"],
        ["Contacted", "8", "80%", "0"],
        ["Consultation scheduled", "1", "12%", "0"],
        ["Became a patient", "1", "100%", "0"],
    ]


def test_marketing_sees_no_patients_and_no_count_from_one_to_four(
    client, marketing_user, some_leads
):
    client.force_login(marketing_user)
    soup = page(client, MARKETING_URL)
    text = soup.select_one("main").get_text(" ")
    assert "patient" not in text.lower()
    cells = [cell.get_text(strip=True) for cell in soup.select("td")]
    assert "1–4" in cells
    assert not {"1", "2", "3", "4"} & set(cells)
    labels = [title.get_text() for title in soup.select("svg title")]
    assert labels and not any(label.endswith((": 1", ": 2", ": 3", ": 4")) for label in labels)
    response = client.get(MARKETING_URL, {"figure": "campaigns", "format": "csv"})
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows == [["Campaign", "Requests", "Booked a call"], ["spring-news", "7", "0"]]
    channels = list(
        csv.reader(
            io.StringIO(
                client.get(MARKETING_URL, {"figure": "channels", "format": "csv"}).content.decode()
            )
        )
    )
    assert {"1", "2", "3", "4"}.isdisjoint(cell for row in channels for cell in row)


def test_intake_sees_patients_on_the_marketing_page(client, intake_user, some_leads):
    client.force_login(intake_user)
    response = client.get(MARKETING_URL, {"figure": "campaigns", "format": "csv"})
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows == [
        ["Campaign", "Requests", "Booked a call", "Became patients"],
        ["spring-news", "7", "0", "1–4"],
    ]


def test_downloads_match_the_table_behind_the_chart(client, intake_user, some_leads):
    client.force_login(intake_user)
    soup = page(client, INTAKE_URL)
    table = soup.select_one("section[data-figure=weekdays] table")
    shown = [[cell.get_text() for cell in row.select("th, td")] for row in table.select("tr")]
    csv_rows = list(
        csv.reader(
            io.StringIO(
                client.get(INTAKE_URL, {"figure": "weekdays", "format": "csv"}).content.decode()
            )
        )
    )
    assert csv_rows == shown
    response = client.get(INTAKE_URL, {"figure": "weekdays", "format": "xlsx"})
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert [[str(cell) for cell in row] for row in sheet.iter_rows(values_only=True)] == shown
    assert 'filename="insights-intake-weekdays-' in response["Content-Disposition"]


def test_a_campaign_name_that_looks_like_a_formula_stays_text_in_downloads(client, intake_user):
    # Five requests: a campaign with fewer is folded into "Other (small groups)".
    for _ in range(5):
        recent(2, 1, utm_campaign='=HYPERLINK("http://evil.example","x")')
    client.force_login(intake_user)
    response = client.get(MARKETING_URL, {"figure": "campaigns", "format": "xlsx"})
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet["A2"].value.startswith("'=HYPERLINK")
    assert sheet["A2"].data_type == "s"


def test_a_custom_period_and_its_errors(client, intake_user, some_leads):
    client.force_login(intake_user)
    today = timezone.localdate()
    soup = page(
        client,
        INTAKE_URL,
        period="custom",
        start=f"{today - datetime.timedelta(days=3):%Y-%m-%d}",
        end=f"{today:%Y-%m-%d}",
    )
    assert "compared with the 4 days before" in soup.get_text()
    soup = page(client, INTAKE_URL, period="custom", start=f"{today:%Y-%m-%d}", end="")
    assert "Give both a start and an end date" in soup.select_one("[role=alert]").get_text()
    soup = page(client, INTAKE_URL, period="custom", start="2026-12-10", end="2026-12-01")
    assert "on or after the start date" in soup.select_one("[role=alert]").get_text()
    assert client.get(INTAKE_URL, {"figure": "nope", "format": "csv"}).status_code == 404
    assert client.get(INTAKE_URL, {"figure": "speed", "format": "pdf"}).status_code == 404


def test_the_dashboard_panel_and_menu_for_intake_only(
    client, intake_user, marketing_user, some_leads
):
    client.force_login(intake_user)
    dashboard = page(client, "/admin/")
    assert "7 of 9 requests contacted" in dashboard.select_one(
        "[data-testid=insights-panel-summary]"
    ).get_text(" ")
    assert INTAKE_URL in str(dashboard)
    client.force_login(marketing_user)
    dashboard = page(client, "/admin/")
    assert dashboard.select_one("[data-testid=insights-panel-summary]") is None
    assert MARKETING_URL in str(dashboard) and INTAKE_URL not in str(dashboard)


def test_an_intake_page_keeps_a_fixed_number_of_queries(
    client, intake_user, some_leads, django_assert_max_num_queries
):
    client.force_login(intake_user)
    client.get(INTAKE_URL)
    for _ in range(30):
        recent(5, 3)
    with django_assert_max_num_queries(40) as first:
        client.get(INTAKE_URL)
    for _ in range(30):
        recent(6, 3, is_urgent=False)
    with django_assert_max_num_queries(len(first.captured_queries)):
        client.get(INTAKE_URL)


def test_urgent_requests_show_when_they_arrived_in_clinic_time(client, intake_user, site):
    """The table and the bar labels give the clinic's local time (America/New_York in the test
    settings), not the UTC the database keeps."""
    week_start = timezone.localdate() - datetime.timedelta(days=timezone.localdate().weekday())
    received = datetime.datetime.combine(
        week_start, datetime.time(9, 5), timezone.get_current_timezone()
    )
    lead = LeadFactory(received_at=received, is_urgent=True)
    client.force_login(intake_user)
    urgent = page(client, INTAKE_URL).select_one("section[data-figure=urgent]")
    cells = [cell.get_text() for cell in urgent.select("tbody tr th, tbody tr td")]
    assert cells == [str(lead.pk), f"{week_start:%Y-%m-%d} 09:05", "—"]
    assert (
        urgent.select_one("svg title")
        .get_text()
        .startswith(f"#{lead.pk}, {week_start.day} {week_start:%b} 09:05")
    )


def test_many_urgent_requests_are_drawn_in_bands_and_each_stays_in_the_table(
    client, intake_user, site
):
    for number in range(31):
        recent(number % 20 + 1, [0.5, 1.5, 3, 6, 9][number % 5], is_urgent=True)
    recent(2, None, is_urgent=True)
    client.force_login(intake_user)
    soup = page(client, INTAKE_URL, period="12w")
    urgent = soup.select_one("section[data-figure=urgent]")
    summary = urgent.select_one(".insights-figure__summary").get_text()
    assert summary.startswith("32 urgent requests")
    assert "the chart counts them by opening hours to first contact" in summary
    bars = [title.get_text() for title in urgent.select("svg title")]
    assert bars == [
        "Under 1 h, Urgent requests: 7",
        "1 to 2 h, Urgent requests: 6",
        "2 to 4 h, Urgent requests: 6",
        "4 to 8 h, Urgent requests: 6",
        "8 h or more, Urgent requests: 6",
        "Not contacted yet, Urgent requests: 1",
    ]
    assert len(urgent.select("tbody tr")) == 32


def test_table_cells_are_escaped(client, intake_user, site):
    for _ in range(5):
        recent(2, 1, utm_campaign='<img src=x onerror="alert(1)">')
    client.force_login(intake_user)
    response = client.get(INTAKE_URL.replace("intake", "marketing"))
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.select_one("img[onerror]") is None
    assert '<img src=x onerror="alert(1)">' in [
        cell.get_text() for cell in soup.select("section[data-figure=campaigns] tbody th")
    ]


def test_campaigns_and_pages_of_one_to_four_requests_fold_into_one_row_on_screen_and_in_downloads(
    client, marketing_user, some_leads
):
    # Links made for one person each: a campaign value used once per request.
    for person in ("jo-smith", "pat-lee", "sam-ortiz"):
        recent(2, 1, utm_campaign=f"newsletter-{person}")
    client.force_login(marketing_user)

    soup = page(client, MARKETING_URL)
    shown = [
        [cell.get_text(strip=True) for cell in row.select("th, td")]
        for row in soup.select("section[data-figure=campaigns] tbody tr")
    ]
    assert shown == [["spring-news", "7", "0"], ["Other (small groups)", "1–4", "0"]]
    labels = " ".join(title.get_text() for title in soup.select("svg title"))
    assert "newsletter-" not in labels and "newsletter-" not in soup.get_text()
    downloaded = list(
        csv.reader(
            io.StringIO(
                client.get(MARKETING_URL, {"figure": "campaigns", "format": "csv"}).content.decode()
            )
        )
    )
    assert downloaded == [
        ["Campaign", "Requests", "Booked a call"],
        ["spring-news", "7", "0"],
        ["Other (small groups)", "1–4", "0"],
    ]
    sheet = load_workbook(
        io.BytesIO(client.get(MARKETING_URL, {"figure": "campaigns", "format": "xlsx"}).content)
    ).active
    assert [cell for row in sheet.iter_rows(values_only=True) for cell in row][-3:] == [
        "Other (small groups)",
        "1–4",
        0,
    ]


def test_requests_by_language_for_intake_and_marketing_fold_a_rare_language(
    client, intake_user, marketing_user, site, settings
):
    settings.LANGUAGES = [*settings.LANGUAGES, ("pt", "Português")]
    for _ in range(5):
        recent(3, 1)
    for _ in range(5):
        recent(3, 1, language="es")
    recent(2, 1, language="es", status=LeadStatus.BECAME_PATIENT)
    recent(2, 1, language="pt")  # one person: never a row of their own

    def download(url):
        response = client.get(url, {"figure": "languages", "format": "csv"})
        return list(csv.reader(io.StringIO(response.content.decode())))

    client.force_login(intake_user)
    assert download(INTAKE_URL) == [
        ["Language", "Requests", "Became patients"],
        ["Spanish", "6", "1"],
        ["English", "5", "0"],
        ["Other (small groups)", "1", "0"],
    ]
    client.force_login(marketing_user)
    soup = page(client, MARKETING_URL)
    shown = [
        [cell.get_text(strip=True) for cell in row.select("th, td")]
        for row in soup.select("section[data-figure=languages] tbody tr")
    ]
    assert shown == [["Spanish", "6"], ["English", "5"], ["Other (small groups)", "1–4"]]
    assert "Portuguese" not in soup.get_text()
    assert download(MARKETING_URL)[-1] == ["Other (small groups)", "1–4"]


def call_for(lead, staff, starts, status=CallStatus.BOOKED):
    return Call.objects.create(
        lead=lead,
        staff=staff,
        starts_at=starts,
        ends_at=starts + datetime.timedelta(minutes=20),
        status=status,
        booked_by=BookedBy.VISITOR,
        booked_at=lead.received_at + datetime.timedelta(hours=1),
    )


def csv_rows(client, url, figure):
    response = client.get(url, {"figure": figure, "format": "csv"})
    return list(csv.reader(io.StringIO(response.content.decode())))


def test_marketing_sees_how_many_requests_of_each_campaign_page_and_channel_booked_a_call(
    client, marketing_user, contact_page
):
    staff = UserFactory()
    starts = timezone.now() - datetime.timedelta(days=1)
    spring = [recent(3, 1, utm_campaign="spring-news", source_page=contact_page) for _ in range(6)]
    autumn = [recent(3, 1, utm_campaign="autumn") for _ in range(5)]
    for number, lead in enumerate([*spring[:5], *autumn[:2]]):
        call_for(lead, staff, starts + datetime.timedelta(minutes=30 * number), CallStatus.HELD)
    client.force_login(marketing_user)

    expected = [
        ["Campaign", "Requests", "Booked a call"],
        ["spring-news", "6", "5"],
        ["autumn", "5", "1–4"],
    ]
    assert csv_rows(client, MARKETING_URL, "campaigns") == expected
    sheet = load_workbook(
        io.BytesIO(client.get(MARKETING_URL, {"figure": "campaigns", "format": "xlsx"}).content)
    ).active
    assert [[str(cell) for cell in row] for row in sheet.iter_rows(values_only=True)] == expected
    assert csv_rows(client, MARKETING_URL, "pages")[1] == [contact_page.title, "6", "5"]
    channels = csv_rows(client, MARKETING_URL, "channels")
    assert channels[0][1:3] == ["Campaign", "Campaign: booked a call"]
    assert {"1", "2", "3", "4"}.isdisjoint(cell for row in channels for cell in row)
    soup = page(client, MARKETING_URL)
    shown = [
        [cell.get_text(strip=True) for cell in row.select("th, td")]
        for row in soup.select("section[data-figure=campaigns] tbody tr")
    ]
    assert shown == expected[1:]
    summary = soup.select_one("section[data-figure=channels] .insights-figure__summary")
    assert "campaign (11, 7 booked a call)" in summary.get_text()


def test_the_intake_page_shows_bookings_calls_and_how_full_the_call_hours_are(
    client, intake_user, site
):
    weekdays = [(day, 9, 12) for day in range(5)] + [(day, 13, 17) for day in range(5)]
    ana = make_taker("ana", hours=weekdays)
    held = recent(3, 1)
    call_for(held, ana, timezone.now() - datetime.timedelta(days=2), CallStatus.HELD)
    upcoming = recent(1)
    today = timezone.localdate()
    next_weekday = next(
        today + datetime.timedelta(days=days)
        for days in range(1, 8)
        if (today + datetime.timedelta(days=days)).weekday() < 5
    )
    call_for(
        upcoming,
        ana,
        datetime.datetime.combine(next_weekday, datetime.time(10), timezone.get_current_timezone()),
    )
    recent(2)
    client.force_login(intake_user)

    soup = page(client, INTAKE_URL)

    def summary(key):
        section = soup.select_one(f"section[data-figure={key}]")
        return section.select_one(".insights-figure__summary").get_text()

    assert summary("booked_calls").startswith("Last 4 weeks: 2 of 3 requests (67%) booked a call")
    assert "half had it booked within 1 h of sending the request" in summary("booking_time")
    assert summary("calls").startswith("Last 4 weeks: 1 call held and 0 not answered")
    offered = figures.offered_call_minutes(site, today, today + datetime.timedelta(days=13))
    assert offered[ana.pk] > 0
    assert csv_rows(client, INTAKE_URL, "call_hours") == [
        ["Call taker", "Booked (min)", "Offered (min)", "Booked share"],
        [ana.get_full_name(), "20", str(offered[ana.pk]), f"{20 / offered[ana.pk]:.0%}"],
    ]
    assert "The next 14 days, today included" in summary("call_hours")
