import pytest
from django.contrib.auth import authenticate
from django.core.management import CommandError, call_command

from home import demo_users
from leads.models import StaffNotificationSettings
from leads.recipients import intake_users

pytestmark = pytest.mark.django_db


@pytest.fixture
def password_file(tmp_path, monkeypatch):
    path = tmp_path / ".demo-admin-password"
    monkeypatch.setattr(demo_users, "PASSWORD_FILE", path)
    return path


def test_demo_admin_prints_a_login_that_works_and_stays_the_same(settings, password_file, capsys):
    settings.DEBUG = True
    call_command("create_demo_admin")
    first = capsys.readouterr().out
    assert "for local use only" in first
    password = password_file.read_text().strip()
    assert f"password:  {password}" in first
    assert "password file: .demo-admin-password (delete it and run again" in first
    user = authenticate(username="admin", password=password)
    assert user is not None and user.is_superuser
    call_command("create_demo_admin")
    assert f"password:  {password}" in capsys.readouterr().out


def test_demo_admin_refuses_to_run_without_debug(settings, password_file):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="local development only"):
        call_command("create_demo_admin")
    assert not password_file.exists()


def test_a_local_seed_creates_a_demo_intake_user_who_signs_in_and_can_be_assigned(
    settings, password_file, capsys
):
    settings.DEBUG = True
    call_command("seed_demo", "--no-translations")
    call_command("create_demo_admin")
    printed = capsys.readouterr().out
    password = password_file.read_text().strip()
    intake = authenticate(username="intake", password=password)
    assert intake is not None and not intake.is_superuser
    assert list(intake.groups.values_list("name", flat=True)) == ["Intake staff"]
    assert "Demo intake user (Intake staff group, same password):" in printed
    assert "user name: intake" in printed
    assert intake in intake_users()


def test_a_local_seed_sends_staff_notifications_to_the_demo_admin(settings, password_file, capsys):
    settings.DEBUG = True
    settings.LEADS_NOTIFY_EMAILS = []
    call_command("seed_demo", "--no-translations")
    call_command("create_demo_admin")
    assert "Staff notifications go to: admin@localhost" in capsys.readouterr().out
    site_setting = StaffNotificationSettings.objects.get()
    assert site_setting.recipient_list() == ["admin@localhost"]


def test_a_seed_without_debug_creates_no_demo_user(settings, password_file):
    settings.DEBUG = False
    call_command("seed_demo", "--no-translations")
    assert not password_file.exists()
    assert authenticate(username="intake", password="anything") is None
