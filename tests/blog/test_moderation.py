import pytest
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse
from wagtail.models import Workflow, WorkflowState
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from blog.models import ArticlePage
from blog.review import assign_medical_review
from tests.factories import ArticlePageFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def reviewed_index(article_index):
    assign_medical_review(article_index)
    return article_index


def test_migrations_create_the_medical_review_workflow_for_the_reviewers_group():
    workflow = Workflow.objects.get(name="Medical review")
    task = workflow.tasks.get().specific
    assert list(task.groups.values_list("name", flat=True)) == ["Medical reviewers"]
    reviewers = Group.objects.get(name="Medical reviewers")
    assert reviewers.permissions.filter(codename="access_admin").exists()
    marketing = Group.objects.get(name="Marketing")
    assert marketing.permissions.filter(codename="add_person").exists()
    assert marketing.permissions.filter(codename="change_topic").exists()


def test_articles_under_the_index_go_through_medical_review(reviewed_index):
    article = ArticlePageFactory(parent=reviewed_index)
    assert article.get_workflow().name == "Medical review"


def test_marketing_submits_and_a_medical_reviewer_approves_and_publishes(reviewed_index):
    writer = UserFactory(username="writer", groups=["Marketing"])
    reviewer = UserFactory(username="reviewer", groups=["Medical reviewers"])
    article = ArticlePageFactory(parent=reviewed_index, title="Before review")
    article.unpublish()

    marketing = Client()
    marketing.force_login(writer)
    edit_url = reverse("wagtailadmin_pages:edit", args=[article.pk])
    data = nested_form_data(
        {
            "title": "Reviewed article",
            "slug": article.slug,
            "summary": article.summary,
            "hero_image_alt": "",
            "date_published": article.date_published.isoformat(),
            "body": streamfield([("paragraph", rich_text("<p>Checked facts.</p>"))]),
            "action-submit": "submit",
        }
    )
    response = marketing.post(edit_url, data)
    assert response.status_code == 302, response.context["form"].errors
    state = WorkflowState.objects.get(base_content_type__model="page", object_id=str(article.pk))
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert not ArticlePage.objects.get(pk=article.pk).live

    medical = Client()
    medical.force_login(reviewer)
    task_state = state.current_task_state
    approve_url = reverse(
        "wagtailadmin_pages:workflow_action", args=[article.pk, "approve", task_state.pk]
    )
    response = medical.post(approve_url, {})
    assert response.status_code == 302
    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_APPROVED
    published = ArticlePage.objects.get(pk=article.pk)
    assert published.live and published.title == "Reviewed article"


def test_marketing_cannot_approve_its_own_submission(reviewed_index):
    writer = UserFactory(username="writer", groups=["Marketing"])
    article = ArticlePageFactory(parent=reviewed_index)
    article.unpublish()
    article.save_revision(user=writer)
    workflow_state = article.get_workflow().start(article, writer)
    task = workflow_state.current_task_state.task.specific
    assert task.get_actions(article, writer) == []
