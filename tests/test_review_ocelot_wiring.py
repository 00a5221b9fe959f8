"""Review: gateway wiring variants (a repository with workloads but no Service at all,
hosts written in other shapes, JSONC gateway files)."""
from __future__ import annotations

import json

from helpers import lint, write_files

SEL = ["gateway-route-no-service", "gateway-route-port-mismatch", "gateway-route-scaled-to-zero"]

DEPLOYMENT = """\
apiVersion: apps/v1
kind: Deployment
metadata:
  name: orders
spec:
  replicas: 1
  selector: {matchLabels: {app: orders}}
  template:
    metadata: {labels: {app: orders}}
    spec:
      containers:
        - name: orders
          image: orders:1.0
"""
SERVICE = """\
apiVersion: v1
kind: Service
metadata:
  name: orders
spec:
  selector: {app: orders}
  ports:
    - port: 80
      targetPort: 8080
"""


def gateway(host: str, port: int = 80) -> str:
    return json.dumps({"Routes": [{
        "DownstreamPathTemplate": "/a",
        "DownstreamScheme": "http",
        "DownstreamHostAndPorts": [{"Host": host, "Port": port}],
        "UpstreamPathTemplate": "/a",
    }]}, indent=2)  # Host value at 8:19, Port value at 9:19


def run(tmp_path, files):
    (tmp_path / ".git").mkdir()
    write_files(tmp_path, files)
    res = lint(tmp_path, select=SEL)
    assert not res.internal_errors
    return res


def test_workload_without_any_service_is_reported(tmp_path):
    # the repository deploys to Kubernetes (a Deployment) but defines no Service at all:
    # the gateway's route to `orders` cannot resolve
    res = run(tmp_path, {"k8s/orders.yaml": DEPLOYMENT, "gw/ocelot.json": gateway("orders")})
    assert [(f.rule, f.path, f.line, f.col) for f in res.findings] == [
        ("gateway-route-no-service", "gw/ocelot.json", 8, 19)
    ]
    assert "Deployment 'orders' exists but no Service exposes it" in res.findings[0].message


def test_no_kubernetes_manifests_no_wiring_findings(tmp_path):
    res = run(tmp_path, {"docker-compose.yml": "services: {orders: {image: x}}\n", "gw/ocelot.json": gateway("ordrs")})
    assert res.findings == []


def test_service_found_in_every_host_shape_and_port_checked(tmp_path):
    files = {"k8s/orders.yaml": DEPLOYMENT + "---\n" + SERVICE}
    for i, host in enumerate(["orders", "ORDERS", "orders.default.svc", "orders.default.svc.cluster.local", "orders.default.svc.cluster.local."]):
        files[f"gw{i}/ocelot.json"] = gateway(host, 8080)
    res = run(tmp_path, files)
    assert sorted((f.rule, f.path, f.line, f.col) for f in res.findings) == [
        ("gateway-route-port-mismatch", f"gw{i}/ocelot.json", 9, 19) for i in range(5)
    ]
    assert all("8080 is the container's targetPort, the Service listens on 80" in f.message for f in res.findings)


def test_positions_exact_in_jsonc_gateway_files(tmp_path):
    text = '// gateway\n{\n  /* routes */\n  "routes": [\n    {\n      "downstreamHostAndPorts": [ { "host": "ordrs", "port": 80, }, ],\n      "upstreamPathTemplate": "/a", // x\n      "downstreamPathTemplate": "/a",\n    },\n  ],\n}\n'
    res = run(tmp_path, {"k8s/orders.yaml": DEPLOYMENT + "---\n" + SERVICE, "ocelot.json": text})
    assert [(f.rule, f.line, f.col) for f in res.findings] == [("gateway-route-no-service", 6, 45)]
    assert "did you mean 'orders'" in res.findings[0].message


def test_scaled_to_zero_but_rescaled_by_kustomize_or_an_overlay(tmp_path):
    zero = (DEPLOYMENT + "---\n" + SERVICE).replace("replicas: 1", "replicas: 0")
    res = run(tmp_path, {"base/orders.yaml": zero, "gw/ocelot.json": gateway("orders")})
    assert [(f.rule, f.line, f.col) for f in res.findings] == [("gateway-route-scaled-to-zero", 8, 19)]
    # an overlay's kustomization sets the count: what runs has replicas
    write_files(tmp_path, {
        "base/kustomization.yaml": "resources: [orders.yaml]\n",
        "overlays/prod/kustomization.yaml": "resources: [../../base]\nreplicas:\n  - name: orders\n    count: 3\n",
    })
    assert lint(tmp_path, select=SEL).findings == []


def test_scaled_to_zero_but_an_overlay_patch_sets_replicas(tmp_path):
    zero = (DEPLOYMENT + "---\n" + SERVICE).replace("replicas: 1", "replicas: 0")
    res = run(tmp_path, {
        "base/orders.yaml": zero,
        "base/kustomization.yaml": "resources: [orders.yaml]\n",
        "overlays/prod/kustomization.yaml": "resources: [../../base]\npatches:\n  - path: replicas.yaml\n",
        "overlays/prod/replicas.yaml": "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: orders\nspec:\n  replicas: 2\n",
        "gw/ocelot.json": gateway("orders"),
    })
    assert res.findings == []


def test_kustomize_name_prefix_renames_the_service(tmp_path):
    res = run(tmp_path, {
        "base/orders.yaml": DEPLOYMENT + "---\n" + SERVICE,
        "base/kustomization.yaml": "resources: [orders.yaml]\n",
        "overlays/prod/kustomization.yaml": "resources: [../../base]\nnamePrefix: prod-\nnameSuffix: -v2\n",
        "gw/ocelot.json": gateway("prod-orders-v2", 8080),
    })
    # the Service exists (as prod-orders-v2 once kustomize built it); its port is still checked
    assert [(f.rule, f.line, f.col) for f in res.findings] == [("gateway-route-port-mismatch", 9, 19)]
