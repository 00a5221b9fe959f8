"""k8s-schema: `##NAME##` placeholders (a comment to YAML, so null) are not type errors;
a real null still is (issue 10, family 13 seen on argoproj/argo-cd)."""
from __future__ import annotations

from helpers import lint, write_files

CRB = """\
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: x}
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: ClusterRole
  name: %s
subjects:
  - {kind: ServiceAccount, name: sa, namespace: %s}
"""


def test_hash_placeholders(tmp_path):
    write_files(tmp_path, {"a.yaml": CRB % ("##CRNAME##", "ns"), "b.yaml": CRB.replace("{kind: ServiceAccount, name: sa, namespace: %s}", "kind: ServiceAccount\n    name: ##SANAME##   # filled by sed") % "##CRNAME##"})
    assert lint(tmp_path, select=["k8s-schema"]).findings == []


def test_a_plain_null_or_comment_is_still_reported(tmp_path):
    write_files(tmp_path, {"a.yaml": CRB % ("", "ns"), "b.yaml": CRB % ("# TODO", "ns")})
    assert sorted(f.path for f in lint(tmp_path, select=["k8s-schema"]).findings) == ["a.yaml", "b.yaml"]
