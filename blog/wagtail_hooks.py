"""Admin registration: topics and people under one "Articles" menu, the medical review report,
the dashboard's sample-content warning and review checks, and the history entry of a withdrawn
typed review."""

from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.log_actions import LogFormatter
from wagtail.permissions import page_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from blog.dashboard import ReviewChecksPanel, SampleContentPanel, articles_in_review
from blog.models import Person, Topic
from blog.reports import ArticlesDueForReviewView
from blog.samples import sample_content_on_live_pages


class TopicViewSet(SnippetViewSet):
    model = Topic
    icon = "tag"
    list_display = ["name", "slug"]
    search_fields = ["name"]


class PersonViewSet(SnippetViewSet):
    model = Person
    icon = "user"
    list_display = ["name", "credentials", "user", "is_sample"]
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


@hooks.register("construct_homepage_panels")
def add_sample_content_panel(request, panels):
    if not page_permission_policy.user_has_any_permission(request.user, ["add", "change"]):
        return
    uses = sample_content_on_live_pages()
    if uses:
        panels.append(SampleContentPanel(uses))


@hooks.register("construct_homepage_panels")
def add_review_checks_panel(request, panels):
    if not page_permission_policy.user_has_any_permission(request.user, ["add", "change"]):
        return
    articles = articles_in_review()
    if articles:
        panels.append(ReviewChecksPanel(articles))


@hooks.register("register_log_actions")
def register_withdrawn_review_action(actions):
    @actions.register_action("blog.typed_review_withdrawn")
    class TypedReviewWithdrawn(LogFormatter):
        label = "Typed medical review withdrawn"

        def format_message(self, log_entry):
            data = log_entry.data
            return (
                f"The typed line 'Medically reviewed by {data.get('reviewer')} on "
                f"{data.get('date') or 'no date'}' was withdrawn: only an approval in the "
                "Medical review workflow marks an article as reviewed."
            )
