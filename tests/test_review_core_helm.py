"""Review: Helm templates are skipped once; Go templates that are data are not Helm."""
from __future__ import annotations

from helpers import lint, triples, write_files

ALERTMANAGER = """\
apiVersion: v1
kind: ConfigMap
metadata: {name: alertmanager, labels: {version: 1.0}}
data:
  template.tmpl: |
    {{ define "slack.text" }}{{ range .Alerts }}{{ .Annotations.summary }}{{ end }}{{ end }}
"""


def test_go_templates_inside_block_scalars_are_data(tmp_path):
    write_files(tmp_path, {"k8s/am.yaml": ALERTMANAGER})
    res = lint(tmp_path, select=["k8s-schema"])
    assert res.skipped == []
    assert triples(res) == [("k8s-schema", "k8s/am.yaml:3:50")]


def test_helm_templates_are_skipped_once_each(tmp_path):
    write_files(
        tmp_path,
        {
            "chart/Chart.yaml": "apiVersion: v2\nname: c\nversion: 1.0.0\n",
            "chart/values.yaml": "image: {tag: latest}\n",
            "chart/templates/dep.yaml": "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {{ .Release.Name }}\n",
            "chart/templates/cm.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata:\n  a: |\n    {{ .Values.a }}\n",
            "chart/templates/svc.yaml": "{{- if .Values.svc }}\napiVersion: v1\nkind: Service\n{{- end }}\n",
        },
    )
    res = lint(tmp_path)
    assert triples(res) == []
    assert sorted(u.rel for u in res.skipped) == [
        "chart/templates/cm.yaml", "chart/templates/dep.yaml", "chart/templates/svc.yaml"
    ]
