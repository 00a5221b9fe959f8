"""Issue 15 (GitHub Actions side): values GitHub rejects or cannot use: uses-invalid,
env-name-invalid, dispatch-input-invalid, event-config-invalid, schedule-cron-invalid
(time zones), schedule-too-frequent. Variants: block and flow style, anchors, CRLF,
quoted keys, reusable workflow jobs, composite actions."""
from __future__ import annotations

import pytest

from helpers import lint, write_files

WF = ".github/workflows/ci.yml"


def found(tmp_path, files, rule):
    write_files(tmp_path, files)
    res = lint(tmp_path, select=[rule])
    assert not res.internal_errors
    return [(f.path, f.line, f.col) for f in res.findings if f.rule == rule]


@pytest.mark.parametrize("uses, bad", [
    ("actions/checkout", True),
    ("actions/checkout@v4", False),
    ("actions/checkout@", True),
    ("/checkout@v4", True),
    ("actions/@v4", True),
    ("github/codeql-action/init@v3", False),
    ("docker://alpine", False),
    ("docker://localhost:5000/img:1", False),
    ("'docker://alpine:'", True),
    ("docker://", True),
    ("./local", False),
    ("${{ matrix.a }}", False),
])
def test_step_uses_forms(tmp_path, uses, bad):
    text = f"on: push\njobs:\n  b:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: {uses}\n"
    assert found(tmp_path, {WF: text}, "uses-invalid") == ([(WF, 6, 15)] if bad else [])


def test_uses_through_an_anchor_is_reported_once_at_its_definition(tmp_path):
    text = ("on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - &co\n        uses: actions/checkout\n"
            "  b:\n    runs-on: ubuntu-latest\n    steps:\n      - *co\n")
    assert found(tmp_path, {WF: text}, "uses-invalid") == [(WF, 7, 15)]


def test_crlf_and_reusable_job(tmp_path):
    text = "on: push\r\njobs:\r\n  call:\r\n    uses: org/repo/.github/workflows/x.yml\r\n"
    assert found(tmp_path, {WF: text}, "uses-invalid") == [(WF, 4, 11)]


def test_env_names_quoted_and_in_composite_action(tmp_path):
    files = {
        WF: "on: push\nenv:\n  'A B': 1\n  GOOD: 2\njobs:\n  b: {runs-on: ubuntu-latest, steps: [{run: echo}]}\n",
        "action.yml": ("name: n\ndescription: d\nruns:\n  using: composite\n  steps:\n"
                       "    - run: echo\n      shell: bash\n      env:\n        X=1: a\n"),
    }
    assert sorted(found(tmp_path, files, "env-name-invalid")) == [(WF, 3, 3), ("action.yml", 9, 9)]


def test_dispatch_choice_options_through_anchor_and_numbers(tmp_path):
    text = ("on:\n  workflow_dispatch:\n    inputs:\n      a:\n        type: choice\n        options: &opts [1, 2]\n"
            "        default: 2\n      b:\n        type: choice\n        options: *opts\n        default: 3\n")
    assert found(tmp_path, {WF: text + "jobs:\n  j: {runs-on: x, steps: [{run: echo}]}\n"}, "dispatch-input-invalid") == [
        (WF, 11, 18)
    ]


def test_dispatch_empty_options_and_boolean_default(tmp_path):
    text = ("on:\n  workflow_dispatch:\n    inputs:\n      a: {type: choice, options: []}\n"
            "      b: {type: boolean, default: TRUE}\n      c: {type: number, default: 1e3}\n"
            "jobs:\n  j: {runs-on: x, steps: [{run: echo}]}\n")
    assert found(tmp_path, {WF: text}, "dispatch-input-invalid") == [(WF, 4, 34)]


def test_event_types_as_a_string_and_repository_dispatch(tmp_path):
    text = ("on:\n  release: {types: publish}\n  repository_dispatch: {types: [anything]}\n"
            "  pull_request: {types: ['${{ x }}']}\njobs:\n  j: {runs-on: x, steps: [{run: echo}]}\n")
    assert found(tmp_path, {WF: text}, "event-config-invalid") == [(WF, 2, 20)]


def test_event_filters_only_on_events_with_activity_types(tmp_path):
    # `push: {types: ...}` and `schedule` keys are workflow-schema's findings, not this rule's
    text = ("on:\n  push: {tags: [v*], paths: [a]}\n  pull_request_review:\n    tags: [v1]\n"
            "jobs:\n  j: {runs-on: x, steps: [{run: echo}]}\n")
    assert found(tmp_path, {WF: text}, "event-config-invalid") == [(WF, 4, 5)]


def test_timezone_is_judged_only_with_a_database(tmp_path, monkeypatch):
    from okla_lint.rules.gha import schedule_cron

    text = "on:\n  schedule:\n    - cron: '0 2 * * *'\n      timezone: Nowhere/City\njobs:\n  j: {runs-on: x, steps: [{run: echo}]}\n"
    assert found(tmp_path, {WF: text}, "schedule-cron-invalid") == [(WF, 4, 17)]
    monkeypatch.setattr(schedule_cron, "_timezones", lambda: set())
    assert found(tmp_path, {WF: text}, "schedule-cron-invalid") == []


@pytest.mark.parametrize("cron, bad", [
    ("'*/4 * * * *'", True),
    ("'*/5 * * * *'", False),
    ("'0-59/10 * * * *'", False),
    ("'0,58 * * * *'", True),  # 58 then 0 of the next hour: 2 minutes apart
    ("'0,58 3 * * *'", False),  # one hour only: 58 minutes apart
    ("'5 * * * *'", False),
    ("'1-3 * * * *'", True),
])
def test_frequency(tmp_path, cron, bad):
    text = f"on:\n  schedule:\n    - cron: {cron}\njobs:\n  j: {{runs-on: x, steps: [{{run: echo}}]}}\n"
    assert found(tmp_path, {WF: text}, "schedule-too-frequent") == ([(WF, 3, 14)] if bad else [])
