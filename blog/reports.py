"""The admin report of articles due for a medical review."""

from wagtail.admin.views.reports import PageReportView

from blog.review import articles_due_for_review, review_interval_months
from core.spreadsheets import FormulaSafeExportMixin


class ArticlesDueForReviewView(FormulaSafeExportMixin, PageReportView):
    """Articles due for a medical review; the export writes titles and names as text that a
    spreadsheet never evaluates."""

    page_title = "Articles due for medical review"
    header_icon = "warning"
    index_url_name = "blog_articles_due_for_review"
    index_results_url_name = "blog_articles_due_for_review_results"
    results_template_name = "blog/reports/articles_due_for_review_results.html"
    any_permission_required = ["add", "change", "publish"]
    list_export = [
        "title",
        "last_reviewer",
        "last_reviewed_at",
        "live_reviewed",
        "date_published",
        "full_url",
    ]
    export_headings = {
        "title": "Article",
        "last_reviewer": "Medical reviewer",
        "last_reviewed_at": "Last medical review",
        "live_reviewed": "Live text reviewed",
        "date_published": "Published date",
        "full_url": "Address",
    }

    def get_queryset(self):
        return articles_due_for_review()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["interval_months"] = review_interval_months()
        return context
