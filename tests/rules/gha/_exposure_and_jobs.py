"""What several workflow rule test files of this folder share (they came from
test_exposure_and_jobs.py): ``WF``, ``found``."""
from __future__ import annotations

from helpers import lint, write_files


WF = ".github/workflows/ci.yml"


def found(tmp_path, files, rule, **settings):
    write_files(tmp_path, files)
    res = lint(tmp_path, select=[rule], **settings)
    assert not res.internal_errors
    return [(f.path, f.line, f.col) for f in res.findings if f.rule == rule]
