"""privileged-container: a privilege the repository's own policy grants (a PodSecurityPolicy
demonstration) is deliberate (issue 10, family 10); everything else is still reported."""
from __future__ import annotations

import pytest

from _workloads import KINDS, workload
from _aliases import shared
from helpers import found, lint, write_files

SPEC = "containers:\n  - name: a\n    image: busybox:1.36\n    securityContext: {privileged: true}\n"
PSP = ("apiVersion: policy/v1beta1\nkind: PodSecurityPolicy\nmetadata: {name: privileged}\n"
       "spec:\n  privileged: true\n  seLinux: {rule: RunAsAny}\n")
SCC = ("apiVersion: security.openshift.io/v1\nkind: SecurityContextConstraints\nmetadata: {name: priv}\n"
       "allowPrivilegedContainer: true\n")


@pytest.mark.parametrize("kind", KINDS)
def test_reported_on_every_kind_including_daemonsets(tmp_path, kind):
    write_files(tmp_path, {"w.yaml": workload(kind, SPEC)})
    assert [f.rule for f in lint(tmp_path, select=["privileged-container"]).findings] == ["privileged-container"]


@pytest.mark.parametrize("policy", [PSP, SCC], ids=["psp", "scc"])
def test_granted_by_a_policy_applied_with_it(tmp_path, policy):
    write_files(tmp_path, {"demo/policies.yaml": policy, "demo/pod_priv.yaml": workload("Pod", SPEC)})
    assert lint(tmp_path, select=["privileged-container"]).findings == []


def test_policy_that_does_not_grant_or_is_elsewhere(tmp_path):
    write_files(tmp_path, {
        "a/policies.yaml": PSP.replace("privileged: true", "privileged: false"),
        "a/pod.yaml": workload("Pod", SPEC),
        "b/policies.yaml": PSP,
        "c/pod.yaml": workload("Pod", SPEC),
    })
    assert sorted(f.path for f in lint(tmp_path, select=["privileged-container"]).findings) == ["a/pod.yaml", "c/pod.yaml"]


def test_privileged_container_in_security_context_shared_through_an_alias_is_reported_once(tmp_path):
    # containers 'a', 'b', 'c' (merge key) and init container 'i' use the `securityContext` written once on line 12:
    # one defect, one finding (its message names the first container that uses it)
    text = shared('securityContext', '{privileged: true}')
    assert found(tmp_path, {"d.yaml": text}, 'privileged-container') == ['d.yaml:12:49']
