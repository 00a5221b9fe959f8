"""What the rules of okla_lint/rules/ocelot/gateway_wiring.py reports: exact rule, path, line and column (the catalogue examples run
from tests/core/test_catalogue_examples.py)."""
from __future__ import annotations

from helpers import lint, write_files
from ocelot_util import DEPLOYMENT, SEL, SERVICE, WIRING, deploy, gateway, gw, run_wiring, svc


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


def test_name_dot_namespace_host(tmp_path):
    # `orders.shop` resolves through the pod's search list (svc.cluster.local) when shop is a
    # namespace; `catalog.api` (docker-compose's style) is a public host name otherwise
    routes = gw(("orders.shop", 80), ("orders.billing", 80), ("catalog.api", 80), ("httpbin.org", 80))
    write_files(tmp_path, {"k8s/s.yaml": svc("orders", ns="shop") + "---\n" + svc("basket", ns="billing"), "ocelot.json": routes})
    res = lint(tmp_path, select=WIRING)
    col = routes.index('"orders.billing"') + 1
    assert [(f.rule, f.path, f.line, f.col) for f in res.findings] == [("gateway-route-no-service", "ocelot.json", 1, col)]
    assert "'orders.billing'" in res.findings[0].message and "namespace 'billing'" in res.findings[0].message


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


def test_scaled_to_zero_but_rescaled_by_kustomize_or_an_overlay(tmp_path):
    zero = (DEPLOYMENT + "---\n" + SERVICE).replace("replicas: 1", "replicas: 0")
    res = run_wiring(tmp_path, {"base/orders.yaml": zero, "gw/ocelot.json": gateway("orders")})
    assert [(f.rule, f.line, f.col) for f in res.findings] == [("gateway-route-scaled-to-zero", 8, 19)]
    # an overlay's kustomization sets the count: what runs has replicas
    write_files(tmp_path, {
        "base/kustomization.yaml": "resources: [orders.yaml]\n",
        "overlays/prod/kustomization.yaml": "resources: [../../base]\nreplicas:\n  - name: orders\n    count: 3\n",
    })
    assert lint(tmp_path, select=SEL).findings == []


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
