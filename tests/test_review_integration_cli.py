"""Review: adversarial variants of the CLI integrations (report files, standard input from
an editor started in a subfolder)."""
from __future__ import annotations

import json

from integration_util import DEPLOYMENT, SERVICE, findings, run, run_process, write_files

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
