"""Fill the follow-up fields of leads saved before them (email key, one inquiry each, no
retroactive escalation), and grant the new permissions: Intake staff may change leads and see the
report; Marketing may see the counts-only report and nothing else about leads."""

from django.db import migrations, models

INTAKE = "Intake staff"
MARKETING = "Marketing"
INQUIRY_FIELDS = [
    "full_name",
    "email",
    "phone",
    "preferred_contact_method",
    "best_time",
    "message",
    "consent_version",
    "source_page_id",
    "source_url",
    "landing_page",
    "referrer",
    "utm_source",
    "utm_medium",
    "utm_campaign",
    "utm_term",
    "utm_content",
    "client_address_hash",
    "received_at",
]
PERMISSIONS = {
    INTAKE: [
        ("change_lead", "Can change contact request"),
        ("view_lead_report", "Can view the counts-only leads-by-article report"),
    ],
    MARKETING: [("view_lead_report", "Can view the counts-only leads-by-article report")],
}


def backfill(apps, schema_editor):
    Lead = apps.get_model("leads", "Lead")
    Inquiry = apps.get_model("leads", "Inquiry")
    # Requests saved before escalation existed are not escalated all at once on the first run:
    # the digest lists them (unassigned New) to every intake user instead.
    Lead.objects.filter(escalated_at__isnull=True).update(escalated_at=models.F("received_at"))
    for lead in Lead.objects.filter(inquiries__isnull=True).iterator():
        lead.email_key = lead.email.strip().lower()
        lead.save(update_fields=["email_key"])
        Inquiry.objects.create(
            lead=lead, **{field: getattr(lead, field) for field in INQUIRY_FIELDS}
        )


def grant(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    content_type, _ = ContentType.objects.get_or_create(app_label="leads", model="lead")
    for group_name, permissions in PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=group_name)
        for codename, name in permissions:
            permission, _ = Permission.objects.get_or_create(
                content_type=content_type, codename=codename, defaults={"name": name}
            )
            group.permissions.add(permission)


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for group_name, permissions in PERMISSIONS.items():
        group = Group.objects.filter(name=group_name).first()
        if group is not None:
            group.permissions.remove(
                *Permission.objects.filter(
                    content_type__app_label="leads",
                    codename__in=[codename for codename, _ in permissions],
                )
            )


class Migration(migrations.Migration):
    dependencies = [
        ("leads", "0006_followup"),
        ("home", "0002_groups"),
    ]

    operations = [
        migrations.RunPython(backfill, migrations.RunPython.noop),
        migrations.RunPython(grant, revoke),
    ]
