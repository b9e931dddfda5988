"""The result page: POST only, never cached or indexed, crisis help first when the safety answer is
not "no", the result Marketing wrote, and nothing of the answers stored anywhere."""

import pytest
from django.apps import apps
from django.db import connection
from django.test import Client

from selfcheck.models import SelfCheckDayCount
from tests.html_reading import parse
from tests.selfcheck.conftest import RESULT_URL, result_of

pytestmark = pytest.mark.django_db


def test_each_result_shows_the_heading_and_text_marketing_wrote(client, self_check_page, answers):
    self_check_page.matches_heading = "You match: let us talk"
    self_check_page.not_yet_heading = "Talk with your prescriber first"
    self_check_page.health_check_heading = "A doctor checks your health first"
    self_check_page.save_revision().publish()
    cases = {
        "You match: let us talk": answers(),
        "Talk with your prescriber first": answers(antidepressants="1"),
        "A doctor checks your health first": answers(psychosis="yes"),
    }
    for heading, given in cases.items():
        soup = parse(result_of(client, given))
        assert soup.select_one("#result-heading").get_text(strip=True) == heading
        assert "This is not a diagnosis." in soup.select_one(".self-check__note").get_text()
        # Every result offers the request form, with the tick to attach the answers.
        form = soup.select_one("form.contact-form")
        assert form["action"] == "/self-check/request/"
        assert form.select_one("input[name=attach_answers][type=checkbox]") is not None
        assert not form.select_one("input[name=attach_answers]").has_attr("checked")


def test_the_safety_answer_puts_crisis_help_before_anything_else(client, self_check_page, answers):
    soup = parse(result_of(client, answers(safety="rather_not_say")))
    main = soup.select_one("main .container")
    first = main.find(True)
    assert "crisis--urgent" in first["class"]
    links = {link.get_text(strip=True): link["href"] for link in first.select("a")}
    assert links["Call 988"] == "tel:988"
    assert links["Text 988"] == "sms:988"
    assert links["Chat with 988"].startswith("https://988lifeline.org/")
    assert links["Call 911"] == "tel:911"
    assert "nearest emergency room" in first.get_text()
    # The request form says plainly that it will be treated as urgent.
    assert "We will treat your request as urgent." in soup.select_one("[data-urgent-notice]").text


def test_no_crisis_box_before_the_result_when_the_safety_answer_is_no(
    client, self_check_page, answers
):
    soup = parse(result_of(client, answers()))
    assert soup.select_one("main .crisis--urgent") is None
    assert soup.select_one("[data-urgent-notice]") is None


def test_the_result_is_never_cached_and_never_indexed(client, self_check_page, answers):
    response = result_of(client, answers())
    cache_control = response["Cache-Control"]
    assert "no-store" in cache_control and "private" in cache_control
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    soup = parse(response)
    assert soup.select_one('meta[name="robots"]')["content"] == "noindex, nofollow"
    # No MedicalWebPage (nor any JSON-LD) on a result.
    assert soup.select('script[type="application/ld+json"]') == []


def test_the_result_is_not_page_cached(page_cache_on, self_check_page, answers):
    visitor = Client()
    first = parse(result_of(visitor, answers()))
    second = parse(result_of(visitor, answers(antidepressants="0")))
    assert first.select_one("#result-heading").text != second.select_one("#result-heading").text
    assert SelfCheckDayCount.objects.get().finished == 2


def test_a_get_of_the_result_address_shows_no_result_and_leads_back_to_the_questions(
    client, self_check_page
):
    response = client.get(RESULT_URL + "?diagnosed=yes&antidepressants=3&safety=no")
    assert response.status_code == 302
    assert response["Location"] == self_check_page.url
    assert SelfCheckDayCount.objects.count() == 0


def test_answers_never_travel_in_a_url(client, self_check_page, answers):
    page = parse(client.get(self_check_page.url))
    form = page.select_one("form[data-self-check]")
    assert form["method"] == "post"
    assert form["action"] == RESULT_URL
    result = parse(result_of(client, answers()))
    request_form = result.select_one("form.contact-form")
    assert request_form["method"] == "post"
    assert "?" not in request_form["action"]
    # The answers are in the signed hidden field, which names none of them in clear.
    assert request_form.select_one("input[name=answers][type=hidden]")["value"]


def test_missing_answers_bring_the_questions_back_with_each_error_announced(
    client, self_check_page, answers
):
    given = answers()
    del given["safety"]
    del given["heart"]
    response = result_of(client, given)
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    soup = parse(response)
    summary = soup.select_one("#error-summary")
    assert summary["role"] == "alert"
    links = [link["href"] for link in summary.select("a")]
    assert links == ["#id_heart_0", "#id_safety_0"]
    heart = soup.select_one('fieldset[data-question="heart"]')
    assert "Choose an answer" in heart.select_one(".field__error").text
    assert "id_heart_error" in heart["aria-describedby"]
    # What was answered stays answered.
    assert soup.select_one("#id_antidepressants_3").has_attr("checked")
    assert SelfCheckDayCount.objects.count() == 0


def table_counts() -> dict[str, int]:
    counts = {}
    with connection.cursor() as cursor:
        for model in apps.get_models(include_auto_created=True):
            table = model._meta.db_table
            if model._meta.managed and not model._meta.proxy and table not in counts:
                cursor.execute(f'SELECT COUNT(*) FROM "{table}"')  # noqa: S608 - model tables only
                counts[table] = cursor.fetchone()[0]
    return counts


def test_a_finished_self_check_stores_nothing_but_the_days_count(client, self_check_page, answers):
    # Any first page view creates the site's SEO settings row; a visit comes before the answers.
    client.get(self_check_page.url)
    before = table_counts()
    response = result_of(client, answers(safety="yes", pregnancy="yes"))
    assert response.status_code == 200
    after = table_counts()
    changed = {table for table in after if after[table] != before[table]}
    assert changed == {SelfCheckDayCount._meta.db_table}
    row = SelfCheckDayCount.objects.get()
    assert (row.finished, row.requests) == (1, 0)
    # No session was started and no cookie but the CSRF one set for the request form.
    assert set(response.cookies) <= {"csrftoken"}
