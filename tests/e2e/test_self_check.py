"""The self-check in Chromium: with JavaScript, steps with "Step 2 of 5", Back, an announced error
for an unanswered question and crisis help at once for a non-"no" safety answer, ending in a
request sent with the answers attached; without JavaScript, one page of sections. axe finds
nothing at 390 and 1280 px wide."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from leads.models import Lead
from selfcheck.demo import HEALTH_CHECK_TEXT, MATCHES_TEXT, NOT_YET_TEXT
from selfcheck.pages import SelfCheckPage

WCAG_AA = ["wcag2a", "wcag2aa", "wcag21aa", "wcag22aa"]
WIDTHS = (390, 1280)


@pytest.fixture
def self_check_page(live_site, contact_page, settings):
    settings.LEADS_MIN_SECONDS_TO_SUBMIT = 0
    page = SelfCheckPage(
        title="Could this be for me?",
        slug="self-check",
        matches_text=MATCHES_TEXT,
        not_yet_text=NOT_YET_TEXT,
        health_check_text=HEALTH_CHECK_TEXT,
    )
    live_site.add_child(instance=page)
    page.save_revision().publish()
    return SelfCheckPage.objects.get(pk=page.pk)


def axe_violations(page) -> dict:
    found = {}
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        results = Axe().run(page, options={"runOnly": WCAG_AA})
        found.update(
            {
                f"{width}px {violation['id']}": [node["target"] for node in violation["nodes"]]
                for violation in results.response["violations"]
            }
        )
    page.set_viewport_size({"width": 1280, "height": 900})
    return found


def question(page, name):
    return page.locator(f'fieldset[data-question="{name}"]')


def answer(page, name, label):
    question(page, name).get_by_label(label, exact=True).check()


def test_the_steps_go_forward_and_back_and_send_a_request_with_the_answers(
    browser_page, self_check_page
):
    page = browser_page
    page.goto(self_check_page.url)
    progress = page.locator("[data-progress]")
    expect(progress).to_have_text("Step 1 of 5")
    expect(page.locator("#step-antidepressants")).to_be_hidden()
    assert axe_violations(page) == {}

    answer(page, "diagnosed", "Yes")
    page.get_by_role("button", name="Next").click()
    expect(progress).to_have_text("Step 2 of 5")
    expect(page.get_by_role("heading", name="Antidepressants you have tried")).to_be_focused()

    # Next with the question unanswered: the error is shown beside it and announced.
    page.locator("#step-antidepressants").get_by_role("button", name="Next").click()
    error = question(page, "antidepressants").get_by_role("alert")
    expect(error).to_have_text("Error: Choose an answer to go on")
    expect(progress).to_have_text("Step 2 of 5")
    assert axe_violations(page) == {}

    answer(page, "antidepressants", "Three or more")
    page.locator("#step-antidepressants").get_by_role("button", name="Back").click()
    expect(progress).to_have_text("Step 1 of 5")
    expect(question(page, "diagnosed").get_by_label("Yes", exact=True)).to_be_checked()
    page.locator("#step-diagnosis").get_by_role("button", name="Next").click()
    expect(question(page, "antidepressants").get_by_label("Three or more")).to_be_checked()
    answer(page, "different_classes", "Yes")
    page.locator("#step-antidepressants").get_by_role("button", name="Next").click()

    expect(progress).to_have_text("Step 3 of 5")
    question(page, "treatments").get_by_label("Talk therapy (counseling or psychotherapy)").check()
    answer(page, "prescriber", "Yes")
    page.locator("#step-care").get_by_role("button", name="Next").click()

    expect(progress).to_have_text("Step 4 of 5")
    for name in ("pregnancy", "psychosis", "heart", "substances"):
        answer(page, name, "No")
    page.locator("#step-health").get_by_role("button", name="Next").click()

    expect(progress).to_have_text("Step 5 of 5")
    crisis_now = page.locator("[data-crisis-now]")
    expect(crisis_now).to_be_hidden()
    answer(page, "safety", "I would rather not say")
    expect(crisis_now).to_be_visible()
    expect(crisis_now.get_by_role("link", name="Text 988")).to_be_visible()
    answer(page, "safety", "No")
    expect(crisis_now).to_be_hidden()
    answer(page, "safety", "Yes")
    expect(crisis_now).to_be_visible()
    assert axe_violations(page) == {}
    page.get_by_role("button", name="See my result").click()

    page.wait_for_url("**/self-check/result/")
    assert "?" not in page.url
    main = page.locator("main .container")
    # Crisis help opens the result.
    assert main.evaluate("e => e.firstElementChild.classList.contains('crisis--urgent')")
    expect(page.locator("#result-heading")).to_have_text(self_check_page.matches_heading)
    expect(page.locator("[data-urgent-notice]")).to_contain_text("treat your request as urgent")
    assert axe_violations(page) == {}

    page.get_by_label("Full name").fill("Robin Ash")
    page.get_by_label("Email (required)").fill("robin@example.org")
    page.get_by_label("Email", exact=True).check()
    page.get_by_label("Send my answers with my request").check()
    page.get_by_label("I agree").check()
    page.get_by_role("button", name="Send request").click()
    page.wait_for_url("**/thank-you/")
    expect(page.locator("main section.crisis--urgent")).to_be_visible()

    lead = Lead.objects.get()
    assert lead.is_urgent
    assert lead.meets_threshold and lead.safety_flag
    assert lead.self_check["treatments_tried"] == ["Talk therapy (counseling or psychotherapy)"]
    assert page.console_errors == []


def test_without_javascript_it_is_one_page_of_sections(browser_page, live_server, self_check_page):
    context = browser_page.context.browser.new_context(
        java_script_enabled=False, base_url=live_server.url
    )
    try:
        page = context.new_page()
        page.goto(self_check_page.url)
        expect(page.locator("section[data-step]")).to_have_count(5)
        for section in page.locator("section[data-step]").all():
            expect(section).to_be_visible()
        expect(page.locator("[data-progress]")).to_be_hidden()
        answer(page, "diagnosed", "Yes")
        page.get_by_role("button", name="See my result").click()
        summary = page.get_by_role("alert").filter(has_text="Some questions still need an answer")
        expect(summary).to_be_visible()
        answer(page, "antidepressants", "One")
        answer(page, "prescriber", "No")
        for name in ("pregnancy", "psychosis", "heart", "substances", "safety"):
            answer(page, name, "No")
        page.get_by_role("button", name="See my result").click()
        expect(page.locator("#result-heading")).to_have_text(self_check_page.not_yet_heading)
        expect(page.locator("main .crisis--urgent")).to_have_count(0)
    finally:
        context.close()
    assert Lead.objects.count() == 0


def test_the_one_page_form_its_errors_and_a_result_have_no_axe_violations(
    browser_page, self_check_page
):
    """axe needs JavaScript to run, so the page without JavaScript is checked as it looks when
    the self-check's script does not load: every section shown, the server's error summary."""
    page = browser_page
    page.route("**/self-check.js", lambda route: route.abort())
    page.goto(self_check_page.url)
    expect(page.locator("section[data-step]").last).to_be_visible()
    assert axe_violations(page) == {}
    page.get_by_role("button", name="See my result").click()
    expect(page.locator("#error-summary")).to_be_visible()
    assert axe_violations(page) == {}
    answer(page, "diagnosed", "Not sure")
    answer(page, "antidepressants", "Two")
    answer(page, "prescriber", "Yes")
    for name in ("pregnancy", "psychosis", "substances", "safety"):
        answer(page, name, "No")
    answer(page, "heart", "Yes")
    page.get_by_role("button", name="See my result").click()
    expect(page.locator("#result-heading")).to_have_text(self_check_page.health_check_heading)
    assert axe_violations(page) == {}
