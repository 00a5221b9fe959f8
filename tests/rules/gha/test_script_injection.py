"""script-injection variants: where the expression sits, how it is spelled, and what stays
silent."""
from __future__ import annotations

import pytest

from helpers import found, lint, locs, run, write_files
from okla_lint.lib.gha.untrusted import untrusted_refs


RULE = "script-injection"


def test_deny_list_matching():
    assert untrusted_refs(" github.event.issue.title ") == ["github.event.issue.title"]
    assert untrusted_refs("github['event']['pull_request']['body']") == ["github.event.pull_request.body"]
    assert untrusted_refs("github.event.commits[0].message") == ["github.event.commits.*.message"]
    assert untrusted_refs("GITHUB.HEAD_REF || github.ref_name") == ["github.head_ref"]
    assert untrusted_refs("toJSON(github.event)") == ["github.event"]
    assert untrusted_refs("toJson(github.event.head_commit)") == ["github.event.head_commit"]
    # safe values and string literals
    for safe in (
        "github.actor",
        "github.sha",
        "github.event.pull_request.number",
        "github.event.pull_request.head.sha",
        "github.event.issue.title_length",
        "contains('github.event.issue.title', 'x')",
        "toJSON(github.event.pull_request.labels)",
        "steps.x.outputs.title",
    ):
        assert untrusted_refs(safe) == [], safe


def test_folded_run_and_positions(tmp_path):
    r = run(tmp_path, {
            ".github/workflows/w.yml": (
                "on: issues\n"
                "jobs:\n"
                "  j:\n"
                "    runs-on: ubuntu-latest\n"
                "    steps:\n"
                "      - run: >-\n"
                "          echo\n"
                "          ${{ github.event.issue.body }}\n"
                "      - run: 'echo \"${{ github.event.issue.title }}\"'\n"
            )
        }, [RULE])
    assert locs(r, RULE) == [".github/workflows/w.yml:8:15", ".github/workflows/w.yml:9:25"]
    assert "env:" in r.findings[0].message


def test_crlf_workflow(tmp_path):
    text = "on: pull_request_target\njobs:\n  j:\n    runs-on: x\n    steps:\n      - run: |\n          ls\n          echo ${{ github.head_ref }}\n"
    r = run(tmp_path, {".github/workflows/w.yml": text.replace("\n", "\r\n")}, [RULE])
    assert locs(r, RULE) == [".github/workflows/w.yml:8:20"]


def test_composite_action_steps(tmp_path):
    r = run(tmp_path, {
            ".github/actions/note/action.yml": (
                "name: note\n"
                "runs:\n"
                "  using: composite\n"
                "  steps:\n"
                "    - shell: bash\n"
                "      run: echo \"${{ github.event.pull_request.head.ref }}\"\n"
            )
        }, [RULE])
    assert locs(r, RULE) == [".github/actions/note/action.yml:6:22"]


def test_env_indirection_and_other_keys_are_silent(tmp_path):
    r = run(tmp_path, {
            ".github/workflows/w.yml": (
                "on: pull_request\n"
                "env:\n"
                "  TITLE: ${{ github.event.pull_request.title }}\n"
                "jobs:\n"
                "  j:\n"
                "    if: contains(github.event.pull_request.body, 'x')\n"
                "    runs-on: ubuntu-latest\n"
                "    steps:\n"
                "      - run: echo \"$TITLE\" \"${TITLE}\"\n"
                "      - uses: some/action@v1\n"
                "        with:\n"
                "          text: ${{ github.event.pull_request.body }}\n"
                "      - uses: actions/github-script@v7\n"
                "        with:\n"
                "          github-token: ${{ github.token }}\n"
                "          script: console.log(context.payload.pull_request.title)\n"
            )
        }, [RULE])
    assert locs(r, RULE) == []


def test_several_untrusted_values_in_one_expression_and_one_line(tmp_path):
    r = run(tmp_path, {
            ".github/workflows/w.yml": (
                "on: push\n"
                "jobs:\n"
                "  j:\n"
                "    runs-on: ubuntu-latest\n"
                "    steps:\n"
                "      - run: |\n"
                "          git commit -m \"${{ github.event.head_commit.message }}\" --author \"${{ github.event.head_commit.author.name }}\"\n"
            )
        }, [RULE])
    assert locs(r, RULE) == [".github/workflows/w.yml:7:30", ".github/workflows/w.yml:7:81"]


# -- merged from tests/test_review_gha_injection.py: Review: script-injection points at the untrusted value inside `${{ }}` (as actionlint does), and values that only decide a boolean cannot carry code.

RULE_GHA_INJECTION = "script-injection"
P = ".github/workflows/w.yml"


def found_in_steps(tmp_path, steps: str) -> list[str]:
    text = "on: pull_request_target\njobs:\n  j:\n    runs-on: ubuntu-latest\n    steps:\n" + steps
    return found(tmp_path, {P: text}, RULE_GHA_INJECTION)


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
    assert sorted(found_in_steps(tmp_path, steps)) == sorted([f"{P}:6:24", f"{P}:7:85", f"{P}:10:36"])


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
    assert found_in_steps(tmp_path, steps) == [f"{P}:10:21"]


def workflow(trigger: str, expr: str = "github.event.workflow_run.head_branch", script: bool = False) -> str:
    step = (
        f"      - uses: actions/github-script@v7\n        with:\n          script: console.log('${{{{ {expr} }}}}')\n"
        if script
        else f"      - run: |\n          if [ \"${{{{ {expr} }}}}\" == \"main\" ]; then echo prod; fi\n"
    )
    return f"on:\n{trigger}\n  workflow_dispatch:\njobs:\n  j:\n    runs-on: ubuntu-latest\n    steps:\n{step}"


@pytest.mark.parametrize(
    "trigger, n",
    [
        ("  workflow_run:\n    workflows: [CI]\n    types: [completed]\n    branches: [main]", 0),
        ("  workflow_run:\n    workflows: [CI]\n    branches: [main, release/v2]", 0),
        ("  workflow_run:\n    workflows: [CI]\n    branches: main", 0),
        ("  workflow_run:\n    workflows: [CI]\n    branches: ['release/**']", 1),
        ("  workflow_run:\n    workflows: [CI]\n    branches-ignore: [main]", 1),
        ("  workflow_run:\n    workflows: [CI]", 1),
    ],
    ids=["one-branch", "two-branches", "scalar", "glob", "ignore-list", "no-filter"],
)
def test_head_branch_pinned_by_the_branches_filter(tmp_path, trigger, n):
    write_files(tmp_path, {".github/workflows/d.yml": workflow(trigger)})
    assert len(locs(lint(tmp_path, select=["script-injection"]), "script-injection")) == n


def test_the_filter_pins_only_head_branch(tmp_path):
    trigger = "  workflow_run:\n    workflows: [CI]\n    branches: [main]"
    write_files(tmp_path, {".github/workflows/d.yml": workflow(trigger, "github.event.workflow_run.head_commit.message")})
    assert locs(lint(tmp_path, select=["script-injection"]), "script-injection") == [".github/workflows/d.yml:11:21"]


def test_github_script_too(tmp_path):
    write_files(tmp_path, {".github/workflows/a.yml": workflow("  workflow_run:\n    workflows: [CI]\n    branches: [main]", script=True),
                           ".github/workflows/b.yml": workflow("  workflow_run:\n    workflows: [CI]", script=True)})
    assert [x.split(":")[0] for x in locs(lint(tmp_path, select=["script-injection"]), "script-injection")] == [".github/workflows/b.yml"]


def test_the_span_covers_the_whole_access_chain(tmp_path):
    # the range (editors, SARIF regions, GitHub annotations) covered the context name only
    # (`github`); it covers the value that is pasted, as written
    wf = (
        "on: issues\n"
        "jobs:\n"
        "  b:\n"
        "    runs-on: ubuntu-latest\n"
        "    env:\n"
        "      T: ${{ github.event.issue.title }}\n"
        "    steps:\n"
        "      - run: echo \"${{ github.event.issue['title'] }} ${{ github . event . issue . body }}\"\n"
        "      - run: echo \"${{ env.T }} ${{ toJSON(github.event.issue) }}\"\r\n"
        "      - run: |\n"
        "          echo \"${{ github.event.comment.body || github.event.issue.body }}\"\n"
    )
    result = run(tmp_path, {".github/workflows/ci.yml": wf}, [RULE])
    lines = wf.split("\n")
    got = [(f.line, f.col, lines[f.line - 1][f.col - 1 : f.end_col - 1]) for f in result.findings if f.end_line == f.line]
    assert got == [
        (8, 24, "github.event.issue['title']"),
        (8, 59, "github . event . issue . body"),
        (9, 24, "env.T"),
        (9, 44, "github.event.issue"),
        (11, 21, "github.event.comment.body"),
        (11, 50, "github.event.issue.body"),
    ]
