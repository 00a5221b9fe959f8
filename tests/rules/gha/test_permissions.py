"""What `permissions-write-all` and `missing-permissions` report (a workflow or job grants its
token `permissions: write-all`; a workflow has no top-level permissions block, so its jobs
get the repository's default token permissions): exact rule, path, line and column."""
from __future__ import annotations

from helpers import run



def test_permissions_rules(tmp_path):
    files = {
        ".github/workflows/a.yml": "on: push\njobs:\n  j:\n    runs-on: x\n    permissions: write-all\n    steps: [{run: ls}]\n  k:\n    runs-on: x\n    steps: [{run: ls}]\n",
        ".github/workflows/b.yml": "on: [push, workflow_call]\njobs:\n  j:\n    runs-on: x\n    steps: [{run: ls}]\n",
    }
    r = run(tmp_path, files, ["missing-permissions", "permissions-write-all"])
    assert sorted((f.rule, f"{f.path}:{f.line}:{f.col}") for f in r.findings) == [
        ("missing-permissions", ".github/workflows/a.yml:2:1"),
        ("missing-permissions", ".github/workflows/b.yml:2:1"),
        ("permissions-write-all", ".github/workflows/a.yml:5:18"),
    ]
    msg = [f.message for f in r.findings if f.path.endswith("a.yml") and f.rule == "missing-permissions"][0]
    assert "job 'k' runs with" in msg
