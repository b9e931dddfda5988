"""The "Leads by article" figures: how many requests each page and campaign brought, by month.
Counts only: the rows never carry a name, contact detail or message, so the Marketing group may
see them."""

from django.db.models import Count, Q
from django.db.models.functions import TruncMonth
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.reports import ReportView

from core.admin_access import forbidden
from core.small_counts import fold_small_groups, small_count
from core.spreadsheets import FormulaSafeExportMixin
from leads.admin.permissions import can_see_lead_report, lead_permission_policy
from leads.models import Lead, LeadStatus


def leads_by_source(queryset=None):
    """One row per month, source page and campaign: its requests (spam left out) and how many of
    them became patients, newest month first."""
    queryset = Lead.objects.all() if queryset is None else queryset
    return (
        queryset.not_spam()
        .annotate(month=TruncMonth("received_at"))
        .values("month", "source_page__title", "utm_source", "utm_campaign")
        .annotate(
            requests=Count("pk"),
            patients=Count("pk", filter=Q(status=LeadStatus.BECAME_PATIENT)),
        )
        .order_by("-month", "-requests", "source_page__title", "utm_campaign")
    )


def may_see_outcomes(user) -> bool:
    """Whether a user may see who became a patient: intake staff and superusers, not Marketing."""
    return lead_permission_policy.user_has_permission(user, "view")


class LeadsByArticleReport(FormulaSafeExportMixin, ReportView):
    """Which pages and campaigns brought requests, by month. Counts only; a group of 1 to 4
    requests folded into "Other (small groups)" and a count from 1 to 4 shown as "1–4"
    (core.small_counts), so the Marketing group (view_lead_report) sees it as well
    as intake staff; how many became patients is shown to intake staff only."""

    page_title = "Leads by article"
    header_icon = "doc-full"
    index_url_name = "leads_by_article"
    index_results_url_name = "leads_by_article_results"
    paginate_by = 50
    list_export = [
        "month",
        "source_page__title",
        "utm_source",
        "utm_campaign",
        "requests",
        "patients",
    ]
    export_headings = {
        "month": "Month",
        "source_page__title": "Page",
        "utm_source": "Source",
        "utm_campaign": "Campaign",
        "requests": "Requests",
        "patients": "Became patients",
    }
    export_filename = "leads-by-article"
    custom_field_preprocess = {
        "month": {
            "csv": lambda month: f"{month:%Y-%m}",
            "xlsx": lambda month: f"{month:%Y-%m}",
        },
        "requests": {"csv": small_count, "xlsx": small_count},
        "patients": {"csv": small_count, "xlsx": small_count},
    }
    all_columns = [
        Column("month", label="Month", accessor=lambda row: f"{row['month']:%B %Y}"),
        Column("page", label="Page", accessor=lambda row: row["source_page__title"] or "(none)"),
        Column("utm_source", label="Source", accessor=lambda row: row["utm_source"]),
        Column("utm_campaign", label="Campaign", accessor=lambda row: row["utm_campaign"]),
        Column("requests", label="Requests", accessor=lambda row: small_count(row["requests"])),
        Column(
            "patients", label="Became patients", accessor=lambda row: small_count(row["patients"])
        ),
    ]

    def dispatch(self, request, *args, **kwargs):
        if not can_see_lead_report(request.user):
            return forbidden(request)
        if not may_see_outcomes(request.user):
            self.list_export = [name for name in self.list_export if name != "patients"]
        return super().dispatch(request, *args, **kwargs)

    @property
    def columns(self):
        if may_see_outcomes(self.request.user):
            return self.all_columns
        return [column for column in self.all_columns if column.name != "patients"]

    def get_queryset(self):
        # Per month, every page/source/campaign row with 1 to 4 requests is one "Other (small
        # groups)" row: a campaign link made for one person must not be a row of its own.
        return fold_small_groups(
            leads_by_source(),
            ["source_page__title", "utm_source", "utm_campaign"],
            ["requests", "patients"],
            within="month",
        )
