"""Gateway-to-cluster wiring variants: host forms, namespaces, Helm charts, environment files,
ExternalName Services, workloads scaled to zero, and ConfigMap drift sources."""
from __future__ import annotations

import pytest

from _ocelot_wiring import DEPLOYMENT, SERVICE, gateway, run_wiring
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


# -- merged from tests/test_review_ocelot_wiring.py: Review: gateway wiring variants (a repository with workloads but no Service at all, hosts written in other shapes, JSONC gateway files).


def test_no_kubernetes_manifests_no_wiring_findings(tmp_path):
    res = run_wiring(tmp_path, {"docker-compose.yml": "services: {orders: {image: x}}\n", "gw/ocelot.json": gateway("ordrs")})
    assert res.findings == []


def test_scaled_to_zero_but_an_overlay_patch_sets_replicas(tmp_path):
    zero = (DEPLOYMENT + "---\n" + SERVICE).replace("replicas: 1", "replicas: 0")
    res = run_wiring(tmp_path, {
        "base/orders.yaml": zero,
        "base/kustomization.yaml": "resources: [orders.yaml]\n",
        "overlays/prod/kustomization.yaml": "resources: [../../base]\npatches:\n  - path: replicas.yaml\n",
        "overlays/prod/replicas.yaml": "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: orders\nspec:\n  replicas: 2\n",
        "gw/ocelot.json": gateway("orders"),
    })
    assert res.findings == []
