"""Intake staff run the call booking: they change its rules (Settings → Call booking), keep
everyone's call hours (Calls → Call hours) and see and work the calls (Calls → Agenda)."""

from django.db import migrations

PERMISSIONS = [
    ("callbookingsettings", "change_callbookingsettings", "Can change Call booking"),
    ("calltaker", "add_calltaker", "Can add call taker"),
    ("calltaker", "change_calltaker", "Can change call taker"),
    ("calltaker", "delete_calltaker", "Can delete call taker"),
    ("calltaker", "view_calltaker", "Can view call taker"),
    ("call", "view_call", "Can view call"),
    ("call", "change_call", "Can change call"),
]


def grant(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name="Intake staff")
    for model, codename, name in PERMISSIONS:
        # Permissions are normally created after migrate; create them here so the group is
        # complete on a fresh database.
        content_type, _ = ContentType.objects.get_or_create(app_label="calls", model=model)
        permission, _ = Permission.objects.get_or_create(
            content_type=content_type, codename=codename, defaults={"name": name}
        )
        group.permissions.add(permission)


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group = Group.objects.filter(name="Intake staff").first()
    if group is not None:
        group.permissions.remove(
            *Permission.objects.filter(
                content_type__app_label="calls",
                codename__in=[codename for _, codename, _ in PERMISSIONS],
            )
        )


class Migration(migrations.Migration):
    dependencies = [
        ("calls", "0001_initial"),
        ("home", "0002_groups"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
