"""The Ocelot and gateway-wiring rules together on a fixture repository shaped like the
incident: Kubernetes manifests, a stale gateway ConfigMap, ocelot.json and ocelot.prod.json,
and a workflow that rebuilds the ConfigMap with --from-file."""
from __future__ import annotations

import shutil

from helpers import lint
from ocelot_util import MINE, PROD, REPO, SELECT, mine_of


def test_fixture_repository_findings():
    result = lint(REPO, select=SELECT)
    assert not result.internal_errors
    assert mine_of(result) == sorted(
        [
            ("gateway-route-port-mismatch", f"{PROD}:13:67"),
            ("ocelot-placeholder-mismatch", f"{PROD}:18:48"),
            ("gateway-route-scaled-to-zero", f"{PROD}:20:44"),
            ("ocelot-env-route-missing", f"{PROD}:21:31"),
            ("ocelot-missing-downstream-scheme", f"{PROD}:24:5"),
            ("gateway-route-no-service", f"{PROD}:26:44"),
            ("ocelot-unknown-key", f"{PROD}:28:7"),
            ("configmap-drift", "k8s/gateway-config.yaml:19:63"),
        ]
    )


def test_fixture_related_locations_point_at_both_sides():
    result = lint(REPO, select=["configmap-drift", "gateway-route-port-mismatch", "gateway-route-scaled-to-zero"])
    by_rule = {f.rule: f for f in result.findings}
    drift = by_rule["configmap-drift"]
    assert "Routes[1].DownstreamHostAndPorts[0].Port" in drift.message
    assert [(r.path, r.line, r.col) for r in drift.related] == [
        (PROD, 13, 59),  # "Port" of the same route in the file
        (".github/workflows/deploy.yml", 15, 25),  # the --from-file value
    ]
    port = by_rule["gateway-route-port-mismatch"]
    assert "listens on 80" in port.message
    assert [(r.path, r.line) for r in port.related] == [("k8s/services.yaml", 43)]
    zero = by_rule["gateway-route-scaled-to-zero"]
    assert [(r.path, r.line, r.col) for r in zero.related] == [("k8s/deployments.yaml", 49, 13)]


def test_wiring_needs_kubernetes_manifests(tmp_path):
    shutil.copytree(REPO, tmp_path / "repo")
    shutil.rmtree(tmp_path / "repo" / "k8s")
    result = lint(tmp_path / "repo", select=sorted(MINE))
    assert result.findings == []
