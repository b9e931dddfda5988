"""Create the staff groups: Marketing (pages, images, documents; no leads) and Intake staff (leads,
whose permissions the leads app's migrations add)."""

from django.db import migrations

MARKETING = "Marketing"
INTAKE = "Intake staff"

PAGE_PERMISSIONS = ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"]
IMAGE_PERMISSIONS = ["add_image", "change_image", "choose_image"]
DOCUMENT_PERMISSIONS = ["add_document", "change_document", "choose_document"]


def get_permission(apps, app_label, model, codename):
    # Permissions are normally created after migrate; create the few needed here so the groups
    # are complete on a fresh database.
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=model)
    permission, _ = Permission.objects.get_or_create(
        content_type=content_type,
        codename=codename,
        defaults={"name": codename.replace("_", " ").capitalize()},
    )
    return permission


def create_groups(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Page = apps.get_model("wagtailcore", "Page")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")

    access_admin = get_permission(apps, "wagtailadmin", "admin", "access_admin")
    marketing, _ = Group.objects.get_or_create(name=MARKETING)
    intake, _ = Group.objects.get_or_create(name=INTAKE)
    marketing.permissions.add(access_admin)
    intake.permissions.add(access_admin)

    root_page = Page.objects.filter(depth=1).first()
    if root_page is not None:
        for codename in PAGE_PERMISSIONS:
            GroupPagePermission.objects.get_or_create(
                group=marketing,
                page=root_page,
                permission=get_permission(apps, "wagtailcore", "page", codename),
            )
    root_collection = Collection.objects.filter(depth=1).first()
    if root_collection is not None:
        for model, codenames in (("image", IMAGE_PERMISSIONS), ("document", DOCUMENT_PERMISSIONS)):
            app_label = "wagtailimages" if model == "image" else "wagtaildocs"
            for codename in codenames:
                GroupCollectionPermission.objects.get_or_create(
                    group=marketing,
                    collection=root_collection,
                    permission=get_permission(apps, app_label, model, codename),
                )


def remove_groups(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=[MARKETING, INTAKE]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0001_initial"),
        ("wagtailcore", "0097_baselogentry_uuid_action_timestamp_indexes"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtailadmin", "0006_formstate"),
    ]

    operations = [migrations.RunPython(create_groups, remove_groups)]
