"""What `security-context-conflict` reports (security-context settings that contradict each
other, so the pod is rejected or never starts): exact rule, path, line and column."""
from __future__ import annotations

from k8s_containers_util import line_of, workload
from _aliases import shared
from helpers import found, lint, locs, write_files


def test_allow_privilege_escalation_conflicts_follow_the_api_server(tmp_path):
    spec = """
    containers:
      - name: a
        image: nginx:1.27
        securityContext: {allowPrivilegeEscalation: false, capabilities: {add: [CAP_SYS_ADMIN]}}
      - name: b
        image: nginx:1.27
        securityContext: {allowPrivilegeEscalation: false, capabilities: {add: [SYS_ADMIN]}}
    """
    text = workload("Pod", spec)
    write_files(tmp_path, {"w.yaml": text})
    res = lint(tmp_path, select=["security-context-conflict"])
    # the API server compares the literal "CAP_SYS_ADMIN"; "SYS_ADMIN" passes validation
    line, col = line_of(text, "false")
    assert locs(res) == [f"w.yaml:{line}:{col}"]


def test_security_context_conflict_in_security_context_shared_through_an_alias_is_reported_once(tmp_path):
    # containers 'a', 'b', 'c' (merge key) and init container 'i' use the `securityContext` written once on line 12:
    # one defect, one finding (its message names the first container that uses it)
    text = shared('securityContext', '{runAsUser: 0, runAsNonRoot: true}')
    assert found(tmp_path, {"d.yaml": text}, 'security-context-conflict') == ['d.yaml:12:48']
