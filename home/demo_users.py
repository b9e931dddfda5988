"""The local demo accounts `make run` creates: a superuser and an intake-staff user, who share one
generated password kept in a git-ignored file beside the local database. Local use only: every
caller checks DEBUG first."""

import secrets
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from wagtail.models import Site

from leads.models import StaffNotificationSettings
from leads.recipients import INTAKE_GROUP, staff_recipients

# Delete this file and run `make run` again to get a new password for both demo users.
PASSWORD_FILE = Path(settings.BASE_DIR) / ".demo-admin-password"
ADMIN_USERNAME = "admin"
ADMIN_EMAIL = "admin@localhost"
INTAKE_USERNAME = "intake"
INTAKE_EMAIL = "intake@localhost"


def demo_password() -> str:
    """The demo users' password: read from PASSWORD_FILE, or made up and saved there."""
    if PASSWORD_FILE.is_file():
        password = PASSWORD_FILE.read_text().strip()
        if password:
            return password
    password = secrets.token_urlsafe(12)
    PASSWORD_FILE.write_text(password + "\n")
    PASSWORD_FILE.chmod(0o600)
    return password


def ensure_demo_user(
    username: str,
    email: str,
    first_name: str,
    last_name: str,
    *,
    superuser: bool = False,
    groups: tuple[str, ...] = (),
):
    """Create the user, or bring back a working login: active, in its groups, with the demo
    password. Names an editor changed are kept."""
    password = demo_password()
    user = get_user_model().objects.filter(username=username).first()
    if user is None:
        user = get_user_model()(username=username, email=email)
    user.first_name, user.last_name = user.first_name or first_name, user.last_name or last_name
    user.is_active = True
    user.is_staff = user.is_staff or superuser
    user.is_superuser = user.is_superuser or superuser
    if not user.check_password(password):
        user.set_password(password)
    user.save()
    for name in groups:
        user.groups.add(Group.objects.get_or_create(name=name)[0])
    return user


def local_intake_user():
    """The demo intake user of a local run (DEBUG), or None: on a real site a user who happens
    to be called "intake" is nobody's demo."""
    if not settings.DEBUG:
        return None
    return get_user_model().objects.filter(username=INTAKE_USERNAME).first()


def seed_local_staff(home) -> None:
    """Local runs only (DEBUG): someone to assign leads to and to get the digest, and a staff
    address so a new lead notifies somebody (the console email backend prints it)."""
    if not settings.DEBUG:
        return
    ensure_demo_user(INTAKE_USERNAME, INTAKE_EMAIL, "Riley", "Chen", groups=(INTAKE_GROUP,))
    site = Site.objects.filter(is_default_site=True).first()
    if site is not None and not staff_recipients(site):
        notifications = StaffNotificationSettings.for_site(site)
        notifications.staff_recipients = ADMIN_EMAIL
        notifications.save()
