"""What `secrets-outside-environment` reports (a job reads a secret (other than GITHUB_TOKEN)
without a deployment `environment:`): exact rule, path, line and column."""
from __future__ import annotations

from helpers import WF, found


def test_secrets_in_a_run_block_and_job_if(tmp_path):
    text = ("on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    if: secrets.ENABLED != ''\n    steps:\n"
            "      - run: |\n          echo hi\n          curl -H \"${{ secrets.API }}\" x\n")
    assert found(tmp_path, {WF: text}, "secrets-outside-environment") == [f"{WF}:5:9", f"{WF}:9:24"]
