"""The old foreign keys to leads go (0003 copied them into `about` and `context`); the kinds lose
their database choices, since apps register them at start-up and a new one needs no migration."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("outbox", "0003_fill_about"),
    ]

    operations = [
        migrations.RemoveField(model_name="emaildelivery", name="lead"),
        migrations.RemoveField(model_name="emaildelivery", name="inquiry"),
        migrations.AlterField(
            model_name="emaildelivery",
            name="kind",
            field=models.CharField(
                help_text="Which email this is: a kind an app registered (outbox.kinds).",
                max_length=30,
            ),
        ),
        migrations.AddIndex(
            model_name="emaildelivery",
            index=models.Index(fields=["about_type", "about_id"], name="outbox_delivery_about"),
        ),
    ]
