"""The "erase" staff action on a lead's page (`contact_requests:erase`): the person asked to be
forgotten, so their data goes from this lead now. leads' viewset gives it its URL and refuses it to
anyone without the change permission; person_data/wagtail_hooks.py registers it there."""

from django.contrib import messages

from leads.follow_up import FollowUpError
from person_data.retention import erase_person


def erase_action(request, lead, _):
    if request.POST.get("confirm") != "erase":
        raise FollowUpError("Tick the confirmation to erase this person's data.")
    erase_person(lead, request.user)
    messages.success(request, "The person's data was erased; the timeline records it.")
