"""What several workflow rule test files of this folder share (they came from
test_ephemeral_registry_token.py): ``TOKEN``, ``run``, ``wf``."""
from __future__ import annotations

from helpers import lint, write_files


TOKEN = "ephemeral-registry-token"


def run(tmp_path, files, rules=(TOKEN,)):
    write_files(tmp_path, files)
    result = lint(tmp_path, select=list(rules))
    assert not result.internal_errors, result.internal_errors
    return result


def wf(steps: str, env: str = "", job_env: str = "") -> str:
    return (
        "on: push\n"
        + (f"env:\n{env}" if env else "")
        + "jobs:\n  j:\n    runs-on: ubuntu-latest\n"
        + (f"    env:\n{job_env}" if job_env else "")
        + "    steps:\n"
        + steps
    )
