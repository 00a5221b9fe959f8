"""Issue 14, outputs: concise and full text, JSON help, GitLab Code Quality, reviewdog
rdjson, repository-relative paths in SARIF and annotations from a subfolder, --show-files
and `rules --format json`."""
from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from integration_util import DEPLOYMENT, SERVICE, run
from helpers import write_files

SARIF_SCHEMA = json.loads((Path(__file__).parent.parent / "data" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))

# a startupProbe with 3 x 5 = 15 s where liveness waits 5 s for the same endpoint:
# startup-probe-budget, whose message is long
LONG = DEPLOYMENT.split("          env:")[0] + """\
          startupProbe:
            httpGet: {path: /health, port: 8080}
            periodSeconds: 5
            failureThreshold: 3
          livenessProbe:
            httpGet: {path: /health, port: 8080}
            timeoutSeconds: 5
"""

# GitLab's documented Code Quality report: an array of issues, each with these fields
# (https://docs.gitlab.com/ci/testing/code_quality/#code-quality-report-format)
GITLAB_SCHEMA = {
    "type": "array",
    "items": {
        "type": "object",
        "required": ["description", "check_name", "fingerprint", "severity", "location"],
        "properties": {
            "description": {"type": "string", "minLength": 1},
            "check_name": {"type": "string", "minLength": 1},
            "fingerprint": {"type": "string", "minLength": 1},
            "severity": {"enum": ["info", "minor", "major", "critical", "blocker"]},
            "location": {
                "type": "object",
                "required": ["path", "lines"],
                "properties": {
                    "path": {"type": "string", "not": {"pattern": "^(/|\\./)"}},
                    "lines": {"type": "object", "required": ["begin"],
                              "properties": {"begin": {"type": "integer", "minimum": 1},
                                             "end": {"type": "integer", "minimum": 1}}},
                },
            },
        },
    },
}

# reviewdog's DiagnosticResult (proto/rdf/reviewdog.proto, JSON wire format rdjson)
_POS = {"type": "object", "properties": {"line": {"type": "integer", "minimum": 1},
                                         "column": {"type": "integer", "minimum": 1}},
        "additionalProperties": False}
RDJSON_SCHEMA = {
    "type": "object",
    "additionalProperties": False,
    "properties": {
        "source": {"type": "object", "required": ["name"], "properties": {"name": {"type": "string"}, "url": {"type": "string"}}},
        "severity": {"enum": ["UNKNOWN_SEVERITY", "ERROR", "WARNING", "INFO"]},
        "diagnostics": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["message", "location"],
                "additionalProperties": False,
                "properties": {
                    "message": {"type": "string"},
                    "location": {"type": "object", "required": ["path"], "additionalProperties": False,
                                 "properties": {"path": {"type": "string"},
                                                "range": {"type": "object", "required": ["start"], "additionalProperties": False,
                                                          "properties": {"start": _POS, "end": _POS}}}},
                    "severity": {"enum": ["UNKNOWN_SEVERITY", "ERROR", "WARNING", "INFO"]},
                    "source": {"type": "object"},
                    "code": {"type": "object", "required": ["value"], "additionalProperties": False,
                             "properties": {"value": {"type": "string"}, "url": {"type": "string"}}},
                    "suggestions": {"type": "array", "items": {
                        "type": "object", "required": ["range", "text"], "additionalProperties": False,
                        "properties": {"text": {"type": "string"},
                                       "range": {"type": "object", "required": ["start"], "additionalProperties": False,
                                                 "properties": {"start": _POS, "end": _POS}}}}},
                    "original_output": {"type": "string"},
                },
            },
        },
    },
}


@pytest.fixture
def project(tmp_path):
    (tmp_path / ".git").mkdir()
    write_files(tmp_path, {"k8s/web.yaml": DEPLOYMENT, "k8s/svc.yaml": SERVICE, "k8s/probe.yaml": LONG})
    return tmp_path


def test_concise_is_the_default_one_short_line_per_finding(project):
    code, out, _ = run(["check", "--select", "env-ref-before-definition,startup-probe-budget"], project)
    assert code == 1
    lines = out.splitlines()
    assert len(lines) == 2
    assert lines[1].startswith("k8s/web.yaml:17:30: error: env 'URL' uses $(HOST), but HOST is defined later")
    for line in lines:
        message = line.split(": ", 2)[2].rsplit(" [", 1)[0]
        assert len(message) <= 161, message
    _, concise, _ = run(["check", "--output-format", "concise", "--select", "env-ref-before-definition,startup-probe-budget"], project)
    _, text, _ = run(["check", "--format", "text", "--select", "env-ref-before-definition,startup-probe-budget"], project)
    assert concise == text == out  # --format text is the old name of concise


def test_full_shows_a_code_frame_with_a_caret_under_the_span_and_the_catalogue(project):
    code, out, _ = run(["check", "--output-format", "full", "--select", "env-ref-before-definition"], project)
    assert code == 1
    lines = out.splitlines()
    assert lines[0].startswith("k8s/web.yaml:17:30: error: ") and lines[0].endswith("[env-ref-before-definition]")
    assert lines[1] == "   |"
    assert lines[2] == '17 |               value: "http://$(HOST)/"'
    caret = lines[3]
    assert caret.startswith("   | ")
    # the caret sits under `$(HOST)`, column 30 of line 17
    assert caret.index("^") - len("   | ") == 29 and caret.count("^") == len("$(HOST)")
    assert any(line.strip().startswith("= why: ") for line in lines)
    assert any(line.strip().startswith("= fix: ") for line in lines)
    assert any("rules/env-ref-before-definition.yaml" in line for line in lines)


def test_json_carries_the_short_message_and_the_help(project):
    _, out, _ = run(["check", "--format", "json", "--select", "startup-probe-budget"], project)
    f = json.loads(out)["findings"][0]
    assert len(f["message"]) > 160 and f["short_message"] != f["message"]
    from okla_lint.report.short import _drop_asides

    # the start of the message, asides in parentheses left out
    assert _drop_asides(f["message"]).startswith(f["short_message"].rstrip("…"))
    assert set(f["help"]) == {"summary", "why", "fix", "url"} and f["help"]["fix"]


def test_gitlab_code_quality_report(project):
    code, out, _ = run(["check", "--output-format", "gitlab"], project)
    assert code == 1
    doc = json.loads(out)
    jsonschema.validate(doc, GITLAB_SCHEMA)
    assert len({i["fingerprint"] for i in doc}) == len(doc)  # GitLab keeps one issue per fingerprint
    issue = next(i for i in doc if i["check_name"] == "env-ref-before-definition")
    assert issue["location"] == {"path": "k8s/web.yaml", "lines": {"begin": 17, "end": 17}}
    assert issue["severity"] == "major"


def test_gitlab_fingerprints_stay_unique_for_identical_findings(tmp_path):
    (tmp_path / ".git").mkdir()
    write_files(tmp_path, {"a.yaml": DEPLOYMENT + "---\n" + DEPLOYMENT.replace("name: web\n", "name: web2\n", 1)})
    _, out, _ = run(["check", "--output-format", "gitlab", "--select", "env-ref-before-definition"], tmp_path)
    doc = json.loads(out)
    assert len(doc) == 2 and doc[0]["fingerprint"] != doc[1]["fingerprint"]


def test_rdjson_for_reviewdog_counts_columns_in_utf8_bytes(tmp_path):
    (tmp_path / ".git").mkdir()
    # 'é' (2 bytes) and '𐐀' (4 bytes) before the offending token on its line
    write_files(tmp_path, {"k8s/web.yaml": DEPLOYMENT.replace('value: "http://$(HOST)/"', 'value: "é𐐀://$(HOST)/"')})
    code, out, _ = run(["check", "--output-format", "rdjson", "--select", "env-ref-before-definition"], tmp_path)
    assert code == 1
    doc = json.loads(out)
    jsonschema.validate(doc, RDJSON_SCHEMA)
    d = doc["diagnostics"][0]
    assert d["code"]["value"] == "env-ref-before-definition" and d["code"]["url"].startswith("https://")
    assert d["severity"] == "ERROR" and d["location"]["path"] == "k8s/web.yaml"
    # code points: `$(HOST)` starts at column 28 (22 + len('é𐐀://')); bytes: 28 + 1 + 3
    _, js, _ = run(["check", "--format", "json", "--select", "env-ref-before-definition"], tmp_path)
    f = json.loads(js)["findings"][0]
    assert (f["line"], f["column"]) == (17, 28)
    assert d["location"]["range"]["start"] == {"line": 17, "column": 32}
    assert d["location"]["range"]["end"] == {"line": 17, "column": 32 + len("$(HOST)")}


def test_rdjson_suggestions_are_the_safe_fixes_in_utf8_bytes(tmp_path):
    (tmp_path / ".git").mkdir()
    text = '{\n  "Routes": [], // é𐐀 note\n  "GlobalConfiguration": {}\n}\n'
    write_files(tmp_path, {"ocelot.json": text})
    _, out, _ = run(["check", "--output-format", "rdjson", "--select", "json-comments"], tmp_path)
    doc = json.loads(out)
    jsonschema.validate(doc, RDJSON_SCHEMA)
    (d,) = doc["diagnostics"]
    assert d["location"]["range"]["start"] == {"line": 2, "column": 17}
    # apply the suggestions as reviewdog does: 1-based lines, UTF-8 byte columns, end exclusive
    lines = text.encode("utf-8").split(b"\n")
    for sug in sorted(d["suggestions"], key=lambda x: (x["range"]["start"]["line"], x["range"]["start"]["column"]), reverse=True):
        (l1, c1), (l2, c2) = [(p["line"], p["column"]) for p in (sug["range"]["start"], sug["range"]["end"])]
        start = sum(len(x) + 1 for x in lines[: l1 - 1]) + c1 - 1
        end = sum(len(x) + 1 for x in lines[: l2 - 1]) + c2 - 1
        raw = b"\n".join(lines)
        raw = raw[:start] + sug["text"].encode("utf-8") + raw[end:]
        lines = raw.split(b"\n")
    fixed = b"\n".join(lines).decode("utf-8")
    assert "//" not in fixed and json.loads(fixed) == {"Routes": [], "GlobalConfiguration": {}}


def test_full_says_when_a_fix_is_available(project):
    _, out, _ = run(["check", "--output-format", "full", "--select", "env-ref-before-definition"], project)
    assert any(line.strip().startswith("= autofix: ") and line.rstrip().endswith("(--fix)") for line in out.splitlines()), out


@pytest.mark.parametrize("fmt", ["sarif", "github", "gitlab", "rdjson"])
def test_paths_are_relative_to_the_repository_root_from_a_subfolder(project, fmt):
    code, out, _ = run(["check", "--format", fmt, "--select", "env-ref-before-definition", "."], project / "k8s",
                       env={"GITHUB_WORKSPACE": None})
    assert code == 1
    if fmt == "sarif":
        doc = json.loads(out)
        jsonschema.validate(doc, SARIF_SCHEMA)
        run_ = doc["runs"][0]
        loc = run_["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
        assert loc == {"uri": "k8s/web.yaml", "uriBaseId": "%SRCROOT%"}
        change = run_["results"][0]["fixes"][0]["artifactChanges"][0]
        assert change["artifactLocation"]["uri"] == "k8s/web.yaml"  # the fix too
        assert run_["originalUriBaseIds"]["%SRCROOT%"]["uri"] == project.resolve().as_uri() + "/"
    elif fmt == "github":
        assert "::error file=k8s/web.yaml,line=17," in out
        assert out.startswith("::group::k8s/web.yaml\n")  # the group names the same path
    elif fmt == "gitlab":
        assert json.loads(out)[0]["location"]["path"] == "k8s/web.yaml"
    else:
        assert json.loads(out)["diagnostics"][0]["location"]["path"] == "k8s/web.yaml"


@pytest.mark.parametrize("fmt", ["sarif", "github", "gitlab", "rdjson"])
def test_unnamed_standard_input_names_no_file_of_the_repository(project, fmt):
    # `okla-lint check -` from a subfolder said `k8s/stdin`, a file that does not exist
    text = (project / "k8s" / "web.yaml").read_text()
    code, out, _ = run(["check", "--format", fmt, "--select", "env-ref-before-definition", "-"], project / "k8s",
                       input=text, env={"GITHUB_WORKSPACE": None})
    assert code == 1 and "k8s/stdin" not in out
    if fmt == "sarif":
        loc = json.loads(out)["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
        assert loc["uri"] == "stdin"
    elif fmt == "github":
        assert "::error file=stdin,line=17," in out
    elif fmt == "gitlab":
        assert json.loads(out)[0]["location"]["path"] == "stdin"
    else:
        assert json.loads(out)["diagnostics"][0]["location"]["path"] == "stdin"


def test_github_workspace_is_the_root_on_actions(tmp_path):
    write_files(tmp_path, {"repo/deploy/web.yaml": DEPLOYMENT})  # no .git: a checkout without history
    code, out, _ = run(["check", "--format", "github", "--select", "env-ref-before-definition", "."],
                       tmp_path / "repo" / "deploy", env={"GITHUB_WORKSPACE": str(tmp_path / "repo")})
    assert "::error file=deploy/web.yaml,line=17," in out


def test_show_files_lists_what_is_read_and_how_it_is_classified(tmp_path):
    (tmp_path / ".git").mkdir()
    write_files(tmp_path, {
        "k8s/web.yaml": DEPLOYMENT,
        "k8s/values.yaml": "replicas: 3\n",
        ".github/workflows/ci.yml": "on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: true\n",
        "action.yml": "name: x\ndescription: y\nruns:\n  using: composite\n  steps: []\n",
        "gateway/configuration.json": '{"Routes": []}\n',
        "package.json": '{"name": "x"}\n',
        "chart/templates/d.yaml": "kind: {{ .Values.kind }}\n",
        "node_modules/x/k.yaml": DEPLOYMENT,
        "k8s/old.yaml.bak": DEPLOYMENT,
        "vendor2/v.yaml": DEPLOYMENT,
        "other/x.yaml": DEPLOYMENT,
        "testdata/t.yaml": DEPLOYMENT,
        "k8s/kustomization.yaml": "resources: [web.yaml]\n",
        ".okla-lint.yaml": "exclude: [vendor2, other/x.yaml]\n",
    })
    code, out, _ = run(["check", "--show-files"], tmp_path)
    assert code == 0
    rows = {line.split()[0]: line.split(None, 2)[1:] for line in out.splitlines()}
    assert rows["k8s/web.yaml"] == ["kubernetes", "1 object: Deployment/web"]
    assert rows[".github/workflows/ci.yml"][0] == "workflow"
    assert rows["action.yml"][0] == "action"
    assert rows["gateway/configuration.json"][0] == "ocelot"
    assert rows["k8s/values.yaml"][0] == "yaml"
    # a kustomization is not "read for syntax only": it is rendered (issue 16)
    assert rows["k8s/kustomization.yaml"][0] == "yaml" and rows["k8s/kustomization.yaml"][1].startswith(
        "kustomization: rendered with kubectl kustomize")
    assert rows["package.json"][0] == "skipped" and "neither" in rows["package.json"][1]
    assert rows["chart/templates/d.yaml"][0] == "skipped" and "Helm" in rows["chart/templates/d.yaml"][1]
    assert rows["node_modules/"][0] == "skipped"
    assert rows["vendor2/"] == ["skipped", "excluded by the configuration's `exclude`"]
    assert rows["other/x.yaml"] == ["skipped", "excluded by the configuration's `exclude`"]
    assert rows["testdata/"] == ["skipped", "test data (read with --test-data, or name the folder)"]
    _, js, _ = run(["check", "--show-files", "--format", "json"], tmp_path)
    files = {f["path"]: f["kind"] for f in json.loads(js)["files"]}
    assert files["gateway/configuration.json"] == "ocelot"


@pytest.mark.parametrize("message, short", [
    ("short enough", "short enough"),
    # the last clause that fits, asides in parentheses dropped first
    ("env 'A' uses $(B), but B is defined later in the list (line 31); Kubernetes expands $(VAR) only from "
     "variables defined before, so container 'web' gets the literal text; move it up",
     "env 'A' uses $(B), but B is defined later in the list; Kubernetes expands $(VAR) only from variables "
     "defined before, so container 'web' gets the literal text"),
    # no clause boundary in reach: a word, and an ellipsis; ", but" is no place to stop
    ("secrets.GITHUB_TOKEN is stored in a Kubernetes Secret created by `kubectl create secret docker-registry` "
     "for the cluster, but the job token expires when the job ends and every later pull fails",
     "secrets.GITHUB_TOKEN is stored in a Kubernetes Secret created by `kubectl create secret docker-registry` "
     "for the cluster, but the job token expires when the…"),
    # a parenthesis inside quotes is part of the value; the aside outside goes, and then
    # the whole message fits
    ("line comment '// ── Leads (VehiclesSaleService) ──' in an Ocelot configuration: JSON has no comments, so strict "
     "readers (jq, python -m json.tool) fail on it; delete the comment",
     "line comment '// ── Leads (VehiclesSaleService) ──' in an Ocelot configuration: JSON has no comments, so "
     "strict readers fail on it; delete the comment"),
])
def test_short_message(message, short):
    from okla_lint.report.short import short_message

    assert short_message(message) == short
    assert len(short) <= 161


def test_rules_format_json_lists_every_rule():
    from okla_lint.core.catalogue import load_catalogue

    code, out, _ = run(["rules", "--format", "json"], Path.cwd())
    assert code == 0
    doc = json.loads(out)
    assert doc["version"] == 1
    ids = [r["id"] for r in doc["rules"]]
    assert ids == sorted(load_catalogue())
    r = next(r for r in doc["rules"] if r["id"] == "startup-probe-budget")
    assert r["params"] == {"min-seconds": 90, "require-evidence": True} and r["url"].endswith("startup-probe-budget.yaml")
    assert {"severity", "kind", "default", "summary", "why", "fix", "tags"} <= set(r)
