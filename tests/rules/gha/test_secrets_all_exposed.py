"""What `secrets-all-exposed` reports (`toJSON(secrets)` or `secrets[<computed name>]`: every
secret is made available where one or two are needed): exact rule, path, line and column."""
from __future__ import annotations

from helpers import WF, found


def test_secrets_in_job_if_and_with(tmp_path):
    text = ("on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: org/act@v1\n"
            "        with:\n          all: \"${{ toJson(SECRETS) }}\"\n          one: ${{ secrets.A }}\n")
    assert found(tmp_path, {WF: text}, "secrets-all-exposed") == [f"{WF}:8:21"]
