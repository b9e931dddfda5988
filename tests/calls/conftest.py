import pytest

# The helpers live in a module of their own (docs/testing.md, rule 7); imported here too for the
# tests that take them from this file.
from tests.calls.helpers import CLINIC_ZONE, clinic_time, make_taker
from tests.factories import LeadFactory

__all__ = ["CLINIC_ZONE", "clinic_time", "make_taker"]


@pytest.fixture
def taker(site, settings):
    settings.TIME_ZONE = "America/New_York"
    return make_taker("ana")


@pytest.fixture
def lead(contact_page):
    return LeadFactory(source_page=contact_page, full_name="Jordan Rivera")
