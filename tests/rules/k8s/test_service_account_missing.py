"""What `service-account-missing` reports (a pod runs as a ServiceAccount that the repository
does not define): exact rule, path, line and column."""
from __future__ import annotations

from _aliases import shared_pod
from k8s_wiring_util import DEP
from helpers import found, found_tokens, lint, triples, write_files


def test_service_account_bound_by_a_rolebinding(tmp_path):
    files = {
        "k8s/rbac.yaml": """\
            apiVersion: rbac.authorization.k8s.io/v1
            kind: RoleBinding
            metadata: {name: reader}
            roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: reader}
            subjects: [{kind: ServiceAccount, name: reader}]
            """,
        "k8s/pod.yaml": "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  serviceAccount: reader\n  containers: [{name: c, image: 'busybox:1.36'}]\n",
    }
    assert found_tokens(tmp_path, files, ["service-account-missing"]) == [("service-account-missing", "k8s/pod.yaml", 5, "reader")]


def test_service_account_defined_nowhere(tmp_path):
    dep = DEP.replace("    spec:\n      containers:", "    spec:\n      serviceAccountName: web-sa\n      containers:")
    write_files(tmp_path, {"dep.yaml": dep})
    assert triples(lint(tmp_path, select=["service-account-missing"])) == [
        ("service-account-missing", "dep.yaml:9:27")
    ]
    write_files(tmp_path, {"other/sa.yaml": "apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: web-sa}\n"})
    assert triples(lint(tmp_path, select=["service-account-missing"])) == []


def test_service_account_from_a_helm_chart_is_not_reported(tmp_path):
    dep = DEP.replace("    spec:\n      containers:", "    spec:\n      serviceAccountName: web-sa\n      containers:")
    write_files(tmp_path, {"dep.yaml": dep, "chart/templates/sa.yaml": "kind: ServiceAccount\nmetadata:\n  name: {{ .Values.sa }}\n"})
    assert triples(lint(tmp_path, select=["service-account-missing"])) == []


def test_a_pod_spec_shared_through_an_alias_is_reported_once(tmp_path):
    # Deployments 'a' and 'b' of a List share one pod spec (an anchor and an alias):
    # the `serviceAccountName` written once on line 12 is one finding
    text = shared_pod('serviceAccountName', 'worker')
    assert found(tmp_path, {"l.yaml": text}, 'service-account-missing') == ['l.yaml:12:31']
