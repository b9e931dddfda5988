"""The privacy checks look for whole recognisable values, never fragments that random ids contain."""

import pytest

from tests.personal_data import assert_holds_none_of, printed_forms

VISITOR = printed_forms(full_name="Quillon Vance", email="q@example.org", phone="(503) 555-0100")


def test_a_task_id_that_happens_to_contain_the_digits_of_a_phone_number_is_not_a_leak():
    log = "Task leads.tasks.deliver_email_task[16ab5b49-6a14-4555-9b4b-2b47410f5e50] succeeded"
    assert_holds_none_of(log, VISITOR, "the log")


@pytest.mark.parametrize(
    "printed", ["(503) 555-0100", "+15035550100", "+1 503-555-0100", "5035550100", "Quillon"]
)
def test_the_phone_in_any_format_or_a_name_part_is_found(printed):
    with pytest.raises(AssertionError, match="the log holds"):
        assert_holds_none_of(f"sent to {printed} today", VISITOR, "the log")
