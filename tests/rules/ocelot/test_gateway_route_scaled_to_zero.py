"""What `gateway-route-scaled-to-zero` reports: exact rule, path, line and column (the catalogue examples run
from tests/core/test_catalogue_examples.py)."""
from __future__ import annotations

import pytest

from helpers import lint, write_files
from ocelot_util import deploy, gw, svc


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


def _labelled(name: str, replicas: int, labels: str) -> str:
    return deploy(name, replicas).replace(f"      labels:\n        app: {name}\n", f"      labels:\n{labels}")


@pytest.mark.parametrize(
    "workloads, reported",
    [
        # the Service selects on both pairs: only `blue` (replicas 0) carries both
        ([_labelled("blue", 0, "        app: orders\n        track: blue\n"),
          _labelled("green", 3, "        app: orders\n        track: green\n")], True),
        ([_labelled("blue", 0, "        app: orders\n        track: blue\n"),
          _labelled("green", 3, "        track: blue\n        app: orders\n")], False),
        ([_labelled("blue", 0, "        app: orders\n")], False),  # lacks the second pair
        ([_labelled("blue", 0, "        app: 'orders'\n        track: \"blue\"\n")], True),
    ],
    ids=["second-pair-decides", "both-carry-both", "pair-missing", "quoted-values"],
)
def test_every_pair_of_the_selector(tmp_path, workloads, reported):
    sel = "  selector:\n    app: orders\n    track: blue\n"
    routes = gw(("orders", 80))
    write_files(tmp_path, {"k8s/s.yaml": svc("orders", selector=sel) + "---\n" + "---\n".join(workloads), "ocelot.json": routes})
    res = lint(tmp_path, select=["gateway-route-scaled-to-zero"])
    col = routes.index('"orders"') + 1
    assert [(f.path, f.line, f.col) for f in res.findings] == ([("ocelot.json", 1, col)] if reported else [])


def test_pair_added_by_kustomize(tmp_path):
    # the kustomization is rendered: commonLabels puts `track: blue` on the pod template
    sel = "  selector:\n    app: orders\n    track: blue\n"
    routes = gw(("orders", 80))
    write_files(tmp_path, {
        "k8s/kustomization.yaml": "resources: [s.yaml]\ncommonLabels:\n  track: blue\n",
        "k8s/s.yaml": svc("orders", selector=sel) + "---\n" + _labelled("blue", 0, "        app: orders\n"),
        "ocelot.json": routes,
    })
    res = lint(tmp_path, select=["gateway-route-scaled-to-zero"])
    assert [(f.path, f.line, f.col) for f in res.findings] == [("ocelot.json", 1, routes.index('"orders"') + 1)]
