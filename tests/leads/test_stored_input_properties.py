"""Hostile text never loses a request, proved with hypothesis on PostgreSQL:
arbitrary text, NUL and other control characters, lone surrogates, right-to-left marks and 10 KB
strings in every value that comes from a request and is stored give no server error, and the lead
is saved every time (the form's own checks may still ask the visitor to correct a field).

Bounded and deterministic in CI (tests/conftest.py loads the "clinic" hypothesis profile)."""

import time
import unicodedata
from urllib.parse import quote

import pytest
from django.test import Client
from hypothesis import given, settings
from hypothesis import strategies as st

from leads.contact_form import make_shown_at_token
from leads.intake import submit_lead
from leads.models import Inquiry, Lead, LeadExportRecord

pytestmark = [pytest.mark.django_db, pytest.mark.real_services]

AWKWARD = [
    "\x00",
    "\x01",
    "\x1b[31m",
    "\x7f",
    "\r\n",
    "\u2028",
    "\ud800",
    "\udfff",
    "\u200f",
    "\u202e",
    "\ufeff",
    "\u2066",
    "\u200b",
    "\u200d",
    "\u061c",
    "%00",
    "'; DROP TABLE leads_lead; --",
]
hostile_text = st.one_of(
    st.lists(
        st.one_of(st.characters(codec=None, exclude_categories=()), st.sampled_from(AWKWARD)),
        max_size=30,
    ).map("".join),
    st.builds(
        lambda unit, size: unit * (size // len(unit)),
        st.sampled_from(["x", "é", "\x00", "\u202e", "\ud800", "文字"]),
        st.integers(min_value=2_000, max_value=10_240),
    ),
)
FIRST_TOUCH_FIELDS = (
    "utm_source",
    "utm_medium",
    "utm_campaign",
    "utm_term",
    "utm_content",
)


@pytest.fixture(autouse=True)
def generous_rate_limits(settings):
    settings.LEADS_RATE_PER_CLIENT = "100000/m"
    settings.LEADS_RATE_PER_EMAIL = "100000/m"


def as_sent(value: str) -> str:
    """What a browser would send: the value's UTF-8 bytes, percent-encoded (a lone surrogate goes
    out as the bytes an attacker could craft)."""
    return quote(value.encode("utf-8", "surrogatepass"), safe="")


def stored_text(instance) -> str:
    return "".join(
        str(getattr(instance, field.attname) or "")
        for field in instance._meta.concrete_fields
        if field.get_internal_type() in ("CharField", "TextField")
    )


@settings(max_examples=40)
@given(
    values=st.fixed_dictionaries(
        dict.fromkeys(
            (
                "full_name",
                "best_time",
                "message",
                "source_url",
                "landing_page",
                "referrer",
                *FIRST_TOUCH_FIELDS,
            ),
            hostile_text,
        )
    )
)
def test_submit_lead_saves_any_text_cleaned_and_cut_to_its_column(
    require_postgres, contact_page, values
):
    before = Lead.objects.count() + Inquiry.objects.count()
    lead = submit_lead(
        details={
            "full_name": values["full_name"],
            "email": "visitor@example.org",
            "phone": "",
            "preferred_contact_method": "email",
            "best_time": values["best_time"],
            "message": values["message"],
        },
        consent_version="consent-2026-11",
        source_page=contact_page,
        source_url=values["source_url"],
        first_touch={
            name: values[name] for name in ("landing_page", "referrer", *FIRST_TOUCH_FIELDS)
        },
    )
    assert Lead.objects.count() + Inquiry.objects.count() == before + (
        2 if lead.inquiries.count() == 1 else 1
    )
    saved = Inquiry.objects.filter(lead=lead).order_by("-pk").first()
    for row in (Lead.objects.get(pk=lead.pk), saved):
        text = stored_text(row)
        assert "\x00" not in text
        assert not any(0xD800 <= ord(ch) <= 0xDFFF for ch in text)
        for field in row._meta.concrete_fields:
            if field.get_internal_type() == "CharField":
                value = getattr(row, field.attname) or ""
                assert len(value) <= field.max_length
                # A one-line value keeps no control or format character (bidi overrides and
                # isolates, zero-width characters): nothing invisible can make it read otherwise.
                assert not [ch for ch in str(value) if unicodedata.category(ch) in ("Cc", "Cf")]
        assert not {"\u202e", "\u2066", "\u200f"} & set(row.message)


@settings(max_examples=25)
@given(
    touch=st.fixed_dictionaries(dict.fromkeys(FIRST_TOUCH_FIELDS, hostile_text)),
    referrer=hostile_text,
    path_tail=hostile_text,
)
def test_any_first_touch_link_then_a_valid_form_saves_the_lead(
    require_postgres, contact_page, contact_form_data, touch, referrer, path_tail
):
    client = Client()
    query = "&".join(f"{name}={as_sent(value)}" for name, value in touch.items())
    landing = client.get(
        f"/?{query}&q={as_sent(path_tail)}",
        HTTP_REFERER=referrer.encode("utf-8", "surrogatepass").decode("latin-1"),
    )
    assert landing.status_code == 200
    before = Inquiry.objects.count()
    response = client.post(contact_page.url, contact_form_data())
    assert response.status_code == 303
    assert Inquiry.objects.count() == before + 1


@settings(max_examples=25)
@given(
    fields=st.fixed_dictionaries(
        dict.fromkeys(
            ("full_name", "email", "phone", "best_time", "message", "shown_at"), hostile_text
        )
    ),
    keep_valid=st.sets(st.sampled_from(["full_name", "email", "phone", "shown_at"])),
)
def test_any_form_field_gets_a_saved_lead_or_a_clear_error(
    require_postgres, contact_page, contact_form_data, fields, keep_valid
):
    valid = contact_form_data(shown_at=make_shown_at_token(time.time() - 60))
    body = "&".join(
        f"{name}={as_sent(valid[name] if name in keep_valid else value)}"
        for name, value in {**valid, **fields}.items()
    )
    before = Inquiry.objects.count()
    response = Client().post(
        contact_page.url, body, content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code in (200, 303, 413)
    if response.status_code == 413:
        # Over LEADS_MAX_POST_BYTES: refused before parsing, with a page that says so.
        assert "too large" in response.content.decode().lower()
        assert Inquiry.objects.count() == before
    elif response.status_code == 303:
        # Saved, or caught by the spam trap (a forged timing token) and counted.
        assert Inquiry.objects.count() in (before, before + 1)
    else:
        assert "There is a problem" in response.content.decode()
        assert Inquiry.objects.count() == before


@settings(max_examples=20)
@given(search=hostile_text, campaign=hostile_text, status=hostile_text)
def test_any_admin_search_or_filter_exports_and_is_recorded(
    require_postgres, client, intake_user, search, campaign, status
):
    client.force_login(intake_user)
    before = LeadExportRecord.objects.count()
    response = client.get(
        "/admin/contact-requests/?"
        f"q={as_sent(search)}&campaign={as_sent(campaign)}&status={as_sent(status)}&export=csv"
    )
    assert response.status_code == 200
    b"".join(response.streaming_content)
    record = LeadExportRecord.objects.order_by("-pk").first()
    assert LeadExportRecord.objects.count() == before + 1
    assert "\x00" not in record.filters and len(record.filters) <= 2000
