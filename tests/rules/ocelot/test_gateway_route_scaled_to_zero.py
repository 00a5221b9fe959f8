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
