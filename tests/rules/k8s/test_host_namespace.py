"""host-namespace: node agents (DaemonSets) are exempt, as the rule says (issue 10, family 10)."""
from __future__ import annotations

import pytest

from _aliases import shared_pod
from _workloads import KINDS, workload
from helpers import found, lint, write_files

SPEC = "hostNetwork: true\nhostPID: true\nhostIPC: true\ncontainers:\n  - {name: a, image: busybox:1.36}\n"


@pytest.mark.parametrize("kind", KINDS)
def test_reported_on_every_kind_but_daemonsets(tmp_path, kind):
    write_files(tmp_path, {"w.yaml": workload(kind, SPEC)})
    got = [f.rule for f in lint(tmp_path, select=["host-namespace"]).findings]
    assert got == ([] if kind == "DaemonSet" else ["host-namespace"] * 3)


def test_flow_style_daemonset_is_exempt_and_deployment_beside_it_is_not(tmp_path):
    ds = ("apiVersion: apps/v1\nkind: DaemonSet\nmetadata: {name: n}\nspec: {selector: {matchLabels: {a: n}}, "
          "template: {metadata: {labels: {a: n}}, spec: {hostNetwork: true, containers: [{name: a, image: 'b:1'}]}}}\n")
    write_files(tmp_path, {"all.yaml": ds + "---\n" + workload("Deployment", SPEC.replace("hostPID: true\nhostIPC: true\n", ""))})
    res = lint(tmp_path, select=["host-namespace"])
    assert [(f.rule, f.line, f.col) for f in res.findings] == [("host-namespace", 14, 20)]


def test_a_pod_spec_shared_through_an_alias_is_reported_once(tmp_path):
    # Deployments 'a' and 'b' of a List share one pod spec (an anchor and an alias):
    # the `hostPID` written once on line 12 is one finding
    text = shared_pod('hostPID', 'true')
    assert found(tmp_path, {"l.yaml": text}, 'host-namespace') == ['l.yaml:12:20']
