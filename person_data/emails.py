"""What the person-data feature adds to the emails leads sends: the daily digest's section of the
person requests a handler must answer soon. Found at start-up with every app's `emails` module
(LeadsConfig.ready), in the web and the worker processes alike."""

import datetime

from django.urls import reverse
from django.utils.dateformat import format as format_date

from leads.digest import DigestRow, DigestSection, register_digest_section
from leads.recipients import admin_base_url
from person_data.models import PersonRequest


@register_digest_section
def person_requests_due(user, today: datetime.date) -> DigestSection:
    """The handler's open person requests due within a week, or overdue."""
    url = admin_base_url() + reverse("person_requests:index")
    rows = [
        DigestRow(
            text=(
                f"{request.reference}: {request.get_kind_display()}, "
                f"due {format_date(request.due_on, 'M j')}"
            ),
            url=url,
            flag="OVERDUE" if request.due_on < today else "",
        )
        for request in PersonRequest.objects.due_for_reminder(user, today)
    ]
    return DigestSection(
        heading="Person requests you handle, due within a week",
        note=(
            "A person asked to see or erase their data; they must have our answer by the due date."
        ),
        rows=rows,
        subject_phrase=f"{len(rows)} person request(s) due",
    )
