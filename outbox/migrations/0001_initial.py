"""The email deliveries move from the leads app to the outbox, as they are: the table
(leads_emaildelivery), its rows and indexes stay; only Django's record of which app owns the model
changes (state only). outbox.0002 then changes the table."""

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("leads", "0018_password_reset_email_kind"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="EmailDelivery",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("kind", models.CharField(choices=[("confirmation", "Confirmation to the visitor"), ("staff_notification", "Notification to staff"), ("repeat_request", "Repeat request, to the assignee"), ("escalation", "Escalation: still unanswered"), ("digest", "Daily follow-up digest"), ("review_reminder", "Medical review reminder"), ("password_reset", "Password reset, to a staff member")], help_text="Which email this is.", max_length=30)),
                        ("recipient", models.EmailField(help_text="Where the email goes.", max_length=254)),
                        ("status", models.CharField(choices=[("pending", "Pending"), ("sending", "Sending"), ("sent", "Sent"), ("failed", "Failed"), ("skipped", "Not sent (limit)")], default="pending", help_text="Pending, being sent, sent, failed (staff can retry a failed one), or not sent because a limit was reached.", max_length=10)),
                        ("attempts", models.PositiveSmallIntegerField(default=0, help_text="How many times sending was started.")),
                        ("next_attempt_at", models.DateTimeField(default=django.utils.timezone.now, help_text="The earliest time the next attempt may start.")),
                        ("claimed_at", models.DateTimeField(blank=True, help_text="When a worker last started sending it.", null=True)),
                        ("last_error", models.TextField(blank=True, help_text="The mail server's reply or the error of the last failed attempt.")),
                        ("sent_at", models.DateTimeField(blank=True, help_text="When the mail server accepted it.", null=True)),
                        ("created_at", models.DateTimeField(default=django.utils.timezone.now, help_text="When the delivery was created, with its request.")),
                        ("lead", models.ForeignKey(blank=True, help_text="The lead the email is about; empty for a digest, which covers several.", null=True, on_delete=django.db.models.deletion.CASCADE, related_name="deliveries", to="leads.lead")),
                        ("dedupe_key", models.CharField(blank=True, help_text="Names an email that must exist once only (an escalation, a day's digest).", max_length=200, null=True, unique=True)),
                        ("recipient_user", models.ForeignKey(blank=True, help_text="The staff member a digest, repeat-request or password-reset email is for.", null=True, on_delete=django.db.models.deletion.SET_NULL, related_name="+", to=settings.AUTH_USER_MODEL)),
                        ("inquiry", models.ForeignKey(blank=True, help_text="For a confirmation: the submission it answers, whose own typed name it greets (never the stored lead's).", null=True, on_delete=django.db.models.deletion.SET_NULL, related_name="+", to="leads.inquiry")),
                        ("recipient_key", models.CharField(blank=True, db_index=True, help_text="A keyed hash of the normalised recipient address, to count confirmations per address without storing it twice.", max_length=64)),
                        ("skipped_reason", models.CharField(blank=True, help_text="Why this email was deliberately not sent (for example the daily limit).", max_length=200)),
                    ],
                    options={
                        "verbose_name": "email delivery",
                        "verbose_name_plural": "email deliveries",
                        "ordering": ["-created_at", "-pk"],
                        "db_table": "leads_emaildelivery",
                        "indexes": [models.Index(fields=["status", "next_attempt_at"], name="leads_delivery_due")],
                    },
                ),
            ],
            database_operations=[],
        ),
    ]
