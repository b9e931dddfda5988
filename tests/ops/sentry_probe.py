"""Run by tests/ops/test_sentry_real.py in a process of its own (settings from the environment,
SENTRY_DSN set): an error in the contact form view and one in the email task, each carrying the
visitor's values in its message, so the test can check that none of them reaches the sink."""

import json
import sys

import django

django.setup()

import sentry_sdk  # noqa: E402
from django.core.wsgi import get_wsgi_application  # noqa: E402
from werkzeug.test import Client  # noqa: E402

from leads import public_views  # noqa: E402
from leads.pages import ContactPage  # noqa: E402
from outbox import queue  # noqa: E402


def main(form_json: str) -> None:
    form = json.loads(form_json)

    def failing_submit(**kwargs):
        raise RuntimeError(f"could not save the request of {form['full_name']} <{form['email']}>")

    def failing_delivery(delivery_id):
        raise RuntimeError(f"could not send to {form['email']}: {form['message']}")

    public_views.submit_lead = failing_submit
    public_views.is_over_rate_limit = lambda request, email: False
    page = ContactPage.objects.live().first()
    # Through the WSGI application, as gunicorn calls it (Sentry's Django integration reads the
    # request there), with the CSRF cookie of a first visit.
    client = Client(get_wsgi_application())
    client.set_cookie("sessionid", "visitor-cookie", domain="localhost")
    client.get(page.url)
    # As the form's script does on a page from the page cache: this visitor's own tokens.
    token = client.get("/contact-form/tokens/").json["csrfmiddlewaretoken"]
    response = client.post(
        page.url + "?utm_source=" + form["email"],
        data={**form, "csrfmiddlewaretoken": token},
        headers={"Referer": "http://localhost" + page.url},
    )
    print(f"view answered {response.status_code}")

    # The task calls deliver_email as outbox.queue imported it, so that is the name to replace.
    queue.deliver_email = failing_delivery
    result = queue.deliver_email_task.apply(args=[424242])
    print(f"task ended {result.state}")
    sentry_sdk.flush(10)


if __name__ == "__main__":
    main(sys.argv[1])
