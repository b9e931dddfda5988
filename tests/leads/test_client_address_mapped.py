"""Client address: an IPv4-mapped IPv6 peer counts as its IPv4 address, and a
deployment behind a proxy that trusts no proxy header is warned about."""

import pytest
from django.core import checks
from django.test import RequestFactory

from leads.client_address import client_address_hash, rate_limit_identity


def test_an_ipv4_mapped_peer_counts_as_its_ipv4_address():
    assert rate_limit_identity("::ffff:203.0.113.5") == "203.0.113.5"
    assert rate_limit_identity("2001:db8::1") == "2001:db8::/64"


def test_two_mapped_peers_are_two_visitors_not_one_shared_network():
    factory = RequestFactory()
    first = factory.get("/", REMOTE_ADDR="::ffff:203.0.113.5")
    second = factory.get("/", REMOTE_ADDR="::ffff:198.51.100.7")
    plain = factory.get("/", REMOTE_ADDR="203.0.113.5")
    assert client_address_hash(first) != client_address_hash(second)
    assert client_address_hash(first) == client_address_hash(plain)


def proxy_warnings():
    return [message for message in checks.run_checks() if message.id == "leads.W002"]


def test_a_proxy_without_trusted_proxy_count_is_warned_about(settings):
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    settings.LEADS_TRUSTED_PROXY_COUNT = 0
    warnings = proxy_warnings()
    assert len(warnings) == 1
    assert "LEADS_TRUSTED_PROXY_COUNT" in warnings[0].msg
    settings.LEADS_TRUSTED_PROXY_COUNT = 1
    assert proxy_warnings() == []


@pytest.mark.parametrize("header", [None])
def test_no_warning_without_a_proxy(settings, header):
    settings.SECURE_PROXY_SSL_HEADER = header
    settings.LEADS_TRUSTED_PROXY_COUNT = 0
    assert proxy_warnings() == []
