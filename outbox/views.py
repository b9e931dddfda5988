"""The outbox in the admin: "Email deliveries", a list of every email with its status, each
one's page, and a retry for a failed one. Staff with the delivery view permission (Intake staff)
see them; a kind registered as superusers-only is listed to superusers alone."""

import django_filters
from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.functional import cached_property
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.views.generic.models import IndexView, InspectView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets import ListingButton

from core.admin_access import PolicyPermissionMixin, ViewOnlyPermissionPolicy, forbidden
from outbox.kinds import kind_choices, superusers_only_kinds
from outbox.models import DeliveryStatus, EmailDelivery
from outbox.queue import retry_delivery

# Retrying a failed delivery is the one change staff make to a delivery.
RETRY_PERMISSION = "outbox.change_emaildelivery"
VIEW_PERMISSION = "outbox.view_emaildelivery"

delivery_permission_policy = ViewOnlyPermissionPolicy(EmailDelivery)


def deliveries_for(user, deliveries=None):
    """The deliveries a staff member may list: the superusers-only kinds for superusers alone."""
    deliveries = EmailDelivery.objects.all() if deliveries is None else deliveries
    if user.is_superuser:
        return deliveries
    return deliveries.exclude(kind__in=superusers_only_kinds())


class DeliveryFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(choices=DeliveryStatus.choices)
    # The kinds are registered by the apps at start-up, so the choices are read when the filter is.
    kind = django_filters.ChoiceFilter(choices=kind_choices)

    class Meta:
        model = EmailDelivery
        fields = ["status", "kind"]


class DeliveryIndexView(PolicyPermissionMixin, IndexView):
    def get_base_queryset(self):
        return deliveries_for(self.request.user, super().get_base_queryset())

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


class DeliveryInspectView(PolicyPermissionMixin, InspectView):
    def get_object(self, queryset=None):
        return get_object_or_404(deliveries_for(self.request.user), pk=self.pk)


def retry_delivery_view(request, pk):
    """Confirm (GET), then send a failed delivery again (POST)."""
    if not request.user.has_perm(RETRY_PERMISSION):
        return forbidden(request)
    delivery = get_object_or_404(deliveries_for(request.user), pk=pk)
    index_url = reverse("email_deliveries:index")
    if request.method == "POST":
        if retry_delivery(delivery.pk):
            messages.success(request, f"Email delivery {delivery.pk} is being sent again.")
        else:
            messages.warning(request, f"Email delivery {delivery.pk} had not failed; nothing done.")
        return redirect(index_url)
    return TemplateResponse(
        request, "outbox/confirm_retry.html", {"delivery": delivery, "index_url": index_url}
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
    inspect_view_class = DeliveryInspectView
    filterset_class = DeliveryFilterSet
    list_display = [
        "created_at",
        "get_kind_display",
        "about",
        "status",
        "attempts",
        "last_error",
        "sent_at",
    ]
    search_backend_name = None
    form_fields = ["status"]
    inspect_view_fields = [
        "about",
        "kind",
        "recipient",
        "status",
        "attempts",
        "next_attempt_at",
        "claimed_at",
        "last_error",
        "skipped_reason",
        "sent_at",
        "created_at",
    ]

    @cached_property
    def permission_policy(self):
        return delivery_permission_policy

    def get_urlpatterns(self):
        return super().get_urlpatterns() + [
            path("<int:pk>/retry/", retry_delivery_view, name="retry"),
        ]
