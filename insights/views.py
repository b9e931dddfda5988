"""The Insights pages of the admin: intake performance (intake staff and superusers) and marketing
(also the Marketing group, with small counts masked and no patient figures), each chart with a
CSV and an XLSX download of the numbers behind it."""

import csv
import datetime
import io

from django import forms
from django.http import Http404, HttpResponse
from django.urls import reverse_lazy
from django.views.generic import TemplateView
from openpyxl import Workbook
from wagtail.admin.menu import Menu, MenuItem
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.models import Site

from core.admin_access import forbidden
from core.spreadsheets import neutralise_formula
from insights import figures, reports
from leads.admin.permissions import REPORT_PERMISSION, LeadPermissionPolicy
from leads.models import Lead, LeadFollowUpSettings

# The longest custom period: three years of weekly bars is already more than a chart can show.
MAX_CUSTOM_DAYS = 3 * 366


class PeriodForm(forms.Form):
    """The period an Insights page shows: a preset, or custom dates (both days included)."""

    period = forms.ChoiceField(
        choices=[*((key, label) for key, (label, _) in figures.PERIOD_CHOICES.items())]
        + [("custom", "Custom dates")],
        required=False,
        initial=figures.DEFAULT_PERIOD,
    )
    start = forms.DateField(required=False, widget=forms.DateInput(attrs={"type": "date"}))
    end = forms.DateField(required=False, widget=forms.DateInput(attrs={"type": "date"}))

    def clean(self):
        data = super().clean()
        if data.get("period") != "custom":
            return data
        start, end = data.get("start"), data.get("end")
        if not start or not end:
            raise forms.ValidationError("Give both a start and an end date for custom dates.")
        if end < start:
            raise forms.ValidationError("The end date must be on or after the start date.")
        if (end - start).days > MAX_CUSTOM_DAYS:
            raise forms.ValidationError("Choose at most three years.")
        return data

    def chosen_period(self) -> figures.Period:
        if not self.is_valid():
            return figures.chosen_period(figures.DEFAULT_PERIOD)
        data = self.cleaned_data
        return figures.chosen_period(
            data.get("period") or figures.DEFAULT_PERIOD, data.get("start"), data.get("end")
        )


def can_see_intake_insights(user) -> bool:
    return LeadPermissionPolicy(Lead).user_has_permission(user, "view")


def can_see_marketing_insights(user) -> bool:
    return user.is_superuser or user.has_perm(REPORT_PERMISSION) or can_see_intake_insights(user)


def site_of_request(request) -> Site | None:
    return Site.find_for_request(request) or Site.objects.filter(is_default_site=True).first()


def first_contact_target(request) -> float:
    site = site_of_request(request)
    follow_up = LeadFollowUpSettings.for_site(site) if site else LeadFollowUpSettings()
    return float(follow_up.first_contact_target_hours)


def figure_download(figure, export_format: str, filename: str) -> HttpResponse:
    rows = [figure.headings, *figure.rows]
    if export_format == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        for row in rows:
            writer.writerow(["" if cell is None else neutralise_formula(cell) for cell in row])
        response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    else:
        workbook = Workbook()
        sheet = workbook.active
        sheet.title = figure.key[:31]
        for row in rows:
            sheet.append([neutralise_formula(cell) for cell in row])
        buffer = io.BytesIO()
        workbook.save(buffer)
        response = HttpResponse(
            buffer.getvalue(),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    response["Content-Disposition"] = f'attachment; filename="{filename}.{export_format}"'
    return response


class InsightsView(WagtailAdminTemplateMixin, TemplateView):
    """One Insights page: the period form, then each figure with its chart, summary and table.
    Each page says who may see it (`allowed`) and what it shows (`figures`)."""

    template_name = "insights/page.html"
    header_icon = "chart-bar"
    breadcrumbs_items = [{"url": reverse_lazy("wagtailadmin_home"), "label": "Home"}]

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.get_page_title()}]

    page_name = ""

    def dispatch(self, request, *args, **kwargs):
        if not self.allowed(request.user):
            return forbidden(request)
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, *args, **kwargs):
        self.form = PeriodForm(request.GET or None)
        self.period = self.form.chosen_period()
        export_format = request.GET.get("format")
        if export_format:
            if export_format not in ("csv", "xlsx"):
                raise Http404("Unknown download format")
            wanted = request.GET.get("figure", "")
            figure = next((f for f in self.figures(self.period) if f.key == wanted), None)
            if figure is None:
                raise Http404("Unknown figure")
            filename = f"insights-{self.page_name}-{figure.key}-{self.period.start:%Y%m%d}-" + (
                f"{self.period.end - datetime.timedelta(days=1):%Y%m%d}"
            )
            return figure_download(figure, export_format, filename)
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        query = self.request.GET.copy()
        for name in ("format", "figure"):
            query.pop(name, None)
        context.update(
            form=self.form,
            period=self.period,
            figures=self.figures(self.period),
            query=query.urlencode(),
            other_pages=self.other_pages(),
        )
        return context

    def other_pages(self) -> list[tuple[str, str]]:
        return []


class IntakeInsightsView(InsightsView):
    page_title = "Insights: intake"
    page_name = "intake"

    def allowed(self, user) -> bool:
        return can_see_intake_insights(user)

    def figures(self, period):
        return reports.intake_figures(
            period, first_contact_target(self.request), site_of_request(self.request)
        )

    def other_pages(self):
        return [("insights_marketing", "Marketing")]


class MarketingInsightsView(InsightsView):
    page_title = "Insights: marketing"
    page_name = "marketing"

    def allowed(self, user) -> bool:
        return can_see_marketing_insights(user)

    def figures(self, period):
        return reports.marketing_figures(
            period, show_patients=can_see_intake_insights(self.request.user)
        )

    def other_pages(self):
        if can_see_intake_insights(self.request.user):
            return [("insights_intake", "Intake performance")]
        return []


class InsightsMenuItem(MenuItem):
    """Shown to whoever may open the page it links to."""

    def __init__(self, *args, can_see, **kwargs):
        super().__init__(*args, **kwargs)
        self.can_see = can_see

    def is_shown(self, request):
        return self.can_see(request.user)


insights_menu = Menu(
    register_hook_name="register_insights_menu_item", construct_hook_name="construct_insights_menu"
)
