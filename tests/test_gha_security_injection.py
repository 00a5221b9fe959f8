"""script-injection variants: where the expression sits, how it is spelled, and what stays
silent."""
from __future__ import annotations

from helpers import lint, locs, write_files
from okla_lint.rules.gha.injection import untrusted_refs

RULE = "script-injection"


def run(tmp_path, files):
    write_files(tmp_path, files)
    result = lint(tmp_path, select=[RULE])
    assert not result.internal_errors
    return result


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
    r = run(
        tmp_path,
        {
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
        },
    )
    assert locs(r, RULE) == [".github/workflows/w.yml:8:15", ".github/workflows/w.yml:9:25"]
    assert "env:" in r.findings[0].message


def test_crlf_workflow(tmp_path):
    text = "on: pull_request_target\njobs:\n  j:\n    runs-on: x\n    steps:\n      - run: |\n          ls\n          echo ${{ github.head_ref }}\n"
    r = run(tmp_path, {".github/workflows/w.yml": text.replace("\n", "\r\n")})
    assert locs(r, RULE) == [".github/workflows/w.yml:8:20"]


def test_composite_action_steps(tmp_path):
    r = run(
        tmp_path,
        {
            ".github/actions/note/action.yml": (
                "name: note\n"
                "runs:\n"
                "  using: composite\n"
                "  steps:\n"
                "    - shell: bash\n"
                "      run: echo \"${{ github.event.pull_request.head.ref }}\"\n"
            )
        },
    )
    assert locs(r, RULE) == [".github/actions/note/action.yml:6:22"]


def test_env_indirection_and_other_keys_are_silent(tmp_path):
    r = run(
        tmp_path,
        {
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
        },
    )
    assert locs(r, RULE) == []


def test_several_untrusted_values_in_one_expression_and_one_line(tmp_path):
    r = run(
        tmp_path,
        {
            ".github/workflows/w.yml": (
                "on: push\n"
                "jobs:\n"
                "  j:\n"
                "    runs-on: ubuntu-latest\n"
                "    steps:\n"
                "      - run: |\n"
                "          git commit -m \"${{ github.event.head_commit.message }}\" --author \"${{ github.event.head_commit.author.name }}\"\n"
            )
        },
    )
    assert locs(r, RULE) == [".github/workflows/w.yml:7:30", ".github/workflows/w.yml:7:81"]
