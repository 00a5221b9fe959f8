"""Gateway-to-cluster wiring variants: host forms, namespaces, Helm charts, environment files,
ExternalName Services, workloads scaled to zero, and ConfigMap drift sources."""
from __future__ import annotations

import json

import pytest

from helpers import lint, locs, write_files

from okla_lint.lib.ocelot.cluster import cluster_service_name

WIRING = ["gateway-route-no-service", "gateway-route-port-mismatch", "gateway-route-scaled-to-zero"]


def svc(name: str, port: int = 80, ns: str | None = None, extra: str = "", selector: str | None = None) -> str:
    md = f"  name: {name}\n" + (f"  namespace: {ns}\n" if ns else "")
    sel = selector if selector is not None else f"  selector:\n    app: {name}\n"
    return f"apiVersion: v1\nkind: Service\nmetadata:\n{md}spec:\n{sel}{extra}  ports:\n    - port: {port}\n"


def deploy(name: str, replicas: int | None, kind: str = "Deployment") -> str:
    rep = f"  replicas: {replicas}\n" if replicas is not None else ""
    return (
        f"apiVersion: apps/v1\nkind: {kind}\nmetadata:\n  name: {name}\nspec:\n{rep}"
        f"  selector:\n    matchLabels:\n      app: {name}\n  template:\n    metadata:\n"
        f"      labels:\n        app: {name}\n    spec:\n      containers:\n        - name: c\n          image: x:1\n"
    )


def gw(*targets: tuple[str, object]) -> str:
    routes = [
        {
            "DownstreamPathTemplate": f"/r{i}",
            "DownstreamScheme": "http",
            "DownstreamHostAndPorts": [{"Host": h, "Port": p}],
            "UpstreamPathTemplate": f"/r{i}",
        }
        for i, (h, p) in enumerate(targets)
    ]
    return json.dumps({"Routes": routes})


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


def test_namespace_in_host_must_match(tmp_path):
    write_files(
        tmp_path,
        {
            "k8s/s.yaml": svc("orders", ns="shop"),
            "ocelot.json": gw(("orders.shop.svc.cluster.local", 80), ("orders.billing.svc", 80), ("orders", 80)),
        },
    )
    res = lint(tmp_path, select=WIRING)
    assert [f.rule for f in res.findings] == ["gateway-route-no-service"]
    assert "namespace 'billing'" in res.findings[0].message


def test_no_services_but_workloads_still_checked(tmp_path):
    # issue 5: the rule runs whenever the repository has Kubernetes manifests; a Deployment
    # whose Service was forgotten leaves the route unresolvable (review change)
    write_files(tmp_path, {"k8s/d.yaml": deploy("orders", 1), "ocelot.json": gw(("orders", 80))})
    assert [f.rule for f in lint(tmp_path, select=WIRING).findings] == ["gateway-route-no-service"]
    write_files(tmp_path, {"k8s/d.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n"})
    assert lint(tmp_path, select=WIRING).findings == []


def test_helm_chart_and_development_files_are_skipped(tmp_path):
    write_files(
        tmp_path,
        {
            "k8s/s.yaml": svc("orders"),
            "chart/Chart.yaml": "apiVersion: v2\nname: gw\nversion: 1.0.0\n",
            "chart/files/ocelot.json": gw(("basket", 80)),
            "gw/ocelot.Development.json": gw(("basket", 80)),
            "gw/ocelot.Production.json": gw(("orders", 80)),
        },
    )
    assert lint(tmp_path, select=WIRING).findings == []


def test_service_named_in_an_unrendered_helm_template_is_not_reported(tmp_path):
    write_files(
        tmp_path,
        {
            "k8s/s.yaml": svc("orders"),
            "charts/basket/templates/service.yaml": "apiVersion: v1\nkind: Service\nmetadata:\n  name: {{ .Values.name | default \"basket\" }}\n",
            "ocelot.json": gw(("basket", 80)),
        },
    )
    assert lint(tmp_path, select=WIRING).findings == []


def test_port_checks(tmp_path):
    write_files(
        tmp_path,
        {
            "k8s/s.yaml": svc("orders", 80) + "---\n" + svc("legacy", extra="  type: ExternalName\n  externalName: legacy.example.com\n"),
            "ocelot.json": gw(("orders", "80"), ("orders", 8080), ("legacy", 8443)),
        },
    )
    res = lint(tmp_path, select=["gateway-route-port-mismatch"])
    assert len(res.findings) == 1 and "orders:8080" in res.findings[0].message


def test_port_found_in_one_of_two_namespaces(tmp_path):
    write_files(
        tmp_path,
        {"k8s/s.yaml": svc("orders", 80, ns="a") + "---\n" + svc("orders", 8080, ns="b"), "ocelot.json": gw(("orders", 8080))},
    )
    assert lint(tmp_path, select=["gateway-route-port-mismatch"]).findings == []


@pytest.mark.parametrize(
    "workloads, n",
    [
        ([deploy("orders", 0)], 1),
        ([deploy("orders", 0, kind="StatefulSet")], 1),
        ([deploy("orders", 0), deploy("orders", 2, kind="StatefulSet")], 0),
        ([deploy("orders", None)], 0),
        ([deploy("orders", 0), "apiVersion: keda.sh/v1alpha1\nkind: ScaledObject\nmetadata:\n  name: so\nspec:\n  scaleTargetRef:\n    name: orders\n"], 0),
        ([deploy("other", 0)], 0),
    ],
)
def test_scaled_to_zero(tmp_path, workloads, n):
    write_files(tmp_path, {"k8s/s.yaml": svc("orders") + "---\n" + "---\n".join(workloads), "ocelot.json": gw(("orders", 80))})
    res = lint(tmp_path, select=["gateway-route-scaled-to-zero"])
    assert len(res.findings) == n


def _wf(run: str) -> str:
    body = "\n".join("          " + line for line in run.splitlines())
    return (
        "name: d\non: push\njobs:\n  d:\n    runs-on: ubuntu-latest\n    steps:\n      - run: |\n" + body + "\n"
    )


CM = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {name}\ndata:\n  {key}: |\n{body}"


def cm(name: str, key: str, content: str) -> str:
    return CM.format(name=name, key=key, body="".join("    " + line + "\n" for line in content.splitlines()))


def test_drift_from_file_without_key_uses_the_file_name(tmp_path):
    write_files(
        tmp_path,
        {
            ".github/workflows/d.yml": _wf("kubectl create cm nginx-conf --from-file conf/nginx.conf --dry-run=client -o yaml | kubectl apply -f -"),
            "k8s/cm.yaml": cm("nginx-conf", "nginx.conf", "server {\n  listen 80;\n}"),
            "conf/nginx.conf": "server {\n  listen 8080;\n}\n",
        },
    )
    res = lint(tmp_path, select=["configmap-drift"])
    assert locs(res) == ["k8s/cm.yaml:6:3"]
    assert [r.path for r in res.findings[0].related] == ["conf/nginx.conf", ".github/workflows/d.yml"]


def test_drift_text_ignores_trailing_whitespace_and_line_ends(tmp_path):
    write_files(
        tmp_path,
        {
            ".github/workflows/d.yml": _wf("kubectl create configmap nginx-conf --from-file=nginx.conf=conf/nginx.conf"),
            "k8s/cm.yaml": cm("nginx-conf", "nginx.conf", "server {\n  listen 80;\n}"),
            "conf/nginx.conf": "server {   \r\n  listen 80;\r\n}\r\n",
        },
    )
    assert lint(tmp_path, select=["configmap-drift"]).findings == []


def test_drift_by_name_needs_a_single_candidate_and_the_same_configmap(tmp_path):
    content = json.dumps({"Routes": []})
    write_files(
        tmp_path,
        {
            "k8s/cm.yaml": cm("gateway-config", "ocelot.json", content),
            "a/ocelot.json": json.dumps({"Routes": [], "GlobalConfiguration": {"BaseUrl": "a"}}),
            "b/ocelot.json": json.dumps({"Routes": [], "GlobalConfiguration": {"BaseUrl": "b"}}),
            ".github/workflows/d.yml": _wf("kubectl create configmap other --from-file=ocelot.json=a/ocelot.json"),
        },
    )
    assert lint(tmp_path, select=["configmap-drift"]).findings == []


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


def test_drift_path_relative_to_working_directory(tmp_path):
    wf = _wf("kubectl create configmap gw --from-file=ocelot.json=./ocelot.prod.json").replace(
        "      - run: |", "      - working-directory: backend/gw\n        run: |"
    )
    write_files(
        tmp_path,
        {
            ".github/workflows/d.yml": wf,
            "k8s/cm.yaml": cm("gw", "ocelot.json", json.dumps({"Routes": []})),
            "backend/gw/ocelot.prod.json": json.dumps({"Routes": [], "GlobalConfiguration": {"BaseUrl": "x"}}),
        },
    )
    res = lint(tmp_path, select=["configmap-drift"])
    assert len(res.findings) == 1 and "backend/gw/ocelot.prod.json" in res.findings[0].message


# -- merged from tests/test_review_ocelot_wiring.py: Review: gateway wiring variants (a repository with workloads but no Service at all, hosts written in other shapes, JSONC gateway files).

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
