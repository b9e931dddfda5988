"""Medical review for articles: a "Medical reviewers" group that approves and publishes, a
"Medical review" workflow whose one task that group approves, and the article snippets for
Marketing. seed_demo (or an admin in Settings > Workflows) assigns the workflow to the article
index, which does not exist when migrations run."""

from django.db import migrations

REVIEWERS = "Medical reviewers"
MARKETING = "Marketing"
WORKFLOW = "Medical review"
TASK = "Medical reviewer approval"

REVIEWER_PAGE_PERMISSIONS = ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"]
SNIPPET_PERMISSIONS = ["add", "change", "delete", "view"]


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


def create_medical_review(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    ContentType = apps.get_model("contenttypes", "ContentType")
    Page = apps.get_model("wagtailcore", "Page")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")

    reviewers, _ = Group.objects.get_or_create(name=REVIEWERS)
    reviewers.permissions.add(get_permission(apps, "wagtailadmin", "admin", "access_admin"))
    marketing, _ = Group.objects.get_or_create(name=MARKETING)
    for model in ("topic", "person"):
        for action in SNIPPET_PERMISSIONS:
            permission = get_permission(apps, "blog", model, f"{action}_{model}")
            marketing.permissions.add(permission)
            if action == "view":
                reviewers.permissions.add(permission)

    root_page = Page.objects.filter(depth=1).first()
    if root_page is not None:
        for codename in REVIEWER_PAGE_PERMISSIONS:
            GroupPagePermission.objects.get_or_create(
                group=reviewers,
                page=root_page,
                permission=get_permission(apps, "wagtailcore", "page", codename),
            )
    root_collection = Collection.objects.filter(depth=1).first()
    if root_collection is not None:
        GroupCollectionPermission.objects.get_or_create(
            group=reviewers,
            collection=root_collection,
            permission=get_permission(apps, "wagtailimages", "image", "choose_image"),
        )

    task = GroupApprovalTask.objects.filter(name=TASK).first()
    if task is None:
        task_type, _ = ContentType.objects.get_or_create(
            app_label="wagtailcore", model="groupapprovaltask"
        )
        task = GroupApprovalTask.objects.create(name=TASK, content_type=task_type, active=True)
    task.groups.add(reviewers)
    workflow, _ = Workflow.objects.get_or_create(name=WORKFLOW, defaults={"active": True})
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})


def remove_medical_review(apps, schema_editor):
    apps.get_model("wagtailcore", "Workflow").objects.filter(name=WORKFLOW).delete()
    apps.get_model("wagtailcore", "Task").objects.filter(name=TASK).delete()
    apps.get_model("auth", "Group").objects.filter(name=REVIEWERS).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("blog", "0001_initial"),
        ("home", "0002_groups"),
        ("wagtailcore", "0097_baselogentry_uuid_action_timestamp_indexes"),
        ("wagtailimages", "0027_image_description"),
        ("wagtailadmin", "0006_formstate"),
    ]

    operations = [migrations.RunPython(create_medical_review, remove_medical_review)]
