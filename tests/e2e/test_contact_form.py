"""The contact form in Chromium, as a visitor uses it: from a page's form block, by keyboard alone,
and with errors announced. The home page stands in for an article here: any page whose body holds
the contact form block behaves the same."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from leads.models import Lead

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def page_with_form_block(home_page, contact_page, settings):
    # The timing trap has its own tests; a script types faster than any person.
    settings.LEADS_MIN_SECONDS_TO_SUBMIT = 0
    home_page.body = [("contact_form", {"heading": "Ask us to call you", "text": ""})]
    home_page.save_revision().publish()
    return home_page


def focused_id(page) -> str:
    return page.evaluate("document.activeElement && document.activeElement.id")


def test_visitor_from_a_campaign_sends_the_form_block_and_the_lead_has_the_page_and_utm(
    browser_page, live_server, page_with_form_block, contact_page
):
    page = browser_page
    page.goto(f"{live_server.url}/?utm_source=newsletter&utm_medium=email&utm_campaign=winter")
    page.get_by_label("Full name").fill("Casey Morgan")
    page.get_by_label("Email (required)").fill("casey@example.org")
    page.locator("#id_phone").fill("503 555 0111")
    page.get_by_label("Text message").check()
    page.get_by_label("Best time to reach you").fill("Evenings")
    page.get_by_label("I agree").check()
    page.get_by_role("button", name="Send request").click()

    page.wait_for_url(f"**{contact_page.thank_you_url}")
    assert page.get_by_role("heading", level=1).inner_text() == "Thank you: we have your request"
    assert page.get_by_role("link", name="Call 988").count() >= 1
    lead = Lead.objects.get()
    assert lead.full_name == "Casey Morgan"
    assert str(lead.phone) == "+15035550111"
    assert lead.preferred_contact_method == "text"
    assert lead.source_page_id == page_with_form_block.pk
    assert (lead.utm_source, lead.utm_medium, lead.utm_campaign) == (
        "newsletter",
        "email",
        "winter",
    )
    assert lead.landing_page.startswith("/?utm_source=newsletter")


def test_visitor_completes_the_contact_page_by_keyboard_alone(
    browser_page, live_server, contact_page, settings
):
    settings.LEADS_MIN_SECONDS_TO_SUBMIT = 0
    page = browser_page
    page.goto(live_server.url + contact_page.url)
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip-link"
    page.keyboard.press("Enter")

    def tab_to(expected_id):
        page.keyboard.press("Tab")
        assert focused_id(page) == expected_id

    # The crisis help above the form comes first: its four links, then the form.
    for name in ("Call 988", "Text 988", "Chat with 988", "Call 911"):
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.textContent") == name
    tab_to("id_full_name")
    page.keyboard.type("Alex Kim")
    tab_to("id_email")
    page.keyboard.type("alex@example.org")
    tab_to("id_phone")
    page.keyboard.type("(503) 555-0123")
    tab_to("id_preferred_contact_method_0")
    page.keyboard.press("Space")
    tab_to("id_best_time")
    page.keyboard.type("Mornings")
    tab_to("id_message")
    page.keyboard.type("Please call after nine.")
    tab_to("id_consent")
    page.keyboard.press("Space")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "privacy notice"
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Send request"
    page.keyboard.press("Enter")

    page.wait_for_url(f"**{contact_page.thank_you_url}")
    lead = Lead.objects.get()
    assert (lead.full_name, lead.email, lead.preferred_contact_method, lead.best_time) == (
        "Alex Kim",
        "alex@example.org",
        "phone",
        "Mornings",
    )
    assert lead.message == "Please call after nine."


def test_validation_errors_are_announced_in_a_focused_error_summary(
    browser_page, live_server, contact_page, settings
):
    settings.LEADS_MIN_SECONDS_TO_SUBMIT = 0
    page = browser_page
    page.goto(live_server.url + contact_page.url)
    page.get_by_label("Full name").fill("Sam Lee")
    page.locator("#id_email").fill("not-an-address")
    page.get_by_role("button", name="Send request").click()

    summary = page.get_by_role("alert")
    summary.wait_for()
    assert focused_id(page) == "error-summary"
    text = summary.inner_text()
    assert "There is a problem" in text
    assert "Enter an email address in the correct format" in text
    assert "Choose how you would like us to contact you" in text
    assert "Check the box to agree" in text
    # The input is kept, and each field names its error to assistive technology.
    assert page.locator("#id_full_name").input_value() == "Sam Lee"
    described_by = page.locator("#id_email").get_attribute("aria-describedby").split()
    assert (
        page.locator(f"#{described_by[0]}")
        .inner_text()
        .endswith("Enter an email address in the correct format, like name@example.com")
    )
    assert page.locator("#id_email").get_attribute("aria-invalid") == "true"
    # A summary link takes the keyboard to its field.
    summary.get_by_role("link", name="Enter an email address in the correct format").click()
    assert focused_id(page) == "id_email"
    assert Lead.objects.count() == 0


def test_the_form_works_with_javascript_turned_off(
    browser_page, live_server, contact_page, settings
):
    settings.LEADS_MIN_SECONDS_TO_SUBMIT = 0
    context = browser_page.context.browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(live_server.url + contact_page.url)
        page.get_by_label("Full name").fill("Noor Haddad")
        page.get_by_label("Email (required)").fill("noor@example.org")
        page.get_by_role("button", name="Send request").click()
        assert "Check the box to agree" in page.get_by_role("alert").inner_text()
        page.get_by_label("Email", exact=True).check()
        page.get_by_label("I agree").check()
        page.get_by_role("button", name="Send request").click()
        page.wait_for_url(f"**{contact_page.thank_you_url}")
    finally:
        context.close()
    assert Lead.objects.get().email == "noor@example.org"


def test_contact_page_thank_you_page_and_error_state_have_no_axe_violations(
    browser_page, live_server, contact_page, settings
):
    settings.LEADS_MIN_SECONDS_TO_SUBMIT = 0
    axe = Axe()
    page = browser_page

    def violations():
        results = axe.run(page, options={"runOnly": ["wcag2a", "wcag2aa", "wcag21aa", "wcag22aa"]})
        return [
            (violation["id"], [node["target"] for node in violation["nodes"]])
            for violation in results.response["violations"]
        ]

    page.goto(live_server.url + contact_page.url)
    assert violations() == []
    page.get_by_role("button", name="Send request").click()
    page.get_by_role("alert").wait_for()
    assert violations() == []
    page.goto(live_server.url + contact_page.thank_you_url)
    assert violations() == []
