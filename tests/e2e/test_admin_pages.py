"""Every admin page the suite visits loads in Chromium without a page error or a console error,
and the follow-up date on a lead's page opens Wagtail's date chooser (it used to throw
`initDateChooser is not defined`)."""

import datetime

from django.urls import reverse
from playwright.sync_api import expect

from leads.models import Lead, LeadEmailKind
from outbox.models import DeliveryStatus, EmailDelivery
from tests.e2e.admin_pages import open_and_collect_problems, sign_in
from tests.factories import ArticlePageFactory, LeadFactory, SuperUserFactory, UserFactory


def admin_urls_the_suite_visits(site, home_page, article_index, lead, delivery) -> list[str]:
    article = ArticlePageFactory(parent=article_index, title="Admin pages article")
    settings_edit = lambda app, model: reverse(  # noqa: E731
        "wagtailsettings:edit", args=[app, model, site.pk]
    )
    return [
        reverse("wagtailadmin_home"),
        reverse("contact_requests:index"),
        reverse("contact_requests:inspect", args=[lead.pk]),
        reverse("contact_requests:edit", args=[lead.pk]),
        reverse("contact_requests:history", args=[lead.pk]),
        reverse("email_deliveries:index"),
        reverse("email_deliveries:inspect", args=[delivery.pk]),
        reverse("email_deliveries:retry", args=[delivery.pk]),
        reverse("lead_exports:index"),
        reverse("leads_by_article"),
        "/admin/reports/articles-due-for-review/",
        reverse("wagtailadmin_pages:edit", args=[home_page.pk]),
        reverse("wagtailadmin_pages:edit", args=[article.pk]),
        f"/admin/pages/add/blog/articlepage/{article_index.pk}/",
        settings_edit("leads", "urgentrequestsettings"),
        settings_edit("leads", "staffnotificationsettings"),
        settings_edit("leads", "confirmationemailsettings"),
        settings_edit("core", "clinicsettings"),
    ]


def test_every_admin_page_the_suite_visits_loads_without_errors(
    browser_page, live_site, site, article_index, contact_page
):
    SuperUserFactory(username="chief")
    lead = LeadFactory(full_name="Robin Okafor", source_page=contact_page)
    delivery = EmailDelivery.objects.create(
        about=lead,
        kind=LeadEmailKind.STAFF_NOTIFICATION,
        recipient="staff@example.org",
        status=DeliveryStatus.FAILED,
        last_error="550 mailbox unavailable",
    )
    urls = admin_urls_the_suite_visits(site, live_site, article_index, lead, delivery)
    sign_in(browser_page, "chief")

    problems = [open_and_collect_problems(browser_page, url) for url in urls]

    failing = {each.url: (each.status, each.errors) for each in problems if not each.ok}
    assert failing == {}


def test_the_follow_up_date_opens_the_date_chooser_and_saves(browser_page, live_site):
    UserFactory(username="intake.ana", first_name="Ana", groups=["Intake staff"])
    lead = LeadFactory(full_name="Robin Okafor")
    sign_in(browser_page, "intake.ana")

    problems = open_and_collect_problems(
        browser_page, reverse("contact_requests:inspect", args=[lead.pk])
    )
    assert problems.errors == []
    date_field = browser_page.get_by_role("textbox", name="Next follow-up")
    date_field.click()
    chooser = browser_page.locator(".xdsoft_datetimepicker").first
    expect(chooser).to_be_visible()
    date_field.fill("")
    date_field.press_sequentially("2031-03-14")
    browser_page.keyboard.press("Escape")
    browser_page.get_by_role("button", name="Save date").click()
    expect(browser_page.get_by_text("Next follow-up saved.")).to_be_visible()
    assert Lead.objects.get(pk=lead.pk).next_follow_up_on == datetime.date(2031, 3, 14)
