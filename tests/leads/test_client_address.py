import pytest
from django.test import RequestFactory

from leads.client_address import client_address, client_address_hash, rate_limit_identity


def request_from(remote, forwarded=None):
    extra = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().post("/contact/", **extra)


def test_without_trusted_proxies_the_forwarded_header_is_ignored(settings):
    settings.LEADS_TRUSTED_PROXY_COUNT = 0
    assert client_address(request_from("10.0.0.1", "203.0.113.7")) == "10.0.0.1"


@pytest.mark.parametrize(
    ("proxies", "forwarded", "expected"),
    [
        # The client forged the first entry; our one proxy appended the real address.
        (1, "198.51.100.66, 203.0.113.7", "203.0.113.7"),
        # A CDN appended the client, then our proxy appended the CDN.
        (2, "198.51.100.66, 203.0.113.7, 192.0.2.10", "203.0.113.7"),
        # Fewer entries than trusted proxies, or garbage: fall back to the socket's peer.
        (2, "203.0.113.7", "10.0.0.1"),
        (1, "not-an-ip", "10.0.0.1"),
    ],
)
def test_trusted_proxies_are_counted_from_the_right(settings, proxies, forwarded, expected):
    settings.LEADS_TRUSTED_PROXY_COUNT = proxies
    assert client_address(request_from("10.0.0.1", forwarded)) == expected


def test_an_ipv6_home_network_counts_as_one_client():
    assert rate_limit_identity("2001:db8:1:2:aaaa::1") == rate_limit_identity("2001:db8:1:2::ff")
    assert rate_limit_identity("2001:db8:1:3::1") != rate_limit_identity("2001:db8:1:2::1")
    assert rate_limit_identity("203.0.113.7") == "203.0.113.7"


def test_the_stored_hash_is_keyed_and_does_not_contain_the_address(settings):
    request = request_from("203.0.113.7")
    first = client_address_hash(request)
    assert len(first) == 64 and "203.0.113.7" not in first
    settings.SECRET_KEY = "another-secret-key-for-this-test-only-0123456789abcdef"
    assert client_address_hash(request) != first
