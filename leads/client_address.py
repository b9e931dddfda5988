"""The visitor's network address, for rate limiting: read safely, and kept only as a keyed hash."""

import ipaddress

from django.utils.crypto import salted_hmac
from django_ratelimit.core import is_ratelimited

from leads.conf import leads_setting


def client_address(request) -> str:
    """The client's IP address: the socket peer, or, behind the configured number of trusted proxies,
    the address the outermost trusted proxy saw. A forged X-Forwarded-For is never believed: only
    the entries the trusted proxies appended, counted from the right, are read."""
    remote = request.META.get("REMOTE_ADDR", "")
    trusted_proxies = int(leads_setting("LEADS_TRUSTED_PROXY_COUNT"))
    if trusted_proxies > 0:
        forwarded = [
            part.strip()
            for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
            if part.strip()
        ]
        if len(forwarded) >= trusted_proxies:
            candidate = forwarded[-trusted_proxies]
            try:
                ipaddress.ip_address(candidate)
            except ValueError:
                return remote
            return candidate
    return remote


def rate_limit_identity(address: str) -> str:
    """The unit a rate limit counts: one IPv4 address, or one IPv6 /64 (what one home gets). An
    IPv4-mapped IPv6 address (::ffff:a.b.c.d, what a dual-stack socket reports for an IPv4 client)
    is that IPv4 address: as a /64 every IPv4 visitor would share one limit."""
    try:
        parsed = ipaddress.ip_address(address)
    except ValueError:
        return address
    if parsed.version == 6 and parsed.ipv4_mapped is not None:
        return str(parsed.ipv4_mapped)
    if parsed.version == 6:
        return str(ipaddress.ip_network(f"{parsed}/64", strict=False))
    return str(parsed)


def client_address_hash(request) -> str:
    """A keyed (HMAC-SHA256, from SECRET_KEY) hash of the client's rate-limit identity."""
    return address_hash(client_address(request))


def address_hash(address: str) -> str:
    """The rate-limit key of a client address (what client_address_hash gives its request)."""
    identity = rate_limit_identity(address)
    return salted_hmac("leads.client-address", identity, algorithm="sha256").hexdigest()


def email_hash(mailbox_key: str) -> str:
    """A keyed hash of an address's mailbox key (leads.models.normalise_email, applied by the
    caller), so limit counters hold no address."""
    return salted_hmac("leads.email-address", mailbox_key, algorithm="sha256").hexdigest()


def over_rate_limit(request, group: str, key: str, rate: str) -> bool:
    """Count this request against `rate` for `key` (a hash, never a raw address) in `group`, with
    django-ratelimit; True once the limit is passed. Every rate limit of the site goes through
    here: the contact form, the booking link and calendar feeds, the password reset."""
    return is_ratelimited(
        request, group=group, key=lambda group, request: key, rate=rate, increment=True
    )
