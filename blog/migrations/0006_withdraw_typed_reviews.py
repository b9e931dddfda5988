"""Typed medical reviews are withdrawn: the "reviewed by ... on ..." an editor typed was never tied
to a review, so no article keeps it. Each withdrawn claim is written to the page's history (who and
when it said), and the article shows "medical review pending" until a medical reviewer approves it
in the Medical review workflow. The seeded demo people are marked as samples, and the claims the
editor's content checks look for start with the usual list."""

import uuid

from django.db import migrations
from django.utils import timezone

# The demo people as seed_demo created them; an edited record is somebody's real profile.
DEMO_PEOPLE = [
    ("Dana Whitfield", "MPH, health writer"),
    ("Dr. Maya Okafor", "MD, board-certified psychiatrist"),
]

CLAIMS = [
    ("cure", "", "Say what the evidence shows, e.g. 'helped some people feel better'."),
    ("guaranteed", "", "No treatment works for everyone: say how many people it helped."),
    ("miracle", "", "Describe the effect plainly, with its source."),
    ("100%", "", "Give the figure from a study, with its source."),
    ("no side effects", "", "Every treatment has side effects: name them."),
    ("risk-free", "", "Every treatment has risks: name them."),
    (
        "FDA-approved",
        "ketamine infusion",
        "IV ketamine for depression is off-label; only esketamine nasal spray is FDA-approved.",
    ),
]


def withdraw_typed_reviews(apps, schema_editor):
    ArticlePage = apps.get_model("blog", "ArticlePage")
    PageLogEntry = apps.get_model("wagtailcore", "PageLogEntry")
    ContentType = apps.get_model("contenttypes", "ContentType")
    content_type, _ = ContentType.objects.get_or_create(app_label="blog", model="articlepage")
    articles = ArticlePage.objects.exclude(medical_reviewer=None).select_related(
        "medical_reviewer"
    )
    for article in articles:
        PageLogEntry.objects.create(
            page_id=article.pk,
            content_type=content_type,
            label=article.title[:255],
            action="blog.typed_review_withdrawn",
            data={
                "reviewer": str(article.medical_reviewer.name),
                "credentials": article.medical_reviewer.credentials,
                "date": article.last_reviewed.isoformat() if article.last_reviewed else None,
            },
            uuid=uuid.uuid4(),
            timestamp=timezone.now(),
        )


def mark_demo_people(apps, schema_editor):
    Person = apps.get_model("blog", "Person")
    for name, credentials in DEMO_PEOPLE:
        Person.objects.filter(name=name, credentials=credentials).update(is_sample=True)


def seed_claims(apps, schema_editor):
    ContentCheckSettings = apps.get_model("blog", "ContentCheckSettings")
    ClaimToAvoid = apps.get_model("blog", "ClaimToAvoid")
    settings = ContentCheckSettings.objects.first() or ContentCheckSettings.objects.create()
    if settings.claims_to_avoid.exists():
        return
    for order, (phrase, near, advice) in enumerate(CLAIMS):
        ClaimToAvoid.objects.create(
            check_settings=settings, sort_order=order, phrase=phrase, near=near, advice=advice
        )


def let_reviewers_edit_claims(apps, schema_editor):
    # The medical reviewers own the list of claims to avoid.
    Group = apps.get_model("auth", "Group")
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    reviewers = Group.objects.filter(name="Medical reviewers").first()
    if reviewers is None:
        return
    content_type, _ = ContentType.objects.get_or_create(
        app_label="blog", model="contentchecksettings"
    )
    permission, _ = Permission.objects.get_or_create(
        content_type=content_type,
        codename="change_contentchecksettings",
        defaults={"name": "Can change medical content checks"},
    )
    reviewers.permissions.add(permission)


def forwards(apps, schema_editor):
    withdraw_typed_reviews(apps, schema_editor)
    mark_demo_people(apps, schema_editor)
    seed_claims(apps, schema_editor)
    let_reviewers_edit_claims(apps, schema_editor)


class Migration(migrations.Migration):
    dependencies = [
        ("blog", "0005_review_from_workflow_and_content_checks"),
        ("wagtailcore", "0097_baselogentry_uuid_action_timestamp_indexes"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
