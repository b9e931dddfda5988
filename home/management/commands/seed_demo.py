from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import translation

from blog import demo as blog_demo
from calls import demo as calls_demo
from home import demo as home_demo
from home import demo_seo, demo_translated, demo_users
from leads import demo as leads_demo
from leads.demo_leads import seed_demo_leads
from selfcheck import demo as selfcheck_demo

# Each app that has demo content adds its `seed(home)` here, in the order the page tree needs; the
# home page is made first and handed to each, so no app has to know the home page type.
SEEDERS = [
    demo_seo.seed,
    leads_demo.seed,
    # Before the articles: their call to action links to the self-check.
    selfcheck_demo.seed,
    demo_users.seed_local_staff,
    blog_demo.seed,
]


class Command(BaseCommand):
    help = "Create or refresh the demo site content. Safe to run again: it changes nothing twice."

    def add_arguments(self, parser):
        parser.add_argument(
            "--with-leads",
            action="store_true",
            help=(
                "Also add about six months of made-up contact requests (marked as demo data) so "
                "the Insights charts are filled. For local demos only; remove them with "
                "`purge_leads --remove-demo-leads`."
            ),
        )
        parser.add_argument(
            "--no-translations",
            action="store_true",
            help=(
                "Make the English pages only, without their translations into the other "
                "languages (most of the seed's time). For tests that read the English pages "
                "alone; `make run` and `make seed` seed every language."
            ),
        )

    def handle(self, *args, **options):
        # The English pages are written in English whatever language the caller had active (a
        # test that just requested a Spanish page, say); their translations come from files.
        with translation.override(settings.LANGUAGE_CODE), transaction.atomic():
            home = home_demo.seed()
            for seed in SEEDERS:
                seed(home)
            # The demo intake user takes calls (local runs only: None without DEBUG).
            calls_demo.seed_call_hours(demo_users.local_intake_user())
            if not options["no_translations"]:
                # Last: the other languages' pages are translations of the English ones above.
                demo_translated.seed(home)
        self.stdout.write(self.style.SUCCESS("Demo content is in place."))
        if options["with_leads"]:
            created = seed_demo_leads()
            if created:
                self.stdout.write(f"Added {created} demo contact requests (marked as demo data).")
            else:
                self.stdout.write("Demo contact requests are already there; none added.")
            calls = calls_demo.seed_demo_calls(demo_users.local_intake_user())
            if calls:
                self.stdout.write(f"Added {calls} demo calls (no email sent).")
