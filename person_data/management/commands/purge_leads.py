"""Anonymise leads closed for longer than LEADS_RETENTION_DAYS (also run daily by beat)."""

from django.core.management.base import BaseCommand

from leads.conf import leads_setting
from leads.demo_leads import remove_demo_leads
from person_data.retention import purge_expired_leads


class Command(BaseCommand):
    help = (
        "Remove the personal data and messages of leads closed for longer than "
        "LEADS_RETENTION_DAYS; their counts and sources stay for the reports."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--remove-demo-leads",
            action="store_true",
            help="Instead, delete every made-up request that `seed_demo --with-leads` added.",
        )

    def handle(self, *args, **options):
        if options["remove_demo_leads"]:
            removed = remove_demo_leads()
            self.stdout.write(f"Deleted {removed} demo contact request(s).")
            return
        purged = purge_expired_leads()
        days = leads_setting("LEADS_RETENTION_DAYS")
        self.stdout.write(f"Anonymised {purged} lead(s) closed more than {days} days ago.")
