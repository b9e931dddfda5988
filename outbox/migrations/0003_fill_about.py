"""Every delivery keeps its lead and inquiry: `about` takes the lead, `context` the inquiry a
confirmation answers. The model's content type and permissions move to the outbox app, so the
staff groups keep their rights to see and retry deliveries."""

from django.db import migrations
from django.db.models import F

TABLE = "leads_emaildelivery"


def fill_about(apps, schema_editor):
    EmailDelivery = apps.get_model("outbox", "EmailDelivery")
    ContentType = apps.get_model("contenttypes", "ContentType")
    lead_type, _ = ContentType.objects.get_or_create(app_label="leads", model="lead")
    EmailDelivery.objects.filter(lead__isnull=False).update(
        about_type=lead_type, about_id=F("lead_id")
    )
    if schema_editor.connection.vendor == "postgresql":
        inquiry = "jsonb_build_object('inquiry', inquiry_id)"
    else:
        inquiry = "json_object('inquiry', inquiry_id)"
    schema_editor.execute(f"UPDATE {TABLE} SET context = {inquiry} WHERE inquiry_id IS NOT NULL")


def empty_about(apps, schema_editor):
    EmailDelivery = apps.get_model("outbox", "EmailDelivery")
    ContentType = apps.get_model("contenttypes", "ContentType")
    lead_type = ContentType.objects.filter(app_label="leads", model="lead").first()
    if lead_type is not None:
        EmailDelivery.objects.filter(about_type=lead_type).update(lead_id=F("about_id"))
    if schema_editor.connection.vendor == "postgresql":
        inquiry = "(context->>'inquiry')::bigint"
    else:
        inquiry = "json_extract(context, '$.inquiry')"
    # Only inquiries that still exist: the foreign key would refuse any other.
    schema_editor.execute(
        f"UPDATE {TABLE} SET inquiry_id = {inquiry} "
        f"WHERE {inquiry} IN (SELECT id FROM leads_inquiry)"
    )


def move_content_type(apps, schema_editor, source="leads", target="outbox"):
    """The content type of the model (and with it its permissions, which the staff groups hold)
    moves to the outbox app. Where both exist already (Django made the new one after an earlier
    migrate), the groups' and users' rights move to the new permissions and the old go."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    old = ContentType.objects.filter(app_label=source, model="emaildelivery").first()
    if old is None:
        return
    new = ContentType.objects.filter(app_label=target, model="emaildelivery").first()
    if new is None:
        old.app_label = target
        old.save(update_fields=["app_label"])
        return
    for permission in Permission.objects.filter(content_type=old):
        same = Permission.objects.filter(content_type=new, codename=permission.codename).first()
        if same is None:
            permission.content_type = new
            permission.save(update_fields=["content_type"])
            continue
        for group in permission.group_set.all():
            group.permissions.add(same)
        for user in permission.user_set.all():
            user.user_permissions.add(same)
        permission.delete()
    old.delete()


def move_content_type_back(apps, schema_editor):
    move_content_type(apps, schema_editor, source="outbox", target="leads")


class Migration(migrations.Migration):
    dependencies = [
        ("outbox", "0002_about_any_record"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [
        migrations.RunPython(fill_about, empty_about),
        migrations.RunPython(move_content_type, move_content_type_back),
    ]
