"""In Chromium, with the production browser policies and two-factor sign-in on: a visitor reads the
home page and an article and sends the contact form; a Marketing user edits an article, watches
its live preview and publishes it; an intake user signs in with a code, opens the new lead and exports the list. Any
Content-Security-Policy violation or console error on any of those screens fails the walk."""

import re
import time

import pytest
from django.db import connections
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from blog.models import ArticlePage
from blog.review import assign_medical_review
from leads.models import Lead
from tests.factories import ArticlePageFactory, UserFactory

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PASSWORD = "correct horse battery staple"

# Runs in every document before its own scripts: each violation is reported to the test through
# a binding (bindings survive navigation; a page's own variables do not).
REPORT_VIOLATIONS = """
document.addEventListener("securitypolicyviolation", (event) => {
    window.reportCspViolation(
        `${event.violatedDirective} blocked ${event.blockedURI || "inline"} on ${location.pathname}`
    );
});
"""


class PolicyWatch:
    """Collects CSP violations and console errors from every page of a browser context."""

    def __init__(self, browser, base_url: str):
        self.violations: list[str] = []
        self.console_errors: list[str] = []
        self.context = browser.new_context(
            base_url=base_url, viewport={"width": 1280, "height": 900}
        )
        self.context.set_default_timeout(20_000)
        self.context.expose_binding(
            "reportCspViolation", lambda source, text: self.violations.append(text)
        )
        self.context.add_init_script(REPORT_VIOLATIONS)
        self.context.on("page", self.watch)
        self.page = self.context.new_page()

    def watch(self, page):
        page.on(
            "console",
            lambda message: (
                message.type == "error"
                and self.console_errors.append(f"{page.url}: {message.text}")
            ),
        )
        page.on("pageerror", lambda error: self.console_errors.append(f"{page.url}: {error}"))

    def assert_clean(self):
        assert self.violations == []
        assert self.console_errors == []


def current_code(device) -> str:
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time()
    return f"{totp.token():06d}"


@pytest.fixture
def walk_site(live_site, contact_page, article_index, settings):
    settings.WAGTAIL_2FA_REQUIRED = True
    settings.LEADS_MIN_SECONDS_TO_SUBMIT = 0
    assign_medical_review(article_index)
    article = ArticlePageFactory(parent=article_index, title="What an infusion day is like")
    article.save_revision().publish()
    return {"article": ArticlePage.objects.get(pk=article.pk), "contact": contact_page}


def visitor_reads_and_sends_the_form(watch, site):
    page = watch.page
    page.goto("/")
    expect(page.locator("h1")).to_be_visible()
    page.goto(site["article"].url)
    expect(page.locator("h1")).to_have_text("What an infusion day is like")
    page.goto(site["contact"].url)
    page.get_by_label("Full name").fill("Robin Okafor")
    page.get_by_label("Email (required)").fill("robin@example.org")
    page.get_by_label("I agree").check()
    page.get_by_label("Email", exact=True).check()
    page.get_by_role("button", name="Send request").click()
    page.wait_for_url(f"**{site['contact'].thank_you_url}")


def marketing_user_edits_and_publishes(watch, site):
    page = watch.page
    page.goto("/admin/login/")
    page.fill("#id_username", "writer")
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    expect(page).to_have_url(re.compile(r"/admin/$"))
    page.goto(f"/admin/pages/{site['article'].pk}/edit/")
    page.fill("#id_title", "What an infusion day is really like")
    # The live preview: an admin page inside an iframe of the editor.
    page.locator("[data-side-panel-toggle='preview']").click()
    preview = page.frame_locator("#w-preview-iframe")
    expect(preview.locator("h1")).to_have_text(
        "What an infusion day is really like", timeout=20_000
    )
    page.locator("[data-w-dropdown-target='toggle']").last.click()
    page.locator("button[name='action-publish']").click()
    expect(page.locator(".messages")).to_contain_text("published")


def intake_user_signs_in_opens_the_lead_and_exports(watch, device):
    page = watch.page
    page.goto("/admin/login/")
    page.get_by_label("Username").fill("intake.ana")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(re.compile(r"/admin/2fa/auth"))
    page.get_by_label("Code from your authenticator app").fill(current_code(device))
    page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_url(re.compile(r"/admin/$"))

    menu = page.get_by_role("navigation", name="Main menu")
    menu.get_by_role("link", name=re.compile(r"^Leads")).click()
    page.get_by_role("link", name="Robin Okafor").click()
    expect(page.get_by_role("heading", name="Request", exact=True)).to_be_visible()

    page.go_back()
    with page.expect_download() as download:
        page.evaluate("window.location.assign('/admin/contact-requests/?export=csv')")
    assert download.value.suggested_filename.endswith(".csv")


def test_no_screen_of_the_walk_breaks_the_browser_policies(
    require_chromium, chromium, live_server, walk_site
):
    UserFactory(username="writer", groups=["Marketing"])
    intake = UserFactory(username="intake.ana", groups=["Intake staff"])
    device = TOTPDevice.objects.create(user=intake, name="Work phone", confirmed=True)

    visitor = marketing = intake_watch = None
    try:
        visitor = PolicyWatch(chromium, live_server.url)
        visitor_reads_and_sends_the_form(visitor, walk_site)
        visitor.assert_clean()

        marketing = PolicyWatch(chromium, live_server.url)
        marketing_user_edits_and_publishes(marketing, walk_site)
        marketing.assert_clean()

        intake_watch = PolicyWatch(chromium, live_server.url)
        intake_user_signs_in_opens_the_lead_and_exports(intake_watch, device)
        intake_watch.assert_clean()

        assert Lead.objects.get().full_name == "Robin Okafor"
        assert ArticlePage.objects.get(pk=walk_site["article"].pk).title.endswith("really like")
    finally:
        for watch in (visitor, marketing, intake_watch):
            if watch is not None:
                watch.context.close()
        # ORM calls made while Playwright's loop runs get connections of their own; close them,
        # or PostgreSQL refuses to drop the test database at the end.
        connections.close_all()
