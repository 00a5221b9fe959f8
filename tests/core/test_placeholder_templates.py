"""A file whose YAML syntax error is caused by an all-caps `{NAME}` placeholder standing
where a plain scalar starts (a sed template: cert-manager's make/config/bind/service.yaml,
`clusterIP: {SERVICE_IP_PREFIX}.16`) is skipped as a template with a note, not reported as
a parse error; valid YAML with `{a}` flow mappings and other syntax errors are unchanged."""
from __future__ import annotations

import pytest

from helpers import run, triples, write_files
from integration_util import run as cli

SVC = "apiVersion: v1\nkind: Service\nmetadata:\n  name: bind\nspec:\n  type: ClusterIP\n  clusterIP: %s\n  ports:\n  - port: 53\n"


def skipped(res):
    return [(u.rel, u.note) for u in res.skipped]


@pytest.mark.parametrize("value", [
    "{SERVICE_IP_PREFIX}.16",
    "{PREFIX}.{SUFFIX}",
    "{IP_1} x",
])
def test_placeholder_at_the_error_is_a_template(tmp_path, value):
    res = run(tmp_path, {"svc.yaml": SVC % value}, ["parse-error"])
    assert triples(res) == []
    [(rel, note)] = skipped(res)
    assert rel == "svc.yaml"
    assert note.startswith("placeholder template: '") and "at line 7" in note and "render it first" in note
    assert [u.kind for u in res.units] == ["helm"]


@pytest.mark.parametrize("text,name", [
    ("containers:\n- image: {IMAGE}:latest\n", "{IMAGE}"),  # mapping value after a `-`
    ("args: [--ip, {IP}.1]\n", "{IP}"),  # flow sequence item
    ("- {A}.x\n", "{A}"),  # block sequence item
])
def test_placeholder_in_other_places(tmp_path, text, name):
    res = run(tmp_path, {"t.yaml": text}, ["parse-error"])
    assert triples(res) == []
    assert [(rel, f"'{name}'" in note) for rel, note in skipped(res)] == [("t.yaml", True)]


def test_crlf(tmp_path):
    text = (SVC % "{SERVICE_IP_PREFIX}.16").replace("\n", "\r\n").encode()
    res = run(tmp_path, {"svc.yaml": text}, ["parse-error"])
    assert triples(res) == []
    assert [rel for rel, _ in skipped(res)] == ["svc.yaml"]


def test_multi_document_placeholder_in_a_later_document(tmp_path):
    text = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n---\n" + SVC % "{SERVICE_IP_PREFIX}.16"
    res = run(tmp_path, {"all.yaml": text}, ["parse-error"])
    assert triples(res) == []
    [(rel, note)] = skipped(res)
    assert rel == "all.yaml" and "at line 11" in note


def test_placeholder_elsewhere_error_elsewhere_is_a_parse_error(tmp_path):
    # `{NAME}` alone is valid YAML (a flow mapping); the error is the bad indentation
    text = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {NAME}\ndata:\n  a: x\n   b: y\n"
    res = run(tmp_path, {"cm.yaml": text}, ["parse-error"])
    assert triples(res) == [("parse-error", "cm.yaml:7:5")]
    assert skipped(res) == []


def test_placeholder_in_a_later_document_error_in_an_earlier_one(tmp_path):
    text = "a: x\n b: y\n---\nc: {C}.1\n"
    res = run(tmp_path, {"t.yaml": text}, ["parse-error"])
    assert [r for r, _ in triples(res)] == ["parse-error"] and skipped(res) == []


@pytest.mark.parametrize("value", [
    "{a}.16",  # lower case: a flow mapping typed by mistake as often as a placeholder
    "{Service_IP}.16",  # mixed case is not the all-caps convention of sed templates
    "{1A}.16",
])
def test_not_a_placeholder_stays_a_parse_error(tmp_path, value):
    res = run(tmp_path, {"svc.yaml": SVC % value}, ["parse-error"])
    assert triples(res) == [("parse-error", "svc.yaml:7:%d" % (15 + value.index("}")))]
    assert skipped(res) == []


def test_valid_flow_mappings_are_linted(tmp_path):
    text = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\ndata: {a}\n---\nx: {NAME}\n"
    res = run(tmp_path, {"cm.yaml": text}, None)
    assert skipped(res) == []
    assert [u.kind for u in res.units] == ["kubernetes"]


def test_workflow_keeps_the_parse_error(tmp_path):
    # GitHub runs a workflow as written: nothing renders it first
    text = "on: push\njobs:\n  a:\n    runs-on: {RUNNER}.x\n    steps: [{run: x}]\n"
    res = run(tmp_path, {".github/workflows/ci.yml": text}, ["parse-error"])
    assert [r for r, _ in triples(res)] == ["parse-error"] and skipped(res) == []


def test_summary_names_placeholder_templates(tmp_path):
    write_files(tmp_path, {"svc.yaml": SVC % "{SERVICE_IP_PREFIX}.16"})
    code, out, err = cli(["check", "--no-cache", "."], tmp_path)
    assert code == 0, (out, err)
    text = out + err
    assert "1 placeholder template file skipped" in text and "Helm template" not in text
