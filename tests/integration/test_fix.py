"""--fix, --unsafe-fixes and --diff (issue 13): exact results, bytes outside the edits kept,
validation, rounds, atomic writes, symlinks, stdin, JSON and SARIF fixes."""
from __future__ import annotations

import json
import os
import shutil
import stat
import sys
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests"))

from helpers import chdir, write_files  # noqa: E402
from okla_lint.cli import cli  # noqa: E402
from okla_lint.core.catalogue import load_catalogue  # noqa: E402
from okla_lint.core.fix import Edit, Fix, apply_edits, delete_span, non_overlapping, unified_diff  # noqa: E402

SCHEMA = json.loads((ROOT / "tests" / "data" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))


def run(root: Path, *args: str, input: str | None = None):
    with chdir(root):
        return CliRunner().invoke(cli, ["check", "--color", "never", *args], input=input)


def project(tmp_path: Path, files: dict[str, str | bytes]) -> Path:
    (tmp_path / ".git").mkdir(parents=True)
    write_files(tmp_path, files)
    return tmp_path


OCELOT = """\
{
  // gateway routes
  "Routes": [
    {
      "DownstreamPathTemplate": "/api/{everything}", /* all of it */
      "DownstreamScheme": "http",
      "DownstreamHostAndPorts": [ { "Host": "api", "Port": 8080 }, ],
      "UpstreamPathTemplate": "/api/{everything}",
    },
  ]
}
"""
OCELOT_FIXED = """\
{
  "Routes": [
    {
      "DownstreamPathTemplate": "/api/{everything}",
      "DownstreamScheme": "http",
      "DownstreamHostAndPorts": [ { "Host": "api", "Port": 8080 } ],
      "UpstreamPathTemplate": "/api/{everything}"
    }
  ]
}
"""

DEPLOY = """\
apiVersion: apps/v1
kind: Deployment
metadata:   
  name: web   # the web tier
spec:
  selector:
    matchLabels: &labels {app: web}
  template:
    metadata:
      labels: *labels
    spec:
      containers:
        - name: web
          image: "web:1.0"
          env:
            # the URL of the database
            - name: URL
              value: 'postgres://$(DB_USER)@db'
            - name: OTHER
              value: x
            - name: DB_USER   # who
              value: app
          startupProbe:
            httpGet: {path: /health, port: 8080, scheme: https}
            periodSeconds: 5
            failureThreshold: 3
"""


# -- the building blocks -----------------------------------------------------------------

def test_apply_edits_and_overlap():
    assert apply_edits("abcdef", [Edit(4, 5, "E"), Edit(0, 1, ""), Edit(2, 2, "+")]) == "b+cdEf"
    a = Fix("safe", (Edit(0, 3, "x"),), "a")
    b = Fix("safe", (Edit(2, 4, "y"),), "b")
    c = Fix("safe", (Edit(0, 3, "x"),), "c")  # the same remedy as a
    d = Fix("safe", (Edit(3, 3, "z"),), "d")  # an insertion just after a's span
    ok, later = non_overlapping([a, b, c, d])
    assert ok == [a, c, d] and later == [b]
    with pytest.raises(ValueError):
        Fix("maybe", (), "x")


def test_delete_span_whole_line_or_end_of_line():
    text = "a\n  // c\nb, // d\r\ne\n"
    s = text.index("// c")
    assert delete_span(text, s, s + 4) == Edit(2, 9, "")
    s = text.index("// d")
    e = delete_span(text, s, s + 4)
    assert apply_edits(text, [e]) == "a\n  // c\nb,\r\ne\n"


def test_unified_diff_without_final_newline():
    d = unified_diff("x.json", "a\nb", "a\nc")
    assert d.startswith("--- a/x.json\n+++ b/x.json\n")
    assert "-b\n\\ No newline at end of file\n+c\n\\ No newline at end of file\n" in d


# -- the catalogue -----------------------------------------------------------------------

SAFE = {"json-comments", "json-trailing-comma", "env-ref-before-definition", "unused-suppression",
        "ocelot-legacy-reroutes", "ocelot-invalid-http-verb", "ocelot-invalid-downstream-scheme",
        "ocelot-load-balancer-type-typo", "ocelot-deprecated-key", "probe-field-rejected", "deprecated-workflow-command", "if-always-true",
        "expr-event-name-typo", "action-version-comment-mismatch"}
UNSAFE = {"startup-probe-budget", "script-injection", "missing-permissions", "disabled-workflow-command",
          "shell-invalid", "privilege-escalation-allowed", "probe-success-threshold", "hpa-target-sets-replicas",
          "self-repository-syntax"}


def test_catalogue_says_what_is_fixable():
    cat = load_catalogue()
    assert {r for r, d in cat.items() if d.autofix == "safe"} == SAFE
    assert {r for r, d in cat.items() if d.autofix == "unsafe"} == UNSAFE
    for rid in ("image-mutable-tag", "action-not-pinned-to-sha", "ephemeral-registry-token"):
        assert cat[rid].autofix == "none"


def test_catalogue_rejects_a_bad_autofix(tmp_path):
    from okla_lint.core.catalogue import CatalogueError, parse_entry

    text = (ROOT / "rules" / "bare-pod.yaml").read_text(encoding="utf-8").replace("autofix: none", "autofix: maybe")
    p = tmp_path / "bare-pod.yaml"
    p.write_text(text, encoding="utf-8")
    with pytest.raises(CatalogueError, match="autofix"):
        parse_entry(p)


def test_catalogue_examples_carry_the_fixes_they_promise(tmp_path):
    """Every failing example of a fixable rule gives at least one fix of the declared
    applicability; rules marked `none` never carry one."""
    from helpers import lint

    for rid, doc in sorted(load_catalogue().items()):
        kinds = set()
        for i, ex in enumerate(doc.examples):
            if not ex.fails:
                continue
            root = tmp_path / f"{rid}-{i}"
            root.mkdir()
            write_files(root, ex.files)
            params = {rid: ex.config["params"]} if "params" in ex.config else {}
            r = lint(root, select=["ALL"] if rid == "unused-suppression" else [rid], params=params)
            kinds |= {f.fix.applicability for f in r.findings if f.rule == rid and f.fix}
        if doc.autofix == "none":
            assert not kinds, rid
        else:
            assert kinds == {doc.autofix}, (rid, kinds)


def test_rules_command_shows_fixability():
    out = CliRunner().invoke(cli, ["rules"]).output
    line = next(l for l in out.splitlines() if l.startswith("json-comments "))
    assert " fix " in line
    line = next(l for l in out.splitlines() if l.startswith("startup-probe-budget "))
    assert " fix-unsafe " in line
    line = next(l for l in out.splitlines() if l.startswith("image-mutable-tag "))
    assert " - " in line
    doc = json.loads(CliRunner().invoke(cli, ["rules", "--all", "--format", "json"]).output)
    assert {r["id"]: r["autofix"] for r in doc["rules"]}["json-comments"] == "safe"
    assert "fixable with --fix --unsafe-fixes" in CliRunner().invoke(cli, ["explain", "missing-permissions"]).output


# -- --fix end to end --------------------------------------------------------------------

def test_fix_json_keeps_data_and_makes_strict_json(tmp_path):
    root = project(tmp_path, {"ocelot.json": OCELOT})
    r = run(root, "--fix")
    assert (root / "ocelot.json").read_text(encoding="utf-8") == OCELOT_FIXED
    json.loads(OCELOT_FIXED)
    assert "fixed ocelot.json: json-comments x2, json-trailing-comma x3" in r.stderr
    assert r.exit_code == 0, r.stderr
    again = run(root, "--fix")  # idempotent
    assert (root / "ocelot.json").read_text(encoding="utf-8") == OCELOT_FIXED
    assert "fixed 0 findings" in again.stderr


def test_fix_keeps_every_byte_outside_the_edits_bom_crlf_trailing_blanks(tmp_path):
    text = OCELOT.replace("\n", "\r\n").replace('"Routes": [', '"Routes": [   ')
    root = project(tmp_path, {"ocelot.json": b"\xef\xbb\xbf" + text.encode("utf-8")})
    run(root, "--fix")
    data = (root / "ocelot.json").read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    want = OCELOT_FIXED.replace("\n", "\r\n").replace('"Routes": [', '"Routes": [   ')
    assert data[3:].decode("utf-8") == want


def test_fix_yaml_safe_only_then_unsafe(tmp_path):
    # the configured minimum applies to every startupProbe (no evidence needed)
    root = project(tmp_path, {"k8s/web.yaml": DEPLOY, ".okla-lint.yaml": "params: {startup-probe-budget: {min-seconds: 90}}\n"})
    sel = ["--select", "env-ref-before-definition,startup-probe-budget,probe-field-rejected"]
    r = run(root, "--fix", *sel)
    safe = (root / "k8s/web.yaml").read_text(encoding="utf-8")
    assert safe == DEPLOY.replace(
        """            # the URL of the database
            - name: URL
              value: 'postgres://$(DB_USER)@db'
            - name: OTHER
              value: x
            - name: DB_USER   # who
              value: app
""",
        """            - name: DB_USER   # who
              value: app
            # the URL of the database
            - name: URL
              value: 'postgres://$(DB_USER)@db'
            - name: OTHER
              value: x
""").replace("scheme: https}", "scheme: HTTPS}")
    assert "1 with an unsafe fix: add --unsafe-fixes" in r.stderr
    assert r.exit_code == 1  # the startup budget remains
    r = run(root, "--fix", "--unsafe-fixes", *sel)
    assert (root / "k8s/web.yaml").read_text(encoding="utf-8") == safe.replace("failureThreshold: 3", "failureThreshold: 18")
    assert r.exit_code == 0, r.stdout + r.stderr


def test_diff_writes_nothing_and_exits_1(tmp_path):
    root = project(tmp_path, {"ocelot.json": OCELOT})
    r = run(root, "--diff")
    assert r.exit_code == 1
    assert r.stdout.startswith("--- a/ocelot.json\n+++ b/ocelot.json\n")
    assert "-  // gateway routes\n" in r.stdout
    assert (root / "ocelot.json").read_text(encoding="utf-8") == OCELOT
    (root / "ocelot.json").write_text(OCELOT_FIXED, encoding="utf-8")
    r = run(root, "--diff")
    assert r.exit_code == 0 and r.stdout == ""


def test_fix_from_stdin_prints_the_fixed_text(tmp_path):
    root = project(tmp_path, {})
    r = run(root, "--fix", "--stdin-filename", "ocelot.json", input=OCELOT)
    assert r.stdout == OCELOT_FIXED
    assert r.exit_code == 0
    assert not (root / "ocelot.json").exists()


def test_fix_is_rejected_when_the_result_adds_a_finding(tmp_path):
    # renaming ReRoutes to Routes would duplicate the Routes key: not applied, and said why
    text = '{"ReRoutes": [], "Routes": []}\n'
    root = project(tmp_path, {"ocelot.json": text})
    r = run(root, "--fix", "--select", "ocelot-legacy-reroutes")
    assert (root / "ocelot.json").read_text(encoding="utf-8") == text
    assert "not fixed: ocelot.json:1:2 [ocelot-legacy-reroutes]: the fixed file would have a duplicate key" in r.stderr
    assert r.exit_code == 1
    # ... or a key that differs only in case: a new ocelot-case-duplicate-key finding
    text = '{"ReRoutes": [], "routes": []}\n'
    (root / "ocelot.json").write_text(text, encoding="utf-8")
    r = run(root, "--fix", "--select", "ocelot-legacy-reroutes,ocelot-case-duplicate-key")
    assert (root / "ocelot.json").read_text(encoding="utf-8") == text
    assert "not fixed: ocelot.json:1:2 [ocelot-legacy-reroutes]: the fix would add a finding: ocelot-case-duplicate-key" in r.stderr


def test_no_fix_for_a_cycle_or_an_undefined_name(tmp_path):
    cyc = DEPLOY.replace("value: app", "value: $(URL)")
    root = project(tmp_path, {"k8s/web.yaml": cyc})
    r = run(root, "--fix", "--select", "env-ref-before-definition")
    assert (root / "k8s/web.yaml").read_text(encoding="utf-8") == cyc
    assert r.exit_code == 1


def test_overlapping_fixes_take_rounds(tmp_path):
    # two unused ids in one comment: one removed per round, then the whole comment
    text = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c  # okla-lint: ignore[bare-pod, image-mutable-tag] old\ndata: {}\n"
    root = project(tmp_path, {"k8s/c.yaml": text})
    run(root, "--fix", "--select", "unused-suppression,bare-pod,image-mutable-tag")
    assert (root / "k8s/c.yaml").read_text(encoding="utf-8") == text.replace("  # okla-lint: ignore[bare-pod, image-mutable-tag] old", "")


def test_fix_keeps_the_mode_and_writes_atomically(tmp_path):
    root = project(tmp_path, {"ocelot.json": OCELOT})
    os.chmod(root / "ocelot.json", 0o640)
    run(root, "--fix")
    assert stat.S_IMODE(os.stat(root / "ocelot.json").st_mode) == 0o640
    assert sorted(p.name for p in root.iterdir()) == [".git", "ocelot.json"]  # no temporary file left


@pytest.mark.skipif(os.name == "nt", reason="symlinks")
def test_fix_never_writes_through_a_symlink_out_of_the_project(tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "ocelot.json").write_text(OCELOT, encoding="utf-8")
    root = project(tmp_path / "repo", {"inside.json": OCELOT})
    (root / "ocelot.json").symlink_to(outside / "ocelot.json")
    (root / "ocelot.dev.json").symlink_to(root / "inside.json")
    r = run(root, "--fix", "ocelot.json", "ocelot.dev.json")
    assert (outside / "ocelot.json").read_text(encoding="utf-8") == OCELOT
    assert "outside the project" in r.stderr
    assert (root / "ocelot.dev.json").is_symlink()
    assert (root / "inside.json").read_text(encoding="utf-8") == OCELOT_FIXED
    assert r.exit_code == 2


def test_json_and_sarif_carry_the_fixes(tmp_path):
    root = project(tmp_path, {"ocelot.json": OCELOT})
    doc = json.loads(run(root, "--format", "json").stdout)
    f = next(f for f in doc["findings"] if f["rule"] == "json-comments")
    assert f["fix"] == {"applicability": "safe", "message": "Delete the comment",
                        "edits": [{"line": 2, "column": 1, "end_line": 3, "end_column": 1, "content": ""}]}
    sarif = json.loads(run(root, "--format", "sarif").stdout)
    jsonschema.validate(sarif, SCHEMA)
    res = next(r for r in sarif["runs"][0]["results"] if r["ruleId"] == "json-trailing-comma")
    change = res["fixes"][0]["artifactChanges"][0]
    assert change["artifactLocation"]["uri"] == "ocelot.json"
    assert change["replacements"][0]["deletedRegion"] == {"startLine": 7, "startColumn": 66, "endLine": 7, "endColumn": 67}
    assert change["replacements"][0]["insertedContent"] == {"text": ""}


def test_incident_lints_clean_after_fix_apart_from_unfixable(tmp_path):
    root = tmp_path / "incident"
    shutil.copytree(ROOT / "fixtures" / "incident" / "broken", root)
    r = run(root, "--fix", "--unsafe-fixes")
    assert r.exit_code == 1  # the token rules need a new secret
    doc = json.loads(run(root, "--format", "json").stdout)
    cat = load_catalogue()
    left = sorted({f["rule"] for f in doc["findings"]})
    assert all(cat[r].autofix == "none" for r in left), left
    assert "json-comments" not in left and "env-ref-before-definition" not in left
    assert "startup-probe-budget" not in left


def test_a_file_changed_while_fixing_is_not_written(tmp_path):
    from okla_lint.core.fixer import WriteRefused, write_fixed

    p = tmp_path / "ocelot.json"
    p.write_text(OCELOT_FIXED, encoding="utf-8")
    with pytest.raises(WriteRefused, match="changed on disk"):
        write_fixed(p, tmp_path, OCELOT, OCELOT_FIXED)
    with pytest.raises(WriteRefused, match="outside the project"):
        write_fixed(p, tmp_path / "sub", OCELOT_FIXED, "{}")
    assert p.read_text(encoding="utf-8") == OCELOT_FIXED


def test_fix_and_write_baseline_exclude_each_other(tmp_path):
    root = project(tmp_path, {"ocelot.json": OCELOT})
    r = run(root, "--fix", "--write-baseline", "b.json")
    assert r.exit_code == 2 and "exclude each other" in r.stderr
    assert (root / "ocelot.json").read_text(encoding="utf-8") == OCELOT


def test_summary_says_what_fix_would_do(tmp_path):
    root = project(tmp_path, {"ocelot.json": OCELOT})
    r = run(root)
    assert "(5 fixable with --fix; --diff shows the changes)" in r.stderr


def _incident(tmp_path: Path) -> Path:
    root = tmp_path / "incident"
    shutil.copytree(ROOT / "fixtures" / "incident" / "broken", root)
    (root / ".git").mkdir()
    return root


def _marked(stdout: str) -> list[str]:
    """The rules of the lines marked fixable (`message [*] [rule]`, as ruff marks them)."""
    return [ln.rsplit(" [", 1)[1].rstrip("]") for ln in stdout.splitlines() if " [*] [" in ln]


def test_text_output_marks_what_fix_would_fix_and_unsafe_fixes_alone_counts_the_unsafe_ones(tmp_path):
    root = _incident(tmp_path)
    before = {p: p.read_bytes() for p in root.rglob("*") if p.is_file()}
    r = run(root, "--no-cache")
    assert sorted(_marked(r.stdout)) == ["env-ref-before-definition", "json-comments", "json-comments"]
    assert "(3 fixable with --fix and 1 more with --fix --unsafe-fixes; --diff shows the changes)" in r.stderr
    # --unsafe-fixes without --fix: the unsafe fix is available (marked, counted), nothing is written
    r = run(root, "--no-cache", "--unsafe-fixes")
    assert sorted(_marked(r.stdout)) == ["env-ref-before-definition", "json-comments", "json-comments", "startup-probe-budget"]
    assert "(4 fixable with --fix --unsafe-fixes, 1 of them unsafe; --diff --unsafe-fixes shows the changes)" in r.stderr
    assert r.exit_code == 1
    assert {p: p.read_bytes() for p in root.rglob("*") if p.is_file() and ".okla-lint-cache" not in p.parts} == before
    # the full format marks its first line the same way; machine formats carry `fix` instead
    r = run(root, "--no-cache", "--output-format", "full")
    assert sorted(_marked(r.stdout)) == ["env-ref-before-definition", "json-comments", "json-comments"]
    r = run(root, "--no-cache", "--format", "json", "--unsafe-fixes")
    assert "[*]" not in r.stdout


def test_what_remains_after_fix_is_not_marked(tmp_path):
    root = _incident(tmp_path)
    r = run(root, "--no-cache", "--fix")
    assert "[startup-probe-budget]" in r.stdout and _marked(r.stdout) == []
    r = run(root, "--no-cache", "--fix", "--unsafe-fixes")
    assert "[startup-probe-budget]" not in r.stdout and _marked(r.stdout) == []


def test_a_file_named_through_a_symlink_out_of_the_project_is_not_written(tmp_path):
    # the symlink is named on the command line: the project is the one it is in (the
    # target's folder has no project marker, so it would otherwise be its own project)
    (tmp_path / "outside").mkdir()
    (tmp_path / "outside" / "o.json").write_text(OCELOT, encoding="utf-8")
    (tmp_path / "x.json").write_text(OCELOT, encoding="utf-8")
    root = project(tmp_path / "repo", {})
    (root / "o.json").symlink_to(Path("..") / "outside" / "o.json")
    (root / "x.json").symlink_to(Path("..") / "x.json")
    r = run(root, "--fix", "o.json", "x.json")
    assert (tmp_path / "outside" / "o.json").read_text(encoding="utf-8") == OCELOT
    assert (tmp_path / "x.json").read_text(encoding="utf-8") == OCELOT
    assert "o.json: not fixed: it is a symlink to" in r.stderr
    assert "x.json: not fixed: it is a symlink to" in r.stderr
    # what could not be written remains, and the summary says so
    assert "fixed 0 findings in 0 files; 10 remain" in r.stderr
    assert r.stdout.count("[json-comments]") == 4
    assert r.exit_code == 2


def test_a_read_only_file_is_not_written(tmp_path):
    root = project(tmp_path, {"ocelot.json": OCELOT, "other.json": OCELOT})
    os.chmod(root / "ocelot.json", 0o444)
    r = run(root, "--fix")
    assert (root / "ocelot.json").read_text(encoding="utf-8") == OCELOT
    assert stat.S_IMODE(os.stat(root / "ocelot.json").st_mode) == 0o444
    assert (root / "other.json").read_text(encoding="utf-8") == OCELOT_FIXED
    assert "okla-lint: error: ocelot.json: not fixed: it is read-only" in r.stderr
    assert "fixed 5 findings in 1 file; 5 remain" in r.stderr
    assert r.exit_code == 2


def test_a_reordering_fix_renumbers_other_findings_without_being_refused(tmp_path):
    # HOST moves before URL in a flow sequence: k8s-schema's finding on `value: y` moves from
    # env[1] to env[2], which is neither a new finding nor the old one left behind
    text = DEPLOY.split("          env:")[0] + (
        "          env: [{name: URL, value: 'http://$(HOST)/'}, {name: X, value: y}, {name: HOST, value: h}]  # c\n")
    root = project(tmp_path, {"k8s/web.yaml": text})
    r = run(root, "--fix", "--select", "env-ref-before-definition,k8s-schema")
    assert (root / "k8s/web.yaml").read_text(encoding="utf-8") == text.replace(
        "[{name: URL, value: 'http://$(HOST)/'}, {name: X, value: y}, {name: HOST, value: h}]",
        "[{name: HOST, value: h}, {name: URL, value: 'http://$(HOST)/'}, {name: X, value: y}]")
    assert "fixed 1 finding in 1 file; 1 remains" in r.stderr
    assert "env[2].value" in r.stdout or "[k8s-schema]" in r.stdout


def test_fix_from_stdin_keeps_the_bom_and_line_endings(tmp_path):
    root = project(tmp_path, {})
    raw = b"\xef\xbb\xbf" + OCELOT.replace("\n", "\r\n").encode("utf-8")
    with chdir(root):
        r = CliRunner().invoke(cli, ["check", "--fix", "--stdin-filename", "ocelot.json"], input=raw)
    assert r.stdout_bytes == b"\xef\xbb\xbf" + OCELOT_FIXED.replace("\n", "\r\n").encode("utf-8")
    # nothing to fix: the input comes back byte for byte
    raw = b"\xef\xbb\xbf" + OCELOT_FIXED.replace("\n", "\r\n").encode("utf-8")
    with chdir(root):
        r = CliRunner().invoke(cli, ["check", "--fix", "--stdin-filename", "ocelot.json"], input=raw)
    assert r.stdout_bytes == raw


def test_a_file_that_does_not_parse_is_not_fixed(tmp_path):
    # as ruff: the first document's env could be reordered, but the file is rejected as a
    # whole (kubectl stops at the second document), and what it means is not known
    text = DEPLOY + "---\nkind: [\n"
    root = project(tmp_path, {"k8s/web.yaml": text})
    r = run(root, "--fix", "--select", "env-ref-before-definition,parse-error")
    assert (root / "k8s/web.yaml").read_text(encoding="utf-8") == text
    assert ("not fixed: k8s/web.yaml:18:34 [env-ref-before-definition]: the file does not parse "
            "(line 29, column 1): fix the syntax first") in r.stderr
    assert r.exit_code == 1


def test_fix_respects_ignore_suppressions_and_per_file_ignores(tmp_path):
    wf = ("on: pull_request_target\npermissions: {}\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n"
          "      # okla-lint: ignore[script-injection] reviewed\n      - run: echo ${{ github.head_ref }}\n"
          "      - run: echo ${{ github.head_ref }} # okla-lint: ignore[script-injection]\n")
    routes = ('{\n  "Routes": [\n    {"DownstreamPathTemplate": "/a", "DownstreamScheme": "htp", "DownstreamHostAndPorts": '
              '[{"Host": "a", "Port": 1}], "UpstreamPathTemplate": "/a"}, // c\n    {"DownstreamPathTemplate": "/b", '
              '"DownstreamScheme": "htp", "DownstreamHostAndPorts": [{"Host": "a", "Port": 1}], "UpstreamPathTemplate": "/b"}\n  ]\n}\n')
    cfg = "per-file-ignores:\n  ocelot.json: [json-comments]\n  'ocelot.json#/Routes/1': [ocelot-invalid-downstream-scheme]\n"
    root = project(tmp_path, {".github/workflows/w.yml": wf, "ocelot.json": routes, ".okla-lint.yaml": cfg, "k8s/web.yaml": DEPLOY})
    r = run(root, "--fix", "--unsafe-fixes", "--ignore", "env-ref-before-definition")
    assert (root / ".github/workflows/w.yml").read_text(encoding="utf-8") == wf  # suppressed
    assert (root / "k8s/web.yaml").read_text(encoding="utf-8").count("DB_USER") == DEPLOY.count("DB_USER")
    assert "'postgres://$(DB_USER)@db'\n            - name: OTHER" in (root / "k8s/web.yaml").read_text(encoding="utf-8")  # ignored
    # only the first route's scheme: the comment and the second route are ignored by the configuration
    assert (root / "ocelot.json").read_text(encoding="utf-8") == routes.replace('"htp"', '"http"', 1)
    assert r.exit_code in (0, 1)
    # a second run changes nothing
    r = run(root, "--fix", "--unsafe-fixes", "--ignore", "env-ref-before-definition")
    assert "fixed 0 findings in 0 files" in r.stderr
    # --no-ignores: the suppressed findings are fixed too
    run(root, "--fix", "--unsafe-fixes", "--no-ignores", "--select", "script-injection")
    assert (root / ".github/workflows/w.yml").read_text(encoding="utf-8").count('"${HEAD_REF}"') == 2


@pytest.mark.skipif(not (shutil.which("kubectl") or shutil.which("kustomize")), reason="renders the overlay")
@pytest.mark.slow(2)
def test_fix_applies_to_the_base_of_a_rendered_overlay(tmp_path):
    # the findings come from the rendered overlay (Deployment/prod-web) and are reported at
    # the base file, where the same finding linted without rendering carries its fix
    deploy = DEPLOY.replace("          startupProbe:", "          livenessProbe:")
    root = project(tmp_path, {
        "base/deploy.yaml": deploy,
        "base/kustomization.yaml": "resources: [deploy.yaml]\n",
        "overlays/prod/kustomization.yaml": "resources: [../../base]\nnamePrefix: prod-\n",
    })
    r = run(root, "--fix", "--select", "env-ref-before-definition,probe-field-rejected")
    fixed = (root / "base/deploy.yaml").read_text(encoding="utf-8")
    assert "scheme: HTTPS}" in fixed
    assert fixed.index("- name: DB_USER") < fixed.index("- name: URL")
    assert "fixed base/deploy.yaml: env-ref-before-definition, probe-field-rejected" in r.stderr
    assert r.exit_code == 0, r.stdout + r.stderr
    assert "fixed 0 findings" in run(root, "--fix", "--select", "env-ref-before-definition,probe-field-rejected").stderr
