"""'Medically reviewed' means a medical reviewer approved the live text in the Medical review
workflow: the line on the article and its structured data follow the workflow's approvals, with
the page caches on, through an approval, a change published without review, and a second
approval in the admin."""

import datetime

import pytest
import time_machine
from bs4 import BeautifulSoup
from django.test import Client
from django.urls import reverse
from wagtail.models import TaskState

from blog.models import ArticlePage
from tests.blog.review_helpers import (
    approve,
    medical_reviewer,
    publish_without_review,
    submit,
)
from tests.factories import ArticlePageFactory, SuperUserFactory, UserFactory
from tests.seo_helpers import parse_page

pytestmark = pytest.mark.django_db


def at(day: datetime.date):
    return time_machine.travel(datetime.datetime.combine(day, datetime.time(15), datetime.UTC))


def review_line(client: Client, article) -> str:
    soup = BeautifulSoup(client.get(article.url).content, "html.parser")
    line = soup.select_one(".article__review")
    return " ".join(line.get_text().split()) if line else ""


def medical_web_page(client: Client, article) -> dict:
    page = parse_page(client.get(article.url).content, article.get_full_url())
    return page["json_ld"]["MedicalWebPage"][0]


def test_approve_then_publish_without_review_then_approve_again(
    client: Client, article_index, clinic_settings, page_cache_on
):
    with at(datetime.date(2026, 3, 1)):
        article = ArticlePageFactory(parent=article_index, title="Ketamine basics")
        article.save_revision().publish()
    assert review_line(client, article) == "Updated March 1, 2026; medical review pending"
    assert "reviewedBy" not in medical_web_page(client, article)

    first = medical_reviewer("Maya Okafor", "MD, psychiatrist")
    with at(datetime.date(2026, 3, 2)):
        approve(article, first)
    assert review_line(client, article) == (
        "Medically reviewed by Maya Okafor, MD, psychiatrist on March 2, 2026"
    )
    data = medical_web_page(client, article)
    assert data["lastReviewed"] == "2026-03-02"
    assert data["reviewedBy"]["name"] == "Maya Okafor"
    assert data["reviewedBy"]["honorificSuffix"] == "MD, psychiatrist"

    with at(datetime.date(2026, 4, 10)):
        publish_without_review(article, "Ketamine basics, updated")
    assert review_line(client, article) == "Updated April 10, 2026; medical review pending"
    data = medical_web_page(client, article)
    # The last approved revision's review still stands in the structured data.
    assert data["lastReviewed"] == "2026-03-02"
    assert data["reviewedBy"]["name"] == "Maya Okafor"

    # The second approval goes through the admin, as a reviewer does it.
    second = medical_reviewer("Sam Lee", "DO")
    with at(datetime.date(2026, 5, 5)):
        task_state = submit(article)
        admin = Client()
        admin.force_login(second)
        url = reverse(
            "wagtailadmin_pages:workflow_action", args=[article.pk, "approve", task_state.pk]
        )
        assert admin.post(url, {}).status_code == 302
    assert review_line(client, article) == "Medically reviewed by Sam Lee, DO on May 5, 2026"
    assert medical_web_page(client, article)["lastReviewed"] == "2026-05-05"


def test_an_approval_by_someone_outside_medical_reviewers_does_not_count(
    client: Client, article_index
):
    article = ArticlePageFactory(parent=article_index)
    # Superusers may approve any task, but only a medical reviewer's approval is a review.
    approve(article, SuperUserFactory(username="site-admin"))
    assert ArticlePage.objects.get(pk=article.pk).live
    assert review_line(client, article).endswith("medical review pending")
    assert "reviewedBy" not in medical_web_page(client, article)


def test_a_reviewer_who_approves_with_their_own_edits_reviewed_what_went_live(
    client: Client, article_index
):
    article = ArticlePageFactory(parent=article_index)
    reviewer = medical_reviewer("Maya Okafor", "MD")
    task_state = submit(article)
    draft = ArticlePage.objects.get(pk=article.pk).get_latest_revision_as_object()
    draft.title = "Corrected by the reviewer"
    draft.save_revision(user=reviewer)
    # Read again, as the reviewer's next request does.
    task_state = TaskState.objects.get(pk=task_state.pk)
    task_state.task.specific.on_action(task_state, reviewer, "approve")
    live = ArticlePage.objects.get(pk=article.pk)
    assert live.title == "Corrected by the reviewer"
    assert review_line(client, live).startswith("Medically reviewed by Maya Okafor, MD on")


def test_a_draft_saved_after_the_approval_leaves_the_live_text_reviewed(
    client: Client, article_index
):
    article = approve(ArticlePageFactory(parent=article_index), medical_reviewer("Maya Okafor"))
    draft = article.get_latest_revision_as_object()
    draft.title = "Unreviewed draft"
    draft.save_revision(user=UserFactory(groups=["Marketing"]))
    assert review_line(client, article).startswith("Medically reviewed by Maya Okafor")


def test_a_reviewer_without_a_person_profile_is_named_from_their_account(
    client: Client, article_index
):
    reviewer = UserFactory(first_name="Ada", last_name="Byrne", groups=["Medical reviewers"])
    article = approve(ArticlePageFactory(parent=article_index), reviewer)
    assert review_line(client, article).startswith("Medically reviewed by Ada Byrne on")
