"""Insights in Chromium: an intake user opens both pages and sees every chart with its summary; the
table toggle works with JavaScript off; axe finds no WCAG 2.2 AA violation; nothing scrolls
sideways at 320 px; a Marketing user reaches only the marketing page."""

import re
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.core.management import call_command
from playwright.sync_api import expect

from tests.factories import UserFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

WCAG_AA = ["wcag2a", "wcag2aa", "wcag21aa", "wcag22aa"]
PASSWORD = "correct horse battery staple"
# Screenshots for a person to look at (git ignores test-results/).
SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-results" / "screenshots"
INTAKE_FIGURES = [
    "Speed to first contact (opening hours)",
    "Urgent requests, each on its own",
    "From request to patient",
    "Workload now: open requests per person",
    "Requests by hour of the day (clinic time)",
    "Requests by day of the week",
]


def sign_in(context, base_url, username):
    page = context.new_page()
    page.goto(f"{base_url}/admin/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(re.compile(r"/admin/$"))
    return page


def test_intake_user_reads_every_chart_and_axe_finds_nothing(
    require_chromium, chromium, live_server, live_site
):
    UserFactory(username="intake.ana", first_name="Ana", last_name="Reyes", groups=["Intake staff"])
    call_command("seed_demo", "--no-translations", "--with-leads")
    context = chromium.new_context(viewport={"width": 1280, "height": 900})
    page = sign_in(context, live_server.url, "intake.ana")
    errors = []
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    page.get_by_role("button", name="Insights").click()
    page.get_by_role("link", name="Intake performance").click()
    for title in INTAKE_FIGURES:
        figure = page.get_by_role("region", name=title)
        expect(figure.get_by_role("img", name=re.compile(re.escape(title)))).to_be_visible()
        expect(figure.locator(".insights-figure__summary")).not_to_be_empty()
    reports = {}
    for url in ("/admin/insights/intake/", "/admin/insights/marketing/"):
        page.goto(f"{live_server.url}{url}")
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(
            path=SCREENSHOTS / f"insights-{url.split('/')[-2]}-1280.png", full_page=True
        )
        results = Axe().run(page, options={"runOnly": WCAG_AA})
        if results.violations_count:
            reports[url] = results.generate_report()
    page.set_viewport_size({"width": 320, "height": 800})
    page.goto(f"{live_server.url}/admin/insights/intake/")
    page.screenshot(path=SCREENSHOTS / "insights-intake-320.png", full_page=True)
    chart_width = page.locator("svg.insights-chart").first.bounding_box()["width"]
    page_width = page.evaluate("document.documentElement.scrollWidth")
    context.close()
    assert reports == {}
    assert errors == []
    assert chart_width <= 320
    assert page_width <= 320


def test_the_table_toggle_works_without_javascript(
    require_chromium, chromium, live_server, live_site
):
    UserFactory(username="intake.ana", groups=["Intake staff"])
    call_command("seed_demo", "--no-translations", "--with-leads")
    context = chromium.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{live_server.url}/admin/login/")
    page.get_by_label("Username").fill("intake.ana")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.goto(f"{live_server.url}/admin/insights/intake/")
    weekdays = page.get_by_role("region", name="Requests by day of the week")
    table = weekdays.get_by_role("table")
    expect(table).to_be_hidden()
    weekdays.get_by_text("Show as table").click()
    expect(table).to_be_visible()
    expect(table.get_by_role("rowheader", name="Monday")).to_be_visible()
    context.close()


def test_marketing_reaches_only_the_marketing_page(
    require_chromium, chromium, live_server, live_site
):
    UserFactory(username="marketing.mo", groups=["Marketing"])
    call_command("seed_demo", "--no-translations", "--with-leads")
    context = chromium.new_context()
    page = sign_in(context, live_server.url, "marketing.mo")
    page.get_by_role("button", name="Insights").click()
    expect(page.get_by_role("link", name="Intake performance")).to_have_count(0)
    page.get_by_role("link", name="Marketing").click()
    expect(
        page.get_by_role("region", name="Requests per week by channel (first visit)")
    ).to_be_visible()
    text = page.locator("main").inner_text().lower()
    context.close()
    assert "patient" not in text
