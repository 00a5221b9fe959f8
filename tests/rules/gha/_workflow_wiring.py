"""What several workflow rule test files of this folder share (they came from
test_workflow_wiring.py): ``MISSING``, ``SHIPPED``, ``run``, ``wf``, ``P``."""
from __future__ import annotations

from helpers import lint, write_files


MISSING = "workflow-missing-path"


SHIPPED = "configmap-json-comments"


def run(tmp_path, files, rules=(MISSING, SHIPPED)):
    write_files(tmp_path, files)
    result = lint(tmp_path, select=list(rules))
    assert not result.internal_errors, result.internal_errors
    return result


def wf(steps: str, extra: str = "") -> str:
    return "on: push\n" + extra + "jobs:\n  j:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n" + steps


P = ".github/workflows/deploy.yml"
