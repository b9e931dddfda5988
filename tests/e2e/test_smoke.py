"""The site and its admin work in a real browser."""

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from tests.factories import UserFactory


def test_home_page_renders_with_crisis_help_at_phone_width(
    browser_page, live_site, clinic_settings
):
    browser_page.set_viewport_size({"width": 320, "height": 700})
    response = browser_page.goto("/")
    assert response.status == 200
    expect(browser_page.locator("h1")).to_have_text(live_site.hero_heading)
    crisis_call = browser_page.get_by_role("link", name="Call 988")
    expect(crisis_call).to_be_visible()
    assert crisis_call.bounding_box()["x"] >= 0
    # Nothing wider than the screen: no sideways scrolling at 320 px.
    assert browser_page.evaluate("document.documentElement.scrollWidth") <= 320
    assert browser_page.console_errors == []


def test_skip_link_moves_keyboard_focus_to_the_main_content(browser_page, live_site):
    browser_page.goto("/")
    browser_page.keyboard.press("Tab")
    skip = browser_page.get_by_role("link", name="Skip to main content")
    expect(skip).to_be_focused()
    browser_page.keyboard.press("Enter")
    assert browser_page.evaluate("document.activeElement.id") == "main"


def test_editor_signs_in_to_the_admin(browser_page, live_site):
    UserFactory(username="marketer", groups=["Marketing"])
    browser_page.goto("/admin/")
    browser_page.get_by_label("Username").fill("marketer")
    browser_page.get_by_label("Password").fill("correct horse battery staple")
    browser_page.get_by_role("button", name="Sign in").click()
    expect(browser_page).to_have_url(f"{browser_page.url.split('/admin')[0]}/admin/")
    menu = browser_page.get_by_role("navigation", name="Main menu")
    expect(menu.get_by_role("button", name="Pages")).to_be_visible()
    expect(menu.get_by_role("link", name="Images")).to_be_visible()


def test_home_page_has_no_accessibility_violations(browser_page, live_site, clinic_settings):
    browser_page.goto("/")
    results = Axe().run(
        browser_page, options={"runOnly": ["wcag2a", "wcag2aa", "wcag21aa", "wcag22aa"]}
    )
    assert results.violations_count == 0, results.generate_report()
