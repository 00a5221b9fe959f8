"""Issue 14: the language server's project model without the protocol: one file re-linted
from the in-memory cache of the rest of the project, the same findings as the command
line, a broken configuration reported and survived, and the suppression code action on
every shape of YAML (block scalar, flow style, an existing directive, CRLF)."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from integration_util import DEPLOYMENT, HPA, SERVICE, run
from helpers import write_files
from okla_lint.core.finding import Finding
from okla_lint.server import actions as A
from okla_lint.server.project import Project, parse_text



@pytest.fixture
def repo(tmp_path):
    (tmp_path / ".git").mkdir()
    files = {"k8s/web.yaml": DEPLOYMENT, "k8s/svc.yaml": SERVICE, "k8s/hpa.yaml": HPA}
    for i in range(5):
        files[f"k8s/other{i}.yaml"] = SERVICE.replace("name: web", f"name: other{i}")
    write_files(tmp_path, files)
    return tmp_path


def _cli(repo: Path, rel: str) -> list[tuple]:
    _, out, _ = run(["check", "--format", "json", rel], repo)
    return [(f["rule"], f["line"], f["column"]) for f in json.loads(out)["findings"]]


def test_one_file_is_relinted_from_the_cache_of_the_rest(repo):
    proj = Project(repo)
    first = proj.lint(repo / "k8s/web.yaml")
    parsed = proj.parses
    assert parsed == 7  # every other file of the project, once
    assert [(f.rule, f.line, f.col) for f in first.findings] == _cli(repo, "k8s/web.yaml")
    # typing in the open buffer: nothing else is read again
    proj.open(repo / "k8s/web.yaml", DEPLOYMENT.replace('"http://$(HOST)/"', '"http://example.org/"'))
    again = proj.lint(repo / "k8s/web.yaml")
    assert proj.parses == parsed
    assert "env-ref-before-definition" not in [f.rule for f in again.findings]
    # the HPA (another open file) sees the Deployment from memory; one file changed on
    # disk is read again, and only that one
    hpa = proj.lint(repo / "k8s/hpa.yaml")
    assert "hpa-target-missing" not in [f.rule for f in hpa.findings]
    write_files(repo, {"k8s/svc.yaml": SERVICE.replace("port: 80", "port: 8080")})
    proj.files_changed([repo / "k8s/svc.yaml"])
    proj.lint(repo / "k8s/hpa.yaml")
    assert proj.parses == parsed + 1


def test_cross_file_findings_follow_the_buffers_of_other_files(repo):
    proj = Project(repo)
    assert "hpa-target-missing" not in [f.rule for f in proj.lint(repo / "k8s/hpa.yaml").findings]
    proj.open(repo / "k8s/web.yaml", DEPLOYMENT.replace("name: web\n", "name: renamed\n", 1))
    assert "hpa-target-missing" in [f.rule for f in proj.lint(repo / "k8s/hpa.yaml").findings]


@pytest.mark.parametrize("name, text, where", [
    (".okla-lint.yaml", "ignore: [nope-rule]\n", (1, 10)),
    ("pyproject.toml", "[tool.okla-lint\nignore = []\n", (1, 16)),
])
def test_a_broken_configuration_is_reported_and_the_last_good_settings_stay(repo, name, text, where):
    write_files(repo, {".okla-lint.yaml": "ignore: [env-ref-before-definition]\n"})
    proj = Project(repo)
    assert proj.config_problems == []
    assert "env-ref-before-definition" not in [f.rule for f in proj.lint(repo / "k8s/web.yaml").findings]
    if name == "pyproject.toml":
        (repo / ".okla-lint.yaml").unlink()
    write_files(repo, {name: text})
    proj.load_config()
    (p,) = proj.config_problems
    assert p.path == (repo / name).resolve() and (p.line, p.col) == where
    # never raised; the settings in force are the last good ones
    assert "env-ref-before-definition" not in [f.rule for f in proj.lint(repo / "k8s/web.yaml").findings]


def _suppress(tmp_path: Path, rel: str, text: str, rule: str, line: int, col: int):
    path = tmp_path / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, newline="")
    unit = parse_text(path, rel, text)
    act = A.suppress_action(unit, Finding(rule, "error", rel, line, col, line, col + 1, "m"))
    if act is None:
        return None, None
    (e,) = act.edits
    return act.title, text[: e.start] + e.text + text[e.end :]


def test_suppress_at_the_end_of_the_line(tmp_path):
    title, new = _suppress(tmp_path, "k8s/web.yaml", DEPLOYMENT, "env-ref-before-definition", 17, 30)
    assert title == "Suppress env-ref-before-definition on this line"
    assert new.splitlines()[16] == '              value: "http://$(HOST)/"  # okla-lint: ignore[env-ref-before-definition]'


def test_suppress_joins_an_existing_directive(tmp_path):
    text = DEPLOYMENT.replace('"http://$(HOST)/"', '"http://$(HOST)/"  # okla-lint: ignore[image-mutable-tag] why')
    _, new = _suppress(tmp_path, "k8s/web.yaml", text, "env-ref-before-definition", 17, 30)
    assert new.splitlines()[16].endswith("# okla-lint: ignore[image-mutable-tag, env-ref-before-definition] why")


def test_suppress_keeps_crlf(tmp_path):
    text = DEPLOYMENT.replace("\n", "\r\n")
    _, new = _suppress(tmp_path, "k8s/web.yaml", text, "env-ref-before-definition", 17, 30)
    assert new.split("\r\n")[16].endswith("# okla-lint: ignore[env-ref-before-definition]")
    assert "\n" not in new.replace("\r\n", "")


def test_suppress_inside_a_run_script_goes_on_the_block_header(tmp_path):
    wf = ("on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: |\n"
          "          echo start\n          echo \"${{ github.event.issue.title }}\"\n")
    title, new = _suppress(tmp_path, ".github/workflows/ci.yml", wf, "script-injection", 8, 19)
    assert title == "Suppress script-injection for this script (block)"
    assert new.splitlines()[5] == "      - run: |  # okla-lint: ignore[script-injection]"
    assert new.splitlines()[7] == wf.splitlines()[7]  # the script itself is untouched


def test_suppress_in_a_multi_line_flow_value_goes_above(tmp_path):
    text = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x,\n  labels: {a: b}}\ndata: {}\n"
    # a comment after `{name: x,` is legal YAML; one after the closing line works too
    title, new = _suppress(tmp_path, "k8s/cm.yaml", text, "k8s-schema", 4, 3)
    assert title is not None
    assert "# okla-lint: ignore[k8s-schema]" in new


def test_no_suppression_for_json(tmp_path):
    title, _ = _suppress(tmp_path, "ocelot.json", '{"Routes": []}\n', "ocelot-empty", 1, 2)
    assert title is None


def test_readme_editor_setups_start_the_server():
    import re
    import tomllib

    from integration_util import ROOT

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    vscode = json.loads(re.search(r"```json\n(\{\n  \"glspc[^`]*)```", readme).group(1))
    assert vscode["glspc.server.command"] == "okla-lint" and vscode["glspc.server.commandArguments"] == ["server"]
    assert {"yaml", "json"} <= set(vscode["glspc.server.languageId"])
    helix = tomllib.loads(re.search(r"```toml\n(\[language-server\.okla-lint\][^`]*)```", readme).group(1))
    assert helix["language-server"]["okla-lint"] == {"command": "okla-lint", "args": ["server"]}
    assert all("okla-lint" in lang["language-servers"] for lang in helix["language"])
    lua = re.search(r"```lua\n([^`]*)```", readme).group(1)
    assert 'cmd = { "okla-lint", "server" }' in lua and "vim.lsp.start" in lua


def test_a_new_unsaved_file_is_part_of_the_model(repo):
    proj = Project(repo)
    (repo / "k8s/web.yaml").unlink()
    proj.files_changed([repo / "k8s/web.yaml"], created_or_deleted=True)
    assert "hpa-target-missing" in [f.rule for f in proj.lint(repo / "k8s/hpa.yaml").findings]
    proj.open(repo / "k8s/new.yaml", DEPLOYMENT)  # a new file, not on disk yet
    assert "hpa-target-missing" not in [f.rule for f in proj.lint(repo / "k8s/hpa.yaml").findings]
    write_files(repo, {"k8s/new.yaml": DEPLOYMENT})
    proj.close(repo / "k8s/new.yaml")
    proj.files_changed([repo / "k8s/new.yaml"])  # saved: discovery learns of it
    assert "hpa-target-missing" not in [f.rule for f in proj.lint(repo / "k8s/hpa.yaml").findings]


ROUTES = """\
{
  "Routes": [
    {
      "UpstreamPathTemplate": "/a/{x}",
      // why
      "DownstreamScheme": "http"
    },
    {
      "Key": "b",
      "UpstreamPathTemplate": "/b",
      "DownstreamScheme": "http" // note
    }
  ]
}
"""


def _ignore(repo: Path, config: str | None, line: int, col: int):
    from okla_lint.core.catalogue import load_catalogue

    write_files(repo, {"gateway/ocelot.json": ROUTES})
    cfg = None
    if config is not None:
        name = "pyproject.toml" if config.startswith("[") else ".okla-lint.yaml"
        write_files(repo, {name: config})
        cfg = repo / name
    unit = parse_text(repo / "gateway/ocelot.json", "gateway/ocelot.json", ROUTES)
    ce = A.ignore_in_config(unit, Finding("json-comments", "error", "gateway/ocelot.json", line, col, line, col + 1, "m"),
                            None, load_catalogue(), cfg, repo)
    if ce is None:
        return None, None
    text = "" if ce.create else ce.path.read_text()
    (e,) = ce.edits
    return ce.title, text[: e.start] + e.text + text[e.end :]


def test_ignore_a_json_finding_by_route_in_the_configuration(repo):
    title, new = _ignore(repo, None, 5, 7)
    assert title == "Ignore json-comments for route=/a/{x} in .okla-lint.yaml (per-file-ignores)"
    assert new == 'per-file-ignores:\n  "gateway/ocelot.json#route=/a/{x}": [json-comments]\n'
    # a route with a Key is named by it; an existing block keeps its indentation
    title, new = _ignore(repo, "fail-on: error\nper-file-ignores:\n    'x.yaml': [k8s-schema]\n", 11, 34)
    assert title.startswith("Ignore json-comments for route=b")
    assert new == ("fail-on: error\nper-file-ignores:\n    \"gateway/ocelot.json#route=b\": [json-comments]\n"
                   "    'x.yaml': [k8s-schema]\n")


def test_no_config_edit_where_it_cannot_be_made_safely(repo):
    assert _ignore(repo, '[tool.okla-lint]\nfail-on = "error"\n', 5, 7) == (None, None)  # TOML: by hand
    assert _ignore(repo, "per-file-ignores: {'x.yaml': [k8s-schema]}\n", 5, 7) == (None, None)  # flow style
    assert _ignore(repo, "ignore: [no-such-rule]\n", 5, 7) == (None, None)  # a broken configuration


def test_excluded_and_vendored_files_get_no_diagnostics(repo):
    write_files(repo, {".okla-lint.yaml": "exclude: [legacy/**]\n", "legacy/web.yaml": DEPLOYMENT,
                       "node_modules/x/web.yaml": DEPLOYMENT, "other/web.yaml": DEPLOYMENT})
    proj = Project(repo)
    assert proj.lint(repo / "legacy/web.yaml").findings == []
    assert proj.lint(repo / "node_modules/x/web.yaml").findings == []
    assert "env-ref-before-definition" in [f.rule for f in proj.lint(repo / "other/web.yaml").findings]
