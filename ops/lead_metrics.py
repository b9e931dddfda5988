"""Prometheus figures about contact requests, read from the database at each scrape, so every web
process reports the same numbers: what the person on call needs to know if a patient may be waiting."""

from django.db.models import Count, Min
from django.utils import timezone
from prometheus_client.core import CounterMetricFamily, GaugeMetricFamily

from leads.models import Lead, LeadEmailKind
from ops.heartbeat import DELIVERY_SWEEP, heartbeat_age_seconds
from outbox.models import DeliveryStatus, EmailDelivery

WAITING_STATUSES = [DeliveryStatus.PENDING, DeliveryStatus.SENDING]


class LeadMetricsCollector:
    """Leads received, deliveries by status, the oldest waiting delivery, the worker heartbeat's
    age and escalations sent."""

    def collect(self):
        now = timezone.now()
        leads = CounterMetricFamily(
            "clinic_leads_received", "Contact requests received (rows in the database)."
        )
        leads.add_metric([], Lead.objects.count())
        yield leads

        deliveries = GaugeMetricFamily(
            "clinic_email_deliveries",
            "Email deliveries by status.",
            labels=["status"],
        )
        counts = dict(
            EmailDelivery.objects.order_by()
            .values_list("status")
            .annotate(total=Count("pk"))
            .values_list("status", "total")
        )
        for status in DeliveryStatus.values:
            deliveries.add_metric([status], counts.get(status, 0))
        yield deliveries

        oldest = EmailDelivery.objects.filter(status__in=WAITING_STATUSES).aggregate(
            oldest=Min("created_at")
        )["oldest"]
        waiting = GaugeMetricFamily(
            "clinic_oldest_pending_delivery_age_seconds",
            "Age of the oldest email delivery not yet sent (0 when none waits).",
        )
        waiting.add_metric([], (now - oldest).total_seconds() if oldest else 0.0)
        yield waiting

        age = heartbeat_age_seconds(DELIVERY_SWEEP, now=now)
        heartbeat = GaugeMetricFamily(
            "clinic_worker_heartbeat_age_seconds",
            "Seconds since a worker last finished the delivery sweep (absent: never).",
        )
        if age is not None:
            heartbeat.add_metric([], age)
        yield heartbeat

        escalations = CounterMetricFamily(
            "clinic_escalations_sent",
            "Escalation emails (requests still unanswered) accepted by the mail server.",
        )
        escalations.add_metric(
            [],
            EmailDelivery.objects.filter(
                kind=LeadEmailKind.ESCALATION, status=DeliveryStatus.SENT
            ).count(),
        )
        yield escalations
