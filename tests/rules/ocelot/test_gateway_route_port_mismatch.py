"""What `gateway-route-port-mismatch` reports: exact rule, path, line and column (the catalogue examples run
from tests/core/test_catalogue_examples.py)."""
from __future__ import annotations

from helpers import lint, write_files
from ocelot_util import DEPLOYMENT, SERVICE, gateway, gw, run_wiring, svc


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


def test_service_found_in_every_host_shape_and_port_checked(tmp_path):
    files = {"k8s/orders.yaml": DEPLOYMENT + "---\n" + SERVICE}
    for i, host in enumerate(["orders", "ORDERS", "orders.default.svc", "orders.default.svc.cluster.local", "orders.default.svc.cluster.local."]):
        files[f"gw{i}/ocelot.json"] = gateway(host, 8080)
    res = run_wiring(tmp_path, files)
    assert sorted((f.rule, f.path, f.line, f.col) for f in res.findings) == [
        ("gateway-route-port-mismatch", f"gw{i}/ocelot.json", 9, 19) for i in range(5)
    ]
    assert all("8080 is the container's targetPort, the Service listens on 80" in f.message for f in res.findings)


def test_kustomize_name_prefix_renames_the_service(tmp_path):
    res = run_wiring(tmp_path, {
        "base/orders.yaml": DEPLOYMENT + "---\n" + SERVICE,
        "base/kustomization.yaml": "resources: [orders.yaml]\n",
        "overlays/prod/kustomization.yaml": "resources: [../../base]\nnamePrefix: prod-\nnameSuffix: -v2\n",
        "gw/ocelot.json": gateway("prod-orders-v2", 8080),
    })
    # the Service exists (as prod-orders-v2 once kustomize built it); its port is still checked
    assert [(f.rule, f.line, f.col) for f in res.findings] == [("gateway-route-port-mismatch", 9, 19)]
