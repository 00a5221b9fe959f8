"""Hostile and broken input becomes a finding or a clear note; other files are still linted;
nothing from the input is ever executed."""
from __future__ import annotations

import os

from helpers import lint, locs, triples, write_files

GOOD_POD = """apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  containers:
    - name: c
      image: nginx:1.27
      env:
        - {name: A, value: "$(B)"}
        - {name: B, value: x}
"""


def _with_good(tmp_path, files):
    write_files(tmp_path, {"good.yaml": GOOD_POD, **files})
    return lint(tmp_path, select=["parse-error", "env-ref-before-definition"])


def test_yaml_syntax_error_is_a_finding_at_its_position(tmp_path):
    r = _with_good(tmp_path, {"bad.yaml": "apiVersion: v1\nkind: Pod\nmetadata:\n  name: [a, b\n"})
    assert ("env-ref-before-definition", "good.yaml:9:29") in triples(r)
    (err,) = [f for f in r.findings if f.rule == "parse-error"]
    assert err.path == "bad.yaml" and err.line >= 4


def test_invalid_utf8_names_line_and_column(tmp_path):
    r = _with_good(tmp_path, {"bad.yaml": b"apiVersion: v1\nkind: Pod\nmetadata:\n  name: ab\xff\n"})
    assert "bad.yaml:4:11" in locs(r, "parse-error")
    assert ("env-ref-before-definition", "good.yaml:9:29") in triples(r)


def test_binary_file_is_reported_not_parsed(tmp_path):
    r = _with_good(tmp_path, {"blob.yaml": b"\x00\x01\x02binary\x00"})
    assert locs(r, "parse-error") == ["blob.yaml:1:1"]
    assert "binary" in r.findings[0].message or any("binary" in f.message for f in r.findings)


def test_empty_and_comment_only_files_are_fine(tmp_path):
    r = _with_good(tmp_path, {"empty.yaml": "", "comments.yaml": "# nothing\n", "e.json": ""})
    assert locs(r, "parse-error") == []


def test_alias_bomb_is_refused_in_bounded_time(tmp_path):
    bomb = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    for i in range(1, 10):
        bomb.append(f"a{i}: &a{i} [" + ", ".join([f"*a{i-1}"] * 10) + "]")
    bomb.append("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: bomb}")
    r = _with_good(tmp_path, {"bomb.yaml": "\n".join(bomb) + "\n"})
    (err,) = [f for f in r.findings if f.rule == "parse-error"]
    assert "alias" in err.message and err.path == "bomb.yaml"
    assert ("env-ref-before-definition", "good.yaml:9:29") in triples(r)


def test_deep_nesting_yaml_and_json(tmp_path):
    deep_yaml = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: d}\ndata: " + "[" * 5000 + "]" * 5000 + "\n"
    deep_json = '{"Routes": ' + "[" * 5000 + "]" * 5000 + "}"
    r = _with_good(tmp_path, {"deep.yaml": deep_yaml, "ocelot.json": deep_json})
    assert sorted(f.path for f in r.findings if f.rule == "parse-error") == ["deep.yaml", "ocelot.json"]
    assert ("env-ref-before-definition", "good.yaml:9:29") in triples(r)


def test_moderate_nesting_is_parsed(tmp_path):
    nested = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: d}\ndata: " + "[" * 500 + "]" * 500 + "\n"
    r = _with_good(tmp_path, {"nested.yaml": nested})
    assert locs(r, "parse-error") == []


def test_file_over_the_size_limit_is_not_read(tmp_path):
    write_files(tmp_path, {"big.yaml": "a: " + "x" * 5000 + "\n", "good.yaml": GOOD_POD})
    r = lint(tmp_path, select=["parse-error", "env-ref-before-definition"], max_file_size=1000)
    assert locs(r, "parse-error") == ["big.yaml:1:1"]
    assert "limit" in [f for f in r.findings if f.rule == "parse-error"][0].message


def test_python_tags_are_inert(tmp_path):
    marker = tmp_path / "pwned"
    payload = f'apiVersion: v1\nkind: ConfigMap\nmetadata: {{name: x}}\ndata:\n  a: !!python/object/apply:os.system ["touch {marker}"]\n'
    r = _with_good(tmp_path, {"evil.yaml": payload})
    assert not marker.exists()
    assert locs(r, "parse-error") == []


def test_unreadable_explicit_path_is_a_finding(tmp_path):
    write_files(tmp_path, {"good.yaml": GOOD_POD})
    os.symlink(tmp_path / "missing-target.yaml", tmp_path / "dangling.yaml")
    r = lint(tmp_path, select=["parse-error", "env-ref-before-definition"], paths=["dangling.yaml", "good.yaml"])
    assert locs(r, "parse-error") == ["dangling.yaml:1:1"]
    assert ("env-ref-before-definition", "good.yaml:9:29") in triples(r)


def test_helm_templates_are_skipped_not_errors(tmp_path):
    write_files(
        tmp_path,
        {
            "chart/Chart.yaml": "apiVersion: v2\nname: c\nversion: 0.1.0\n",
            "chart/templates/deploy.yaml": "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {{ .Release.Name }}\n{{- if .Values.x }}\nspec: {}\n{{- end }}\n",
        },
    )
    r = lint(tmp_path)
    assert r.findings == []
    assert [u.rel for u in r.skipped] == ["chart/templates/deploy.yaml"]


def test_prometheus_templates_in_configmap_data_are_not_helm(tmp_path):
    cm = 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: alerts}\ndata:\n  rules.yaml: |\n    summary: "{{ $labels.instance }} down"\n'
    write_files(tmp_path, {"cm.yaml": cm})
    r = lint(tmp_path)
    assert r.skipped == [] and r.findings == []


def test_backup_and_vendored_files_are_not_read(tmp_path):
    bad = "a: [\n"
    write_files(
        tmp_path,
        {
            "k8s/app.yaml.bak": bad,
            "k8s/app.yaml.orig": bad,
            "k8s/app.yaml~": bad,
            "node_modules/x/bad.yaml": bad,
            ".git/bad.yaml": bad,
            "venv/bad.yaml": bad,
        },
    )
    assert lint(tmp_path).findings == []


def test_explicit_backup_file_is_read(tmp_path):
    write_files(tmp_path, {"app.yaml.bak": "a: [\n"})
    r = lint(tmp_path, paths=["app.yaml.bak"])
    assert locs(r, "parse-error") != []


def test_parse_errors_are_reported_whatever_is_selected(tmp_path):
    write_files(tmp_path, {"ocelot.json": '{"Routes": [ }', "good.yaml": GOOD_POD})
    r = lint(tmp_path, select=["ocelot"])
    assert locs(r, "parse-error") == ["ocelot.json:1:14"]
    r = lint(tmp_path, select=["ocelot"], ignore=["parse-error"])
    assert locs(r, "parse-error") == []


def test_broken_action_with_expressions_is_a_parse_error_not_a_template(tmp_path):
    action = "name: a\nruns:\n  using: composite\n  steps:\n    - run: echo ${{ inputs.x }}\n      shell: bash\n     bad: [\n"
    broken_k8s = "apiVersion: v1\nkind: ConfigMap\ndata:\n  a: ${{ x }}\n  b: [\n"
    write_files(tmp_path, {"act/action.yml": action, "cm.yaml": broken_k8s})
    r = lint(tmp_path, select=["parse-error"])
    assert sorted(f.path for f in r.findings) == ["act/action.yml", "cm.yaml"]
    assert r.skipped == []


def test_reports_never_copy_a_plaintext_secret_into_snippets(tmp_path):
    from okla_lint.post.masking import mask_value

    assert mask_value("- {name: DB_PASSWORD, value: hunter2-secret}") == "- {name: ****"
    assert mask_value("value: hunter2-secret") == "value: ****"
    pod = GOOD_POD.replace("- {name: B, value: x}", "- {name: DB_PASSWORD, value: Sup3rS3cretValue}")
    write_files(tmp_path, {"pod.yaml": pod})
    r = lint(tmp_path, select=["env-plaintext-secret"])
    assert r.findings and all("Sup3r" not in f.snippet and "Sup3r" not in f.message for f in r.findings)


def test_snippets_of_other_rules_on_secret_looking_lines_are_masked(tmp_path):
    pod = GOOD_POD.replace(
        "        - {name: B, value: x}",
        "        - {name: B, value: x}\n        - name: API_TOKEN\n          value: yes",
    )
    write_files(tmp_path, {"pod.yaml": pod})
    r = lint(tmp_path, select=["k8s-schema"])
    assert r.findings and all(f.snippet == "value: ****" for f in r.findings), [f.snippet for f in r.findings]


def test_symlink_loop_named_on_the_command_line_is_a_finding(tmp_path):
    os.symlink(tmp_path / "loop.yaml", tmp_path / "loop.yaml")
    write_files(tmp_path, {"good.yaml": GOOD_POD})
    r = lint(tmp_path, select=["parse-error", "env-ref-before-definition"], paths=["loop.yaml", "good.yaml"])
    assert locs(r, "parse-error") == ["loop.yaml:1:1"]
    assert ("env-ref-before-definition", "good.yaml:9:29") in triples(r)
