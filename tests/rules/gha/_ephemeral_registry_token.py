"""What several workflow rule test files of this folder share (they came from
test_ephemeral_registry_token.py): ``TOKEN``, ``wf``."""
from __future__ import annotations

TOKEN = "ephemeral-registry-token"


def wf(steps: str, env: str = "", job_env: str = "") -> str:
    return (
        "on: push\n"
        + (f"env:\n{env}" if env else "")
        + "jobs:\n  j:\n    runs-on: ubuntu-latest\n"
        + (f"    env:\n{job_env}" if job_env else "")
        + "    steps:\n"
        + steps
    )
