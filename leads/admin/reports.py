"""The "Leads by article" figures: how many requests each page and campaign brought, by month.
Counts only: the rows never carry a name, contact detail or message, so the Marketing group may
see them."""

from django.db.models import Count, Q
from django.db.models.functions import TruncMonth

from leads.models import Lead, LeadStatus


def leads_by_source(queryset=None):
    """One row per month, source page and campaign: its requests (spam left out) and how many of
    them became patients, newest month first."""
    queryset = Lead.objects.all() if queryset is None else queryset
    return (
        queryset.exclude(status=LeadStatus.SPAM)
        .annotate(month=TruncMonth("received_at"))
        .values("month", "source_page__title", "utm_source", "utm_campaign")
        .annotate(
            requests=Count("pk"),
            patients=Count("pk", filter=Q(status=LeadStatus.BECAME_PATIENT)),
        )
        .order_by("-month", "-requests", "source_page__title", "utm_campaign")
    )
