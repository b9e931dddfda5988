"""Booking the first call in Chromium (issue #27): the thank-you page's time picker grouped by day,
each time in the visitor's own zone beside it when theirs is not the clinic's; booking by keyboard
alone with the choice announced; the same booking with JavaScript off; axe on every page of the
booking at 390 and 1280 px; a Spanish visitor's picker in Spanish; and the booked call in the
intake user's Calls → Agenda.

The clinic's clock is stopped on Sunday 6 December 2026 at 20:00 (America/New_York, the clinic's
zone here): the first free times are on Monday from 10:00, two opening hours after 8:00."""

import re

import pytest
import time_machine
from axe_playwright_python.sync_playwright import Axe
from django.core import mail
from playwright.sync_api import expect

from calls.models import Call, CallStatus
from leads.models import Lead
from tests.calls.helpers import clinic_time, make_taker
from tests.e2e.admin_pages import sign_in

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

SUNDAY_EVENING = clinic_time(2026, 12, 6, 20)
WAIT = 15_000  # every wait and expectation is bounded (ms)
WCAG_AA = ["wcag2a", "wcag2aa", "wcag21aa", "wcag22aa"]


@pytest.fixture
def clinic_clock():
    with time_machine.travel(SUNDAY_EVENING, tick=False):
        yield SUNDAY_EVENING


@pytest.fixture
def booking(settings, clinic_clock):
    """The clinic's zone, a call taker (the intake user "ana", Monday to Friday 9:00–17:00) and the
    timing trap off (a script types faster than any person)."""
    settings.TIME_ZONE = "America/New_York"
    settings.LEADS_MIN_SECONDS_TO_SUBMIT = 0
    return make_taker("ana")


@pytest.fixture
def new_context(require_chromium, chromium, live_server):
    """Browser contexts on the live server, closed at the end."""
    contexts = []

    def make(**options):
        options.setdefault("viewport", {"width": 1280, "height": 900})
        context = chromium.new_context(base_url=live_server.url, **options)
        context.set_default_timeout(WAIT)
        context.set_default_navigation_timeout(WAIT)
        contexts.append(context)
        return context

    yield make
    for context in contexts:
        context.close()


def watch_errors(page) -> list[str]:
    errors = []
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    page.on("pageerror", lambda error: errors.append(str(error)))
    return errors


def send_request(page, path, name="Casey Morgan", email="casey@example.org", javascript=True):
    """Send the English contact form and land on the thank-you page. Without JavaScript the form
    of a cacheable page has no tokens yet: it comes back asking for one more press."""
    page.goto(path)
    page.get_by_label("Full name").fill(name)
    page.get_by_label("Email (required)").fill(email)
    page.get_by_label("Email", exact=True).check()
    page.get_by_label("I agree").check()
    page.get_by_role("button", name="Send request").click()
    if not javascript:
        expect(page.get_by_role("status")).to_contain_text("send once more", timeout=WAIT)
        page.get_by_role("button", name="Send request").click()
    page.wait_for_url("**/thank-you/", timeout=WAIT)


def picker(page):
    return page.locator("section.time-picker")


def day_group(page, name):
    return picker(page).get_by_role("group", name=re.compile(f"^{name}"))


def own_times(page) -> list[str]:
    """The visitor's own time beside each clinic time, spaces made plain (ICU puts a narrow
    no-break space before AM/PM)."""
    texts = picker(page).locator(".time-picker__local").all_inner_texts()
    return [re.sub(r"\s", " ", text) for text in texts]


def axe_violations(page) -> list:
    results = Axe().run(page, options={"runOnly": WCAG_AA})
    return [
        (violation["id"], [node["target"] for node in violation["nodes"]])
        for violation in results.response["violations"]
    ]


def test_the_thank_you_page_offers_times_by_day_with_the_visitors_own_time_in_another_zone(
    new_context, live_server, contact_page, booking
):
    madrid = new_context(timezone_id="Europe/Madrid").new_page()
    errors = watch_errors(madrid)
    send_request(madrid, contact_page.url)

    expect(picker(madrid).get_by_role("heading", level=2)).to_have_text(
        "Pick a time for our call", timeout=WAIT
    )
    legends = picker(madrid).locator("legend")
    expect(legends).to_have_text(
        ["Monday, December 7, 2026", "Tuesday, December 8, 2026", "Wednesday, December 9, 2026"],
        timeout=WAIT,
    )
    monday = day_group(madrid, "Monday")
    expect(monday.locator("time").first).to_have_text("10 a.m.", timeout=WAIT)
    expect(monday.get_by_role("radio")).to_have_count(14, timeout=WAIT)  # 10:00 to 16:30
    expect(picker(madrid)).to_contain_text("(America/New_York)", timeout=WAIT)
    # 10:00 in New York is 16:00 in Madrid: every time has the visitor's own beside it.
    expect(picker(madrid).locator(".time-picker__local").first).not_to_be_empty(timeout=WAIT)
    shown = own_times(madrid)
    assert len(shown) == picker(madrid).get_by_role("radio").count()
    assert shown[:2] == ["(Mon 4:00 PM your time)", "(Mon 4:30 PM your time)"]
    assert shown[14] == "(Tue 3:00 PM your time)"  # Tuesday from 9:00
    assert errors == []

    # In the clinic's own zone there is nothing to add.
    new_york = new_context(timezone_id="America/New_York").new_page()
    errors = watch_errors(new_york)
    send_request(new_york, contact_page.url, name="Sam Lee", email="sam@example.org")
    expect(new_york.locator("section.time-picker legend").first).to_have_text(
        "Monday, December 7, 2026", timeout=WAIT
    )
    # The script has run (the page's scripts are deferred: `load` comes after them).
    new_york.wait_for_load_state("load", timeout=WAIT)
    assert new_york.evaluate("document.readyState") == "complete"
    assert set(own_times(new_york)) == {""}
    assert "your time" not in picker(new_york).inner_text()
    assert errors == []


def test_a_visitor_books_by_keyboard_alone_and_the_intake_user_sees_the_call_in_the_agenda(
    new_context, live_server, contact_page, booking
):
    page = new_context(timezone_id="Europe/Madrid").new_page()
    errors = watch_errors(page)
    send_request(page, contact_page.url)
    lead = Lead.objects.get()
    expect(picker(page).locator(".time-picker__local").first).not_to_be_empty(timeout=WAIT)

    # Tab from the top of the page to the radio group (a single stop: its first time).
    page.locator("body").focus()
    for _ in range(60):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.name") == "starts_at":
            break
    focused = page.evaluate(
        "[document.activeElement.value, document.activeElement.checked, "
        "document.activeElement.dataset.label]"
    )
    assert focused == ["2026-12-07T10:00:00-05:00", False, "Monday, December 7, 2026, 10 a.m."]
    live = picker(page).locator("[aria-live=polite]")
    expect(live).to_have_text("", timeout=WAIT)

    # The arrow keys move through the times and choose; the choice is announced.
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    chosen = day_group(page, "Monday").get_by_role("radio").nth(2)
    expect(chosen).to_be_checked(timeout=WAIT)
    expect(chosen).to_be_focused(timeout=WAIT)
    expect(live).to_have_text("Chosen: Monday, December 7, 2026, 11 a.m.", timeout=WAIT)
    page.keyboard.press("ArrowUp")
    expect(live).to_have_text("Chosen: Monday, December 7, 2026, 10:30 a.m.", timeout=WAIT)

    # Tab leaves the group for the button; Enter books.
    page.keyboard.press("Tab")
    expect(page.get_by_role("button", name="Book this time")).to_be_focused(timeout=WAIT)
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/call/[^/]+/\?done=booked$"), timeout=WAIT)

    expect(page.get_by_role("status")).to_contain_text("Your call is booked.", timeout=WAIT)
    details = page.locator(".call-details")
    expect(details).to_contain_text("Monday, December 7, 10:30 AM (EST)", timeout=WAIT)
    expect(details).to_contain_text(
        "Ana, of our intake team, will call you from (503) 555-0142.", timeout=WAIT
    )
    expect(picker(page).get_by_role("heading", level=2)).to_have_text(
        "Choose another time", timeout=WAIT
    )
    expect(page.get_by_role("button", name="Move my call to this time")).to_be_visible(timeout=WAIT)
    call = Call.objects.get(lead=lead)
    assert (call.starts_at, call.status, call.staff.username) == (
        clinic_time(2026, 12, 7, 10, 30),
        CallStatus.BOOKED,
        "ana",
    )
    subjects = [message.subject for message in mail.outbox if message.to == [lead.email]]
    assert (
        "Your call with Evergreen Ketamine Clinic: Monday, December 7, 10:30 AM (EST)" in subjects
    )
    assert errors == []

    # The intake user who calls signs in and finds it in Calls → Agenda (Monday: the next day).
    staff = new_context().new_page()
    staff_errors = watch_errors(staff)
    sign_in(staff, "ana")
    staff.get_by_role("button", name="Calls").click()
    staff.get_by_role("link", name="Agenda").click()
    staff.wait_for_url("**/admin/calls/", timeout=WAIT)
    expect(staff.get_by_test_id("agenda-period")).to_have_text(
        "Sunday 06 December 2026", timeout=WAIT
    )
    expect(staff.get_by_test_id("agenda-empty")).to_be_visible(timeout=WAIT)
    staff.get_by_test_id("agenda-next").click()
    expect(staff.get_by_test_id("agenda-period")).to_have_text(
        "Monday 07 December 2026", timeout=WAIT
    )
    rows = staff.get_by_test_id("agenda-row")
    expect(rows).to_have_count(1, timeout=WAIT)
    expect(rows.first).to_contain_text("10:30–10:50", timeout=WAIT)
    expect(rows.first.get_by_role("link", name=f"Lead #{lead.pk}")).to_be_visible(timeout=WAIT)
    expect(rows.first).to_contain_text("Booked", timeout=WAIT)
    # The agenda names no one: the lead's number only.
    assert lead.full_name not in staff.locator("main").inner_text()
    assert staff_errors == []


def test_with_javascript_off_the_picker_is_a_plain_form_that_books(
    new_context, live_server, contact_page, booking
):
    page = new_context(java_script_enabled=False, timezone_id="Europe/Madrid").new_page()
    send_request(
        page, contact_page.url, name="Noor Haddad", email="noor@example.org", javascript=False
    )

    expect(picker(page).get_by_role("heading", level=2)).to_have_text(
        "Pick a time for our call", timeout=WAIT
    )
    assert set(own_times(page)) == {""}  # no script: the clinic's times alone
    day_group(page, "Tuesday").get_by_label("2 p.m.").check()
    page.get_by_role("button", name="Book this time").click()
    page.wait_for_url(re.compile(r"/call/[^/]+/\?done=booked$"), timeout=WAIT)

    expect(page.get_by_role("status")).to_contain_text("Your call is booked.", timeout=WAIT)
    expect(page.locator(".call-details")).to_contain_text(
        "Tuesday, December 8, 2:00 PM (EST)", timeout=WAIT
    )
    call = Call.objects.get(lead__email="noor@example.org")
    assert call.starts_at == clinic_time(2026, 12, 8, 14)

    # Moving it works the same way, from the page the link opens.
    day_group(page, "Wednesday").get_by_label("9:30 a.m.").check()
    page.get_by_role("button", name="Move my call to this time").click()
    page.wait_for_url(re.compile(r"/call/[^/]+/\?done=moved$"), timeout=WAIT)
    expect(page.locator(".call-details")).to_contain_text(
        "Wednesday, December 9, 9:30 AM (EST)", timeout=WAIT
    )
    call.refresh_from_db()
    assert (call.starts_at, call.sequence) == (clinic_time(2026, 12, 9, 9, 30), 1)

    # And so does cancelling; the freed time is offered again.
    page.get_by_role("button", name="Cancel the call").click()
    page.wait_for_url(re.compile(r"/call/[^/]+/\?done=cancelled$"), timeout=WAIT)
    expect(page.get_by_role("status")).to_contain_text("Your call is cancelled.", timeout=WAIT)
    expect(day_group(page, "Wednesday").get_by_label("9:30 a.m.")).not_to_be_checked(timeout=WAIT)
    call.refresh_from_db()
    assert call.status == CallStatus.CANCELLED_BY_VISITOR


def test_axe_finds_nothing_on_the_booking_pages_on_a_phone_and_a_desktop(
    new_context, live_server, contact_page, booking
):
    page = new_context(timezone_id="Europe/Madrid").new_page()
    reports = {}

    def check(name):
        page.wait_for_load_state("load", timeout=WAIT)
        for width in (1280, 390):
            page.set_viewport_size({"width": width, "height": 900})
            violations = axe_violations(page)
            if violations:
                reports[f"{width}px {name}"] = violations
        page.set_viewport_size({"width": 1280, "height": 900})

    send_request(page, contact_page.url)
    expect(picker(page).locator(".time-picker__local").first).not_to_be_empty(timeout=WAIT)
    day_group(page, "Monday").get_by_role("radio").first.check()  # the announcement shown too
    expect(picker(page).locator("[aria-live=polite]")).not_to_be_empty(timeout=WAIT)
    check("thank-you page with the picker")

    # The confirmation email's private link, before booking: the picker.
    lead = Lead.objects.get()
    confirmation = next(message for message in mail.outbox if message.to == [lead.email])
    link = next(word for word in confirmation.body.split() if "/call/" in word)
    path = "/" + link.split("/", 3)[3]
    page.goto(path)
    expect(page.get_by_role("heading", level=1)).to_have_text("Your call with us", timeout=WAIT)
    expect(picker(page).get_by_role("heading", level=2)).to_have_text(
        "Pick a time for our call", timeout=WAIT
    )
    check("booking page, picker")

    page.get_by_role("button", name="Book this time").click()  # nothing chosen: the browser says so
    assert Call.objects.count() == 0
    day_group(page, "Tuesday").get_by_role("radio").first.check()
    page.get_by_role("button", name="Book this time").click()
    page.wait_for_url(re.compile(r"\?done=booked$"), timeout=WAIT)
    expect(page.locator(".call-details")).to_be_visible(timeout=WAIT)
    check("booking page, booked")

    response = page.goto("/call/not-a-real-link/")
    assert response.status == 404
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "This link does not work any more", timeout=WAIT
    )
    check("refused link")

    assert reports == {}


def test_a_spanish_visitor_gets_the_picker_and_the_booked_page_in_spanish(
    new_context, live_server, live_demo_site, booking
):
    page = new_context(timezone_id="Europe/Madrid", locale="es-ES").new_page()
    errors = watch_errors(page)
    page.goto("/es/contacto/")
    page.get_by_label("Nombre completo").fill("Lucía Fernández")
    page.locator("#id_email").fill("lucia@example.org")
    page.get_by_label("Correo electrónico", exact=True).check()
    page.get_by_label("Acepto").check()
    page.get_by_role("button", name="Enviar solicitud").click()
    page.wait_for_url("**/es/contacto/thank-you/", timeout=WAIT)

    section = picker(page)
    expect(section.get_by_role("heading", level=2)).to_have_text(
        "Elija un horario para nuestra llamada", timeout=WAIT
    )
    expect(section.locator("legend").first).to_have_text(
        "lunes, 7 de diciembre de 2026", timeout=WAIT
    )
    expect(section).to_contain_text("Una llamada dura unos 20 minutos", timeout=WAIT)
    expect(section.locator(".time-picker__local").first).to_contain_text("su hora", timeout=WAIT)
    assert "your time" not in section.inner_text()
    first = day_group(page, "lunes").get_by_role("radio").first
    first.check()
    expect(section.locator("[aria-live=polite]")).to_have_text(
        "Elegido: lunes, 7 de diciembre de 2026, 10:00", timeout=WAIT
    )
    page.get_by_role("button", name="Reservar este horario").click()
    page.wait_for_url(re.compile(r"/es/call/[^/]+/\?done=booked$"), timeout=WAIT)

    expect(page.locator("html")).to_have_attribute("lang", "es", timeout=WAIT)
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Su llamada con nosotros", timeout=WAIT
    )
    expect(page.get_by_role("status")).to_contain_text("Su llamada está reservada.", timeout=WAIT)
    expect(page.locator(".call-details")).to_contain_text(
        "lunes, 7 de diciembre, 10:00 (EST)", timeout=WAIT
    )
    expect(page.get_by_role("button", name="Cancelar la llamada")).to_be_visible(timeout=WAIT)
    lead = Lead.objects.get()
    assert lead.language == "es"
    booked = next(
        message
        for message in mail.outbox
        if message.to == [lead.email] and message.subject.startswith("Su llamada")
    )
    assert booked.subject.endswith("lunes, 7 de diciembre, 10:00 (EST)")
    assert "Quién llama".upper() in booked.body
    assert errors == []
