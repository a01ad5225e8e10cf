"""The client's address: the connection's, or the one the trusted proxies vouch for."""

import pytest
from django.test import RequestFactory

from core.network import client_ip


def _request(forwarded=None, remote="10.0.0.2"):
    extra = {"HTTP_X_FORWARDED_FOR": forwarded} if forwarded is not None else {}
    return RequestFactory().get("/", REMOTE_ADDR=remote, **extra)


@pytest.mark.parametrize(
    ("hops", "forwarded", "expected"),
    [
        (0, None, "10.0.0.2"),
        (0, "203.0.113.9", "10.0.0.2"),  # nobody in front: the header is the client's own
        (1, "198.51.100.1", "198.51.100.1"),
        (1, "203.0.113.9, 198.51.100.1", "198.51.100.1"),  # forged part on the left
        (2, "203.0.113.9, 198.51.100.1, 10.1.1.1", "198.51.100.1"),
        (2, "198.51.100.1", "10.0.0.2"),  # fewer entries: did not come through the proxies
        (1, "", "10.0.0.2"),
        (1, "203.0.113.9, not-an-address", "10.0.0.2"),
        (1, "2001:db8::1", "2001:db8::1"),
    ],
)
def test_client_ip_trusts_exactly_the_configured_proxies(settings, hops, forwarded, expected):
    settings.TRUSTED_PROXY_HOPS = hops
    assert client_ip(_request(forwarded)) == expected
