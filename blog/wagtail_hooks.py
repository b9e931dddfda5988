"""Admin registration: topics and people under one "Articles" menu, and the medical review report."""

from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.permissions import page_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from blog.models import Person, Topic
from blog.reports import ArticlesDueForReviewView


class TopicViewSet(SnippetViewSet):
    model = Topic
    icon = "tag"
    list_display = ["name", "slug"]
    search_fields = ["name"]


class PersonViewSet(SnippetViewSet):
    model = Person
    icon = "user"
    list_display = ["name", "credentials"]
    search_fields = ["name"]


class ArticleSnippetsGroup(SnippetViewSetGroup):
    items = (TopicViewSet, PersonViewSet)
    menu_icon = "doc-full"
    menu_label = "Article details"
    menu_name = "article-details"


register_snippet(ArticleSnippetsGroup)


@hooks.register("register_admin_urls")
def register_review_report_urls():
    return [
        path(
            "reports/articles-due-for-review/",
            ArticlesDueForReviewView.as_view(),
            name="blog_articles_due_for_review",
        ),
        path(
            "reports/articles-due-for-review/results/",
            ArticlesDueForReviewView.as_view(results_only=True),
            name="blog_articles_due_for_review_results",
        ),
    ]


class ReviewReportMenuItem(MenuItem):
    def is_shown(self, request):
        return page_permission_policy.user_has_any_permission(
            request.user, ["add", "change", "publish"]
        )


@hooks.register("register_reports_menu_item")
def register_review_report_menu_item():
    return ReviewReportMenuItem(
        "Articles due for medical review",
        reverse("blog_articles_due_for_review"),
        name="articles-due-for-review",
        icon_name="warning",
        order=1050,
    )
