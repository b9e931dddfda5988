"""How the call booking scales (docs/booking.md, docs/performance.md):

1. the free times of 14 days for 10 staff members, with 100, 1,000 and 10,000 existing calls
   (most of them past, as a clinic's history is): median time in-process and the queries one
   computation makes; the target is under 30 ms and at most 5 queries, the same at every size;
2. 20 visitors booking at once through the private link's page (Django's test client, one
   thread each, each picking one of the first five free times, so several race for the same
   one): the p95 of the answers, the errors (anything but a booking or "just taken"), and the
   double bookings left in the database (two holding calls of one staff member that overlap).
   One process per visitor, each warmed by a first view of its page; the test settings' eager
   Celery builds and "sends" (locmem) the two emails inside the request, which a worker does in
   production, so the figure is an upper bound.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/clinic_main .venv/bin/python bench/bench_booking.py

It creates and drops a database of its own (<name>_bench); nothing else is touched.
"""

import datetime
import multiprocessing
import os
import random
import statistics
import sys
import time
from pathlib import Path
from zoneinfo import ZoneInfo

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.test")

import django

django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection, connections  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_test_environment  # noqa: E402

SIZES = tuple(int(size) for size in os.environ.get("BENCH_SIZES", "100,1000,10000").split(","))
STAFF = 10
RUNS = 20
VISITORS = int(os.environ.get("BENCH_VISITORS", "20"))
ZONE = ZoneInfo("America/New_York")
# A Monday morning, so the fortnight ahead holds ten working days.
NOW = datetime.datetime(2026, 12, 7, 7, 0, tzinfo=ZONE)


def make_staff():
    from calls.models import CallHours, CallTaker
    from tests.factories import UserFactory

    users = []
    for number in range(STAFF):
        user = UserFactory(username=f"taker{number}", groups=["Intake staff"])
        taker = CallTaker.objects.create(user=user)
        CallHours.objects.bulk_create(
            CallHours(taker=taker, day=day, starts=datetime.time(8), ends=datetime.time(18))
            for day in range(5)
        )
        users.append(user)
    return users


def seed_calls(count: int, users, leads) -> None:
    """`count` holding calls on the 30-minute grid, without two of one person at one time: a
    third of them in the fortnight ahead, up to a third of its times (a busy fortnight; more
    history does not make the fortnight fuller), the rest in the past year."""
    from calls.models import Call, CallStatus

    rng = random.Random(count)
    # One booked call per lead (a constraint): booked calls take leads no call has yet.
    used = set(Call.objects.filter(status=CallStatus.BOOKED).values_list("lead_id", flat=True))
    free_leads = [lead for lead in leads if lead.pk not in used]
    taken = set(Call.objects.values_list("staff_id", "starts_at").iterator())
    ahead = [
        datetime.datetime.combine(NOW.date() + datetime.timedelta(days=day), datetime.time(8), ZONE)
        + datetime.timedelta(minutes=30 * slot)
        for day in range(14)
        if (NOW.date() + datetime.timedelta(days=day)).weekday() < 5
        for slot in range(20)
    ]
    batch = []
    capacity = len(ahead) * len(users)
    booked_ahead = Call.objects.filter(status=CallStatus.BOOKED).count()
    while len(batch) < count:
        user = rng.choice(users)
        if rng.random() < 0.33 and booked_ahead < capacity // 3:
            starts = rng.choice(ahead)
            status = CallStatus.BOOKED
        else:
            day = NOW.date() - datetime.timedelta(days=rng.randint(1, 365))
            starts = datetime.datetime.combine(day, datetime.time(8), ZONE) + datetime.timedelta(
                minutes=30 * rng.randint(0, 19)
            )
            status = rng.choice([CallStatus.HELD, CallStatus.NO_ANSWER])
        key = (user.pk, starts.astimezone(datetime.UTC))
        if key in taken or (status == CallStatus.BOOKED and not free_leads):
            continue
        taken.add(key)
        booked_ahead += status == CallStatus.BOOKED
        batch.append(
            Call(
                lead=free_leads.pop() if status == CallStatus.BOOKED else rng.choice(leads),
                staff=user,
                starts_at=starts,
                ends_at=starts + datetime.timedelta(minutes=20),
                status=status,
                booked_by="visitor",
                booked_at=starts - datetime.timedelta(days=2),
            )
        )
    Call.objects.bulk_create(batch, batch_size=2_000)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE calls_call")


def measure_free_times(site) -> tuple[float, int, int]:
    from calls.availability import free_times

    for _ in range(2):
        free_times(site, now=NOW)
    timings = []
    for _ in range(RUNS):
        started = time.perf_counter()
        times = free_times(site, now=NOW)
        timings.append(time.perf_counter() - started)
    with CaptureQueriesContext(connection) as queries:
        free_times(site, now=NOW)
    return statistics.median(timings), len(queries), len(times)


def race(site, contact_page) -> tuple[list[float], list[int], int]:
    """VISITORS threads post a booking at once; returns the timings, the statuses, and the
    double bookings found afterwards."""
    from calls.availability import free_times
    from calls.booking import booking_pass_for
    from calls.links import token_for
    from leads.models import Lead

    # Every visitor wants the first free time: as many succeed as staff members are free then.
    first = free_times(site)[0]
    choice = first.starts_at.isoformat()
    tokens = []
    for number in range(VISITORS):
        lead = Lead.objects.create(
            full_name=f"Visitor {number}",
            email=f"visitor{number}@example.org",
            consent_version="bench",
            consented_at=NOW,
            source_page=contact_page,
        )
        tokens.append(token_for(booking_pass_for(lead)))
    # One process per visitor, as gunicorn's workers would be (threads would queue on the GIL
    # and measure that); the parent's connections are closed so each child opens its own.
    context = multiprocessing.get_context("fork")
    barrier = context.Barrier(VISITORS)
    answers = context.Queue()

    def visit(number: int) -> None:
        client = Client(REMOTE_ADDR=f"10.0.0.{number + 1}")
        # A warm process, as a running server's: its own page first (URLs, templates, settings).
        client.get(f"/call/{tokens[number]}/")
        barrier.wait()
        started = time.perf_counter()
        response = client.post(f"/call/{tokens[number]}/", {"starts_at": choice})
        answers.put((time.perf_counter() - started, response.status_code))
        connections.close_all()

    connections.close_all()
    visitors = [context.Process(target=visit, args=(number,)) for number in range(VISITORS)]
    for visitor in visitors:
        visitor.start()
    results = [answers.get(timeout=120) for _ in visitors]
    for visitor in visitors:
        visitor.join()
    timings = [elapsed for elapsed, _ in results]
    statuses = [status for _, status in results]
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM calls_call a JOIN calls_call b ON a.staff_id = b.staff_id "
            "AND a.id < b.id AND a.starts_at < b.ends_at AND b.starts_at < a.ends_at "
            "WHERE a.status IN ('booked', 'held', 'no_answer') "
            "AND b.status IN ('booked', 'held', 'no_answer')"
        )
        doubles = cursor.fetchone()[0]
    return timings, statuses, doubles, len(first.staff_ids)


def main() -> int:
    if connection.vendor != "postgresql":
        print("Skipped: the booking bench runs on PostgreSQL (set DATABASE_URL=postgres://…).")
        return 0
    settings.DEBUG = False
    settings.TIME_ZONE = "America/New_York"
    connection.settings_dict["TEST"]["NAME"] = f"{connection.settings_dict['NAME']}_bench"
    setup_test_environment()
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        import time_machine
        from wagtail.models import Site

        from calls.models import CallBookingSettings
        from leads.models import Lead
        from tests.factories import ContactPageFactory

        site = Site.objects.get(is_default_site=True)
        contact_page = ContactPageFactory(parent=site.root_page)
        users = make_staff()
        leads = Lead.objects.bulk_create(
            Lead(
                full_name=f"Person {number}",
                email=f"person{number}@example.org",
                consent_version="bench",
                consented_at=NOW,
                source_page=contact_page,
            )
            for number in range(3_000)
        )
        CallBookingSettings.for_site(site).save()
        print(f"Free times, 14 days, {STAFF} staff members, median of {RUNS} (PostgreSQL)")
        print(f"{'calls':>8}{'time':>11}{'queries':>9}{'free times':>12}")
        seeded = 0
        baseline = None
        for size in SIZES:
            seed_calls(size - seeded, users, leads)
            seeded = size
            median, queries, count = measure_free_times(site)
            baseline = baseline or median
            print(
                f"{size:>8,}{median * 1000:>8.1f} ms{queries:>9}{count:>12}"
                f"   ratio to {SIZES[0]:,}: {median / baseline:.2f}"
            )
        with time_machine.travel(NOW, tick=True):
            timings, statuses, doubles, free_staff = race(site, contact_page)
        timings.sort()
        p95 = timings[max(0, round(0.95 * len(timings)) - 1)]
        booked = statuses.count(303)
        taken = statuses.count(409)
        errors = len(statuses) - booked - taken
        print(
            f"{VISITORS} visitors booking the first free time at once "
            f"({free_staff} staff members free then): p95 {p95 * 1000:.0f} ms, "
            f"median {statistics.median(timings) * 1000:.0f} ms; booked {booked}, "
            f"'just taken' {taken}, errors {errors}, double bookings {doubles}"
        )
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
    return 0


if __name__ == "__main__":
    sys.exit(main())
