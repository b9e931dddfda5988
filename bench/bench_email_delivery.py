"""Email delivery benchmark on the real stack: PostgreSQL, a private redis-server, one Celery worker
process, gunicorn, and a local aiosmtpd sink.

1. Throughput: post 1,000 contact requests and time until all 2,000 emails reached the sink.
2. Isolation: the visitor's POST time while the SMTP server takes 2 s per message, as a ratio to
   the POST time with an instant server, both measured in this run. It should stay near 1: the
   request never waits for email.

Run: `make bench` or `.venv/bin/python bench/bench_email_delivery.py` (needs PostgreSQL on
127.0.0.1:5432 and redis-server installed; BENCH_DATABASE_URL overrides the database, which is
created and migrated if missing). Prints the figures recorded in docs/performance.md.
"""

import logging
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit

import psycopg
import requests

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))

DATABASE_URL = os.environ.get(
    "BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/clinic_leads_bench"
)
REQUESTS = int(os.environ.get("BENCH_REQUESTS", "1000"))
ISOLATION_REQUESTS = int(os.environ.get("BENCH_ISOLATION_REQUESTS", "40"))
SLOW_SMTP_SECONDS = 2.0


def ensure_database(url: str) -> None:
    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    admin_url = parts._replace(path="/postgres").geturl()
    with psycopg.connect(admin_url, autocommit=True) as connection:
        exists = connection.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [name]
        ).fetchone()
        if not exists:
            connection.execute(f'CREATE DATABASE "{name}"')


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * share))]


def main() -> None:
    ensure_database(DATABASE_URL)
    directory = Path(tempfile.mkdtemp(prefix="bench-email-"))
    os.environ.update(
        DATABASE_URL=DATABASE_URL,
        DJANGO_SETTINGS_MODULE="cms.settings.real_services",
        # Placeholders until the real servers are up; the processes get the real addresses.
        CELERY_BROKER_URL="redis://127.0.0.1:1/9",
        SMTP_PORT="1",
        RATELIMIT_ENABLE="false",
        LEADS_NOTIFY_EMAILS="intake@clinic.example",
    )
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "--no-input", "-v", "0"], cwd=BASE_DIR, check=True
    )
    subprocess.run([sys.executable, "manage.py", "seed_demo"], cwd=BASE_DIR, check=True)

    import django

    django.setup()
    # aiosmtpd logs every SMTP command at INFO; the figures are what this script is for.
    logging.getLogger("mail.log").setLevel(logging.WARNING)
    from aiosmtpd.controller import Controller

    from leads.contact_form import make_shown_at_token
    from leads.models import Lead
    from leads.pages import ContactPage
    from outbox.models import EmailDelivery
    from tests.conftest import PrivateRedis, RealStack, RecordingSMTPHandler, free_port, wait_until

    Lead.objects.all().delete()
    contact_url = ContactPage.objects.get().url

    redis = PrivateRedis(directory)
    redis.start()
    handler = RecordingSMTPHandler()
    smtp = Controller(handler, hostname="127.0.0.1", port=free_port())
    smtp.start()
    stack = RealStack(redis, smtp, directory)
    try:
        stack.start_worker(RATELIMIT_ENABLE="false", LEADS_NOTIFY_EMAILS="intake@clinic.example")
        base_url = stack.start_web()
        session = requests.Session()
        session.get(base_url + contact_url, timeout=10).raise_for_status()
        tokens = session.get(base_url + "/contact-form/tokens/", timeout=10).json()

        def post(number: int) -> float:
            data = {
                "csrfmiddlewaretoken": tokens["csrfmiddlewaretoken"],
                "full_name": f"Bench Visitor {number}",
                "email": f"visitor{number}@example.org",
                "phone": "(503) 555-0100",
                "preferred_contact_method": "phone",
                "consent": "on",
                "website": "",
                "shown_at": make_shown_at_token(time.time() - 60),
            }
            started = time.perf_counter()
            response = session.post(
                base_url + contact_url, data=data, allow_redirects=False, timeout=30
            )
            elapsed = time.perf_counter() - started
            if response.status_code != 303:
                raise SystemExit(f"POST {number} answered {response.status_code}")
            return elapsed

        # 1. Throughput.
        started = time.perf_counter()
        throughput_posts = [post(number) for number in range(REQUESTS)]
        posting_seconds = time.perf_counter() - started
        wait_until(lambda: handler.count() >= 2 * REQUESTS, 900, 0.2, "all emails")
        total_seconds = time.perf_counter() - started
        delivered = handler.count()
        wait_until(
            lambda: EmailDelivery.objects.filter(status="sent").count() >= 2 * REQUESTS,
            30,
            0.2,
            "rows marked sent",
        )

        # 2. Isolation: the same POST with an instant SMTP server, then with a slow one.
        instant_posts = [post(REQUESTS + number) for number in range(ISOLATION_REQUESTS)]
        wait_until(
            lambda: handler.count() >= 2 * (REQUESTS + ISOLATION_REQUESTS), 120, 0.2, "baseline"
        )
        handler.reply_delay_seconds = SLOW_SMTP_SECONDS
        slow_posts = [
            post(REQUESTS + ISOLATION_REQUESTS + number) for number in range(ISOLATION_REQUESTS)
        ]
        # The slow server is busy for minutes on that backlog; the figure is already taken.
    finally:
        stack.stop_all()
        smtp.stop()
        redis.stop()

    instant_median = statistics.median(instant_posts)
    slow_median = statistics.median(slow_posts)
    print(f"requests posted: {REQUESTS} in {posting_seconds:.1f} s")
    print(
        f"POST time during the throughput run: median {statistics.median(throughput_posts) * 1000:.1f} ms, "
        f"p95 {percentile(throughput_posts, 0.95) * 1000:.1f} ms"
    )
    print(
        f"emails delivered: {delivered} at the sink; "
        f"all {2 * REQUESTS} arrived {total_seconds:.1f} s after the first POST: "
        f"{2 * REQUESTS / total_seconds:.1f} emails/s with one worker process"
    )
    print(
        f"POST median with an instant SMTP server: {instant_median * 1000:.1f} ms "
        f"(p95 {percentile(instant_posts, 0.95) * 1000:.1f} ms, n={ISOLATION_REQUESTS})"
    )
    print(
        f"POST median with a {SLOW_SMTP_SECONDS:.0f} s-per-message SMTP server: "
        f"{slow_median * 1000:.1f} ms (p95 {percentile(slow_posts, 0.95) * 1000:.1f} ms)"
    )
    print(f"ratio slow/instant: {slow_median / instant_median:.2f} (near 1: no waiting on email)")


if __name__ == "__main__":
    main()
