"""What `expr-syntax` reports (a `${{ }}` expression (or an `if:` condition) that GitHub cannot
parse): exact rule, path, line and column."""
from __future__ import annotations

from _expressions import EXPR_RULES
from helpers import WF, run, triples


def test_crlf(tmp_path):
    text = (
        "on: push\n"
        "jobs:\n"
        "  build:\n"
        "    runs-on: ubuntu-latest\n"
        "    steps:\n"
        "      - run: |\n"
        "          echo a\n"
        "          echo ${{ github.sha ) }}\n"
    ).replace("\n", "\r\n")
    res = run(tmp_path, {WF: text}, EXPR_RULES)
    assert triples(res) == [("expr-syntax", f"{WF}:8:31")]
