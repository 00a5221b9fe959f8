"""Action references, privileged checkouts and token permissions."""
from __future__ import annotations

from helpers import lint, locs, write_files


def run(tmp_path, files, rules):
    write_files(tmp_path, files)
    result = lint(tmp_path, select=list(rules))
    assert not result.internal_errors, result.internal_errors
    return result


def test_branch_and_sha_pins_in_composite_actions(tmp_path):
    action = (
        "name: a\nruns:\n  using: composite\n  steps:\n"
        "    - uses: owner/tool@master\n"
        "    - uses: owner/tool/sub/dir@v2.1\n"
        "    - uses: owner/tool@0123456789abcdef0123456789abcdef01234567\n"
        "    - uses: docker://alpine:3.20\n"
        "    - uses: github/codeql-action/init@main\n"
    )
    r = run(tmp_path, {"action.yml": action}, ["action-pinned-to-branch", "action-not-pinned-to-sha"])
    assert sorted((f.rule, f"{f.line}:{f.col}") for f in r.findings) == [
        ("action-not-pinned-to-sha", "6:32"),
        ("action-pinned-to-branch", "5:24"),
    ]


def test_sha_pin_rule_is_off_by_default(tmp_path):
    text = "on: push\npermissions: {}\njobs:\n  j:\n    runs-on: x\n    steps:\n      - uses: owner/tool@v1\n"
    write_files(tmp_path, {".github/workflows/w.yml": text})
    assert locs(lint(tmp_path)) == []


def wf(on: str, steps: str, job_if: str = "") -> str:
    return (
        f"on: {on}\npermissions: {{contents: read}}\njobs:\n  j:\n"
        + (f"    if: {job_if}\n" if job_if else "")
        + "    runs-on: ubuntu-latest\n    steps:\n"
        + steps
    )


def test_untrusted_checkout_variants(tmp_path):
    steps = (
        "      - uses: actions/checkout@v4\n"
        "        with:\n"
        "          ref: refs/pull/${{ github.event.number }}/merge\n"
        "      - run: gh pr checkout ${{ github.event.pull_request.number }}\n"
        "      - run: git fetch origin pull/$PR/head:pr && git checkout pr && make\n"
        "      - uses: actions/checkout@v4\n"
        "        with:\n"
        "          repository: ${{ github.event.pull_request.head.repo.full_name }}\n"
    )
    r = run(tmp_path, {".github/workflows/w.yml": wf("pull_request_target", steps)}, ["untrusted-checkout"])
    assert locs(r) == sorted([
        ".github/workflows/w.yml:9:16",
        ".github/workflows/w.yml:10:14",
        ".github/workflows/w.yml:11:31",
        ".github/workflows/w.yml:14:23",
    ])


def test_fetch_alone_is_not_a_checkout(tmp_path):
    """Issue 10: `git fetch` of the pull request's ref only downloads it; reported when this
    or a later step checks out, merges or resets to it (FETCH_HEAD or the fetched ref)."""
    steps = (
        "      - uses: actions/checkout@v4\n"
        "      - run: git fetch origin refs/pull/${{ github.event.number }}/merge:pr-merge\n"
        "      - run: git diff origin/main..pr-merge\n"
    )
    later = steps + "      - run: git checkout pr-merge && make\n"
    same = "      - run: |\n          git fetch origin pull/${{ github.event.number }}/head\n          git reset --hard FETCH_HEAD\n"
    files = {
        ".github/workflows/a.yml": wf("pull_request_target", steps),
        ".github/workflows/b.yml": wf("pull_request_target", later),
        ".github/workflows/c.yml": wf("pull_request_target", same),
    }
    r = run(tmp_path, files, ["untrusted-checkout"])
    assert [x.split(":")[0] for x in locs(r)] == [".github/workflows/b.yml", ".github/workflows/c.yml"]


def test_untrusted_checkout_guards_and_other_triggers(tmp_path):
    steps = (
        "      - uses: actions/checkout@v4\n"
        "        with:\n"
        "          ref: ${{ github.event.pull_request.head.sha }}\n"
    )
    files = {
        ".github/workflows/a.yml": wf("pull_request", steps),
        ".github/workflows/b.yml": wf("pull_request_target", steps, "github.event.pull_request.user.login == 'dependabot[bot]'"),
        ".github/workflows/c.yml": wf("pull_request_target", steps, "github.event.pull_request.merged == true"),
        ".github/workflows/d.yml": wf("{pull_request_target: {types: [labeled]}}", steps),
    }
    r = run(tmp_path, files, ["untrusted-checkout"])
    assert locs(r) == [".github/workflows/d.yml:9:16"]


def test_permissions_rules(tmp_path):
    files = {
        ".github/workflows/a.yml": "on: push\njobs:\n  j:\n    runs-on: x\n    permissions: write-all\n    steps: [{run: ls}]\n  k:\n    runs-on: x\n    steps: [{run: ls}]\n",
        ".github/workflows/b.yml": "on: [push, workflow_call]\njobs:\n  j:\n    runs-on: x\n    steps: [{run: ls}]\n",
    }
    r = run(tmp_path, files, ["missing-permissions", "permissions-write-all"])
    assert sorted((f.rule, f"{f.path}:{f.line}:{f.col}") for f in r.findings) == [
        ("missing-permissions", ".github/workflows/a.yml:2:1"),
        ("missing-permissions", ".github/workflows/b.yml:2:1"),
        ("permissions-write-all", ".github/workflows/a.yml:5:18"),
    ]
    msg = [f.message for f in r.findings if f.path.endswith("a.yml") and f.rule == "missing-permissions"][0]
    assert "job 'k' runs with" in msg


def test_workflow_run_after_push_only_workflows_is_silent(tmp_path):
    steps = (
        "      - uses: actions/checkout@v4\n"
        "        with:\n"
        "          ref: ${{ github.event.workflow_run.head_sha }}\n"
    )
    files = {
        ".github/workflows/ci.yml": "name: CI\non: push\njobs:\n  t:\n    runs-on: x\n    steps: [{run: ls}]\n",
        ".github/workflows/pr.yml": "name: PR CI\non: pull_request\njobs:\n  t:\n    runs-on: x\n    steps: [{run: ls}]\n",
        ".github/workflows/a.yml": wf("{workflow_run: {workflows: [CI], types: [completed]}}", steps),
        ".github/workflows/b.yml": wf("{workflow_run: {workflows: [PR CI], types: [completed]}}", steps),
        ".github/workflows/c.yml": wf("{workflow_run: {workflows: [Elsewhere]}}", steps),
        ".github/workflows/d.yml": wf("{workflow_run: {workflows: [PR CI]}}", steps, "github.event.workflow_run.event == 'push'"),
    }
    r = run(tmp_path, files, ["untrusted-checkout"])
    assert locs(r) == [".github/workflows/b.yml:9:16", ".github/workflows/c.yml:9:16"]
