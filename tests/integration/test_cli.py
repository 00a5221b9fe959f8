"""Review: adversarial variants of the CLI integrations (report files, standard input from
an editor started in a subfolder)."""
from __future__ import annotations

import json

from integration_util import DEPLOYMENT, SERVICE, findings, run, run_process
import pytest
from helpers import ROOT_DIR, write_files

OCELOT = json.dumps(
    {
        "Routes": [
            {
                "UpstreamPathTemplate": "/a",
                "DownstreamPathTemplate": "/a",
                "DownstreamScheme": "http",
                "DownstreamHostAndPorts": [{"Host": "wbe", "Port": 80}],
            }
        ]
    },
    indent=2,
)
# the Host value "wbe" is at 9:19


def test_output_into_a_missing_folder_is_created(tmp_path):
    write_files(tmp_path, {"web.yaml": DEPLOYMENT})
    code, out, err = run(["check", "--format", "json", "-o", "reports/okla.json", "."], tmp_path)
    assert code == 1 and out == ""
    assert findings((tmp_path / "reports" / "okla.json").read_text())
    code, _, _ = run(["check", "--write-baseline", "base/line.json", "."], tmp_path)
    assert code == 0 and (tmp_path / "base" / "line.json").is_file()


def test_output_that_cannot_be_written_exits_2_without_a_traceback(tmp_path):
    write_files(tmp_path, {"web.yaml": DEPLOYMENT, "afile": "x"})
    code, _, err = run_process(["check", "-o", "afile/out.txt", "."], tmp_path)
    assert code == 2 and "Traceback" not in err and "--output" in err
    code, _, err = run_process(["check", "--write-baseline", "afile/b.json", "."], tmp_path)
    assert code == 2 and "Traceback" not in err and "--write-baseline" in err


def test_stdin_from_a_subfolder_still_sees_the_project(tmp_path):
    # an editor whose working directory is the gateway's folder: the Services are further up
    (tmp_path / ".git").mkdir()
    write_files(tmp_path, {"k8s/web.yaml": DEPLOYMENT + "---\n" + SERVICE, "gw/ocelot.json": OCELOT})
    code, out, _ = run(
        ["check", "--format", "json", "--select", "gateway-route-no-service", "--stdin-filename", "ocelot.json"],
        tmp_path / "gw",
        input=OCELOT,
    )
    assert code == 1
    assert [(f["rule"], f["path"], f["line"], f["column"]) for f in findings(out)] == [
        ("gateway-route-no-service", "ocelot.json", 9, 19)
    ]
    # and the project's configuration applies, its globs relative to the project root
    write_files(tmp_path, {".okla-lint.yaml": 'per-file-ignores:\n  "gw/*.json": [gateway-route-no-service]\n'})
    code, out, _ = run(
        ["check", "--format", "json", "--select", "gateway-route-no-service", "--stdin-filename", "ocelot.json"],
        tmp_path / "gw",
        input=OCELOT,
    )
    assert code == 0 and findings(out) == []


def test_command_line_extend_select_wins_over_the_files_ignore(tmp_path):
    write_files(tmp_path, {
        "web.yaml": DEPLOYMENT,
        ".okla-lint.yaml": "ignore: [env-ref-before-definition]\n",
    })
    code, out, _ = run(["check", "--format", "json", "."], tmp_path)
    assert [f for f in findings(out) if f["rule"] == "env-ref-before-definition"] == []
    code, out, _ = run(["check", "--format", "json", "--extend-select", "env-ref-before-definition", "."], tmp_path)
    assert [f["line"] for f in findings(out) if f["rule"] == "env-ref-before-definition"] == [17]
    # and --ignore on the command line still wins over both
    code, out, _ = run(["check", "--format", "json", "--extend-select", "env-ref-before-definition",
                        "--ignore", "env-ref-before-definition", "."], tmp_path)
    assert [f for f in findings(out) if f["rule"] == "env-ref-before-definition"] == []
    code, _, err = run(["check", "--extend-select", "no-such-rule", "."], tmp_path)
    assert code == 2 and "no-such-rule" in err


def test_stdin_buffer_of_an_excluded_file_is_excluded_like_the_file(tmp_path):
    (tmp_path / ".git").mkdir()
    write_files(tmp_path, {".okla-lint.yaml": 'exclude: ["vendor/**"]\n', "vendor/web.yaml": DEPLOYMENT})
    code, out, _ = run(["check", "--format", "json", "vendor/web.yaml"], tmp_path)
    assert code == 0 and findings(out) == []
    code, out, _ = run(["check", "--format", "json", "--stdin-filename", "vendor/web.yaml"], tmp_path, input=DEPLOYMENT)
    assert code == 0 and findings(out) == []
    code, out, _ = run(["check", "--format", "json", "--stdin-filename", "web.yaml"], tmp_path, input=DEPLOYMENT)
    assert code == 1 and findings(out)


def test_config_error_points_at_the_bad_id_inside_a_comma_separated_string(tmp_path):
    write_files(tmp_path, {
        "web.yaml": DEPLOYMENT,
        ".okla-lint.yaml": 'select: env-ref-before-definition, bogus-rule\nper-file-ignores:\n  "x": "json-comments,json-coment"\n',
    })
    code, out, err = run(["check", "."], tmp_path)
    assert code == 2 and out == ""
    lines = err.strip().splitlines()
    assert lines[0].startswith(".okla-lint.yaml:1:36: error: `select`: unknown rule or group 'bogus-rule'")
    assert lines[1].startswith(".okla-lint.yaml:3:23: error: `per-file-ignores`: unknown rule or group 'json-coment'")


WORKFLOW_INJECTION = (
    "name: x\non: issues\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n"
    "      - run: echo \"${{ github.event.issue.title }}\"\n"
)


def test_globs_written_with_a_leading_dot_slash(tmp_path):
    (tmp_path / ".git").mkdir()
    write_files(tmp_path, {
        "vendor/web.yaml": DEPLOYMENT,
        ".github/workflows/ci.yml": WORKFLOW_INJECTION,
        ".okla-lint.yaml": (
            'exclude: ["./vendor/**"]\n'
            'per-file-ignores:\n  "./.github/workflows/ci.yml": [script-injection]\n'
        ),
    })
    code, out, _ = run(["check", "--format", "json", "--select", "script-injection,env-ref-before-definition", "."], tmp_path)
    assert findings(out) == [] and code == 0
    # the file named explicitly (pre-commit) is excluded too
    code, out, _ = run(["check", "--format", "json", "--select", "env-ref-before-definition", "vendor/web.yaml"], tmp_path)
    assert findings(out) == []
    # and --exclude on the command line
    write_files(tmp_path, {".okla-lint.yaml": "{}\n"})
    code, out, _ = run(["check", "--format", "json", "--select", "env-ref-before-definition", "--exclude", "./vendor", "."], tmp_path)
    assert findings(out) == []


def test_exclude_double_star_slash_also_matches_no_folder(tmp_path):
    (tmp_path / ".git").mkdir()
    write_files(tmp_path, {
        "k8s/web.yaml": DEPLOYMENT,
        "k8s/sub/web.yaml": DEPLOYMENT,
        ".okla-lint.yaml": 'exclude: ["k8s/**/*.yaml"]\n',
    })
    code, out, _ = run(["check", "--format", "json", "--select", "env-ref-before-definition", "."], tmp_path)
    assert findings(out) == [] and code == 0
    code, out, _ = run(["check", "--format", "json", "--select", "env-ref-before-definition", "k8s/web.yaml"], tmp_path)
    assert findings(out) == []


def test_a_file_named_from_a_subfolder_still_gets_its_project_as_context(tmp_path):
    (tmp_path / ".git").mkdir()
    write_files(tmp_path, {"k8s/web.yaml": DEPLOYMENT + "---\n" + SERVICE, "gw/ocelot.json": OCELOT})
    code, out, _ = run(["check", "--format", "json", "--select", "gateway-route-no-service", "ocelot.json"], tmp_path / "gw")
    assert [(f["rule"], f["path"], f["line"], f["column"]) for f in findings(out)] == [
        ("gateway-route-no-service", "ocelot.json", 9, 19)
    ]
    code, out, _ = run(["check", "--format", "json", "--select", "gateway-route-no-service", "--no-project-context", "ocelot.json"], tmp_path / "gw")
    assert findings(out) == []


# -- merged from tests/test_review_ux_cli.py: Review (user experience): help texts, unknown rule ids on the command line, and crashes, as a new user meets them.

def test_top_level_help_lists_every_command_without_truncation(tmp_path):
    code, out, _ = run(["--help"], tmp_path)
    assert code == 0
    commands = out.split("Commands:")[1]
    assert "..." not in commands  # click cuts long first sentences with "..."
    for cmd in ("check", "config", "explain", "problem-matcher", "rules"):
        assert f"  {cmd} " in out


def test_problem_matcher_help_keeps_the_workflow_command_whole(tmp_path):
    code, out, _ = run(["problem-matcher", "--help"], tmp_path)
    assert code == 0 and "::add-matcher::" in out and "add-\n" not in out


@pytest.mark.parametrize("given,suggested", [("env-ref", "env-ref-before-definition"),
                                             ("startup-budget", "startup-probe-budget"),
                                             ("json-coments", "json-comments")])
def test_explain_an_unknown_rule_suggests_the_closest_ids(tmp_path, given, suggested):
    code, out, err = run(["explain", given], tmp_path)
    assert code == 2 and out == ""
    assert f"did you mean '{suggested}'" in err and "okla-lint rules --all" in err


def test_explain_ignores_letter_case(tmp_path):
    code, out, _ = run(["explain", "JSON-Comments"], tmp_path)
    assert code == 0 and out.startswith("json-comments (error")


@pytest.mark.parametrize("option", ["--select", "--extend-select", "--ignore"])
def test_unknown_rule_on_the_command_line_names_the_flag_and_suggests(tmp_path, option):
    write_files(tmp_path, {"web.yaml": DEPLOYMENT})
    code, out, err = run(["check", option, "kubernets", "."], tmp_path)
    assert code == 2 and out == ""
    assert err.startswith(f"okla-lint: error: {option}: unknown rule or group 'kubernets'")
    assert "did you mean 'kubernetes'" in err and "`okla-lint rules --all`" in err
    code, _, err = run(["check", option, "kubernetes,probe-*,security", "."], tmp_path)
    assert code in (0, 1) and "unknown rule" not in err


def test_an_unexpected_crash_exits_2_with_one_line_not_a_traceback(monkeypatch, capsys):
    # a symlink loop named on the command line used to end in a RuntimeError traceback
    # with exit code 1, which CI reads as "findings"; any bug must exit 2 instead
    from okla_lint import cli as C

    def boom(*a, **k):
        raise RuntimeError("Symlink loop from '/tmp/a.yaml'")

    monkeypatch.setattr(C, "cli", boom)
    monkeypatch.delenv("OKLA_LINT_TRACEBACK", raising=False)
    with pytest.raises(SystemExit) as exc:
        C.main()
    err = capsys.readouterr().err
    assert exc.value.code == 2 and "Traceback" not in err
    assert err.startswith("okla-lint: internal error: RuntimeError: Symlink loop")
    assert "OKLA_LINT_TRACEBACK=1" in err
    monkeypatch.setenv("OKLA_LINT_TRACEBACK", "1")
    with pytest.raises(SystemExit) as exc:
        C.main()
    assert exc.value.code == 2 and "Traceback" in capsys.readouterr().err


def test_a_folder_without_anything_to_lint_warns_on_stderr(tmp_path):
    write_files(tmp_path, {"docs/compose.yaml": "services: {web: {image: nginx}}\n", "web.yaml": DEPLOYMENT})
    code, out, err = run(["check", "docs"], tmp_path)
    assert code == 0 and out == ""
    assert "okla-lint: warning: no Kubernetes manifest, GitHub Actions workflow or Ocelot configuration found in docs" in err
    # quiet, a file named on purpose (pre-commit), or a folder with manifests: no warning
    assert run(["check", "-q", "docs"], tmp_path)[2] == ""
    assert "warning: no Kubernetes" not in run(["check", "docs/compose.yaml"], tmp_path)[2]
    assert "warning: no Kubernetes" not in run(["check", "."], tmp_path)[2]


def test_check_help_names_what_each_value_is_and_what_select_replaces(tmp_path):
    code, out, _ = run(["check", "--help"], tmp_path)
    flat = " ".join(out.split())
    assert code == 0
    for option in ("--select RULES", "--extend-select RULES", "--ignore RULES", "--exclude GLOB",
                   "--stdin-filename PATH"):
        assert option in flat
    # like ruff, --select drops the file's select, extend-select and ignore
    assert "replaces the configuration's `select`, `extend-select` and `ignore`" in flat


def test_explain_says_where_examples_report_and_how_to_enable_an_off_rule(tmp_path):
    code, out, _ = run(["explain", "env-ref-before-definition"], tmp_path)
    assert code == 0 and "# reported at: k8s/chatbot.yaml:" in out and "# -> " not in out
    assert "Off by default" not in out
    code, out, _ = run(["explain", "read-only-root-fs-missing"], tmp_path)
    assert "Off by default: enable it with `--extend-select read-only-root-fs-missing`" in out
    code, out, _ = run(["explain", "resources-missing"], tmp_path)
    assert "Parameters (set them under `params:` in .okla-lint.yaml)" in out


def test_explain_shows_the_configuration_an_example_needs_as_a_working_file(tmp_path):
    # the passing example of deprecated-api-version holds only for kubernetes-version 1.24;
    # the configuration explain prints must be one a user can paste
    code, out, _ = run(["explain", "deprecated-api-version"], tmp_path)
    block = out.split("# .okla-lint.yaml\n", 1)[1]
    config, rest = block.split("\n# ", 1)
    name, body = rest.split("\n", 1)
    body = body.split("\n\n")[0]
    write_files(tmp_path, {".okla-lint.yaml": config + "\n", name: body + "\n"})
    code, out, err = run(["check", "--select", "deprecated-api-version", "--format", "json", "."], tmp_path)
    assert code == 0, err
    code, out, err = run(["check", "--isolated", "--select", "deprecated-api-version", "."], tmp_path)
    assert code == 1 and "[deprecated-api-version]" in out


def test_the_suppression_example_of_configuration_md_suppresses_what_it_says(tmp_path):
    # copied into a pod template, the documented comments hide both findings and none
    # of them is an unused-suppression
    import re

    doc = (ROOT_DIR / "docs" / "configuration.md").read_text()
    snippet = re.search(r"```yaml\n(spec:\n  containers:\n.*?)```", doc, re.S).group(1)
    pod_spec = "\n".join("    " + ln if ln else ln for ln in snippet.splitlines()[1:])
    manifest = ("apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: legacy}\nspec:\n"
                "  selector: {matchLabels: {app: legacy}}\n  template:\n"
                "    metadata: {labels: {app: legacy}}\n    spec:\n" + pod_spec + "\n")
    write_files(tmp_path, {"legacy.yaml": manifest})
    # (resources-missing, an info about the snippet's missing resources, is not its subject)
    code, out, err = run(["check", "--isolated", "--ignore", "resources-missing", "legacy.yaml"], tmp_path)
    assert (code, out) == (0, ""), out
    code, out, _ = run(["check", "--isolated", "--no-ignores", "legacy.yaml"], tmp_path)
    assert "[env-ref-before-definition]" in out and "[env-undefined-ref]" in out


def test_sarif_end_column_is_the_column_after_the_token_as_integrations_md_says(tmp_path):
    import json

    doc = (ROOT_DIR / "docs" / "integrations.md").read_text()
    assert "`endColumn` is\nthe column just after the last character" in doc
    workflow = ("on: push\njobs:\n  deploy:\n    runs-on: ubuntu-latest\n    steps:\n      - run: |\n"
                "          kubectl create secret docker-registry regcred \\\n"
                "            --docker-password=${{ secrets.GITHUB_TOKEN }}\n")
    write_files(tmp_path, {".github/workflows/d.yml": workflow})
    code, out, _ = run(["check", "--select", "ephemeral-registry-token", "--format", "sarif", "."], tmp_path)
    region = json.loads(out)["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]
    line = workflow.splitlines()[region["startLine"] - 1]
    token = line[region["startColumn"] - 1:region["endColumn"] - 1]
    assert token == "${{ secrets.GITHUB_TOKEN }}"


def test_config_and_isolated_together_are_a_usage_error_not_a_silent_choice(tmp_path):
    write_files(tmp_path, {"web.yaml": DEPLOYMENT, "strict.yaml": "fail-on: info\n"})
    code, out, err = run(["check", "--config", "strict.yaml", "--isolated", "."], tmp_path)
    assert code == 2 and out == "" and "--config and --isolated exclude each other" in err


def test_statistics_on_github_actions_prints_the_table_not_annotations(tmp_path):
    write_files(tmp_path, {"web.yaml": DEPLOYMENT})
    code, out, _ = run(["check", "--statistics", "."], tmp_path, env={"GITHUB_ACTIONS": "true"})
    assert code == 1 and out and "::" not in out
    assert out == run(["check", "--statistics", "."], tmp_path)[1]
    # without --statistics the annotations are still chosen by themselves
    assert run(["check", "."], tmp_path, env={"GITHUB_ACTIONS": "true"})[1].startswith("::group::")


def test_check_help_states_defaults_that_the_configuration_can_change_and_exit_2_cases(tmp_path):
    flat = " ".join(run(["check", "--help"], tmp_path)[1].split())
    assert "[default: warning, or the configuration's `fail-on`]" in flat
    assert "usage, configuration and internal errors still exit 2" in flat
    assert "Lint standard input as if it were the file PATH" in flat


@pytest.mark.parametrize("name", ["", "/", "k8s/", "k8s"])
def test_stdin_filename_that_names_a_folder_is_a_usage_error(tmp_path, name):
    # `--stdin-filename /` used to read the whole disk as the buffer's project
    write_files(tmp_path, {"k8s/web.yaml": DEPLOYMENT})
    code, out, err = run(["check", "--stdin-filename", name], tmp_path, input="a: 1\n")
    assert code == 2 and out == "" and "--stdin-filename must name a file" in err
