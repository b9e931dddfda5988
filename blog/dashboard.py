"""The admin dashboard's article panels: sample content still on live pages, and the medical
content checks of the articles waiting in the Medical review workflow. Their HTML is in
templates/blog/admin/."""

from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from wagtail.admin.ui.components import Component
from wagtail.models import Page, WorkflowState

from blog.models import ArticlePage
from blog.provenance import MEDICAL_REVIEW_WORKFLOW
from blog.samples import SampleUse


class SampleContentPanel(Component):
    """A dashboard warning while live pages show the demo's sample people or prices."""

    order = 20
    template_name = "blog/admin/sample_content_panel.html"

    def __init__(self, uses: list[SampleUse]):
        self.uses = uses

    def get_context_data(self, parent_context=None):
        return {
            "uses": [
                (use, reverse("wagtailadmin_pages:edit", args=[use.page.pk])) for use in self.uses
            ],
            "people_url": reverse("wagtailsnippets_blog_person:list"),
        }


def articles_in_review() -> list:
    """The articles waiting in the Medical review workflow, each as its latest revision (what
    the reviewer is asked to approve)."""
    states = WorkflowState.objects.filter(
        status=WorkflowState.STATUS_IN_PROGRESS,
        workflow__name=MEDICAL_REVIEW_WORKFLOW,
        base_content_type=ContentType.objects.get_for_model(Page),
    ).values_list("object_id", flat=True)
    articles = ArticlePage.objects.filter(pk__in=[int(pk) for pk in states]).order_by("title")
    return [article.get_latest_revision_as_object() for article in articles]


class ReviewChecksPanel(Component):
    """The medical content checks of every article waiting for medical review, for its
    author and its reviewer."""

    order = 25
    template_name = "blog/admin/review_checks_panel.html"

    def __init__(self, articles: list):
        self.articles = articles

    def get_context_data(self, parent_context=None):
        return {
            "rows": [
                (
                    article,
                    article.content_report(),
                    reverse("wagtailadmin_pages:edit", args=[article.pk]),
                )
                for article in self.articles
            ]
        }
