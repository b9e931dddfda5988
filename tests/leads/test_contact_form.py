import socket
import time

import pytest
import time_machine
from django.contrib.sessions.models import Session
from django.core.cache import cache
from django.test import Client

from leads.contact_form import CONSENT_TEXT_VERSION, make_shown_at_token
from leads.first_touch import FIRST_TOUCH_COOKIE, first_touch_for
from leads.models import Inquiry, Lead, TrappedSubmissionCount
from tests.personal_data import assert_holds_none_of, printed_forms

pytestmark = pytest.mark.django_db


def post(client: Client, page, data, **extra):
    return client.post(page.url, data, **extra)


def test_contact_page_shows_every_labelled_field_and_the_send_button(
    client, contact_page, privacy_notice
):
    response = client.get(contact_page.url)
    assert response.status_code == 200
    html = response.content.decode()
    for label in (
        'for="id_full_name">Full name <span class="field__required">(required)</span>',
        'for="id_email">Email <span class="field__required">(required)</span>',
        'for="id_phone">Phone</label>',
        "Preferred contact method",
        'for="id_best_time">Best time to reach you</label>',
        'for="id_message">Message</label>',
        "I agree to be contacted",
    ):
        assert label in html
    assert "do not include detailed medical information" in html
    assert '<button class="button" type="submit">Send request</button>' in html
    assert f'<a href="{privacy_notice.url}">privacy notice</a>' in html


def test_thank_you_page_is_never_cached(client, contact_page):
    response = client.get(contact_page.thank_you_url)
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]


def test_contact_page_carries_no_tokens_and_sets_no_cookie_so_it_can_be_cached(
    client, contact_page
):
    response = client.get(contact_page.url)
    html = response.content.decode()
    assert response.status_code == 200
    assert not response.cookies
    assert 'name="csrfmiddlewaretoken" value=""' in html
    assert 'value="' not in html.split('name="shown_at"')[1].split(">")[0]
    assert 'data-tokens-url="/contact-form/tokens/"' in html


def test_valid_request_stores_every_field_and_redirects_with_303(
    client, contact_page, contact_form_data
):
    response = post(client, contact_page, contact_form_data())
    assert response.status_code == 303
    assert response["Location"] == contact_page.thank_you_url
    assert "no-store" in response["Cache-Control"]
    lead = Lead.objects.get()
    assert lead.full_name == "Jordan Rivera"
    assert lead.email == "jordan@example.org"
    assert str(lead.phone) == "+15035550100"
    assert lead.preferred_contact_method == "phone"
    assert lead.best_time == "Weekday mornings"
    assert lead.message == "I have tried three antidepressants."
    assert lead.status == "new"
    assert lead.consent_version.startswith(CONSENT_TEXT_VERSION)
    assert "privacy notice revision" in lead.consent_version
    assert lead.consented_at is not None and lead.received_at is not None
    assert lead.source_page_id == contact_page.pk
    assert lead.source_url == contact_page.url


def test_phone_is_stored_normalised_to_e164_with_us_default(
    client, contact_page, contact_form_data
):
    post(client, contact_page, contact_form_data(phone="503.555.0199"))
    post(client, contact_page, contact_form_data(phone="+44 20 7946 0958", email="b@example.org"))
    assert sorted(str(lead.phone) for lead in Lead.objects.all()) == [
        "+15035550199",
        "+442079460958",
    ]


def test_no_raw_ip_address_is_stored_only_a_keyed_hash(client, contact_page, contact_form_data):
    post(client, contact_page, contact_form_data(), REMOTE_ADDR="198.51.100.23")
    lead = Lead.objects.get()
    assert len(lead.client_address_hash) == 64
    stored = " ".join(str(getattr(lead, field.attname)) for field in Lead._meta.fields)
    assert "198.51.100.23" not in stored


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"full_name": ""}, "full_name", "Enter your full name"),
        ({"full_name": "x" * 201}, "full_name", "Full name must be 200 characters or fewer"),
        ({"email": ""}, "email", "Enter your email address"),
        ({"email": "not-an-email"}, "email", "Enter an email address in the correct format"),
        ({"email": "a@example.org\nBcc: x@example.org"}, "email", "Enter an email address"),
        ({"phone": "12"}, "phone", "Enter a phone number we can call"),
        ({"phone": "", "preferred_contact_method": "phone"}, "phone", "so we can call you"),
        ({"phone": "", "preferred_contact_method": "text"}, "phone", "so we can text you"),
        ({"preferred_contact_method": ""}, "preferred_contact_method", "Choose how you would like"),
        ({"preferred_contact_method": "fax"}, "preferred_contact_method", "Choose how you would"),
        ({"message": "x" * 2001}, "message", "Message must be 2,000 characters or fewer"),
        ({"consent": None}, "consent", "Check the box to agree"),
    ],
)
def test_each_invalid_input_shows_its_error_and_stores_nothing(
    client, contact_page, contact_form_data, overrides, field, message
):
    response = post(client, contact_page, contact_form_data(**overrides))
    assert response.status_code == 200
    html = response.content.decode()
    assert message in html
    assert 'class="error-summary"' in html and 'role="alert"' in html
    assert f'id="id_{field}_error"' in html
    assert f'href="#id_{field}' in html
    assert Lead.objects.count() == 0


def test_an_error_is_tied_to_its_field_and_the_input_is_kept(
    client, contact_page, contact_form_data
):
    response = post(
        client, contact_page, contact_form_data(email="nope", full_name="Ana María Ñúñez")
    )
    html = response.content.decode()
    assert 'aria-describedby="id_email_error id_email_hint"' in html
    assert 'aria-invalid="true"' in html
    assert 'value="Ana María Ñúñez"' in html
    assert 'value="nope"' in html
    assert "I have tried three antidepressants." in html


def test_email_only_contact_needs_no_phone(client, contact_page, contact_form_data):
    response = post(
        client, contact_page, contact_form_data(phone="", preferred_contact_method="email")
    )
    assert response.status_code == 303
    assert Lead.objects.get().phone == ""


def test_thank_you_page_shows_crisis_resources_and_what_happens_next(
    client, contact_page, contact_form_data
):
    response = post(client, contact_page, contact_form_data(), follow=True)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Thank you, Jordan." in html
    assert "within one business day" in html
    assert "call or text 988" in html
    assert 'href="tel:988"' in html and 'href="sms:988"' in html and 'href="tel:911"' in html


def test_utm_values_from_the_landing_page_survive_navigation_and_land_on_the_lead(
    client, home_page, contact_page, contact_form_data
):
    landing = (
        "/?utm_source=newsletter&utm_medium=email&utm_campaign=spring&utm_term=trd&utm_content=hero"
    )
    assert client.get(landing, HTTP_REFERER="https://news.example.net/issue-4").status_code == 200
    # A later arrival with other values does not replace the first touch.
    client.get(contact_page.url + "?utm_source=other")
    post(client, contact_page, contact_form_data())
    lead = Lead.objects.get()
    assert lead.landing_page == landing
    assert lead.referrer == "https://news.example.net/issue-4"
    assert (
        lead.utm_source,
        lead.utm_medium,
        lead.utm_campaign,
        lead.utm_term,
        lead.utm_content,
    ) == (
        "newsletter",
        "email",
        "spring",
        "trd",
        "hero",
    )


def test_form_block_posts_record_the_page_it_was_on(
    client, home_page, contact_page, contact_form_data
):
    home_page.body = [("contact_form", {"heading": "Talk to us", "text": ""})]
    home_page.save_revision().publish()
    html = client.get("/").content.decode()
    assert f'action="{contact_page.url}"' in html
    assert f'name="source_page" value="{home_page.pk}"' in html
    post(client, contact_page, contact_form_data(source_page=str(home_page.pk)))
    lead = Lead.objects.get()
    assert lead.source_page_id == home_page.pk
    assert lead.source_url == "/"


def test_honeypot_shows_thank_you_stores_nothing_and_counts(
    client, contact_page, contact_form_data
):
    response = post(client, contact_page, contact_form_data(website="http://spam.example"))
    assert response.status_code == 303
    assert response["Location"] == contact_page.thank_you_url
    assert Lead.objects.count() == 0
    assert TrappedSubmissionCount.objects.get(reason="honeypot").count == 1
    post(client, contact_page, contact_form_data(website="again"))
    assert TrappedSubmissionCount.objects.get(reason="honeypot").count == 2


@pytest.mark.parametrize(
    ("shown_at", "reason"),
    [
        (lambda: make_shown_at_token(time.time()), "too-fast"),
        (lambda: "", "not-timed"),
        (lambda: "1700000000.0:forged", "not-timed"),
    ],
)
def test_timing_trap_shows_thank_you_and_stores_nothing(
    client, contact_page, contact_form_data, shown_at, reason
):
    response = post(client, contact_page, contact_form_data(shown_at=shown_at()))
    assert response.status_code == 303
    assert Lead.objects.count() == 0
    assert TrappedSubmissionCount.objects.get(reason=reason).count == 1


@pytest.fixture
def stopped_clock():
    """django-ratelimit counts in fixed windows, each key with its own offset: posts that must be
    counted together could straddle a window's end on a slow machine and reset the count. With
    the clock stopped, every post of the test falls in the same window."""
    with time_machine.travel(time.time(), tick=False):
        yield


def test_sixth_request_from_one_address_in_ten_minutes_gets_429_and_stores_nothing(
    client, contact_page, contact_form_data, stopped_clock
):
    for number in range(5):
        response = post(client, contact_page, contact_form_data(email=f"p{number}@example.org"))
        assert response.status_code == 303
    response = post(client, contact_page, contact_form_data(email="p6@example.org"))
    assert response.status_code == 429
    assert "(503) 555-0142" in response.content.decode()
    assert "no-store" in response["Cache-Control"]
    # The five share a phone number, so they are one person's lead with five inquiries.
    assert Inquiry.objects.count() == 5


def test_fourth_request_for_one_email_in_an_hour_gets_429_from_any_address(
    client, contact_page, contact_form_data, stopped_clock
):
    for number in range(3):
        response = post(
            client, contact_page, contact_form_data(), REMOTE_ADDR=f"203.0.113.{number + 1}"
        )
        assert response.status_code == 303
    response = post(
        client,
        contact_page,
        contact_form_data(email="  JORDAN@example.org "),
        REMOTE_ADDR="203.0.113.99",
    )
    assert response.status_code == 429
    # One person asking three times: one lead, three inquiries.
    assert Inquiry.objects.count() == 3
    assert Lead.objects.count() == 1


def test_forwarded_for_header_is_ignored_unless_a_proxy_is_trusted(
    client, contact_page, contact_form_data, settings, stopped_clock
):
    def send_six(forwarded_prefix):
        codes = []
        for number in range(6):
            codes.append(
                post(
                    client,
                    contact_page,
                    contact_form_data(email=f"{forwarded_prefix}{number}@example.org"),
                    REMOTE_ADDR="10.0.0.1",
                    HTTP_X_FORWARDED_FOR=f"198.51.100.{number}",
                ).status_code
            )
        return codes

    # Untrusted: every post comes from the proxy's address, whatever the header claims.
    assert send_six("a")[-1] == 429
    client.session.flush()

    cache.clear()
    settings.LEADS_TRUSTED_PROXY_COUNT = 1
    assert send_six("b") == [303] * 6


def test_oversized_body_is_refused_with_a_clear_413(client, contact_page, contact_form_data):
    response = post(client, contact_page, contact_form_data(message="x" * 70_000))
    assert response.status_code == 413
    assert "too large" in response.content.decode()
    assert Lead.objects.count() == 0


def test_hostile_input_is_stored_as_typed_and_shown_escaped_on_thank_you(
    client, contact_page, contact_form_data
):
    name = 'Ana<script>alert("x")</script>\u202eevil\u200b\nSecond line 😀'
    message = "<img src=x onerror=alert(1)> & </textarea> \u202egnp.exe"
    response = post(client, contact_page, contact_form_data(full_name=name, message=message))
    assert response.status_code == 303
    lead = Lead.objects.get()
    # As typed, except that a one-line field keeps no line break and no invisible format
    # character, and a message nothing that reorders its text (core.text).
    assert lead.full_name == 'Ana<script>alert("x")</script>evil Second line 😀'
    assert lead.message == "<img src=x onerror=alert(1)> & </textarea> gnp.exe"
    html = client.get(contact_page.thank_you_url).content.decode()
    assert "<script>alert" not in html
    # Not a name: the thank-you page greets nobody rather than echo the markup.
    assert "alert" not in html


def test_hostile_input_is_shown_escaped_when_the_form_is_redisplayed(
    client, contact_page, contact_form_data
):
    message = "</textarea><script>alert(1)</script>"
    html = post(
        client, contact_page, contact_form_data(message=message, email="bad")
    ).content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;/textarea&gt;&lt;script&gt;" in html


def test_a_failure_after_the_save_still_shows_success_and_keeps_the_lead(
    client, contact_page, contact_form_data, monkeypatch, django_capture_on_commit_callbacks
):
    calls = []

    def broken(delivery_ids):
        calls.append(delivery_ids)
        raise ConnectionError("broker down")

    monkeypatch.setattr("outbox.queue.queue_deliveries", broken)
    with django_capture_on_commit_callbacks(execute=True):
        response = post(client, contact_page, contact_form_data())
    assert response.status_code == 303
    lead = Lead.objects.get()
    assert calls == [sorted(lead.deliveries.values_list("pk", flat=True))]
    assert lead.deliveries.filter(status="pending").count() == 2


def test_a_post_with_a_forged_csrf_token_is_refused(contact_page, contact_form_data):
    strict_client = Client(enforce_csrf_checks=True)
    strict_client.get("/contact-form/tokens/")
    response = strict_client.post(contact_page.url, contact_form_data(csrfmiddlewaretoken="x" * 64))
    assert response.status_code == 403
    assert Lead.objects.count() == 0


def test_a_post_to_another_page_without_a_csrf_token_is_refused(home_page, contact_form_data):
    strict_client = Client(enforce_csrf_checks=True)
    response = strict_client.post(home_page.url, contact_form_data())
    assert response.status_code == 403


def test_requests_still_succeed_when_the_rate_limit_cache_is_down(
    client, contact_page, contact_form_data, settings
):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        closed_port = probe.getsockname()[1]
    settings.CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": f"redis://127.0.0.1:{closed_port}/1",
            "OPTIONS": {"SOCKET_CONNECT_TIMEOUT": 0.2, "IGNORE_EXCEPTIONS": True},
        },
        "pages": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    }
    response = post(client, contact_page, contact_form_data())
    assert response.status_code == 303
    assert Lead.objects.count() == 1


def test_first_touch_is_not_taken_from_the_admin_or_from_missing_pages(
    client, home_page, contact_page
):
    assert FIRST_TOUCH_COOKIE not in client.get("/admin/login/?utm_source=admin").cookies
    assert FIRST_TOUCH_COOKIE not in client.get("/does-not-exist/?utm_source=missing").cookies
    assert FIRST_TOUCH_COOKIE in client.get("/?utm_source=first").cookies
    assert FIRST_TOUCH_COOKIE not in client.get("/?utm_source=second").cookies
    assert first_touch_for(client.get("/").wsgi_request)["utm_source"] == "first"


def test_a_plain_page_view_writes_nothing_and_sets_no_cookie(client, home_page, contact_page):
    for url in ("/", contact_page.url, "/?page=2"):
        response = client.get(url, HTTP_REFERER="http://testserver/elsewhere/")
        assert response.status_code == 200
        assert not response.cookies
    assert Session.objects.count() == 0


def test_an_outside_referrer_alone_is_remembered(
    client, home_page, contact_page, contact_form_data
):
    client.get(contact_page.url, HTTP_REFERER="https://search.example.com/?q=ketamine")
    post(client, contact_page, contact_form_data())
    lead = Lead.objects.get()
    assert lead.referrer == "https://search.example.com/?q=ketamine"
    assert lead.landing_page == contact_page.url


def test_a_tampered_first_touch_cookie_is_ignored(client, contact_page, contact_form_data):
    client.cookies[FIRST_TOUCH_COOKIE] = "eyJ1dG1fc291cmNlIjoiZm9yZ2VkIn0:forged:signature"
    post(client, contact_page, contact_form_data())
    assert Lead.objects.get().utm_source == ""


def test_a_block_form_corrected_on_the_contact_page_still_records_the_block_page(
    client, home_page, contact_page, contact_form_data
):
    response = post(
        client, contact_page, contact_form_data(source_page=str(home_page.pk), email="oops")
    )
    assert f'name="source_page" value="{home_page.pk}"' in response.content.decode()
    post(client, contact_page, contact_form_data(source_page=str(home_page.pk)))
    assert Lead.objects.get().source_page_id == home_page.pk


def test_logs_never_carry_the_visitors_name_address_or_message(
    client, contact_page, contact_form_data, caplog, django_capture_on_commit_callbacks
):
    typed = contact_form_data(full_name="Quillon Vance", message="Zebrafinch details")
    with caplog.at_level("DEBUG"), django_capture_on_commit_callbacks(execute=True):
        post(client, contact_page, typed)
    lead = Lead.objects.get()
    logged = caplog.text
    assert f"about lead #{lead.pk}) sent" in logged, "the delivery logs ran"
    assert_holds_none_of(
        logged,
        printed_forms(
            full_name=typed["full_name"],
            email=typed["email"],
            phone=typed["phone"],
            message=typed["message"],
            best_time=typed["best_time"],
        ),
        "the log",
    )
