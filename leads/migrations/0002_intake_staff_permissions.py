"""Give the Intake staff group (created by home's 0002_groups) the right to see contact requests and their
email deliveries, and to retry a failed delivery."""

from django.db import migrations

INTAKE = "Intake staff"
PERMISSIONS = [
    ("lead", "view_lead", "Can view contact request"),
    ("emaildelivery", "view_emaildelivery", "Can view email delivery"),
    # Retrying a failed delivery is the one change staff make to a delivery.
    ("emaildelivery", "change_emaildelivery", "Can change email delivery"),
]


def grant(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    intake, _ = Group.objects.get_or_create(name=INTAKE)
    # Permissions are normally created after migrate; create them here so the group is complete
    # on a fresh database.
    for model, codename, name in PERMISSIONS:
        content_type, _ = ContentType.objects.get_or_create(app_label="leads", model=model)
        permission, _ = Permission.objects.get_or_create(
            content_type=content_type, codename=codename, defaults={"name": name}
        )
        intake.permissions.add(permission)


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    intake = Group.objects.filter(name=INTAKE).first()
    if intake is not None:
        intake.permissions.remove(
            *Permission.objects.filter(
                content_type__app_label="leads",
                codename__in=[codename for _, codename, _ in PERMISSIONS],
            )
        )


class Migration(migrations.Migration):
    dependencies = [
        ("leads", "0001_initial"),
        ("home", "0002_groups"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
