"""The contact form on a page served from the page cache (on a real Redis, as in production):
every visitor gets their own fresh tokens, the spam traps and rate limits still hold, and a
browser without JavaScript can still send a request."""

import re
import time

import pytest
import time_machine
from django.test import Client

from blog.models import ArticlePage
from leads.client_address import address_hash
from leads.models import Lead, TrappedSubmissionCount
from tests.factories import ArticlePageFactory, article_body
from tests.services import rate_window_end

pytestmark = [pytest.mark.django_db, pytest.mark.real_services]

HEADER = "X-Page-Cache"
TOKENS_URL = "/contact-form/tokens/"


@pytest.fixture
def cached_article(redis_page_cache, article_index, contact_page):
    body = [
        *article_body("Infusions are given under medical supervision."),
        {"type": "contact_form", "value": {"heading": "Talk to our intake team", "text": ""}},
    ]
    article = ArticlePageFactory(parent=article_index, title="Your first infusion", body=body)
    article.save_revision().publish()
    article = ArticlePage.objects.get(pk=article.pk)
    assert Client().get(article.url)[HEADER] == "miss"
    return article


def visitor(address: str) -> Client:
    return Client(enforce_csrf_checks=True, REMOTE_ADDR=address)


def form_fields(name: str, email: str, article) -> dict:
    return {
        "full_name": name,
        "email": email,
        "phone": "",
        "preferred_contact_method": "email",
        "best_time": "",
        "message": "",
        "consent": "on",
        "website": "",
        "source_page": str(article.pk),
    }


def load_page_and_tokens(client: Client, article) -> dict:
    """What the browser does: the page (from the cache), then the form's script asks for tokens."""
    page = client.get(article.url)
    assert page[HEADER] == "hit"
    assert 'name="csrfmiddlewaretoken" value=""' in page.content.decode()
    tokens = client.get(TOKENS_URL)
    assert tokens.status_code == 200
    assert "no-store" in tokens["Cache-Control"]
    return tokens.json()


def test_two_visitors_send_the_form_from_one_cached_article(cached_article, contact_page):
    first, second = visitor("203.0.113.10"), visitor("203.0.113.20")
    with time_machine.travel(time.time(), tick=True) as clock:
        tokens = [load_page_and_tokens(each, cached_article) for each in (first, second)]
        assert tokens[0] != tokens[1]
        clock.shift(30)  # people take a while to fill in a form
        for client, name, token in zip(
            (first, second), ("Ada Byron", "Grace Hopper"), tokens, strict=True
        ):
            data = {**form_fields(name, f"{name.split()[0].lower()}@example.org", cached_article)}
            response = client.post(contact_page.url, {**data, **token})
            assert response.status_code == 303, response.content[:300]
    assert sorted(Lead.objects.values_list("full_name", flat=True)) == ["Ada Byron", "Grace Hopper"]
    assert set(Lead.objects.values_list("source_page_id", flat=True)) == {cached_article.pk}


def test_a_bot_posting_within_three_seconds_of_loading_is_trapped(cached_article, contact_page):
    bot = visitor("198.51.100.7")
    with time_machine.travel(time.time(), tick=False) as clock:
        tokens = load_page_and_tokens(bot, cached_article)
        clock.shift(2.5)
        data = form_fields("Spam Bot", "bot@example.net", cached_article)
        response = bot.post(contact_page.url, {**data, **tokens})
    assert response.status_code == 303  # it is shown the thank-you page, as a person would be
    assert Lead.objects.count() == 0
    assert TrappedSubmissionCount.objects.get(reason="too-fast").count == 1


def test_rate_limits_count_per_visitor_on_a_cached_page(cached_article, contact_page, settings):
    # django-ratelimit counts in fixed windows (each key with its own offset): a window rolling
    # over during the test's 40 simulated seconds reset the count once in CI. The test starts at
    # the beginning of the busy visitor's window, so all its requests fall in one.
    settings.LEADS_RATE_PER_CLIENT = "2/10m"
    other = visitor("192.0.2.2")
    window_end, _ = rate_window_end(address_hash("192.0.2.1"), settings.LEADS_RATE_PER_CLIENT)
    with time_machine.travel(window_end + 1, tick=True) as clock:
        statuses = []
        for n in range(3):
            # A new browser each time (no cookies kept): the limit counts the address.
            busy = visitor("192.0.2.1")
            tokens = load_page_and_tokens(busy, cached_article)
            clock.shift(10)
            data = form_fields("Sam Busy", f"sam{n}@example.org", cached_article)
            statuses.append(busy.post(contact_page.url, {**data, **tokens}).status_code)
        tokens = load_page_and_tokens(other, cached_article)
        clock.shift(10)
        data = form_fields("Kim Other", "kim@example.org", cached_article)
        other_status = other.post(contact_page.url, {**data, **tokens}).status_code
    assert statuses == [303, 303, 429]
    assert other_status == 303
    assert Lead.objects.count() == 3


def test_a_visitor_without_javascript_sends_a_request_in_two_presses(cached_article, contact_page):
    no_js = visitor("203.0.113.99")
    data = form_fields("Noor Static", "noor@example.org", cached_article)
    with time_machine.travel(time.time(), tick=True) as clock:
        page = no_js.get(cached_article.url)
        assert page[HEADER] == "hit"
        # The browser posts the form as the cached page has it: empty token fields.
        first = no_js.post(contact_page.url, {**data, "csrfmiddlewaretoken": "", "shown_at": ""})
        html = first.content.decode()
        assert first.status_code == 200
        assert "Please check your details and send once more" in html
        assert 'value="Noor Static"' in html
        assert Lead.objects.count() == 0
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
        shown_at = re.search(r'name="shown_at" value="([^"]+)"', html).group(1)
        clock.shift(8)
        second = no_js.post(
            contact_page.url, {**data, "csrfmiddlewaretoken": token, "shown_at": shown_at}
        )
    assert second.status_code == 303
    lead = Lead.objects.get()
    assert (lead.full_name, lead.source_page_id) == ("Noor Static", cached_article.pk)


def test_a_no_javascript_post_with_a_mistake_shows_the_error_and_saves_nothing(
    cached_article, contact_page
):
    no_js = visitor("203.0.113.98")
    data = {**form_fields("Noor Static", "not-an-address", cached_article), "shown_at": ""}
    response = no_js.post(contact_page.url, data)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Enter an email address in the correct format" in html
    assert "send once more" not in html
    assert Lead.objects.count() == 0
