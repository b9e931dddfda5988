"""How the Insights pages scale: render the intake and marketing pages (last 4 weeks, the default,
and last 12 months) at 1,000 and at 100,000 leads spread over a year, on PostgreSQL, and print the
median times, their ratio and the number of queries (which must not grow with the table).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/clinic .venv/bin/python bench/bench_insights.py

Target: under 300 ms per page at 100,000 leads on this machine. It creates and drops a database of
its own (<name>_bench); nothing else is touched.
"""

import datetime
import os
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.test")

import django

django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_test_environment  # noqa: E402
from django.utils import timezone  # noqa: E402

SIZES = (1_000, 100_000)
RUNS = 9
PAGES = {
    "intake, 4 weeks": "/admin/insights/intake/",
    "intake, 12 months": "/admin/insights/intake/?period=12m",
    "marketing, 4 weeks": "/admin/insights/marketing/",
    "marketing, 12 months": "/admin/insights/marketing/?period=12m",
}
STATUSES = ["new", "contacted", "contacted", "consultation_scheduled", "became_patient"]
STATUSES += ["not_a_fit", "not_a_fit", "unreachable", "spam"]
REFERRERS = ["", "", "https://www.google.com/", "https://www.bing.com/", "https://forum.example/"]


def seed(count: int, start: int, users: list, pages: list) -> None:
    """bulk_create `count` leads over the last year, with first contacts, channels and outcomes."""
    from leads.models import Lead

    rng = random.Random(start)
    now = timezone.now()
    batch = []
    for number in range(start, start + count):
        received = now - datetime.timedelta(minutes=rng.randint(0, 60 * 24 * 365))
        status = rng.choice(STATUSES)
        hours = rng.lognormvariate(0, 1) if status not in ("new", "spam") else None
        batch.append(
            Lead(
                full_name=f"Person {number}",
                email=f"person{number}@example.org",
                preferred_contact_method="phone",
                consent_version="bench",
                consented_at=received,
                received_at=received,
                status=status,
                is_urgent=rng.random() < 0.02,
                first_contacted_at=received + datetime.timedelta(hours=hours) if hours else None,
                first_contact_opening_hours=hours,
                assigned_to=rng.choice(users + [None]),
                source_page=rng.choice(pages),
                referrer=rng.choice(REFERRERS),
                utm_campaign=f"spring-{rng.randint(0, 30)}" if rng.random() < 0.3 else "",
            )
        )
        if len(batch) == 5_000:
            Lead.objects.bulk_create(batch)
            batch = []
    if batch:
        Lead.objects.bulk_create(batch)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE leads_lead")


def measure(client: Client, url: str) -> tuple[float, int]:
    """Median seconds of RUNS renders (after a warm-up) and the queries one render makes."""
    assert client.get(url).status_code == 200
    timings = []
    for _ in range(RUNS):
        started = time.perf_counter()
        response = client.get(url)
        timings.append(time.perf_counter() - started)
        assert response.status_code == 200
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    return statistics.median(timings), len(queries)


def main() -> int:
    if connection.vendor != "postgresql":
        print("Skipped: the Insights bench runs on PostgreSQL (set DATABASE_URL=postgres://…).")
        return 0
    settings.DEBUG = False
    connection.settings_dict["TEST"]["NAME"] = f"{connection.settings_dict['NAME']}_bench"
    setup_test_environment()
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        from wagtail.models import Page

        from tests.factories import UserFactory

        users = [UserFactory(groups=["Intake staff"]) for _ in range(5)]
        pages = list(Page.objects.filter(depth__gt=1)) or [None]
        client = Client()
        client.force_login(users[0])
        results, seeded = {}, 0
        for size in SIZES:
            seed(size - seeded, seeded, users, pages)
            seeded = size
            results[size] = {name: measure(client, url) for name, url in PAGES.items()}
        print(f"Insights pages, median of {RUNS} renders (Django test client, PostgreSQL)")
        print(f"{'page':<24}{'1,000 leads':>13}{'100,000 leads':>15}{'ratio':>7}{'queries':>9}")
        for name in PAGES:
            small, small_queries = results[SIZES[0]][name]
            large, large_queries = results[SIZES[1]][name]
            print(
                f"{name:<24}{small * 1000:>10.1f} ms{large * 1000:>12.1f} ms"
                f"{large / small:>7.2f}{f'{small_queries}/{large_queries}':>9}"
            )
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
    return 0


if __name__ == "__main__":
    sys.exit(main())
