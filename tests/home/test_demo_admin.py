import pytest
from django.contrib.auth import authenticate
from django.core.management import CommandError, call_command

from home.management.commands import create_demo_admin

pytestmark = pytest.mark.django_db


@pytest.fixture
def password_file(tmp_path, monkeypatch):
    path = tmp_path / ".demo-admin-password"
    monkeypatch.setattr(create_demo_admin, "PASSWORD_FILE", path)
    return path


def test_demo_admin_prints_a_login_that_works_and_stays_the_same(settings, password_file, capsys):
    settings.DEBUG = True
    call_command("create_demo_admin")
    first = capsys.readouterr().out
    assert "for local use only" in first
    password = password_file.read_text().strip()
    assert f"password:  {password}" in first
    user = authenticate(username="admin", password=password)
    assert user is not None and user.is_superuser
    call_command("create_demo_admin")
    assert f"password:  {password}" in capsys.readouterr().out


def test_demo_admin_refuses_to_run_without_debug(settings, password_file):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="local development only"):
        call_command("create_demo_admin")
    assert not password_file.exists()
