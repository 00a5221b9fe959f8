"""What `secrets-inherit` reports (`secrets: inherit` on a call to another repository's
reusable workflow hands it every secret): exact rule, path, line and column."""
from __future__ import annotations

from helpers import WF, found


def test_secrets_inherit_flow_style(tmp_path):
    text = "on: push\njobs:\n  a: {uses: o/r/.github/workflows/w.yml@v1, secrets: inherit}\n"
    assert found(tmp_path, {WF: text}, "secrets-inherit") == [f"{WF}:3:54"]
