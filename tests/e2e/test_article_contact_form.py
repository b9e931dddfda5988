"""A visitor arrives on an article from a campaign link, reads on, uses the form block at the end
of the article, and the lead records the article as its source and the campaign as first touch."""

import pytest
from playwright.sync_api import expect

from blog.models import ArticlePage
from leads.models import Lead
from tests.factories import ArticlePageFactory, article_body


@pytest.fixture
def article_with_form(article_index, contact_page, settings):
    # The timing trap has its own tests; a script types faster than any person.
    settings.LEADS_MIN_SECONDS_TO_SUBMIT = 0
    body = [
        *article_body("Infusions are given under medical supervision."),
        {"type": "contact_form", "value": {"heading": "Talk to our intake team", "text": ""}},
    ]
    article = ArticlePageFactory(parent=article_index, title="Your first infusion", body=body)
    article.save_revision().publish()
    return ArticlePage.objects.get(pk=article.pk)


def test_campaign_visitor_sends_an_articles_form_block_and_the_lead_names_the_article(
    browser_page, live_site, article_with_form, article_index, contact_page
):
    page = browser_page
    page.goto(f"{article_with_form.url}?utm_source=newsletter&utm_medium=email&utm_campaign=spring")
    page.goto(article_index.url)  # reads around the site first
    page.goto(article_with_form.url)
    form_block = page.locator("section.block-contact-form")
    expect(form_block.get_by_role("heading", name="Talk to our intake team")).to_be_visible()
    form_block.get_by_label("Full name").fill("Morgan Lee")
    form_block.get_by_label("Email (required)").fill("morgan@example.org")
    form_block.get_by_label("Email", exact=True).check()
    form_block.get_by_label("I agree").check()
    form_block.get_by_role("button", name="Send request").click()

    page.wait_for_url(f"**{contact_page.thank_you_url}")
    expect(page.get_by_role("heading", level=1)).to_have_text(contact_page.thank_you_heading)
    lead = Lead.objects.get()
    assert lead.source_page_id == article_with_form.pk
    assert (lead.utm_source, lead.utm_medium, lead.utm_campaign) == (
        "newsletter",
        "email",
        "spring",
    )
    assert lead.landing_page.startswith(article_with_form.url)
