"""lib/ocelot/cluster.py: the Service a gateway route's downstream host names."""
from __future__ import annotations

import pytest

from okla_lint.lib.ocelot.cluster import cluster_service_name


@pytest.mark.parametrize(
    "host, expected",
    [
        ("orders", ("orders", None)),
        ("Orders", ("orders", None)),
        ("orders.shop.svc", ("orders", "shop")),
        ("orders.shop.svc.cluster.local", ("orders", "shop")),
        ("orders.svc.cluster.local.", ("orders", None)),
        ("orders.shop", None),
        ("api.example.com", None),
        ("localhost", None),
        ("10.0.0.7", None),
        ("{host}", None),
        ("orders_db", None),
    ],
)
def test_cluster_service_name(host, expected):
    assert cluster_service_name(host) == expected
