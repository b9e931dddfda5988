"""Intake staff choose the crisis phrases and who is alerted about urgent requests."""

from django.db import migrations

CODENAME = "change_urgentrequestsettings"


def grant(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    content_type, _ = ContentType.objects.get_or_create(
        app_label="leads", model="urgentrequestsettings"
    )
    permission, _ = Permission.objects.get_or_create(
        content_type=content_type, codename=CODENAME, defaults={"name": "Can change Urgent requests"}
    )
    group, _ = Group.objects.get_or_create(name="Intake staff")
    group.permissions.add(permission)


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    group = Group.objects.filter(name="Intake staff").first()
    if group is not None:
        group.permissions.remove(*group.permissions.filter(codename=CODENAME))


class Migration(migrations.Migration):
    dependencies = [("leads", "0004_urgent_request_settings")]

    operations = [migrations.RunPython(grant, revoke)]
