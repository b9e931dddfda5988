"""The content types of the person requests and their audit move from app "leads" to
"person_data" (the same rows, relabelled), so every permission on them, the groups and users that
hold it, and the admin's log entries about them stay attached."""

from django.db import migrations

MODELS = ["personrequest", "persondataauditrecord"]


def relabel(apps, from_label, to_label):
    ContentType = apps.get_model("contenttypes", "ContentType")
    for model in MODELS:
        # A database that never had the old row (a new one: content types are made after migrate)
        # or already has the new one keeps what it has.
        if ContentType.objects.filter(app_label=to_label, model=model).exists():
            continue
        ContentType.objects.filter(app_label=from_label, model=model).update(app_label=to_label)


def to_person_data(apps, schema_editor):
    relabel(apps, "leads", "person_data")


def back_to_leads(apps, schema_editor):
    relabel(apps, "person_data", "leads")


class Migration(migrations.Migration):
    dependencies = [
        ("person_data", "0001_initial"),
        ("leads", "0020_person_data_moved_to_its_own_app"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(to_person_data, back_to_leads)]
