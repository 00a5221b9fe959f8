"""What several workflow rule test files of this folder share (they came from
test_workflow_wiring.py): ``MISSING``, ``SHIPPED``, ``wf``, ``P``."""
from __future__ import annotations

MISSING = "workflow-missing-path"


SHIPPED = "configmap-json-comments"


def wf(steps: str, extra: str = "") -> str:
    return "on: push\n" + extra + "jobs:\n  j:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n" + steps


P = ".github/workflows/deploy.yml"
