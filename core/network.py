"""Who is asking: the client's address, as far as the deployment's proxies can be trusted."""

from __future__ import annotations

import ipaddress

from django.conf import settings


def client_ip(request) -> str:
    """The client's IP address, for rate limits, lock-outs and security logs.

    With ``TRUSTED_PROXY_HOPS = 0`` (nothing in front of the portal) it is the address of the
    connection. With N trusted proxies in front, each of them appends the address it received
    the request from to ``X-Forwarded-For``, so the client is the N-th entry from the right;
    whatever a client writes into the header itself stays to the left of it and is ignored.
    A header with fewer entries than expected, or an entry that is not an address, means the
    request did not come through the proxies: the connection's address is used.
    """
    remote = request.META.get("REMOTE_ADDR", "")
    hops = settings.TRUSTED_PROXY_HOPS
    if hops <= 0:
        return remote
    header = request.META.get("HTTP_X_FORWARDED_FOR", "")
    forwarded = [part.strip() for part in header.split(",") if part.strip()]
    if len(forwarded) < hops:
        return remote
    candidate = forwarded[-hops]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return remote
