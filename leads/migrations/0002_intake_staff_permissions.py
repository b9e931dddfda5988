"""Give the Intake staff group (created by home's 0002_groups) the right to see contact requests."""

from django.db import migrations

INTAKE = "Intake staff"
LEAD_PERMISSIONS = ["view_lead"]


def grant(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    intake, _ = Group.objects.get_or_create(name=INTAKE)
    # Permissions are normally created after migrate; create them here so the group is complete
    # on a fresh database.
    content_type, _ = ContentType.objects.get_or_create(app_label="leads", model="lead")
    for codename in LEAD_PERMISSIONS:
        permission, _ = Permission.objects.get_or_create(
            content_type=content_type,
            codename=codename,
            defaults={"name": "Can view contact request"},
        )
        intake.permissions.add(permission)


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    intake = Group.objects.filter(name=INTAKE).first()
    if intake is not None:
        intake.permissions.remove(
            *Permission.objects.filter(
                content_type__app_label="leads", codename__in=LEAD_PERMISSIONS
            )
        )


class Migration(migrations.Migration):
    dependencies = [
        ("leads", "0001_initial"),
        ("home", "0002_groups"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
