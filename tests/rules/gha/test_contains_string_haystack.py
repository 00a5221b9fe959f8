"""contains-string-haystack (zizmor unsound-contains): contains('<string>', <value an outsider
or a pusher chooses>) in an `if:`."""
from __future__ import annotations

import pytest

from helpers import lint, locs, write_files

RULE = "contains-string-haystack"


def wf(job_if: str = "", step_if: str = "") -> str:
    text = "on: push\njobs:\n  d:\n"
    if job_if:
        text += f"    if: {job_if}\n"
    text += "    runs-on: ubuntu-latest\n    steps:\n      - run: ./deploy.sh\n"
    if step_if:
        text += f"        if: {step_if}\n"
    return text


@pytest.mark.parametrize(
    "cond, col",
    [
        ("contains('refs/heads/main refs/heads/dev', github.ref)", 18),
        ("${{ contains('main dev', github.ref_name) }}", 22),
        ("github.event_name == 'push' && contains('main', github.head_ref)", 49),
        ("contains('alice bob', github.actor)", 18),
        ("contains('prod staging', inputs.environment)", 18),
        ("contains('a b', env.TARGET)", 18),
        ("CONTAINS('refs/heads/main', GITHUB.REF)", 18),
        ("${{ !contains('main', github['ref_name']) }}", 23),
    ],
    ids=["ref", "template", "and", "actor", "inputs", "env", "upper-case", "negated-index"],
)
def test_job_condition(tmp_path, cond, col):
    write_files(tmp_path, {".github/workflows/w.yml": wf(job_if=cond)})
    assert locs(lint(tmp_path, select=[RULE])) == [f".github/workflows/w.yml:4:{col}"]


def test_step_condition_and_quoted_scalar(tmp_path):
    write_files(tmp_path, {".github/workflows/w.yml": wf(step_if="\"contains('main', github.ref)\"")})
    assert locs(lint(tmp_path, select=[RULE])) == [".github/workflows/w.yml:7:23"]


def test_block_scalar_condition(tmp_path):
    text = (
        "on: push\njobs:\n  d:\n    if: >-\n      github.event_name == 'push' &&\n"
        "      contains('refs/heads/main', github.ref)\n    runs-on: ubuntu-latest\n    steps: [{run: 'true'}]\n"
    )
    write_files(tmp_path, {".github/workflows/w.yml": text})
    assert locs(lint(tmp_path, select=[RULE])) == [".github/workflows/w.yml:6:16"]


def test_crlf(tmp_path):
    text = wf(job_if="contains('main', github.ref_name)").replace("\n", "\r\n")
    write_files(tmp_path, {".github/workflows/w.yml": text})
    assert locs(lint(tmp_path, select=[RULE])) == [".github/workflows/w.yml:4:18"]


def test_composite_action_step(tmp_path):
    action = (
        "name: x\ndescription: x\nruns:\n  using: composite\n  steps:\n    - run: ./release.sh\n"
        "      shell: bash\n      if: contains('main', github.ref_name)\n"
    )
    write_files(tmp_path, {"action.yml": action})
    assert locs(lint(tmp_path, select=[RULE])) == ["action.yml:8:20"]


@pytest.mark.parametrize(
    "cond",
    [
        "contains(fromJSON('[\"main\", \"dev\"]'), github.ref_name)",
        "contains(github.event.head_commit.message, '[skip ci]')",
        "contains('push pull_request', github.event_name)",  # not chosen by an outsider
        "contains(github.event.pull_request.labels.*.name, 'deploy')",
        "contains('main', 'main')",
        "github.ref == 'refs/heads/main'",
    ],
    ids=["list", "message", "event-name", "labels", "literals", "equality"],
)
def test_quiet(tmp_path, cond):
    write_files(tmp_path, {".github/workflows/w.yml": wf(job_if=cond, step_if=cond)})
    assert lint(tmp_path, select=[RULE]).findings == []


def test_outside_conditions_is_not_a_guard(tmp_path):
    text = wf() + "        env: {X: \"${{ contains('main', github.ref_name) }}\"}\n"
    write_files(tmp_path, {".github/workflows/w.yml": text})
    assert lint(tmp_path, select=[RULE]).findings == []


def test_anchor_repeated_job_reported_once(tmp_path):
    text = (
        "on: push\njobs:\n  a: &j\n    if: contains('main', github.ref_name)\n    runs-on: ubuntu-latest\n"
        "    steps: [{run: 'true'}]\n  b: *j\n"
    )
    write_files(tmp_path, {".github/workflows/w.yml": text})
    assert locs(lint(tmp_path, select=[RULE])) == [".github/workflows/w.yml:4:18"]
