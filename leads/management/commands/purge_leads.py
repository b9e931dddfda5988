"""Anonymise leads closed for longer than LEADS_RETENTION_DAYS (also run daily by beat)."""

from django.core.management.base import BaseCommand

from leads.conf import leads_setting
from leads.retention import purge_expired_leads


class Command(BaseCommand):
    help = (
        "Remove the personal data and messages of leads closed for longer than "
        "LEADS_RETENTION_DAYS; their counts and sources stay for the reports."
    )

    def handle(self, *args, **options):
        purged = purge_expired_leads()
        days = leads_setting("LEADS_RETENTION_DAYS")
        self.stdout.write(f"Anonymised {purged} lead(s) closed more than {days} days ago.")
