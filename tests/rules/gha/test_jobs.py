"""Job graph, step ids, reusable-workflow calls and deprecated workflow commands."""
from __future__ import annotations

from helpers import lint, write_files

WF = ".github/workflows/ci.yml"


def run(tmp_path, files, rules):
    write_files(tmp_path, files)
    res = lint(tmp_path, select=rules)
    assert not res.internal_errors, res.internal_errors
    return res


def found(res):
    return sorted((f.rule, f"{f.path}:{f.line}:{f.col}") for f in res.findings)


def test_cycles_reported_once_each_with_the_path(tmp_path):
    res = run(
        tmp_path,
        {
            WF: """\
on: push
jobs:
  a: {needs: [b], runs-on: x, steps: [{run: a}]}
  b: {needs: [a, c], runs-on: x, steps: [{run: b}]}
  c: {needs: b, runs-on: x, steps: [{run: c}]}
  d: {needs: [e], runs-on: x, steps: [{run: d}]}
  e: {needs: [D], runs-on: x, steps: [{run: e}]}
  f: {needs: [a, d], runs-on: x, steps: [{run: f}]}
""",
        },
        ["job-needs-cycle", "job-needs-unknown"],
    )
    assert found(res) == [
        ("job-needs-cycle", f"{WF}:3:15"),
        ("job-needs-cycle", f"{WF}:6:15"),
    ]
    msgs = sorted(f.message for f in res.findings)
    assert "(a -> b -> a)" in msgs[0]
    assert "(d -> e -> d)" in msgs[1]


def test_unknown_needs_do_not_break_cycle_search(tmp_path):
    res = run(
        tmp_path,
        {WF: "on: push\njobs:\n  a:\n    needs: [ghost, a]\n    runs-on: x\n    steps: [{run: a}]\n"},
        ["job-needs-cycle", "job-needs-unknown"],
    )
    assert found(res) == [
        ("job-needs-cycle", f"{WF}:4:20"),
        ("job-needs-unknown", f"{WF}:4:13"),
    ]


def test_crlf_needs_and_duplicate_step_ids(tmp_path):
    text = (
        "on: push\n"
        "jobs:\n"
        "  a:\n"
        "    needs: nope\n"
        "    runs-on: x\n"
        "    steps:\n"
        "      - id: s\n"
        "        run: a\n"
        "      - id: S\n"
        "        run: b\n"
    ).replace("\n", "\r\n")
    res = run(tmp_path, {WF: text}, ["job-needs-unknown", "duplicate-step-id"])
    assert found(res) == [
        ("duplicate-step-id", f"{WF}:9:13"),
        ("job-needs-unknown", f"{WF}:4:12"),
    ]
    dup = [f for f in res.findings if f.rule == "duplicate-step-id"][0]
    assert dup.related and dup.related[0].line == 7


def test_reusable_workflow_without_declarations(tmp_path):
    res = run(
        tmp_path,
        {
            ".github/workflows/called.yml": "on: workflow_call\njobs:\n  a: {runs-on: x, steps: [{run: a}]}\n",
            ".github/workflows/list.yml": "on: [workflow_call, push]\njobs:\n  a: {runs-on: x, steps: [{run: a}]}\n",
            WF: """\
on: push
jobs:
  one:
    uses: ./.github/workflows/called.yml
    with: {x: 1}
    secrets: {s: "${{ secrets.S }}"}
  two:
    uses: ./.github/workflows/list.yml
  three:
    uses: ./.github/workflows/missing.yml
    with: {x: 1}
  four:
    uses: ./.github/workflows/called.yml
    with: ${{ fromJSON(vars.ARGS) }}
""",
        },
        ["reusable-workflow-undeclared-arg", "reusable-workflow-missing-arg"],
    )
    assert found(res) == [
        ("reusable-workflow-undeclared-arg", f"{WF}:5:12"),
        ("reusable-workflow-undeclared-arg", f"{WF}:6:15"),
    ]


def test_reusable_workflow_in_a_subproject(tmp_path):
    # the project root is the folder holding .github; the called path is relative to it
    res = run(
        tmp_path,
        {
            "svc/.github/workflows/called.yaml": """\
on:
  workflow_call:
    inputs:
      name: {type: string, required: true}
jobs:
  a: {runs-on: x, steps: [{run: a}]}
""",
            "svc/.github/workflows/ci.yaml": """\
on: push
jobs:
  call:
    uses: ./.github/workflows/called.yaml
    with:
      nam: x
""",
        },
        ["reusable-workflow-undeclared-arg", "reusable-workflow-missing-arg"],
    )
    assert found(res) == [
        ("reusable-workflow-missing-arg", "svc/.github/workflows/ci.yaml:5:5"),
        ("reusable-workflow-undeclared-arg", "svc/.github/workflows/ci.yaml:6:7"),
    ]
    undeclared = [f for f in res.findings if f.rule == "reusable-workflow-undeclared-arg"][0]
    assert "did you mean `name`" in undeclared.message


def test_deprecated_commands_variants(tmp_path):
    res = run(
        tmp_path,
        {
            WF: (
                "on: push\n"
                "jobs:\n"
                "  a:\n"
                "    runs-on: x\n"
                "    steps:\n"
                "      - run: >\n"
                "          echo \"::save-state name=pid::$PID\"\r\n"
                "      - run: echo '::set-output name=${{ matrix.k }}::1'; echo \"::debug::x\"\n"
                "      - shell: pwsh\n"
                "        run: |\n"
                "          Write-Output \"::set-env name=X::1\"\n"
                "          Write-Output \"::add-path::C:\\tools\"\n"
                "      - run: echo \"migrated, see $GITHUB_OUTPUT not ::set-output\"\n"
            ),
        },
        ["deprecated-workflow-command", "disabled-workflow-command"],
    )
    assert found(res) == [
        ("deprecated-workflow-command", f"{WF}:7:17"),
        ("deprecated-workflow-command", f"{WF}:8:20"),
        ("disabled-workflow-command", f"{WF}:11:25"),
        ("disabled-workflow-command", f"{WF}:12:25"),
    ]
    msgs = {f.line: f.message for f in res.findings}
    assert "$GITHUB_STATE" in msgs[7] and "$GITHUB_OUTPUT" in msgs[8]
    assert "step fails" in msgs[11] and "$GITHUB_PATH" in msgs[12]


def test_local_action_inputs_from_a_composite_action_and_docker_args(tmp_path):
    res = run(
        tmp_path,
        {
            ".github/actions/inner/action.yml": "name: inner\ninputs:\n  Version: {required: true}\nruns:\n  using: composite\n  steps: [{run: echo, shell: bash}]\n",
            ".github/actions/docker/action.yml": "name: d\nruns:\n  using: docker\n  image: Dockerfile\n",
            ".github/actions/outer/action.yml": (
                "name: outer\n"
                "runs:\n"
                "  using: composite\n"
                "  steps:\n"
                "    - uses: ./.github/actions/inner\n"
                "      with: {version: '1', extra: x}\n"
                "    - uses: ./.github/actions/docker\n"
                "      with: {args: --help, entrypoint: sh}\n"
                "    - uses: ./.github/actions/inner\n"
            ),
        },
        ["local-action-input"],
    )
    p = ".github/actions/outer/action.yml"
    assert found(res) == [
        ("local-action-input", f"{p}:6:28"),
        ("local-action-input", f"{p}:9:13"),
    ]


def test_invalid_step_id_in_composite_action(tmp_path):
    res = run(
        tmp_path,
        {"action.yml": "name: x\nruns:\n  using: composite\n  steps:\n    - id: 'set up'\n      run: echo\n      shell: bash\n"},
        ["step-id-invalid", "duplicate-step-id"],
    )
    assert found(res) == [("step-id-invalid", "action.yml:5:11")]
    assert "the action fails to load" in res.findings[0].message


def test_shell_in_composite_action_and_job_defaults(tmp_path):
    res = run(
        tmp_path,
        {
            "action.yml": "name: x\nruns:\n  using: composite\n  steps:\n    - run: echo\n      shell: sh -e\n    - run: echo\n      shell: SH\n",
            WF: "on: push\njobs:\n  a:\n    runs-on: x\n    defaults: {run: {shell: 'C:\\\\Program Files\\\\Git\\\\bin\\\\bash.exe'}}\n    steps: [{run: echo}]\n",
        },
        ["shell-invalid"],
    )
    assert found(res) == [
        ("shell-invalid", f"{WF}:5:29"),
        ("shell-invalid", "action.yml:6:14"),
    ]


def test_shell_problem():
    from okla_lint.rules.gha.shell_invalid import shell_problem

    assert shell_problem("bash") is None
    assert shell_problem("PowerShell") is None
    assert shell_problem("cmd /c {0}") is None
    assert shell_problem("${{ inputs.shell }}") is None
    assert "not a built-in" in shell_problem("zsh")
    assert "path" in shell_problem("/usr/bin/bash")
    assert "{0}" in shell_problem("bash -e")


def test_local_action_checked_out_in_a_subfolder(tmp_path):
    res = run(
        tmp_path,
        {
            ".github/actions/cache/action.yml": "name: c\ninputs:\n  key: {required: true}\nruns:\n  using: composite\n  steps: [{run: echo, shell: bash}]\n",
            WF: """\
on: push
jobs:
  a:
    runs-on: x
    steps:
      - uses: actions/checkout@v4
        with: {path: '${{ github.workspace }}/src'}
      - uses: ./src/.github/actions/cache
        with: {kye: x}
""",
        },
        ["local-action-input"],
    )
    assert found(res) == [
        ("local-action-input", f"{WF}:9:16"),
        ("local-action-input", f"{WF}:9:9"),
    ]
