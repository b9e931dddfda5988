"""The email deliveries now belong to the outbox app (outbox.0001 takes the model over with its
table); the leads app forgets the model without touching the table."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("leads", "0018_password_reset_email_kind"),
        ("outbox", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="EmailDelivery")],
            database_operations=[],
        ),
    ]
