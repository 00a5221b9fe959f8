"""What `untrusted-checkout` reports (a pull_request_target or workflow_run workflow checks out
the pull request's code): exact rule, path, line and column."""
from __future__ import annotations

from helpers import locs, run


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
