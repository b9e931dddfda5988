"""The outbox names no other app: a delivery will say what it is about by content type and id
instead of a foreign key to leads.Lead, and a confirmation will name the inquiry it answers in
`context` instead of a foreign key to leads.Inquiry. This adds the new columns; 0003 fills them
from the old ones and 0004 drops those (three migrations, because PostgreSQL refuses to alter a
table in the transaction that updated its rows)."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("outbox", "0001_initial"),
        ("leads", "0019_email_deliveries_moved_to_outbox"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.AddField(
            model_name="emaildelivery",
            name="about_type",
            field=models.ForeignKey(
                blank=True,
                help_text="The kind of record the email is about.",
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="contenttypes.contenttype",
            ),
        ),
        migrations.AddField(
            model_name="emaildelivery",
            name="about_id",
            field=models.PositiveBigIntegerField(
                blank=True, help_text="The id of the record the email is about.", null=True
            ),
        ),
        migrations.AddField(
            model_name="emaildelivery",
            name="context",
            field=models.JSONField(
                blank=True,
                default=dict,
                help_text=(
                    "What the email's builder needs beyond the record it is about, as ids only, "
                    "never personal text (a confirmation names the submission it answers: "
                    '{"inquiry": 12}).'
                ),
            ),
        ),
    ]
