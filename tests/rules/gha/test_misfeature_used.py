"""misfeature-used (zizmor misfeature): `shell: cmd` and setup-python's `pip-install`."""
from __future__ import annotations

import pytest

from helpers import lint, locs, write_files

RULE = "misfeature-used"


@pytest.mark.parametrize(
    "text, expected",
    [
        ("on: push\njobs:\n  b:\n    runs-on: windows-latest\n    defaults:\n      run:\n        shell: CMD\n    steps: [{run: dir}]\n", ["7:16"]),
        ("on: push\njobs:\n  b:\n    runs-on: windows-latest\n    steps:\n      - {run: dir, shell: 'cmd'}\n", ["6:27"]),
        ("on: push\njobs:\n  b:\n    runs-on: x\n    steps:\n      - uses: actions/setup-python@v5\n        with: {pip-install: ruff}\n", ["7:16"]),
        ("on: push\njobs:\n  b:\n    runs-on: x\n    steps:\n      - uses: Actions/Setup-Python@a26af69be951a213d495a4c3e4e4022e16d87065\n        with:\n          pip-install: ruff\n", ["8:11"]),
    ],
    ids=["job-default-upper", "step-flow-quoted", "pip-install-flow", "pip-install-sha"],
)
def test_reported(tmp_path, text, expected):
    write_files(tmp_path, {".github/workflows/w.yml": text})
    assert locs(lint(tmp_path, select=[RULE])) == [f".github/workflows/w.yml:{e}" for e in expected]


@pytest.mark.parametrize(
    "text",
    [
        "on: push\njobs:\n  b:\n    runs-on: windows-latest\n    steps: [{run: dir, shell: pwsh}, {run: dir, shell: 'cmd /c {0}'}]\n",
        "on: push\njobs:\n  b:\n    runs-on: x\n    steps:\n      - uses: actions/setup-python@v5\n        with: {cache: pip}\n",
        "on: push\njobs:\n  b:\n    runs-on: x\n    steps:\n      - uses: other/setup-python@v5\n        with: {pip-install: x}\n",
    ],
    ids=["other-shells", "setup-python-cache", "other-action"],
)
def test_quiet(tmp_path, text):
    write_files(tmp_path, {".github/workflows/w.yml": text})
    assert lint(tmp_path, select=[RULE]).findings == []


def test_composite_action_step_crlf(tmp_path):
    action = "name: x\ndescription: x\nruns:\n  using: composite\n  steps:\n    - run: dir\n      shell: cmd\n"
    write_files(tmp_path, {"action.yml": action.replace("\n", "\r\n")})
    assert locs(lint(tmp_path, select=[RULE])) == ["action.yml:7:14"]
