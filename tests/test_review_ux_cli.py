"""Review (user experience): help texts, unknown rule ids on the command line, and
crashes, as a new user meets them."""
from __future__ import annotations

import pytest

from integration_util import DEPLOYMENT, run, write_files


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
    from pathlib import Path

    doc = (Path(__file__).resolve().parent.parent / "docs" / "configuration.md").read_text()
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
    from pathlib import Path

    doc = (Path(__file__).resolve().parent.parent / "docs" / "integrations.md").read_text()
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
