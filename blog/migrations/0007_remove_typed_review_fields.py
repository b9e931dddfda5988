from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("blog", "0006_withdraw_typed_reviews")]

    operations = [
        migrations.RemoveField(model_name="articlepage", name="last_reviewed"),
        migrations.RemoveField(model_name="articlepage", name="medical_reviewer"),
    ]
