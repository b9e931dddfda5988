"""Articles whose medical review is missing or out of date: the admin report, its CSV export and
the weekly reminder to the Marketing group."""

import contextlib
import datetime

import pytest
import time_machine
from django.core import mail

from blog.review import articles_due_for_review, send_review_due_reminder
from blog.tasks import send_review_due_reminder_task
from outbox.queue import sweep_deliveries
from tests.blog.review_helpers import approve, medical_reviewer, publish_without_review
from tests.factories import ArticlePageFactory, UserFactory
from tests.html_reading import order_of, parse
from tests.mail_backends import FailOnceForBackend

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 11, 26)
REPORT_URL = "/admin/reports/articles-due-for-review/"


def approved_on(day: datetime.date, article, reviewer) -> None:
    with time_machine.travel(datetime.datetime.combine(day, datetime.time(12), datetime.UTC)):
        approve(article, reviewer)


@pytest.fixture
def articles(article_index):
    reviewer = medical_reviewer("Dana Okafor", "MD")

    def article(title, last_reviewed, live=True):
        page = ArticlePageFactory(parent=article_index, title=title)
        if last_reviewed:
            approved_on(last_reviewed, page, reviewer)
        if not live:
            page.unpublish()
        return page

    return {
        "never": article("Never reviewed", None),
        "old": article("Reviewed two years ago", datetime.date(2024, 10, 1)),
        "just_due": article("Reviewed 13 months ago", datetime.date(2025, 10, 20)),
        "recent": article("Reviewed last month", datetime.date(2026, 10, 20)),
        "draft": article("Old draft", datetime.date(2020, 1, 1), live=False),
    }


@time_machine.travel(datetime.datetime(2026, 11, 26, 12, tzinfo=datetime.UTC), tick=False)
def test_due_articles_are_the_live_unreviewed_or_stale_ones_oldest_first(articles):
    due = [page.title for page in articles_due_for_review()]
    assert due == ["Never reviewed", "Reviewed two years ago", "Reviewed 13 months ago"]


@time_machine.travel(datetime.datetime(2026, 11, 26, 12, tzinfo=datetime.UTC), tick=False)
def test_an_article_changed_since_its_review_is_due_again(article_index):
    article = ArticlePageFactory(parent=article_index, title="Reviewed last month")
    approved_on(datetime.date(2026, 10, 20), article, medical_reviewer())
    assert list(articles_due_for_review()) == []
    publish_without_review(article, "Changed since its review")
    due = list(articles_due_for_review())
    assert [page.title for page in due] == ["Changed since its review"]
    assert due[0].last_reviewed_at.date() == datetime.date(2026, 10, 20)


@time_machine.travel(datetime.datetime(2026, 11, 26, 12, tzinfo=datetime.UTC), tick=False)
def test_the_review_interval_is_configurable(articles, settings):
    settings.MEDICAL_REVIEW_INTERVAL_MONTHS = 24
    assert [page.title for page in articles_due_for_review()] == [
        "Never reviewed",
        "Reviewed two years ago",
    ]


@time_machine.travel(datetime.datetime(2026, 11, 26, 12, tzinfo=datetime.UTC), tick=False)
def test_marketing_sees_the_report_and_exports_it_as_csv(client, articles):
    client.force_login(UserFactory(groups=["Marketing"]))
    html = client.get(REPORT_URL).content.decode()
    assert "Articles due for medical review" in html
    due = ["Never reviewed", "Reviewed two years ago"]
    assert order_of(parse(html), reversed(due)) == due
    assert "Reviewed last month" not in html and "Old draft" not in html
    export = client.get(REPORT_URL, {"export": "csv"})
    assert export.status_code == 200
    rows = b"".join(export.streaming_content).decode().strip().splitlines()
    assert rows[0].startswith("Article,Medical reviewer,Last medical review")
    assert [row.split(",")[0] for row in rows[1:]] == [
        "Never reviewed",
        "Reviewed two years ago",
        "Reviewed 13 months ago",
    ]
    assert "Dana Okafor" in rows[2]


def test_intake_staff_without_page_permissions_cannot_open_the_report(client, articles):
    client.force_login(UserFactory(groups=["Intake staff"]))
    response = client.get(REPORT_URL)
    # Wagtail answers a refused admin page with a redirect to the dashboard.
    assert response.status_code == 302
    assert "Reviewed two years ago" not in response.content.decode()


@time_machine.travel(datetime.datetime(2026, 11, 26, 12, tzinfo=datetime.UTC), tick=False)
def test_weekly_reminder_goes_to_each_marketing_user_and_lists_due_articles(
    articles, django_capture_on_commit_callbacks
):
    UserFactory(username="marketer1", email="m1@clinic.example", groups=["Marketing"])
    UserFactory(username="marketer2", email="m2@clinic.example", groups=["Marketing"])
    UserFactory(username="intake", email="intake@clinic.example", groups=["Intake staff"])
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert send_review_due_reminder() == 2
    assert sorted(message.to[0] for message in mail.outbox) == [
        "m1@clinic.example",
        "m2@clinic.example",
    ]
    message = mail.outbox[0]
    assert message.subject == "3 articles due for medical review"
    assert "Never reviewed" in message.body and "Reviewed two years ago" in message.body
    assert "Reviewed last month" not in message.body
    assert f"/admin/pages/{articles['never'].pk}/edit/" in message.alternatives[0][0]


@time_machine.travel(datetime.datetime(2026, 11, 26, 12, tzinfo=datetime.UTC), tick=False)
def test_no_reminder_when_nothing_is_due(article_index, django_capture_on_commit_callbacks):
    UserFactory(email="m1@clinic.example", groups=["Marketing"])
    approved_on(
        datetime.date(2026, 9, 1), ArticlePageFactory(parent=article_index), medical_reviewer()
    )
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert send_review_due_reminder() == 0
    assert mail.outbox == []


def test_the_reminder_runs_weekly_from_celery_beat(settings):
    entry = settings.CELERY_BEAT_SCHEDULE["blog-review-due-reminder"]
    assert entry["task"] == "blog.tasks.send_review_due_reminder"
    assert entry["schedule"].day_of_week == {1}


@time_machine.travel(datetime.datetime(2026, 11, 26, 12, tzinfo=datetime.UTC), tick=False)
def test_a_failed_send_retried_never_mails_an_earlier_recipient_twice(
    articles, settings, django_capture_on_commit_callbacks
):
    """The reminder to the second marketer fails once (connection dropped). Its retry sends to
    that marketer only: the first, already mailed, gets exactly one reminder."""
    UserFactory(username="marketer1", email="m1@clinic.example", groups=["Marketing"])
    UserFactory(username="marketer2", email="m2@clinic.example", groups=["Marketing"])
    settings.EMAIL_BACKEND = "tests.mail_backends.FailOnceForBackend"
    FailOnceForBackend.fail_once = {"m2@clinic.example"}
    mail.outbox.clear()
    # Before the outbox, the task mailed m1, raised OSError on m2, and Celery retried all of it.
    with django_capture_on_commit_callbacks(execute=True), contextlib.suppress(OSError):
        send_review_due_reminder_task()
    assert [message.to for message in mail.outbox] == [["m1@clinic.example"]]
    # The task run again (that retry, or the next beat), then the outbox's sweep once the failed
    # attempt's backoff has passed: m2 gets theirs, and nobody gets one twice.
    with django_capture_on_commit_callbacks(execute=True), contextlib.suppress(OSError):
        send_review_due_reminder_task()
    with time_machine.travel(datetime.datetime(2026, 11, 26, 14, tzinfo=datetime.UTC)):
        sweep_deliveries()
    assert sorted(message.to[0] for message in mail.outbox) == [
        "m1@clinic.example",
        "m2@clinic.example",
    ]
