from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from home import demo_users
from leads.recipients import default_site_staff_recipients


class Command(BaseCommand):
    help = (
        "Create the local demo superuser and print its login, the demo intake user's and where "
        "staff notifications go. Refuses to run with DEBUG off."
    )

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError("create_demo_admin is for local development only (DEBUG is off).")
        demo_users.ensure_demo_user(
            demo_users.ADMIN_USERNAME, demo_users.ADMIN_EMAIL, "Demo", "Admin", superuser=True
        )
        password = demo_users.demo_password()
        base_url = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
        lines = [
            "Demo admin (for local use only, never on a public server):",
            f"  user name: {demo_users.ADMIN_USERNAME}",
            f"  password:  {password}",
        ]
        if get_user_model().objects.filter(username=demo_users.INTAKE_USERNAME).exists():
            lines += [
                "Demo intake user (Intake staff group, same password):",
                f"  user name: {demo_users.INTAKE_USERNAME}",
            ]
        recipients = default_site_staff_recipients()
        lines += [
            f"  sign in at {base_url}/admin/",
            f"  password file: {demo_users.PASSWORD_FILE.name} (delete it and run again for a "
            "new password)",
            "Staff notifications go to: "
            + (", ".join(recipients) if recipients else "NOBODY (set one in the admin)"),
        ]
        self.stdout.write("\n".join(lines))
