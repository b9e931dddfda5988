"""Marketing translates pages: wagtail-localize's "Translate" and "Sync translated pages" need its
"Can submit translations" permission, which it gives only to Wagtail's default Editors and
Moderators groups (docs/translation.md)."""

from django.db import migrations

MARKETING = "Marketing"


def grant(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permission = Permission.objects.filter(
        content_type__app_label="wagtail_localize", codename="submit_translation"
    ).first()
    group = Group.objects.filter(name=MARKETING).first()
    if permission and group:
        group.permissions.add(permission)


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group = Group.objects.filter(name=MARKETING).first()
    if group:
        group.permissions.remove(
            *Permission.objects.filter(
                content_type__app_label="wagtail_localize", codename="submit_translation"
            )
        )


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0008_call_to_action_second_link"),
        ("wagtail_localize", "0006_create_submit_translation_permission"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
