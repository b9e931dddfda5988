"""Give the staff groups (created by home's 0002_groups) their rights on contact requests:
Intake staff see requests and their email deliveries, retry a failed delivery, and choose who is
notified; Marketing edits the wording of the visitor's confirmation email."""

from django.db import migrations

GROUP_PERMISSIONS = {
    "Intake staff": [
        ("lead", "view_lead", "Can view contact request"),
        ("emaildelivery", "view_emaildelivery", "Can view email delivery"),
        # Retrying a failed delivery is the one change staff make to a delivery.
        ("emaildelivery", "change_emaildelivery", "Can change email delivery"),
        (
            "staffnotificationsettings",
            "change_staffnotificationsettings",
            "Can change Staff notifications",
        ),
    ],
    "Marketing": [
        (
            "confirmationemailsettings",
            "change_confirmationemailsettings",
            "Can change Confirmation email",
        ),
    ],
}


def grant(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    for group_name, permissions in GROUP_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=group_name)
        for model, codename, name in permissions:
            # Permissions are normally created after migrate; create them here so the groups are
            # complete on a fresh database.
            content_type, _ = ContentType.objects.get_or_create(app_label="leads", model=model)
            permission, _ = Permission.objects.get_or_create(
                content_type=content_type, codename=codename, defaults={"name": name}
            )
            group.permissions.add(permission)


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for group_name, permissions in GROUP_PERMISSIONS.items():
        group = Group.objects.filter(name=group_name).first()
        if group is not None:
            group.permissions.remove(
                *Permission.objects.filter(
                    content_type__app_label="leads",
                    codename__in=[codename for _, codename, _ in permissions],
                )
            )


class Migration(migrations.Migration):
    dependencies = [
        ("leads", "0001_initial"),
        ("home", "0002_groups"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
