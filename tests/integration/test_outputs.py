"""Output formats exercised for real: SARIF against the official schema, workflow
commands, the problem matcher on real (coloured) text output, JUnit XML, --output."""
from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET

import jsonschema
import pytest

from integration_util import DEPLOYMENT, SERVICE, WORKFLOW, run, run_process
from okla_lint.report.github import escape_data, escape_property
from okla_lint.report.matcher import matcher
from helpers import TESTS_DIR, write_files
import xml.dom.minidom

SCHEMA = json.loads((TESTS_DIR / "data" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))



@pytest.fixture
def project(tmp_path):
    (tmp_path / ".git").mkdir()
    write_files(tmp_path, {"k8s/web.yaml": DEPLOYMENT, "k8s/svc.yaml": SERVICE})
    return tmp_path


def sarif_of(stdout: str) -> dict:
    doc = json.loads(stdout)
    jsonschema.validate(doc, SCHEMA)
    return doc


def test_sarif_validates_and_points_exactly(project):
    code, out, err = run(["check", "--format", "sarif"], project)
    assert code == 1, err  # the exit contract is the same in every format
    doc = sarif_of(out)
    assert doc["version"] == "2.1.0"
    run_ = doc["runs"][0]
    rules = run_["tool"]["driver"]["rules"]
    ids = [r["id"] for r in rules]
    assert "env-ref-before-definition" in ids and "ocelot-unknown-key" in ids and "unused-suppression" in ids
    assert "networkpolicy-missing" not in ids  # advice: off by default
    for r in rules:
        assert r["shortDescription"]["text"] and r["fullDescription"]["text"]
        assert len(r["fullDescription"]["text"]) <= 1024
        assert r["help"]["text"] and r["help"]["markdown"]
        assert r["helpUri"].startswith("https://")
        assert r["defaultConfiguration"]["level"] in ("error", "warning", "note")
        assert r["properties"]["precision"] in ("very-high", "high", "medium", "low")
    res = [r for r in run_["results"] if r["ruleId"] == "env-ref-before-definition"]
    assert len(res) == 1
    r = res[0]
    assert ids[r["ruleIndex"]] == r["ruleId"]
    assert r["level"] == "error"
    loc = r["locations"][0]["physicalLocation"]
    assert loc["artifactLocation"] == {"uri": "k8s/web.yaml", "uriBaseId": "%SRCROOT%"}
    assert (loc["region"]["startLine"], loc["region"]["startColumn"]) == (17, 30)
    assert loc["region"]["endLine"] == 17 and loc["region"]["endColumn"] > 30
    h = r["partialFingerprints"]["primaryLocationLineHash"]
    assert re.fullmatch(r"[0-9a-f]{16}:1", h)


def test_sarif_security_rules_carry_security_severity(tmp_path):
    write_files(tmp_path, {".github/workflows/ci.yml": WORKFLOW})
    code, out, _ = run(["check", "--format", "sarif"], tmp_path)
    doc = sarif_of(out)
    for r in doc["runs"][0]["tool"]["driver"]["rules"]:
        if "security" in r["properties"]["tags"]:
            assert 0.1 <= float(r["properties"]["security-severity"]) <= 10.0


def test_sarif_clean_run_has_an_empty_results_array(tmp_path):
    write_files(tmp_path, {"svc.yaml": SERVICE.replace("{app: web}", "{app: x}")})
    code, out, _ = run(["check", "--format", "sarif", "--select", "env-ref-before-definition"], tmp_path)
    doc = sarif_of(out)
    assert code == 0
    assert doc["runs"][0]["results"] == []
    # parse-error is always on (a broken file is never passed silently)
    assert [r["id"] for r in doc["runs"][0]["tool"]["driver"]["rules"]] == ["env-ref-before-definition", "parse-error"]


def test_sarif_exit_code_follows_fail_on_like_every_format(project):
    assert run(["check", "--format", "sarif"], project)[0] == 1
    assert run(["check", "--format", "sarif", "--exit-zero"], project)[0] == 0
    assert run(["check", "--format", "sarif", "--fail-on", "never"], project)[0] == 0


def test_sarif_fingerprints_ignore_line_numbers(project):
    before = sarif_of(run(["check", "--format", "sarif"], project)[1])
    (project / "k8s/web.yaml").write_text("# a comment that moves everything down\n\n" + DEPLOYMENT)
    after = sarif_of(run(["check", "--format", "sarif"], project)[1])

    def prints(doc):
        return {(r["ruleId"], r["partialFingerprints"]["primaryLocationLineHash"]): r["locations"][0]["physicalLocation"]["region"]["startLine"]
                for r in doc["runs"][0]["results"]}

    b, a = prints(before), prints(after)
    assert b.keys() == a.keys() and b
    assert all(a[k] == b[k] + 2 for k in b)


def test_sarif_related_locations(tmp_path):
    # a cross-file finding: the Service's named targetPort is missing from the pods
    svc = SERVICE.replace("    - port: 80\n", "    - port: 80\n      targetPort: http\n")
    write_files(tmp_path, {"web.yaml": DEPLOYMENT, "svc.yaml": svc})
    code, out, _ = run(["check", "--format", "sarif", "--select", "service-target-port-missing"], tmp_path)
    doc = sarif_of(out)
    results = doc["runs"][0]["results"]
    assert results, "expected a service-target-port-missing finding"
    rel = [r for r in results if r.get("relatedLocations")]
    for r in rel:
        for loc in r["relatedLocations"]:
            assert loc["physicalLocation"]["region"]["startLine"] >= 1
            assert loc["message"]["text"]


def test_github_format_escapes_and_groups(project):
    code, out, _ = run(["check", "--format", "github"], project)
    assert code == 1
    lines = out.splitlines()
    assert lines[0] == "::group::k8s/web.yaml" and lines[-1] == "::endgroup::"
    err = [l for l in lines if "title=env-ref-before-definition" in l]
    assert len(err) == 1
    assert err[0].startswith("::error file=k8s/web.yaml,line=17,endLine=17,col=30,endColumn=")
    data = err[0].split("::", 2)[2]
    assert "%0A" not in data and "::" not in data


def test_github_format_is_chosen_on_actions(project):
    code, out, _ = run(["check"], project, env={"GITHUB_ACTIONS": "true"})
    assert out.startswith("::group::")
    # not when the user asked for a file or a format
    out_file = project / "report.txt"
    code, out, _ = run(["check", "-o", str(out_file)], project, env={"GITHUB_ACTIONS": "true"})
    assert out == "" and "\nk8s/web.yaml:17:30: error:" in "\n" + out_file.read_text()
    code, out, _ = run(["check", "--format", "text"], project, env={"GITHUB_ACTIONS": "true"})
    assert out.startswith("k8s/web.yaml:")


def test_toolkit_escaping():
    assert escape_data("50% done\r\nnext") == "50%25 done%0D%0Anext"
    assert escape_property("a:b,c%\n") == "a%3Ab%2Cc%25%0A"


def test_github_columns_only_on_single_line_spans():
    from okla_lint.core.finding import Finding
    from okla_lint.report.github import command

    multi = Finding("r", "warning", "a, b.yaml", 3, 5, 6, 2, "two\nlines")
    cmd = command(multi)
    assert cmd == "::warning file=a%2C b.yaml,line=3,endLine=6,title=r::two%0Alines"
    info = Finding("r", "info", "x.yaml", 1, 2, 1, 4, "m")
    assert command(info) == "::notice file=x.yaml,line=1,endLine=1,col=2,endColumn=4,title=r::m"


@pytest.mark.parametrize("colour", [False, True])
def test_problem_matcher_regex_matches_real_output(project, colour):
    code, out, _ = run(["problem-matcher"], project)
    doc = json.loads(out)
    assert doc == matcher()
    m = doc["problemMatcher"][0]
    assert m["owner"] == "okla-lint"
    pat = m["pattern"][0]
    env = {"FORCE_COLOR": "1"} if colour else {"NO_COLOR": "1"}
    code, text, _ = run_process(["check", "--format", "text"], project, env=env)
    assert code == 1
    assert ("\x1b[" in text) == colour
    lines = text.splitlines()
    assert lines
    rx = re.compile(pat["regexp"])
    for line in lines:
        mm = rx.match(line)
        assert mm, line
        assert mm.group(pat["file"]).startswith("k8s/")
        assert "\x1b" not in mm.group(pat["file"]) + mm.group(pat["message"]) + mm.group(pat["code"])
        assert mm.group(pat["severity"]) in ("error", "warning", None)
        assert (mm.group(pat["severity"]) is None) == (": info: " in re.sub(r"\x1b\[[0-9;]*m", "", line))
    first = rx.match(lines[0])
    assert (first.group(pat["line"]), first.group(pat["column"])) == ("17", "30") or any(
        rx.match(l).group(pat["code"]) == "env-ref-before-definition" and rx.match(l).group(pat["line"]) == "17" for l in lines)


def test_colour_off_when_not_a_terminal_and_no_color_wins(project):
    code, out, _ = run_process(["check"], project)
    assert "\x1b[" not in out
    code, out, _ = run_process(["check", "--color", "always"], project, env={"NO_COLOR": "1"})
    assert "\x1b[" in out
    code, out, _ = run_process(["check"], project, env={"NO_COLOR": "1", "FORCE_COLOR": "1"})
    assert "\x1b[" not in out


def test_junit_is_well_formed(project):
    code, out, _ = run(["check", "--format", "junit"], project)
    root = ET.fromstring(out)
    assert root.tag == "testsuites"
    fails = root.findall(".//failure")
    assert int(root.get("failures")) == len(fails) >= 1
    clean = run(["check", "--format", "junit", "--select", "parse-error"], project)[1]
    assert ET.fromstring(clean).get("failures") == "0"


def test_output_file_quiet_and_statistics(project):
    target = project / "out" 
    target.mkdir()
    code, out, err = run(["check", "--format", "json", "-o", "out/report.json", "-q"], project)
    assert code == 1 and out == "" and err == ""
    data = json.loads((target / "report.json").read_text())
    assert any(f["rule"] == "env-ref-before-definition" for f in data["findings"])
    assert not [p for p in target.iterdir() if p.name != "report.json"]  # no temporary left over
    code, out, err = run(["check", "--statistics"], project)
    assert re.search(r"^\s+1\s+env-ref-before-definition\s+error\s", out, re.M)
    code, out, err = run(["check", "--statistics", "--format", "json"], project)
    assert json.loads(out)["findings"] and "env-ref-before-definition" in err


def test_json_format_stays_stable(project):
    code, out, _ = run(["check", "--format", "json"], project)
    doc = json.loads(out)
    assert set(doc) >= {"version", "tool", "findings", "summary"}
    f = next(f for f in doc["findings"] if f["rule"] == "env-ref-before-definition")
    assert set(f) >= {"rule", "severity", "path", "line", "column", "end_line", "end_column", "message"}
    assert (f["path"], f["line"], f["column"]) == ("k8s/web.yaml", 17, 30)


def test_stdin_with_filename(tmp_path):
    (tmp_path / ".git").mkdir()
    code, out, _ = run(["check", "--format", "json", "--stdin-filename", "deploy/web.yaml", "-"], tmp_path, input=DEPLOYMENT)
    assert code == 1
    assert "deploy/web.yaml:17:30" in [f"{f['path']}:{f['line']}:{f['column']}" for f in json.loads(out)["findings"]]
    # workflows are recognised from the name given
    code, out, _ = run(["check", "--format", "json", "--stdin-filename", ".github/workflows/ci.yml"], tmp_path, input=WORKFLOW)
    assert any(f["rule"] == "script-injection" and f["path"] == ".github/workflows/ci.yml" for f in json.loads(out)["findings"])


def test_stdin_buffer_replaces_the_file_on_disk(tmp_path):
    # the saved file has the bug, the editor buffer has it fixed: only the buffer counts
    (tmp_path / ".git").mkdir()
    write_files(tmp_path, {"web.yaml": DEPLOYMENT, "svc.yaml": SERVICE})
    fixed = DEPLOYMENT.replace('"http://$(HOST)/"', '"http://example.org/"')
    code, out, _ = run(["check", "--format", "json", "--stdin-filename", "web.yaml"], tmp_path, input=fixed)
    assert [f for f in json.loads(out)["findings"] if f["rule"] == "env-ref-before-definition"] == []
    assert all(f["path"] == "web.yaml" for f in json.loads(out)["findings"])


def test_progress_never_reaches_stdout(tmp_path):
    from okla_lint.progress import Progress
    import io

    buf = io.StringIO()
    p = Progress(buf, threshold=3, interval=0)
    for i in range(10):
        p(i, 10)
    p(10, 10)
    assert "reading files" in buf.getvalue() and buf.getvalue().endswith("\r\x1b[2K")
    quiet = io.StringIO()
    small = Progress(quiet, threshold=300, interval=0)
    small(1, 10)
    assert quiet.getvalue() == ""


def test_documented_snippets_match_the_tool():
    """docs/integrations.md: the VS Code matcher is the one the tool prints, and the
    configuration example in docs/configuration.md is valid."""
    from integration_util import ROOT

    doc = (ROOT / "docs" / "integrations.md").read_text(encoding="utf-8")
    block = doc.split("```json\n", 1)[1].split("```", 1)[0]
    tasks = json.loads(block)
    pm = tasks["tasks"][0]["problemMatcher"]
    assert pm["pattern"]["regexp"] == matcher()["problemMatcher"][0]["pattern"][0]["regexp"]
    assert "uses: github/codeql-action/upload-sarif@v3" in doc


def test_documented_configuration_is_valid(tmp_path):
    from integration_util import ROOT

    doc = (ROOT / "docs" / "configuration.md").read_text(encoding="utf-8")
    yaml_block = doc.split("```yaml\n# .okla-lint.yaml\n", 1)[1].split("```", 1)[0]
    toml_block = doc.split("```toml\n", 1)[1].split("```", 1)[0]
    (tmp_path / ".git").mkdir()
    (tmp_path / ".okla-lint.yaml").write_text(yaml_block)
    code, out, err = run(["config", "--show"], tmp_path)
    assert code == 0, err
    (tmp_path / ".okla-lint.yaml").unlink()
    (tmp_path / "pyproject.toml").write_text(toml_block)
    code, out, err = run(["config", "--show"], tmp_path)
    assert code == 0, err
    assert "min-seconds: 120" in out


def test_stdin_without_a_name_and_exclude_flag(tmp_path):
    code, out, _ = run(["check", "--format", "json", "-"], tmp_path, input="a: 1\na: 2\n")
    assert [(f["rule"], f["path"], f["line"]) for f in json.loads(out)["findings"]] == [("duplicate-key", "stdin", 2)]
    write_files(tmp_path, {"keep/a.yaml": "a: 1\na: 2\n", "skip/b.yaml": "a: 1\na: 2\n"})
    code, out, _ = run(["check", "--format", "json", "--exclude", "skip/"], tmp_path)
    assert sorted({f["path"] for f in json.loads(out)["findings"]}) == ["keep/a.yaml"]
    assert run(["check", "--stdin-filename", "x.yaml", "keep"], tmp_path)[0] == 2


def test_engine_reports_progress_while_reading(tmp_path):
    from okla_lint.core.engine import Engine
    from okla_lint.core.settings import Settings
    from helpers import chdir

    write_files(tmp_path, {f"f{i}.yaml": "a: 1\n" for i in range(5)})
    seen = []
    eng = Engine(Settings())
    eng.progress = lambda done, total: seen.append((done, total))
    with chdir(tmp_path):
        eng.run_paths(["."])
    assert seen[0] == (0, 5) and seen[-1] == (5, 5)


# -- merged from tests/test_review_ux_reports.py: Review (user experience): what the linted files contain never reaches a terminal, a CI log or an XML parser as raw control characters.

# a Pod whose name sets the terminal's title and clears the screen, a container name
# with a newline (which would split a finding into two lines for a problem matcher); the
# image is a real one without a tag (an image holding control characters is no image
# reference, which image-mutable-tag leaves alone: the kubelet refuses it, InvalidImageName)
HOSTILE = """apiVersion: v1
kind: Pod
metadata: {name: "x\\e[2J\\e]0;pwned\\a"}
spec:
  containers:
    - name: "a\\nb"
      image: "nginx"
"""


@pytest.mark.parametrize("fmt", ["text", "github", "junit"])
def test_control_characters_of_the_input_are_escaped_in_every_human_facing_format(tmp_path, fmt):
    write_files(tmp_path, {"pod.yaml": HOSTILE})
    code, out, _ = run(["check", "--isolated", "--select", "bare-pod,image-mutable-tag", "--format", fmt,
                        "--color", "never", "."], tmp_path)
    assert code == 1
    assert "\x1b" not in out and "\x07" not in out
    assert "x\\x1b[2J\\x1b]0;pwned\\x07" in out
    if fmt == "text":
        lines = out.splitlines()
        assert len(lines) == 2 and all(ln.startswith("pod.yaml:") for ln in lines)
    if fmt == "junit":
        xml.dom.minidom.parseString(out.encode("utf-8"))  # well-formed XML 1.0


def test_colour_codes_of_the_text_format_itself_survive(tmp_path):
    write_files(tmp_path, {"pod.yaml": HOSTILE})
    code, out, _ = run(["check", "--isolated", "--select", "bare-pod", "--color", "always", "."], tmp_path)
    assert out.startswith("\x1b[1mpod.yaml:2:7\x1b[0m: \x1b[36minfo\x1b[0m: ")
    assert "pwned\\x07" in out and "\x07" not in out


@pytest.mark.parametrize("colour", [False, True])
def test_problem_matcher_leaves_the_fixable_marker_out_of_the_message(tmp_path, colour):
    # `message [*] [rule]` (a finding --fix would fix): the current matcher gives the
    # message without the marker; a matcher copied before the marker existed still matches
    (tmp_path / ".git").mkdir()
    write_files(tmp_path, {"ocelot.json": '{\n  // routes\n  "Routes": []\n}\n'})
    env = {"FORCE_COLOR": "1"} if colour else {"NO_COLOR": "1"}
    code, text, _ = run_process(["check", "--select", "json-comments"], tmp_path, env=env)
    assert code == 1
    (line,) = text.splitlines()
    assert re.sub(r"\x1b\[[0-9;]*m", "", line).endswith(" [*] [json-comments]")
    pat = matcher()["problemMatcher"][0]["pattern"][0]
    mm = re.match(pat["regexp"], line)
    assert mm and (mm.group(pat["line"]), mm.group(pat["column"]), mm.group(pat["code"])) == ("2", "3", "json-comments")
    assert not mm.group(pat["message"]).endswith("[*]") and "\x1b" not in mm.group(pat["message"])
    old = pat["regexp"].replace(r"(.*?)(?: \[\*\])? \[", r"(.*) \[")
    assert old != pat["regexp"] and re.match(old, line).group(6) == "json-comments"
