"""Configuration files for real: discovery, validation errors with positions, CLI overrides,
rule parameters, exclude, per-file-ignores, fail-on, `config --show`."""
from __future__ import annotations

import json

import pytest
import yaml

from integration_util import DEPLOYMENT, findings, run
from helpers import write_files

PROBE = """\
apiVersion: apps/v1
kind: Deployment
metadata:
  name: slow
spec:
  selector:
    matchLabels: {app: slow}
  template:
    metadata:
      labels: {app: slow}
    spec:
      containers:
        - name: slow
          image: ghcr.io/x/slow:1.0
          startupProbe:
            httpGet: {path: /health, port: 8080}
            periodSeconds: 10
            failureThreshold: 10
"""
# budget 100 s: fine with the default minimum (90), a finding with min-seconds 120


@pytest.fixture
def repo(tmp_path):
    (tmp_path / ".git").mkdir()
    write_files(tmp_path, {"k8s/web.yaml": DEPLOYMENT, "k8s/slow.yaml": PROBE})
    return tmp_path


def rules_of(out: str) -> set[str]:
    return {f["rule"] for f in findings(out)}


def test_yaml_config_params_and_ignore(repo):
    assert "startup-probe-budget" not in rules_of(run(["check", "--format", "json"], repo)[1])
    write_files(repo, {".okla-lint.yaml": "params:\n  startup-probe-budget: {min-seconds: 120}\nignore: [env-ref-before-definition]\n"})
    code, out, err = run(["check", "--format", "json"], repo)
    got = rules_of(out)
    assert "startup-probe-budget" in got and "env-ref-before-definition" not in got


def test_config_is_found_from_a_subfolder_and_from_the_first_path(repo):
    write_files(repo, {".okla-lint.yaml": "ignore: [env-ref-before-definition]\n"})
    assert "env-ref-before-definition" not in rules_of(run(["check", "--format", "json", "."], repo / "k8s")[1])
    assert "env-ref-before-definition" not in rules_of(run(["check", "--format", "json", "k8s/web.yaml"], repo)[1])


def test_pyproject_section(repo):
    write_files(repo, {"pyproject.toml": '[project]\nname = "x"\n\n[tool.okla-lint]\nignore = ["env-ref-before-definition"]\n\n[tool.okla-lint.params.startup-probe-budget]\nmin-seconds = 120\n'})
    got = rules_of(run(["check", "--format", "json"], repo)[1])
    assert "startup-probe-budget" in got and "env-ref-before-definition" not in got


def test_pyproject_typo_is_located(repo):
    write_files(repo, {"pyproject.toml": '[tool.okla-lint]\nignore = ["env-ref-before-definition"]\n\n[tool.okla-lint.params.startup-probe-budget]\nmin-secods = 120\n'})
    code, out, err = run(["check"], repo)
    assert code == 2 and out == ""
    assert "pyproject.toml:5:1: error:" in err and "did you mean 'min-seconds'" in err


@pytest.mark.parametrize(
    "config, where, words",
    [
        ("selct: [ALL]\n", ".okla-lint.yaml:1:1:", ["unknown setting `selct`", "did you mean 'select'"]),
        ("ignore:\n  - env-ref-before-definiton\n", ".okla-lint.yaml:2:5:", ["unknown rule or group", "did you mean 'env-ref-before-definition'"]),
        ("severity:\n  duplicate-key: fatal\n", ".okla-lint.yaml:2:18:", ["'fatal' is not one of"]),
        ("severity:\n  duplicat-key: error\n", ".okla-lint.yaml:2:3:", ["unknown rule 'duplicat-key'", "did you mean 'duplicate-key'"]),
        ("params:\n  startup-probe-budget:\n    min-secnds: 120\n", ".okla-lint.yaml:3:5:", ["unknown parameter 'min-secnds'", "did you mean 'min-seconds'"]),
        ("params:\n  startup-probe-budget: {min-seconds: soon}\n", ".okla-lint.yaml:2:39:", ["must be a number"]),
        ("kubernetes-version: 1.30\n", ".okla-lint.yaml:1:21:", ["quote it"]),
        ("fail-on: critical\n", ".okla-lint.yaml:1:10:", ["'critical' is not one of"]),
        # one string is a list of one, as for every list setting (issue 14)
        ("exclude: 42\n", ".okla-lint.yaml:1:10:", ["`exclude` must be a list of globs"]),
        ("per-file-ignores:\n  '*.yaml': [no-such-rule]\n", ".okla-lint.yaml:2:14:", ["unknown rule or group 'no-such-rule'"]),
        ("ignore: [a\n", ".okla-lint.yaml:", ["YAML syntax error"]),
        ("select: [ALL]\nselect: [kubernetes]\n", ".okla-lint.yaml:2:1:", ["set twice"]),
        # a second document with settings; an empty one (a closing `---`) is no document:
        # it hid the typo of the first behind "must be a single YAML document" at 4:1
        ("ignore: [ALL]\n---\nselect: [kubernetes]\n", ".okla-lint.yaml:3:1:", ["a single YAML document"]),
        ("---\nignore: [env-ref-before-definiton]\n---\n", ".okla-lint.yaml:2:10:", ["unknown rule or group"]),
    ],
)
def test_config_errors_name_file_line_and_column(repo, config, where, words):
    write_files(repo, {".okla-lint.yaml": config})
    code, out, err = run(["check"], repo)
    assert code == 2, err
    assert out == ""
    assert err.startswith(where), err
    for w in words:
        assert w in err, err


def test_explicit_config_and_cli_overrides(repo, tmp_path_factory):
    other = tmp_path_factory.mktemp("cfg") / "strict.yaml"
    other.write_text("ignore: [env-ref-before-definition]\nfail-on: error\n")
    assert "env-ref-before-definition" not in rules_of(run(["check", "--format", "json", "--config", str(other)], repo)[1])
    # the CLI beats the file: --select replaces, --fail-on overrides
    code, out, _ = run(["check", "--format", "json", "--config", str(other), "--select", "env-ref-before-definition"], repo)
    assert rules_of(out) == {"env-ref-before-definition"}
    write_files(repo, {".okla-lint.yaml": "select: [startup-probe-budget]\nparams:\n  startup-probe-budget: {min-seconds: 120}\nfail-on: never\n"})
    assert run(["check"], repo)[0] == 0
    assert run(["check", "--fail-on", "warning"], repo)[0] == 1
    assert run(["check", "--isolated", "--format", "json"], repo)[0] == 1
    assert run(["check", "--config", "missing.yaml"], repo)[0] == 2


def test_exclude_applies_to_folders_and_to_files_named_explicitly(repo):
    write_files(repo, {".okla-lint.yaml": "exclude: ['k8s/web.yaml']\n"})
    assert all(f["path"] != "k8s/web.yaml" for f in findings(run(["check", "--format", "json"], repo)[1]))
    # pre-commit passes every changed file; excluded ones stay excluded
    code, out, _ = run(["check", "--format", "json", "k8s/web.yaml"], repo)
    assert findings(out) == [] and code == 0


def test_per_file_ignores_cover_json_files(tmp_path):
    (tmp_path / ".git").mkdir()
    write_files(tmp_path, {
        "gateway/ocelot.json": '{\n  // routes\n  "Routes": []\n}\n',
        "other/ocelot.json": '{\n  // routes\n  "Routes": []\n}\n',
        ".okla-lint.yaml": "per-file-ignores:\n  'gateway/*.json': [json-comments]\n",
    })
    code, out, _ = run(["check", "--format", "json", "--select", "json-comments"], tmp_path)
    assert sorted(f["path"] for f in findings(out)) == ["other/ocelot.json"]
    code, out, _ = run(["check", "--format", "json", "--select", "json-comments", "--no-ignores"], tmp_path)
    assert sorted(f["path"] for f in findings(out)) == ["gateway/ocelot.json", "other/ocelot.json"]


def test_config_show_prints_effective_settings(repo):
    write_files(repo, {".okla-lint.yaml": "params:\n  startup-probe-budget: {min-seconds: 120}\nseverity: {startup-probe-budget: error}\nkubernetes-version: '1.30'\n"})
    code, out, err = run(["config", "--show"], repo)
    assert code == 0, err
    shown = yaml.safe_load(out)
    assert shown["config-file"] == ".okla-lint.yaml"
    assert shown["params"]["startup-probe-budget"] == {"min-seconds": 120, "require-evidence": True}
    assert shown["severity"]["startup-probe-budget"] == "error"
    assert shown["kubernetes-version"] == "1.30"
    assert "startup-probe-budget" in shown["enabled-rules"]
    code, out, _ = run(["config", "--schema"], repo)
    assert json.loads(out)["additionalProperties"] is False


def test_severity_override_reaches_the_findings(repo):
    write_files(repo, {".okla-lint.yaml": "severity: {env-ref-before-definition: info}\nfail-on: warning\n"})
    code, out, _ = run(["check", "--format", "json", "--select", "env-ref-before-definition"], repo)
    assert [f["severity"] for f in findings(out)] == ["info"] and code == 0


def test_kubernetes_version_feeds_rules_with_that_parameter(repo):
    write_files(repo, {".okla-lint.yaml": "kubernetes-version: '1.29'\n"})
    shown = yaml.safe_load(run(["config", "--show"], repo)[1])
    assert shown["params"]["deprecated-api-version"]["kubernetes-version"] == "1.29"
    write_files(repo, {".okla-lint.yaml": "kubernetes-version: '1.29'\nparams:\n  deprecated-api-version: {kubernetes-version: '1.25'}\n"})
    shown = yaml.safe_load(run(["config", "--show"], repo)[1])
    assert shown["params"]["deprecated-api-version"]["kubernetes-version"] == "1.25"
