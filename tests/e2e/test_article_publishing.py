"""In Chromium: a Marketing user writes and publishes an article in Wagtail's admin, and a visitor
then finds it on the article list and reads it."""

import re

import pytest
from playwright.sync_api import expect

from blog.models import ArticlePage
from blog.review import assign_medical_review
from tests.factories import UserFactory

# The live server's threads see the data only after commits, hence a transactional test; the
# serialized rollback restores what migrations made (groups, workflow) for the tests after it.
pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PASSWORD = "correct horse battery staple"
TITLE = "Sleep and recovery after an infusion"


def publish_as_marketing_user(browser, base_url: str, index_id: int) -> None:
    editor = browser.new_context().new_page()
    editor.set_default_timeout(20_000)
    editor.goto(f"{base_url}/admin/login/")
    editor.fill("#id_username", "writer")
    editor.fill("#id_password", PASSWORD)
    editor.click("button[type=submit]")
    expect(editor).to_have_url(f"{base_url}/admin/")

    editor.goto(f"{base_url}/admin/pages/add/blog/articlepage/{index_id}/")
    editor.fill("#id_title", TITLE)
    editor.fill("#id_summary", "How to rest well on the evening after a ketamine infusion.")
    body_panel = editor.locator("[data-contentpath='body']").first
    body_panel.get_by_role("button", name="Insert a block").first.click()
    editor.get_by_role("option", name="Paragraph").first.click()
    draftail = body_panel.locator(".public-DraftEditor-content").first
    draftail.click()
    draftail.type("Most people feel drowsy and sleep soundly that night.")
    # Draftail copies its content into the form's hidden input when typing pauses, so on a slow
    # machine the input can hold half the sentence for a while: wait for all of it (a SQLite
    # test-repeat run published "...sleep soundly" after matching "soundly").
    body = editor.locator("input[name='body-0-value']")
    expect(body).to_have_value(re.compile(r"sleep soundly that night\."))
    editor.locator("[data-w-dropdown-target='toggle']").last.click()
    editor.locator("button[name='action-publish']").click()
    expect(editor.locator(".messages")).to_contain_text("published")


def find_as_visitor(browser, base_url: str, index_path: str) -> None:
    visitor = browser.new_context().new_page()
    visitor.set_default_timeout(20_000)
    visitor.goto(f"{base_url}{index_path}")
    link = visitor.get_by_role("link", name=TITLE)
    expect(link).to_be_visible()
    link.click()
    expect(visitor.locator("h1")).to_have_text(TITLE)
    expect(visitor.locator("main")).to_contain_text("sleep soundly that night")


def test_marketing_user_publishes_an_article_that_a_visitor_then_finds(
    require_chromium, chromium, live_server, article_index, settings
):
    # Wagtail saves a draft on its own half a second after the last change. Publishing while that
    # first save is on its way posts to the "add" view a second time, which fails on the slug the
    # draft took (a loaded test-repeat run: "The page could not be created due to validation
    # errors"). The race is Wagtail's, and what this test follows is publishing, so autosave is off.
    settings.WAGTAIL_AUTOSAVE_INTERVAL = 0
    assign_medical_review(article_index)
    UserFactory(username="writer", groups=["Marketing"])
    index_id, index_path = article_index.pk, article_index.url

    # The ORM is used only before and after the browser steps.
    publish_as_marketing_user(chromium, live_server.url, index_id)
    find_as_visitor(chromium, live_server.url, index_path)

    article = ArticlePage.objects.get(title=TITLE)
    assert article.live
    assert article.owner.username == "writer"
