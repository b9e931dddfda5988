import secrets
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

USERNAME = "admin"
# The password lives beside the local database (git ignores it) so every `make run` can print it.
PASSWORD_FILE = Path(settings.BASE_DIR) / ".demo-admin-password"


class Command(BaseCommand):
    help = "Create the local demo superuser and print its login. Refuses to run with DEBUG off."

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError("create_demo_admin is for local development only (DEBUG is off).")
        User = get_user_model()
        user = User.objects.filter(username=USERNAME).first()
        password = PASSWORD_FILE.read_text().strip() if PASSWORD_FILE.is_file() else ""
        if user is None or not password or not user.check_password(password):
            password = password or secrets.token_urlsafe(12)
            user = user or User(username=USERNAME, email="admin@localhost")
            user.first_name, user.last_name = user.first_name or "Demo", user.last_name or "Admin"
            user.is_staff = user.is_superuser = user.is_active = True
            user.set_password(password)
            user.save()
            PASSWORD_FILE.write_text(password + "\n")
            PASSWORD_FILE.chmod(0o600)
        self.stdout.write(
            "Demo admin (for local use only, never on a public server):\n"
            f"  user name: {USERNAME}\n"
            f"  password:  {password}\n"
            f"  sign in at {settings.WAGTAILADMIN_BASE_URL.rstrip('/')}/admin/"
        )
