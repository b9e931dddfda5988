"""The seeded site as a new visitor and a new intake user see it, at phone (390 px) and desktop
(1280 px) widths: the home page's sections, an article's column and first screen, the contact
form, the thank-you page and a lead's page. Each page is saved as a screenshot in
test-results/screenshots/ (git-ignored) for a person to look at."""

import io
from pathlib import Path

import pytest
from django.core.management import call_command
from playwright.sync_api import expect
from wagtail.models import Site

from blog.models import ArticlePage
from leads.models import Lead
from leads.pages import ContactPage
from tests.e2e.admin_pages import sign_in
from tests.factories import UserFactory

SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-results" / "screenshots"
CLINIC = "Evergreen Ketamine Clinic"
WIDTHS = {"phone": (390, 844), "desktop": (1280, 800)}


@pytest.fixture
def seeded_site(live_server, settings):
    """The demo content of `make run`, served by the live server."""
    settings.LEADS_MIN_SECONDS_TO_SUBMIT = 0  # a script types faster than any person
    call_command("seed_demo", stdout=io.StringIO())
    host, port = live_server.url.removeprefix("http://").split(":")
    Site.objects.filter(is_default_site=True).update(hostname=host, port=int(port))
    return Site.objects.get(is_default_site=True)


def save_screenshot(page, name: str) -> None:
    """A full-page screenshot, after scrolling to the end so lazy images have loaded."""
    page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
    page.wait_for_load_state("networkidle")
    page.evaluate("window.scrollTo(0, 0)")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


def left_edge(locator) -> float:
    return locator.bounding_box()["x"]


def test_a_new_visitor_and_intake_user_see_the_seeded_site_at_phone_and_desktop_widths(
    browser_page, seeded_site
):
    UserFactory(username="intake.ana", first_name="Ana", last_name="Reyes", groups=["Intake staff"])
    errors = []
    browser_page.on("pageerror", lambda error: errors.append(str(error)))
    # The first visit makes every image size the pages use; on a busy machine that takes a while.
    browser_page.goto("/", timeout=90_000)
    for device in WIDTHS:
        check_pages_at(browser_page, device)
    assert errors == []


def check_pages_at(page, device: str) -> None:
    width, height = WIDTHS[device]
    page.set_viewport_size({"width": width, "height": height})

    # Home: the sections, in the order a visitor needs them.
    page.goto("/")
    main = page.locator("main")
    expect(page).to_have_title(f"Ketamine Infusion Therapy for Depression — {CLINIC}")
    steps = main.locator(".block-steps")
    expect(steps.get_by_role("heading", name="How treatment works")).to_be_visible()
    expect(steps).to_contain_text("off-label use")
    expect(steps.locator(".block-steps__step")).to_have_count(4)
    expect(steps).to_contain_text("about 45 minutes")
    expect(main.get_by_role("heading", name="Who it is for")).to_be_visible()
    expect(main).to_contain_text("at least two antidepressants")
    expect(main.locator(".block-latest .article-card")).to_have_count(3)
    expect(main.get_by_role("heading", name="Ready to talk it through?")).to_be_visible()
    expect(page.locator("footer").get_by_role("link", name="Privacy notice")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    save_screenshot(page, f"home-{device}")

    # An article with section headings: they share the text column's left edge.
    article = next(
        each
        for each in ArticlePage.objects.live()
        .filter(locale__language_code="en")
        .order_by("-date_published")
        if any(block.block_type == "heading" for block in each.body)
    )
    page.goto(article.url)
    expect(page).to_have_title(f"{article.seo_title or article.title} — {CLINIC}")
    body = page.locator(".article__body")
    first_heading = body.locator("> .block-heading").first
    first_text = body.locator("> .block-rich-text p").first
    assert abs(left_edge(first_heading) - left_edge(first_text)) < 1
    assert abs(left_edge(page.locator("article h1")) - left_edge(first_text)) < 1
    save_screenshot(page, f"article-{device}")
    if device == "desktop":
        # Title, summary and the first paragraph's start fit in the first screen.
        assert first_text.bounding_box()["y"] < height

    # Contact: the button in the site's font, then the thank-you page with its own title.
    contact = ContactPage.objects.get(locale__language_code="en")
    page.goto(contact.url)
    expect(page).to_have_title(f"{contact.title} — {CLINIC}")
    button = page.get_by_role("button", name="Send request")
    assert button.evaluate("el => getComputedStyle(el).fontFamily") == page.evaluate(
        "getComputedStyle(document.body).fontFamily"
    )
    save_screenshot(page, f"contact-{device}")
    page.get_by_label("Full name").fill("Robin Okafor")
    page.get_by_label("Email (required)").fill("robin@example.org")
    page.locator("#id_phone").fill("+44 20 7946 0958")
    page.get_by_label("Phone call").check()
    page.get_by_label("I agree").check()
    button.click()
    page.wait_for_url(f"**{contact.thank_you_url}")
    expect(page).to_have_title(f"Thank you — {CLINIC}")
    save_screenshot(page, f"thank-you-{device}")

    # The lead's page, as the intake user who follows it up (a second request from the same
    # person joins the same lead).
    lead = Lead.objects.get()
    if device == "phone":
        sign_in(page, "intake.ana")
    page.goto(f"/admin/contact-requests/inspect/{lead.pk}/")
    header = page.get_by_test_id("lead-header")
    expect(header).to_contain_text("Robin Okafor")
    expect(page.get_by_test_id("lead-status")).to_have_text("New")
    expect(page.get_by_role("link", name="+44 20 7946 0958")).to_have_attribute(
        "href", "tel:+442079460958"
    )
    expect(page.get_by_role("complementary", name="Actions")).to_be_visible()
    save_screenshot(page, f"lead-{device}")
