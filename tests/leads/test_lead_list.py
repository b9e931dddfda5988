"""The work list: urgent first, filters, search, export contents following the filter (and each
export recorded), a bounded number of queries whatever the page size, the dashboard panel and the
counts-only report."""

import csv
import datetime
import io

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from leads import follow_up
from leads.admin.panels import work_summary
from leads.models import LeadEvent, LeadExportRecord
from tests.factories import LeadFactory, SuperUserFactory, UserFactory
from tests.html_reading import order_of, parse

pytestmark = pytest.mark.django_db

INDEX = "/admin/contact-requests/"


@pytest.fixture
def staff_client(client, intake_user):
    client.force_login(intake_user)
    return client


def names_in(html, names):
    return [name for name in names if name in html]


def listed(client, query=""):
    html = client.get(INDEX + query).content.decode()
    return html


def test_urgent_leads_come_first_then_the_newest(staff_client, contact_page):
    now = timezone.now()
    LeadFactory(full_name="Older Calm", received_at=now - datetime.timedelta(days=2))
    LeadFactory(
        full_name="Older Urgent", is_urgent=True, received_at=now - datetime.timedelta(days=3)
    )
    LeadFactory(full_name="Newest Calm", received_at=now)
    listing = parse(staff_client.get(INDEX))
    order = order_of(listing, ["Older Calm", "Older Urgent", "Newest Calm"])
    assert order == ["Older Urgent", "Newest Calm", "Older Calm"]
    assert listing.select_one(".lead-urgent") is not None


@pytest.fixture
def mixed_leads(contact_page, home_page, intake_user):
    colleague = UserFactory(groups=["Intake staff"])
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    return {
        "mine": LeadFactory(
            full_name="Mine Contacted",
            status="contacted",
            assigned_to=intake_user,
            next_follow_up_on=yesterday,
            source_page=contact_page,
            utm_campaign="winter",
        ),
        "theirs": LeadFactory(
            full_name="Theirs New",
            assigned_to=colleague,
            source_page=home_page,
            utm_campaign="spring",
            language="es",
        ),
        "nobody": LeadFactory(
            full_name="Nobody New",
            phone="+15035550177",
            email="nobody@example.org",
            received_at=timezone.now() - datetime.timedelta(days=40),
        ),
    }


ALL = ["Mine Contacted", "Theirs New", "Nobody New"]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("?status=new", ["Theirs New", "Nobody New"]),
        ("?status=new&status=contacted", ALL),
        ("?assignment=me", ["Mine Contacted"]),
        ("?assignment=anyone", ["Mine Contacted", "Theirs New"]),
        ("?assignment=nobody", ["Nobody New"]),
        ("?overdue=on", ["Mine Contacted"]),
        ("?campaign=spring", ["Theirs New"]),
        ("?language=es", ["Theirs New"]),
        ("?language=en", ["Mine Contacted", "Nobody New"]),
        ("?q=nobody%40example", ["Nobody New"]),
        ("?q=theirs", ["Theirs New"]),
        ("?q=(503)%20555-0177", ["Nobody New"]),
    ],
)
def test_filters_and_search_narrow_the_list(staff_client, mixed_leads, query, expected):
    assert names_in(listed(staff_client, query), ALL) == [n for n in ALL if n in expected]


def test_source_page_and_received_date_filters(staff_client, mixed_leads, contact_page):
    assert names_in(listed(staff_client, f"?source_page={contact_page.pk}"), ALL) == [
        "Mine Contacted"
    ]
    since = (timezone.localdate() - datetime.timedelta(days=7)).isoformat()
    assert names_in(listed(staff_client, f"?received_at_from={since}"), ALL) == [
        "Mine Contacted",
        "Theirs New",
    ]


def test_the_list_shows_each_leads_language_by_its_english_name(staff_client, mixed_leads):
    listing = parse(staff_client.get(INDEX))
    headings = [heading.get_text(" ", strip=True) for heading in listing.select("thead th")]
    assert "Language" in headings
    name, language = headings.index("Name"), headings.index("Language")
    rows = [row.find_all(["td", "th"]) for row in listing.select("tbody tr")]
    assert {
        cells[name].get_text(" ", strip=True): cells[language].get_text(strip=True)
        for cells in rows
    } == {"Mine Contacted": "English", "Theirs New": "Spanish", "Nobody New": "English"}


def read_csv(response):
    text = b"".join(response.streaming_content).decode()
    return list(csv.DictReader(io.StringIO(text)))


def test_the_csv_export_follows_the_filter_and_is_recorded_with_it(
    staff_client, mixed_leads, intake_user
):
    response = staff_client.get(INDEX + "?status=new&export=csv")
    rows = read_csv(response)
    assert sorted(row["Full name"] for row in rows) == ["Nobody New", "Theirs New"]
    assert rows[0]["Status"] == "New"
    assert "Message" not in rows[0]
    record = LeadExportRecord.objects.get()
    assert (record.user, record.export_format, record.filters, record.row_count) == (
        intake_user,
        "csv",
        "status=new",
        2,
    )
    exported = set(LeadEvent.objects.filter(kind="exported").values_list("lead_id", flat=True))
    assert exported == {mixed_leads["theirs"].pk, mixed_leads["nobody"].pk}


def test_the_xlsx_export_follows_the_filter(staff_client, mixed_leads):
    response = staff_client.get(INDEX + "?assignment=me&export=xlsx")
    workbook = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    rows = list(workbook.active.values)
    assert rows[0][:3] == ("Number", "Received (America/New_York)", "Full name")
    assert [row[2] for row in rows[1:]] == ["Mine Contacted"]
    assert LeadExportRecord.objects.get().export_format == "xlsx"


def count_queries(client, query):
    # The filter's choice lists are cached; count them each time, as on a cold cache.
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        assert client.get(INDEX + query).status_code == 200
    return len(queries)


@pytest.mark.parametrize("query", ["", "?status=new&assignment=anyone&overdue=on"])
def test_the_list_runs_the_same_number_of_queries_for_5_or_50_leads(
    staff_client, contact_page, intake_user, query
):
    def add(count):
        for number in range(count):
            LeadFactory(
                source_page=contact_page, assigned_to=intake_user, utm_campaign=f"c{number}"
            )

    add(5)
    few = count_queries(staff_client, query)
    add(45)
    many = count_queries(staff_client, query)
    assert many == few
    assert few < 40


def test_the_dashboard_panel_counts_new_unassigned_overdue_and_median_first_contact(
    staff_client, intake_user, contact_page
):
    now = timezone.now()
    for hours in (1, 3, 5):
        lead = LeadFactory(received_at=now - datetime.timedelta(hours=hours + 24))
        follow_up.change_status(
            lead, "contacted", intake_user, now=now - datetime.timedelta(hours=24)
        )
    LeadFactory(received_at=now - datetime.timedelta(days=40))  # outside the 30 days, still New
    LeadFactory(
        received_at=now,
        assigned_to=intake_user,
        status="contacted",
        next_follow_up_on=timezone.localdate() - datetime.timedelta(days=1),
    )
    summary = work_summary(now)
    assert summary.median_first_contact == datetime.timedelta(hours=3)
    assert summary.unassigned == 4
    assert summary.overdue == 1
    html = staff_client.get("/admin/").content.decode()
    assert 'data-testid="median-first-contact">3 h 0 min' in html
    assert 'data-testid="unassigned">4' in html


def test_the_dashboard_panel_is_not_shown_to_marketing(client, marketing_user, contact_page):
    client.force_login(marketing_user)
    assert "median-first-contact" not in client.get("/admin/").content.decode()


def test_the_report_counts_requests_by_month_page_and_campaign_and_never_names(
    client, marketing_user, contact_page
):
    november = datetime.datetime(2026, 11, 10, 12, tzinfo=datetime.UTC)
    october = datetime.datetime(2026, 10, 10, 12, tzinfo=datetime.UTC)
    for _ in range(5):
        LeadFactory(
            full_name="Secret Name",
            source_page=contact_page,
            utm_campaign="winter",
            received_at=november,
        )
    LeadFactory(
        full_name="Secret Name",
        source_page=contact_page,
        utm_campaign="winter",
        received_at=november,
        status="became_patient",
    )
    LeadFactory(
        full_name="Secret Name", source_page=contact_page, received_at=october, message="private"
    )
    LeadFactory(full_name="Spammer", source_page=contact_page, received_at=october, status="spam")
    client.force_login(marketing_user)
    html = client.get(reverse("leads_by_article")).content.decode()
    assert "Secret Name" not in html and "private" not in html
    rows = read_csv(client.get(reverse("leads_by_article") + "?export=csv"))
    # Marketing sees a group of 1 to 4 folded, its count as a range, and not who became a
    # patient (test_small_counts.py); spam is not counted.
    assert rows == [
        {
            "Month": "2026-11",
            "Page": "Request a call",
            "Source": "",
            "Campaign": "winter",
            "Requests": "6",
        },
        {
            "Month": "2026-10",
            "Page": "Other (small groups)",
            "Source": "Other (small groups)",
            "Campaign": "Other (small groups)",
            "Requests": "1–4",
        },
    ]


def test_the_menu_item_shows_how_many_leads_are_new(staff_client, contact_page, intake_user):
    LeadFactory()
    LeadFactory()
    LeadFactory(status="contacted")
    assert "Leads (2 new)" in staff_client.get("/admin/").content.decode()


def test_search_by_email_is_case_insensitive(staff_client, mixed_leads):
    assert names_in(listed(staff_client, "?q=NOBODY%40EXAMPLE.ORG"), ALL) == ["Nobody New"]


def test_superusers_audit_the_exports_and_intake_staff_cannot_hide_them(
    client, staff_client, mixed_leads
):
    staff_client.get(INDEX + "?campaign=winter&export=csv")
    # A Wagtail viewset refuses with a redirect to the dashboard.
    assert staff_client.get(reverse("lead_exports:index")).status_code == 302
    client.force_login(SuperUserFactory())
    html = client.get(reverse("lead_exports:index")).content.decode()
    assert "campaign=winter" in html
    assert "intake.ana" in html
