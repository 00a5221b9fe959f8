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
        ("Orders.Shop.svc.cluster.local.", ("orders", "shop")),
        ("orders.shop", None),  # no namespace known: a public host (httpbin.org)
        ("orders.svc.cluster.local.", None),  # no record of the cluster's DNS
        ("orders.svc", None),
        ("a.orders.shop.svc", None),
        ("api.example.com", None),
        ("localhost", None),
        ("10.0.0.7", None),
        ("{host}", None),
        ("orders_db", None),
    ],
)
def test_cluster_service_name(host, expected):
    assert cluster_service_name(host) == expected


@pytest.mark.parametrize(
    "host, expected",
    [
        ("orders.shop", ("orders", "shop")),
        ("Orders.Shop.", ("orders", "shop")),
        ("orders.shop.svc", ("orders", "shop")),
        ("orders.shop.svc.cluster.local", ("orders", "shop")),
        ("orders.billing", None),  # billing is no namespace of the repository
        ("httpbin.org", None),
        ("orders_db.shop", None),
        ("orders", ("orders", None)),
    ],
)
def test_cluster_service_name_with_known_namespaces(host, expected):
    assert cluster_service_name(host, {"shop"}) == expected
