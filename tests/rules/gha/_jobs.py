"""What several workflow rule test files of this folder share (they came from test_jobs.py):
``WF``, ``run``, ``found``."""
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
