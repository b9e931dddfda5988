"""Require the second factor of the "Intake staff" group (they see leads): wagtail-2fa's
VerifyUserPermissionsMiddleware requires it of every user with the "Enable 2FA" permission.
Superusers hold every permission, so it is required of them too. An admin can grant the same
permission to any other group in Settings → Groups."""

from django.db import migrations

INTAKE = "Intake staff"


def require_two_factor_for_intake(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    content_type, _ = ContentType.objects.get_or_create(app_label="wagtailadmin", model="admin")
    enable_2fa, _ = Permission.objects.get_or_create(
        content_type=content_type, codename="enable_2fa", defaults={"name": "Enable 2FA"}
    )
    intake, _ = Group.objects.get_or_create(name=INTAKE)
    intake.permissions.add(enable_2fa)


def undo(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    intake = Group.objects.filter(name=INTAKE).first()
    permission = Permission.objects.filter(
        content_type__app_label="wagtailadmin", codename="enable_2fa"
    ).first()
    if intake is not None and permission is not None:
        intake.permissions.remove(permission)


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0001_sign_in_event"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("home", "0002_groups"),
        ("wagtail_2fa", "0001_initial"),
    ]

    operations = [migrations.RunPython(require_two_factor_for_intake, undo)]
