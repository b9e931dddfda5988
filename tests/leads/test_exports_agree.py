"""Exports agree with the screen and with each other: times in the clinic's zone, named in the
heading, in CSV and XLSX alike; and no invisible format character in any cell, even from a row
stored before they were refused."""

import csv
import datetime
import io

import pytest
from openpyxl import load_workbook

from tests.factories import LeadFactory

pytestmark = pytest.mark.django_db

INDEX = "/admin/contact-requests/"
# 14:30 UTC on a summer day is 10:30 in New York (EDT).
RECEIVED = datetime.datetime(2026, 7, 1, 14, 30, tzinfo=datetime.UTC)


@pytest.fixture
def staff_client(client, intake_user):
    client.force_login(intake_user)
    return client


def csv_table(response) -> list[dict]:
    text = b"".join(response.streaming_content).decode()
    return list(csv.DictReader(io.StringIO(text)))


def xlsx_table(response) -> list[dict]:
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    rows = list(sheet.iter_rows(values_only=True))
    return [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]


def test_csv_and_xlsx_give_the_clinic_time_and_name_the_zone(staff_client, settings):
    settings.TIME_ZONE = "America/New_York"
    LeadFactory(received_at=RECEIVED)

    (from_csv,) = csv_table(staff_client.get(INDEX + "?export=csv"))
    (from_xlsx,) = xlsx_table(staff_client.get(INDEX + "?export=xlsx"))

    heading = "Received (America/New_York)"
    assert from_csv[heading] == "2026-07-01 10:30"
    assert from_xlsx[heading] == datetime.datetime(2026, 7, 1, 10, 30)


def test_no_export_cell_carries_a_format_character(staff_client):
    # A row stored before format characters were refused at intake.
    LeadFactory(
        full_name="Anne\u202eevil\u200b Smith",
        best_time="\u2066mornings\u2069",
        utm_campaign="spring\ufeff",
    )

    for export_format, table in (("csv", csv_table), ("xlsx", xlsx_table)):
        (row,) = table(staff_client.get(f"{INDEX}?export={export_format}"))
        cells = " ".join(str(value) for value in row.values())
        assert "Anneevil Smith" in cells
        assert "mornings" in cells and "spring" in cells
        for invisible in ("\u202e", "\u200b", "\u2066", "\u2069", "\ufeff"):
            assert invisible not in cells, f"{invisible!r} in the {export_format} export"
