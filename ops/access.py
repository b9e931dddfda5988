"""Who may read the details of /health/ready and /metrics: a bearer token from the environment,
or (metrics only) a client address in the configured networks."""

import hmac
import ipaddress

from leads.client_address import client_address
from ops.conf import ops_setting


def bearer_token(request) -> str:
    scheme, _, token = request.headers.get("Authorization", "").partition(" ")
    return token.strip() if scheme.lower() == "bearer" else ""


def holds_token(request, setting_name: str) -> bool:
    expected = str(ops_setting(setting_name) or "")
    given = bearer_token(request)
    return bool(expected) and bool(given) and hmac.compare_digest(given, expected)


def from_allowed_network(request) -> bool:
    networks = ops_setting("OPS_METRICS_ALLOWED_NETWORKS")
    try:
        address = ipaddress.ip_address(client_address(request))
    except ValueError:
        return False
    return any(address in ipaddress.ip_network(network, strict=False) for network in networks)
