"""The work list's filters, as django-filter FilterSets the way Wagtail's listings use them."""

import django_filters
from django import forms
from django.conf import settings
from django.core.cache import cache
from django.utils import timezone
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.models import Page

from leads.models import Lead, LeadStatus, language_name

ASSIGNMENT_CHOICES = [
    ("me", "Assigned to me"),
    ("anyone", "Assigned to anyone"),
    ("nobody", "Unassigned"),
]


# The source-page and campaign choices are the distinct values of the whole table: reading them
# takes time that grows with it (about 20 ms each at 100,000 leads), so they are cached briefly. A
# new campaign appears in the filter within this many seconds; filtering by it works at once.
CHOICES_CACHE_SECONDS = 300


def source_pages(request):
    """Only pages that have sent leads."""
    page_ids = cache.get_or_set(
        "leads:filter:source-page-ids",
        lambda: list(
            Lead.objects.filter(source_page__isnull=False)
            .order_by()
            .values_list("source_page", flat=True)
            .distinct()
        ),
        CHOICES_CACHE_SECONDS,
    )
    return Page.objects.filter(pk__in=page_ids).order_by("title")


def campaigns():
    names = cache.get_or_set(
        "leads:filter:campaigns",
        lambda: list(
            Lead.objects.exclude(utm_campaign="")
            .order_by("utm_campaign")
            .values_list("utm_campaign", flat=True)
            .distinct()
        ),
        CHOICES_CACHE_SECONDS,
    )
    return [(name, name) for name in names]


def languages():
    """The site's languages by their English names, read from the settings on each request, so a
    language added there is offered without a code change."""
    return [(code, language_name(code)) for code, _ in settings.LANGUAGES]


def flag_filter(choice: str, label: str) -> django_filters.ChoiceFilter:
    """A filter for a boolean column of the lead, named as the column: one choice ("only") or
    any. A single-choice filter rather than a boolean one, because Wagtail shows an unticked
    boolean filter as an active "False" filter."""
    return django_filters.ChoiceFilter(
        choices=[("on", choice)], method="filter_flag_on", label=label, empty_label="Any"
    )


class LeadFilterSet(WagtailFilterSet):
    # distinct=False: a status IN (...) cannot repeat a row, and DISTINCT over whole rows costs a
    # sort of every match.
    status = django_filters.MultipleChoiceFilter(
        choices=LeadStatus.choices,
        widget=forms.CheckboxSelectMultiple,
        label="Status",
        distinct=False,
    )
    assignment = django_filters.ChoiceFilter(
        choices=ASSIGNMENT_CHOICES,
        method="filter_assignment",
        label="Assigned",
        empty_label="Anyone or nobody",
    )
    received_at = django_filters.DateFromToRangeFilter(
        label="Received", widget=DateRangePickerWidget
    )
    source_page = django_filters.ModelChoiceFilter(queryset=source_pages, label="Source page")
    campaign = django_filters.ChoiceFilter(
        field_name="utm_campaign", choices=campaigns, label="Campaign"
    )
    language = django_filters.ChoiceFilter(
        choices=languages, label="Language", empty_label="Any language"
    )
    overdue = django_filters.ChoiceFilter(
        choices=[("on", "Overdue only")],
        method="filter_overdue",
        label="Overdue for follow-up",
        empty_label="Any",
    )
    is_urgent = flag_filter("Urgent only", "Urgent")
    meets_threshold = flag_filter("Meets the two-antidepressant threshold", "Self-check: threshold")
    safety_flag = flag_filter("Safety flag only", "Self-check: safety flag")

    class Meta:
        model = Lead
        fields = []

    def filter_assignment(self, queryset, name, value):
        if value == "me":
            return queryset.filter(assigned_to=self.request.user)
        if value == "anyone":
            return queryset.filter(assigned_to__isnull=False)
        if value == "nobody":
            return queryset.filter(assigned_to__isnull=True)
        return queryset

    def filter_overdue(self, queryset, name, value):
        if not value:
            return queryset
        return queryset.overdue(timezone.localdate())

    def filter_flag_on(self, queryset, name, value):
        """A flag_filter: the leads whose boolean column `name` is true, when it is chosen."""
        return queryset.filter(**{name: True}) if value else queryset
