"""What `shell-invalid` reports (a `shell:` the runner rejects: not a built-in name, or a
command whose arguments lack `{0}`): exact rule, path, line and column."""
from __future__ import annotations

from helpers import WF, run, triples


def test_shell_in_composite_action_and_job_defaults(tmp_path):
    res = run(tmp_path, {
            "action.yml": "name: x\nruns:\n  using: composite\n  steps:\n    - run: echo\n      shell: sh -e\n    - run: echo\n      shell: SH\n",
            WF: "on: push\njobs:\n  a:\n    runs-on: x\n    defaults: {run: {shell: 'C:\\\\Program Files\\\\Git\\\\bin\\\\bash.exe'}}\n    steps: [{run: echo}]\n",
        }, ["shell-invalid"])
    assert triples(res) == [
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
