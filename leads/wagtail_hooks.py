"""The intake admin: read-only lists of received contact requests and of their email deliveries,
for Intake staff and superusers, with a retry for deliveries that failed."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.html import format_html, format_html_join
from wagtail import hooks
from wagtail.admin.ui.components import Component
from wagtail.admin.views.generic.models import IndexView, InspectView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets import ListingButton
from wagtail.permission_policies.base import ModelPermissionPolicy

from leads.models import DeliveryStatus, EmailDelivery, Lead
from leads.services import retry_delivery

RETRY_PERMISSION = "leads.change_emaildelivery"


class ViewOnlyPermissionPolicy(ModelPermissionPolicy):
    """Allows viewing to whoever holds the model's view permission (superusers included) and
    nothing else: nobody adds, edits or deletes a visitor's request or its emails in the admin."""

    def user_has_permission(self, user, action):
        return action == "view" and super().user_has_permission(user, action)

    def users_with_any_permission(self, actions):
        return super().users_with_any_permission([a for a in actions if a == "view"])


class LeadInspectView(InspectView):
    def get_deliveries_display_value(self):
        deliveries = self.object.deliveries.order_by("pk")
        if not deliveries:
            return "None"
        return format_html(
            "<ul>{}</ul>",
            format_html_join(
                "",
                '<li>{}: <strong>{}</strong> ({} attempt(s)){} <a href="{}">Details</a></li>',
                (
                    (
                        delivery.get_kind_display(),
                        delivery.get_status_display(),
                        delivery.attempts,
                        f" – {delivery.last_error}" if delivery.last_error else "",
                        reverse("email_deliveries:inspect", args=[delivery.pk]),
                    )
                    for delivery in deliveries
                ),
            ),
        )


class LeadViewSet(ModelViewSet):
    model = Lead
    icon = "mail"
    menu_label = "Contact requests"
    menu_order = 150
    add_to_admin_menu = True
    url_prefix = "contact-requests"
    copy_view_enabled = False
    inspect_view_enabled = True
    inspect_view_class = LeadInspectView
    list_display = [
        "received_at",
        "full_name",
        "preferred_contact_method",
        "status",
        "is_urgent",
        "source_page",
    ]
    list_filter = ["status", "is_urgent", "preferred_contact_method"]
    # A request that may come from someone in crisis is always at the top.
    ordering = ["-is_urgent", "-received_at", "-pk"]
    search_fields = ["full_name", "email"]
    search_backend_name = None
    form_fields = ["status"]
    inspect_view_fields = [
        "received_at",
        "status",
        "is_urgent",
        "crisis_phrases",
        "full_name",
        "email",
        "phone",
        "preferred_contact_method",
        "best_time",
        "message",
        "deliveries",
        "source_page",
        "source_url",
        "landing_page",
        "referrer",
        "utm_source",
        "utm_medium",
        "utm_campaign",
        "utm_term",
        "utm_content",
        "consent_version",
        "consented_at",
    ]

    @cached_property
    def permission_policy(self):
        return ViewOnlyPermissionPolicy(self.model)


class DeliveryIndexView(IndexView):
    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        if instance.status == DeliveryStatus.FAILED and self.request.user.has_perm(
            RETRY_PERMISSION
        ):
            buttons.append(
                ListingButton(
                    "Retry",
                    url=reverse("email_deliveries:retry", args=[instance.pk]),
                    icon_name="resubmit",
                    priority=30,
                )
            )
        return buttons


def retry_delivery_view(request, pk):
    """Confirm (GET), then send a failed delivery again (POST)."""
    if not request.user.has_perm(RETRY_PERMISSION):
        raise PermissionDenied
    delivery = get_object_or_404(EmailDelivery, pk=pk)
    index_url = reverse("email_deliveries:index")
    if request.method == "POST":
        if retry_delivery(delivery.pk):
            messages.success(request, f"Email delivery {delivery.pk} is being sent again.")
        else:
            messages.warning(request, f"Email delivery {delivery.pk} had not failed; nothing done.")
        return redirect(index_url)
    return TemplateResponse(
        request, "leads/admin/confirm_retry.html", {"delivery": delivery, "index_url": index_url}
    )


class EmailDeliveryViewSet(ModelViewSet):
    model = EmailDelivery
    icon = "resubmit"
    menu_label = "Email deliveries"
    menu_order = 151
    add_to_admin_menu = True
    url_prefix = "email-deliveries"
    copy_view_enabled = False
    inspect_view_enabled = True
    index_view_class = DeliveryIndexView
    list_display = ["created_at", "kind", "lead", "status", "attempts", "last_error", "sent_at"]
    list_filter = ["status", "kind"]
    search_backend_name = None
    form_fields = ["status"]
    inspect_view_fields = [
        "lead",
        "kind",
        "recipient",
        "status",
        "attempts",
        "next_attempt_at",
        "claimed_at",
        "last_error",
        "sent_at",
        "created_at",
    ]

    @cached_property
    def permission_policy(self):
        return ViewOnlyPermissionPolicy(self.model)

    def get_urlpatterns(self):
        return super().get_urlpatterns() + [
            path("<int:pk>/retry/", retry_delivery_view, name="retry"),
        ]


class FailedDeliveriesPanel(Component):
    """A dashboard warning for staff while any email delivery has failed."""

    order = 50

    def __init__(self, failed_count: int):
        self.failed_count = failed_count

    def render_html(self, parent_context=None):
        return format_html(
            '<section class="panel help-block help-warning" aria-labelledby="failed-deliveries">'
            '<h2 id="failed-deliveries">{} email deliver{} failed</h2>'
            '<p><a href="{}?status=failed">Review and retry them</a>.</p></section>',
            self.failed_count,
            "y" if self.failed_count == 1 else "ies",
            reverse("email_deliveries:index"),
        )


@hooks.register("register_admin_viewset")
def register_lead_viewsets():
    return [LeadViewSet("contact_requests"), EmailDeliveryViewSet("email_deliveries")]


@hooks.register("construct_homepage_panels")
def add_failed_deliveries_panel(request, panels):
    if not request.user.has_perm("leads.view_emaildelivery"):
        return
    failed = EmailDelivery.objects.filter(status=DeliveryStatus.FAILED).count()
    if failed:
        panels.append(FailedDeliveriesPanel(failed))
