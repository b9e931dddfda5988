"""Crisis help is visible and readable on a 320 px wide phone wherever it matters."""

from playwright.sync_api import expect

from leads.models import Lead


def assert_readable_crisis_section(page, section):
    expect(section).to_be_visible()
    for name in ("Call 988", "Text 988", "Chat with 988", "Call 911"):
        link = section.get_by_role("link", name=name)
        expect(link).to_be_visible()
        box = link.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= 320
        assert box["height"] >= 24  # a comfortable tap target
    font_size = section.locator(".crisis__text").evaluate(
        "e => parseFloat(getComputedStyle(e).fontSize)"
    )
    assert font_size >= 16
    assert page.evaluate("document.documentElement.scrollWidth") <= 320


def test_crisis_help_above_the_form_in_the_footer_and_on_top_of_an_urgent_thank_you(
    browser_page, live_site, contact_page, settings
):
    settings.LEADS_MIN_SECONDS_TO_SUBMIT = 0
    page = browser_page
    page.set_viewport_size({"width": 320, "height": 740})
    page.goto(contact_page.url)
    assert_readable_crisis_section(page, page.locator("section.crisis--before-form"))
    assert_readable_crisis_section(page, page.locator("footer section.crisis"))

    page.get_by_label("Full name").fill("Robin Ash")
    page.get_by_label("Email (required)").fill("robin@example.org")
    page.get_by_label("Email", exact=True).check()
    page.get_by_role("textbox", name="Message").fill("I can't go on like this.")
    page.get_by_label("I agree").check()
    page.get_by_role("button", name="Send request").click()
    page.wait_for_url(f"**{contact_page.thank_you_url}")

    urgent = page.locator("main section.crisis--urgent")
    assert_readable_crisis_section(page, urgent)
    # It opens the page: nothing in the main content comes before it.
    assert urgent.evaluate("e => e.parentElement.firstElementChild === e")
    assert Lead.objects.get().is_urgent
