"""What `secret-json-unredacted` reports (a field read from a JSON secret
(`fromJSON(secrets.CREDS).password`): GitHub does not mask the field's value in logs): exact
rule, path, line and column."""
from __future__ import annotations

from helpers import WF, found


def test_unredacted_secret_in_run_block(tmp_path):
    text = ("on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: |\n"
            "          echo start\n          login -p ${{ fromJSON(secrets.CREDS).pw }}\n")
    assert found(tmp_path, {WF: text}, "secret-json-unredacted") == [f"{WF}:8:24"]
