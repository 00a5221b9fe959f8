"""Valid YAML whose string values hold Go-template text is linted; only files whose YAML
structure needs rendering are skipped as templates (issue 10, family 8)."""
from __future__ import annotations

import pytest

from helpers import lint, write_files

CM = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: am}\ndata:\n  tmpl: %s\n"


@pytest.mark.parametrize("value", [
    '"{{ define \\"x\\" }}{{ .Status }}{{ end }}"',
    "'{{ .CommonLabels.alertname }}'",
    "Instance {{ $labels.instance }} is down",
    "|\n    {{ range .Alerts }}{{ .Annotations.summary }}{{ end }}",
])
def test_templates_in_string_values_are_data(tmp_path, value):
    write_files(tmp_path, {"am.yaml": CM % value})
    res = lint(tmp_path)
    assert [u.rel for u in res.skipped] == []
    assert [u.kind for u in res.units] == ["kubernetes"]


@pytest.mark.parametrize("text", [
    "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}\n",
    "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\n{{- if .Values.enabled }}\ndata: {a: b}\n{{- end }}\n",
])
def test_templates_that_shape_the_yaml_are_skipped(tmp_path, text):
    write_files(tmp_path, {"t.yaml": text})
    assert [u.rel for u in lint(tmp_path).skipped] == ["t.yaml"]


def test_invalid_yaml_without_template_is_a_parse_error(tmp_path):
    write_files(tmp_path, {"b.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: b\n data: x\n"})
    res = lint(tmp_path, select=["parse-error"])
    assert [(f.rule, f.path) for f in res.findings] == [("parse-error", "b.yaml")]
