"""Registers the outbox with the Wagtail admin: the "Email deliveries" viewset and a dashboard
warning while any delivery has failed."""

from django.urls import reverse
from wagtail import hooks
from wagtail.admin.ui.components import Component

from outbox.models import DeliveryStatus, EmailDelivery
from outbox.views import VIEW_PERMISSION, EmailDeliveryViewSet


class FailedDeliveriesPanel(Component):
    """A dashboard warning for staff while any email delivery has failed."""

    order = 50
    template_name = "outbox/failed_deliveries_panel.html"

    def __init__(self, failed_count: int):
        self.failed_count = failed_count

    def get_context_data(self, parent_context=None):
        return {
            "failed_count": self.failed_count,
            "review_url": f"{reverse('email_deliveries:index')}?status=failed",
        }


@hooks.register("register_admin_viewset")
def register_delivery_viewset():
    return EmailDeliveryViewSet("email_deliveries")


@hooks.register("construct_homepage_panels")
def add_failed_deliveries_panel(request, panels):
    if not request.user.has_perm(VIEW_PERMISSION):
        return
    failed = EmailDelivery.objects.filter(status=DeliveryStatus.FAILED).count()
    if failed:
        panels.append(FailedDeliveriesPanel(failed))
