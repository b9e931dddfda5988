"""How the intake work list scales: render the Leads list (unfiltered, filtered, searched) at 1,000
and at 100,000 leads on PostgreSQL and print the times and their ratio, which should stay close
to 1 (the list pages through an index; nothing reads every row except the paginator's COUNT).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/clinic_followup .venv/bin/python bench/bench_lead_list.py

It creates and drops a database of its own (<name>_bench); nothing else is touched.
"""

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

SIZES = (1_000, 100_000)
RUNS = 15
QUERIES = {
    "unfiltered": "",
    "status New, unassigned": "?status=new&assignment=nobody",
    "overdue": "?overdue=on",
    "campaign": "?campaign=spring-7",
    "sorted by follow-up": "?ordering=next_follow_up_on",
    "page 20": "?p=20",
}


def seed(count: int, start: int, users: list, pages: list) -> None:
    """bulk_create `count` leads with a realistic spread of statuses, owners and campaigns."""
    import datetime

    from django.utils import timezone

    from leads.models import Lead

    rng = random.Random(start)
    now = timezone.now()
    statuses = ["new"] * 2 + ["contacted"] * 3 + ["consultation_scheduled", "became_patient"]
    statuses += ["not_a_fit", "unreachable", "spam"]
    batch = []
    for number in range(start, start + count):
        received = now - datetime.timedelta(minutes=rng.randint(0, 60 * 24 * 365))
        batch.append(
            Lead(
                full_name=f"Person {number}",
                email=f"person{number}@example.org",
                email_key=f"person{number}@example.org",
                phone=f"+1503555{number % 10000:04d}",
                preferred_contact_method="phone",
                consent_version="bench",
                consented_at=received,
                received_at=received,
                status=rng.choice(statuses),
                is_urgent=rng.random() < 0.01,
                assigned_to=rng.choice(users + [None]),
                next_follow_up_on=(now + datetime.timedelta(days=rng.randint(-20, 20))).date()
                if rng.random() < 0.5
                else None,
                source_page=rng.choice(pages),
                utm_campaign=f"spring-{rng.randint(0, 30)}" if rng.random() < 0.4 else "",
            )
        )
        if len(batch) == 5_000:
            Lead.objects.bulk_create(batch)
            batch = []
    if batch:
        Lead.objects.bulk_create(batch)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE leads_lead")


def measure(client: Client, query: str) -> tuple[float, int, float]:
    """Median seconds of RUNS renders (after two warm-ups), the queries one render makes, and the
    seconds those queries took (the part that could grow with the table)."""
    url = "/admin/contact-requests/" + query
    for _ in range(2):
        assert client.get(url).status_code == 200
    timings = []
    for _ in range(RUNS):
        started = time.perf_counter()
        response = client.get(url)
        timings.append(time.perf_counter() - started)
        assert response.status_code == 200
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    sql_seconds = sum(float(query["time"]) for query in queries.captured_queries)
    if os.environ.get("BENCH_SHOW_QUERIES"):
        slowest = sorted(queries.captured_queries, key=lambda q: -float(q["time"]))[:4]
        for captured in slowest:
            print(f"  {float(captured['time']) * 1000:6.1f} ms  {captured['sql'][:160]}")
    return statistics.median(timings), len(queries), sql_seconds


def main() -> int:
    if connection.vendor != "postgresql":
        # `make bench` runs every script; without PostgreSQL this one says why it did nothing.
        print("Skipped: the Leads list bench runs on PostgreSQL (set DATABASE_URL=postgres://…).")
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
        results = {}
        seeded = 0
        for size in SIZES:
            seed(size - seeded, seeded, users, pages)
            seeded = size
            results[size] = {name: measure(client, query) for name, query in QUERIES.items()}
        print(f"Leads list, median of {RUNS} renders (Django test client, PostgreSQL)")
        print(
            f"{'view':<24}{'1,000 leads':>13}{'100,000 leads':>15}{'ratio':>7}"
            f"{'queries':>9}{'SQL ms (1k/100k)':>19}"
        )
        for name in QUERIES:
            small, small_queries, small_sql = results[SIZES[0]][name]
            large, large_queries, large_sql = results[SIZES[1]][name]
            print(
                f"{name:<24}{small * 1000:>10.1f} ms{large * 1000:>12.1f} ms"
                f"{large / small:>7.2f}{f'{small_queries}/{large_queries}':>9}"
                f"{f'{small_sql * 1000:.1f}/{large_sql * 1000:.1f}':>19}"
            )
        with connection.cursor() as cursor:
            cursor.execute(
                "EXPLAIN SELECT id FROM leads_lead ORDER BY is_urgent DESC, received_at DESC, "
                "id DESC LIMIT 50"
            )
            plan = " | ".join(row[0].strip() for row in cursor.fetchall()[:3])
        print(f"default order plan: {plan}")
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
    return 0


if __name__ == "__main__":
    sys.exit(main())
