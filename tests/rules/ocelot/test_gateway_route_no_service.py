"""What `gateway-route-no-service` reports: exact rule, path, line and column (the catalogue examples run
from tests/core/test_catalogue_examples.py)."""
from __future__ import annotations

import json

from helpers import lint, write_files
from ocelot_util import DEPLOYMENT, SERVICE, gateway, run_wiring, svc


def test_kubernetes_service_discovery_names_are_checked(tmp_path):
    routes = [
        {"DownstreamPathTemplate": "/a", "DownstreamScheme": "http", "ServiceName": "orders", "UpstreamPathTemplate": "/a"},
        {"DownstreamPathTemplate": "/b", "DownstreamScheme": "http", "ServiceName": "basket", "UpstreamPathTemplate": "/b"},
        {"DownstreamPathTemplate": "/c", "DownstreamScheme": "http", "ServiceName": "orders", "ServiceNamespace": "other", "UpstreamPathTemplate": "/c"},
    ]
    write_files(
        tmp_path,
        {
            "k8s/s.yaml": svc("orders", ns="shop"),
            "gw/ocelot.routes.json": json.dumps({"Routes": routes}),
            "gw/ocelot.global.json": json.dumps({"GlobalConfiguration": {"ServiceDiscoveryProvider": {"Type": "PollKube", "Namespace": "shop"}}}),
        },
    )
    res = lint(tmp_path, select=["gateway-route-no-service"])
    assert [f.message.split("ServiceName ")[1].split(",")[0] for f in res.findings] == ["'basket'", "'orders'"]
    assert "namespace 'other'" in res.findings[1].message


def test_service_names_with_other_discovery_are_not_checked(tmp_path):
    cfg = {
        "Routes": [{"DownstreamPathTemplate": "/a", "DownstreamScheme": "http", "ServiceName": "basket", "UpstreamPathTemplate": "/a"}],
        "GlobalConfiguration": {"ServiceDiscoveryProvider": {"Type": "Consul", "Host": "consul", "Port": 8500}},
    }
    write_files(tmp_path, {"k8s/s.yaml": svc("orders"), "ocelot.json": json.dumps(cfg)})
    assert lint(tmp_path, select=["gateway-route-no-service"]).findings == []


def test_workload_without_any_service_is_reported(tmp_path):
    # the repository deploys to Kubernetes (a Deployment) but defines no Service at all:
    # the gateway's route to `orders` cannot resolve
    res = run_wiring(tmp_path, {"k8s/orders.yaml": DEPLOYMENT, "gw/ocelot.json": gateway("orders")})
    assert [(f.rule, f.path, f.line, f.col) for f in res.findings] == [
        ("gateway-route-no-service", "gw/ocelot.json", 8, 19)
    ]
    assert "Deployment 'orders' exists but no Service exposes it" in res.findings[0].message


def test_positions_exact_in_jsonc_gateway_files(tmp_path):
    text = '// gateway\n{\n  /* routes */\n  "routes": [\n    {\n      "downstreamHostAndPorts": [ { "host": "ordrs", "port": 80, }, ],\n      "upstreamPathTemplate": "/a", // x\n      "downstreamPathTemplate": "/a",\n    },\n  ],\n}\n'
    res = run_wiring(tmp_path, {"k8s/orders.yaml": DEPLOYMENT + "---\n" + SERVICE, "ocelot.json": text})
    assert [(f.rule, f.line, f.col) for f in res.findings] == [("gateway-route-no-service", 6, 45)]
    assert "did you mean 'orders'" in res.findings[0].message
