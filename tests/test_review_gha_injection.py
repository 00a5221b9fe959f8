"""Review: script-injection points at the untrusted value inside `${{ }}` (as actionlint
does), and values that only decide a boolean cannot carry code."""
from __future__ import annotations

from helpers import lint, locs, write_files
from okla_lint.rules.gha.injection import untrusted_refs

RULE = "script-injection"
P = ".github/workflows/w.yml"


def found(tmp_path, steps: str) -> list[str]:
    text = "on: pull_request_target\njobs:\n  j:\n    runs-on: ubuntu-latest\n    steps:\n" + steps
    write_files(tmp_path, {P: text})
    r = lint(tmp_path, select=[RULE])
    assert not r.internal_errors, r.internal_errors
    return locs(r, RULE)


def test_boolean_uses_are_silent():
    for safe in (
        "contains(github.event.pull_request.title, 'WIP')",
        "startsWith(github.head_ref, 'release/') && 'yes' || 'no'",
        "endsWith(github.event.issue.body, 'x')",
        "github.event.issue.title == 'x'",
        "!github.event.comment.body",
        "github.event.pull_request.body && 'has body' || 'empty'",
    ):
        assert untrusted_refs(safe) == [], safe
    assert untrusted_refs("github.event.pull_request.title || 'none'") == ["github.event.pull_request.title"]
    assert untrusted_refs("format('{0}', github.event.issue.title)") == ["github.event.issue.title"]
    assert untrusted_refs("fromJSON(github.event.issue.body).x") == ["github.event.issue.body"]
    assert untrusted_refs("github.event.pages[0].page_name") == ["github.event.pages.*.page_name"]
    assert untrusted_refs("'x' && github.head_ref") == ["github.head_ref"]


def test_position_is_the_untrusted_value(tmp_path):
    steps = (
        "      - run: echo \"${{ github.event.issue.title }}\"\n"
        "      - run: echo \"${{ contains(github.event.issue.title, 'x') }} ${{ format('{0}', github.head_ref) }}\"\n"
        "      - uses: actions/github-script@v7\n"
        "        with:\n"
        "          script: console.log(\"${{ github.event.comment.body }}\")\n"
    )
    assert sorted(found(tmp_path, steps)) == sorted([f"{P}:6:24", f"{P}:7:85", f"{P}:10:36"])


def test_untrusted_value_pasted_back_from_env(tmp_path):
    steps = (
        "      - env:\n"
        "          TITLE: ${{ github.event.pull_request.title }}\n"
        "        run: |\n"
        "          echo \"$TITLE\"\n"
        "          echo \"${{ env.TITLE }}\"\n"
        "      - env:\n"
        "          TITLE: plain\n"
        "        run: echo \"${{ env.TITLE }}\"\n"
    )
    assert found(tmp_path, steps) == [f"{P}:10:21"]
