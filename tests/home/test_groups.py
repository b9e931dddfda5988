import pytest
from django.contrib.auth.models import Group
from wagtail.models import GroupCollectionPermission, GroupPagePermission

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_marketing_group_can_edit_and_publish_pages_images_and_documents():
    marketing = Group.objects.get(name="Marketing")
    page_permissions = set(
        GroupPagePermission.objects.filter(group=marketing).values_list(
            "permission__codename", flat=True
        )
    )
    assert {"add_page", "change_page", "publish_page"} <= page_permissions
    collection_permissions = set(
        GroupCollectionPermission.objects.filter(group=marketing).values_list(
            "permission__codename", flat=True
        )
    )
    assert {
        "add_image",
        "change_image",
        "add_document",
        "change_document",
    } <= collection_permissions
    assert marketing.permissions.filter(codename="access_admin").exists()


def test_intake_staff_group_exists_with_admin_access():
    intake = Group.objects.get(name="Intake staff")
    assert intake.permissions.filter(codename="access_admin").exists()


def test_marketing_users_can_sign_in_to_the_admin(client, home_page):
    user = UserFactory(groups=["Marketing"])
    client.force_login(user)
    assert client.get("/admin/").status_code == 200
    assert client.get(f"/admin/pages/{home_page.pk}/edit/").status_code == 200
