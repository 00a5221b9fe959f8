"""What several Kubernetes rule test files of this folder share (they came from
test_config_key_missing.py): ``workflow``."""
from __future__ import annotations


def workflow(run: str) -> str:
    body = "\n".join("          " + line for line in run.splitlines())
    return f"on: push\njobs:\n  d:\n    runs-on: ubuntu-latest\n    steps:\n      - run: |\n{body}\n"
