"""What `action-forbidden` reports (an action or reusable workflow the configuration forbids
(`forbidden`), or one outside the list it allows (`allowed`)): exact rule, path, line and
column."""
from __future__ import annotations

from helpers import WF, found, write_files


def test_forbidden_patterns_match_the_ref_and_ignore_case(tmp_path):
    text = ("on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: Org/Act@main\n"
            "      - uses: org/act@v1\n")
    got = found(tmp_path, {WF: text}, "action-forbidden", params={"action-forbidden": {"forbidden": ["*@main"]}})
    assert got == [f"{WF}:6:15"]


def test_forbidden_from_the_configuration_file(tmp_path):
    import subprocess
    import sys

    write_files(tmp_path, {
        ".okla-lint.yaml": "params:\n  action-forbidden:\n    forbidden: [tj-actions/*]\n",
        WF: "on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: tj-actions/x@v1\n",
    })
    out = subprocess.run([sys.executable, "-m", "okla_lint.cli", "check", "--select", "action-forbidden", "--exit-zero", "."],
                         cwd=tmp_path, capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert f"{WF}:6:15:" in out.stdout
