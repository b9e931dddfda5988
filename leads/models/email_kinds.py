"""The emails the leads app sends through the outbox. Their builders are registered in
leads.emails; a kind is a name in the delivery row, so adding one needs no migration."""

from django.db import models


class LeadEmailKind(models.TextChoices):
    CONFIRMATION = "confirmation", "Confirmation to the visitor"
    STAFF_NOTIFICATION = "staff_notification", "Notification to staff"
    REPEAT_REQUEST = "repeat_request", "Repeat request, to the assignee"
    ESCALATION = "escalation", "Escalation: still unanswered"
    DIGEST = "digest", "Daily follow-up digest"
