"""workflow-schema: GitHub workflows and action metadata against their schemas."""
from __future__ import annotations

from pathlib import Path

import pytest

from helpers import ROOT_DIR, lint, locs, run, write_files
from okla_lint.lib.common.schema_errors import closest


RULE = "workflow-schema"


FIXTURES = ROOT_DIR / "fixtures" / "schema"


WF = ".github/workflows/ci.yml"


def messages(result):
    return [f.message for f in result.findings if f.rule == RULE]


def by_place(result):
    return {f"{f.path}:{f.line}:{f.col}": f.message for f in result.findings if f.rule == RULE}


def test_fixture_broken_repository():
    result = lint(FIXTURES / "broken", select=[RULE])
    assert locs(result, RULE) == [
        ".github/actions/setup/action.yml:14:7",  # composite run step without shell
        ".github/actions/setup/action.yml:8:1",  # ouputs (ignored by GitHub)
        ".github/workflows/deploy.yml:13:9",  # with on a run step
        ".github/workflows/deploy.yml:18:5",  # runs_on
        ".github/workflows/deploy.yml:23:28",  # continue-on-error: "true"
    ]


def test_fixture_fixed_repository_is_clean():
    assert messages(lint(FIXTURES / "fixed", select=[RULE])) == []


def test_expressions_stand_in_for_any_value(tmp_path):
    wf = """\
on:
  workflow_call:
    inputs:
      matrix: {type: string, required: true}
      retries: {type: number, default: 3}
jobs:
  test:
    runs-on: ${{ fromJSON(inputs.runners) }}
    timeout-minutes: ${{ inputs.retries * 10 }}
    continue-on-error: ${{ inputs.experimental }}
    strategy:
      fail-fast: ${{ inputs.fail-fast }}
      max-parallel: ${{ inputs.parallel }}
      matrix: ${{ fromJSON(inputs.matrix) }}
    container: ${{ inputs.image }}
    services: ${{ fromJSON(inputs.services) }}
    env: ${{ fromJSON(inputs.env) }}
    steps:
      - uses: actions/cache@v4
        continue-on-error: ${{ runner.os == 'Windows' }}
        timeout-minutes: ${{ inputs.retries }}
        with:
          path: ~/.cache
          ${{ inputs.extra-key }}: x
      - run: echo ok
        env:
          ${{ inputs.name }}: value
"""
    assert messages(run(tmp_path, {WF: wf}, [RULE])) == []


def test_what_github_accepts_but_schemastore_rejects(tmp_path):
    wf = """\
name: ci
description: builds the thing
on:
  push:
    branches: main
    tags: v*
    paths-ignore: docs/**
  pull_request:
    branches-ignore: 'dependabot/**'
  workflow_run:
    workflows: build
    types: completed
jobs:
  build:
    name: 42
    runs-on: ubuntu-latest
    cancel-timeout-minutes: 5
    env: {RETRIES: 3, VERBOSE: true}
    steps:
      - uses: actions/setup-python@v5
        with: {python-version: 3.12, cache: false}
      - run: make
        name: 7
      - uses: actions/checkout@v4
        with:
          ref:
        env: {EMPTY: ~}
"""
    assert messages(run(tmp_path, {WF: wf}, [RULE])) == []


NEWER = """\
name: images
on:
  image_version:
    types: [created, ready]
    names: ["my-custom-image"]
    versions: "2.*"
  pull_request_comment:
    types: created
  schedule:
    - cron: "30 2 * * *"
      timezone: Europe/London
permissions:
  contents: read
  drives: read
  copilot-requests: none
jobs:
  image:
    runs-on: my-image-generation-runner
    permissions: {drives: write}
    snapshot:
      if: ${{ ! startsWith(github.ref, 'refs/tags/') }}
      image-name: my-custom-image
      version: 2.*
    steps:
      - run: make image
  plain:
    runs-on: my-image-generation-runner
    snapshot: my-custom-image
    steps: [{run: make image}]
  flow:
    runs-on: my-image-generation-runner
    snapshot: {if: github.ref == 'refs/heads/main', image-name: other, version: '3'}
    steps: [{run: make image}]
"""


@pytest.mark.parametrize("eol", ["\n", "\r\n"])
def test_what_github_parser_reads_and_schemastore_does_not_know_yet(tmp_path, eol):
    """actions/languageservices workflow-v1.0.json: `snapshot.if`, any `snapshot.version`
    (the custom-images docs write `2.*`), the `image_version` event, `pull_request_comment`,
    `permissions: drives`, `copilot-requests: none`; block and flow style, CRLF."""
    assert messages(run(tmp_path, {WF: NEWER.replace("\n", eol)}, [RULE])) == []
    flow = "on: [image_version, pull_request_comment]\njobs:\n  j: {runs-on: x, snapshot: {image-name: i, if: true}, steps: [{run: echo}]}\n"
    assert messages(run(tmp_path / "flow", {WF: flow}, [RULE])) == []


def test_what_github_parser_rejects_in_the_newer_keys(tmp_path):
    """A misspelt snapshot key (for `image-name`), a filter `image_version` does not take
    and a permission level that does not exist stay reported, at the offending key or value."""
    bad = (
        "on:\n  image_version:\n    branches: [main]\npermissions:\n  drives: admin\n  copilot-requests: read\n"
        "jobs:\n  j:\n    runs-on: x\n    snapshot:\n      imagename: i\n      if: true\n"
        "    steps: [{run: echo}]\n"
    )
    got = by_place(run(tmp_path, {WF: bad}, [RULE]))
    assert sorted(got) == [f"{WF}:11:7", f"{WF}:3:5", f"{WF}:5:11", f"{WF}:6:21"], got
    assert "did you mean 'image-name'" in got[f"{WF}:11:7"] and "'admin'" in got[f"{WF}:5:11"]


def test_job_defects(tmp_path):
    wf = """\
on: push
jobs:
  build:
    runs_on: ubuntu-latest
    steps: [{run: make}]
  lint:
    steps: [{run: make lint}]
  both:
    runs-on: ubuntu-latest
    uses: ./.github/workflows/lint.yml
  call:
    uses: ./.github/workflows/lint.yml
    steps: [{run: x}]
  bad.id:
    runs-on: ubuntu-latest
    steps: [{run: x}]
  ${{ matrix.name }}:
    runs-on: ubuntu-latest
    steps: [{run: x}]
"""
    result = run(tmp_path, {WF: wf}, [RULE])
    assert locs(result) == [
        f"{WF}:10:5",  # both runs-on and uses
        f"{WF}:13:5",  # steps in a reusable-workflow job
        f"{WF}:14:3",  # bad.id
        f"{WF}:17:3",  # ${{ }} as a job id
        f"{WF}:4:5",  # runs_on (one finding, not also "runs-on missing")
        f"{WF}:6:3",  # lint has no runs-on
    ]
    m = by_place(result)
    assert "did you mean 'runs-on'?" in m[f"{WF}:4:5"]
    assert "has no 'runs-on'" in m[f"{WF}:6:3"]
    assert "both `runs-on` and `uses`" in m[f"{WF}:10:5"]
    assert "'steps' belongs in a job with `runs-on`" in m[f"{WF}:13:5"]
    assert "job id 'bad.id' is invalid" in m[f"{WF}:14:3"]


def test_step_defects(tmp_path):
    wf = """\
on: push
jobs:
  build:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
        run: make
      - run: make
        with: {target: x}
      - uses: actions/checkout@v4
        shell: bash
      - name: nothing
      - run: make
        timeout-minutes: ten
        continue-on-error: yes
      - run: make
        envv: {A: b}
"""
    result = run(tmp_path, {WF: wf}, [RULE])
    assert locs(result) == [
        f"{WF}:11:9",
        f"{WF}:12:9",
        f"{WF}:14:26",
        f"{WF}:15:28",
        f"{WF}:17:9",
        f"{WF}:6:9",
        f"{WF}:8:9",
    ]
    m = by_place(result)
    assert "both `uses` and `run`" in m[f"{WF}:6:9"]
    assert "`with` but runs a script" in m[f"{WF}:8:9"]
    assert "only applies to a `run` step" in m[f"{WF}:11:9"]
    assert "neither `uses` nor `run`" in m[f"{WF}:12:9"]
    assert "must be a number or a ${{ }} expression" in m[f"{WF}:14:26"]
    assert "did you mean 'env'?" in m[f"{WF}:17:9"]


def test_events_and_values(tmp_path):
    files = {
        ".github/workflows/a.yml": "on: pull-request\njobs: {a: {runs-on: x, steps: [{run: y}]}}\n",
        ".github/workflows/b.yml": (
            "on:\n  pull_requests:\n    branches: [main]\npermissions:\n  contents: reed\n"
            "env: [A=1]\njobs: {a: {runs-on: x, steps: [{run: y}]}}\n"
        ),
    }
    result = run(tmp_path, files, [RULE])
    assert locs(result) == [
        ".github/workflows/a.yml:1:5",
        ".github/workflows/b.yml:2:3",
        ".github/workflows/b.yml:5:13",
        ".github/workflows/b.yml:6:6",
    ]
    m = messages(result)
    assert "did you mean 'pull_request'?" in m[0]
    assert "did you mean 'pull_request'?" in m[1]
    assert "did you mean 'read'?" in m[2]
    assert "must be a mapping or a ${{ }} expression" in m[3]


def test_crlf_and_flow_style(tmp_path):
    wf = "on: push\r\njobs:\r\n  a: {runs-on: x, stpes: [{run: y}]}\r\n"
    result = run(tmp_path, {WF: wf}, [RULE])
    assert locs(result) == [f"{WF}:3:19"]
    assert "did you mean 'steps'?" in messages(result)[0]


def test_action_metadata(tmp_path):
    files = {
        "a/action.yml": (
            "name: a\ndescription: d\ninputs:\n  token: {description: t, required: 'true', default: x}\n"
            "outputs:\n  out: {value: '${{ steps.x.outputs.y }}'}\n"
            "runs:\n  using: composite\n  steps:\n    - id: x\n      run: echo\n      shell: bash\n"
            "    - uses: actions/checkout@v4\n      with: {fetch-depth: 0}\n"
        ),
        "b/action.yml": "name: b\nruns:\n  using: node20\n  mian: index.js\n",
        "c/action.yaml": (
            "name: c\ndescription: d\nruns:\n  using: composite\n  steps:\n"
            "    - run: echo\n      shell: bash\n      timeout-minutes: 5\n"
            "    - uses: x/y@v1\n      run: echo\n    - run: echo\n"
        ),
        "d/action.yml": "name: d\ndescription: d\nbrandin: {icon: zap}\nruns: {using: docker, image: Dockerfile}\n",
    }
    result = run(tmp_path, files, [RULE])
    assert locs(result) == [
        "b/action.yml:4:3",
        "c/action.yaml:11:7",
        "c/action.yaml:8:7",
        "c/action.yaml:9:7",
        "d/action.yml:3:1",
    ]
    m = by_place(result)
    assert "did you mean 'main'?" in m["b/action.yml:4:3"]
    assert "unknown key 'timeout-minutes'" in m["c/action.yaml:8:7"]
    assert "no `shell`" in m["c/action.yaml:11:7"]
    assert "both `uses` and `run`" in m["c/action.yaml:9:7"]
    assert "ignores unknown top-level keys" in m["d/action.yml:3:1"]


def test_closest_key():
    keys = ["runs-on", "steps", "timeout-minutes", "env", "environment"]
    assert closest("runs_on", keys) == "runs-on"
    assert closest("Steps", keys) == "steps"
    assert closest("timeout-minute", keys) == "timeout-minutes"
    assert closest("envv", keys) == "env"
    assert closest("zzz", keys) is None
    assert closest("imageformat", ["image", "pool", "monitors"]) is None


def test_keys_that_differ_only_in_case(tmp_path):
    wf = """\
on: push
env:
  TOKEN: a
  token: b
jobs:
  a:
    runs-on: x
    steps:
      - uses: actions/checkout@v4
        with: {Ref: main, ref: dev}
  A:
    runs-on: x
    steps: [{run: y}]
"""
    result = run(tmp_path, {WF: wf}, [RULE])
    # job ids that differ in case are the job rules' business
    assert locs(result) == [f"{WF}:10:27", f"{WF}:4:3"]
    assert "differs from 'TOKEN' (line 3) only in case" in by_place(result)[f"{WF}:4:3"]


RULE_GHA_SCHEMA = "workflow-schema"


P = ".github/workflows/ci.yml"


def test_job_without_steps(tmp_path):
    wf = (
        "on: push\n"
        "jobs:\n"
        "  build:\n"
        "    runs-on: ubuntu-latest\n"
        "  call:\n"
        "    uses: ./.github/workflows/lint.yml\n"
        "  ok:\n"
        "    runs-on: ubuntu-latest\n"
        "    steps: [{run: make}]\n"
    )
    lint_wf = "on: workflow_call\njobs:\n  l:\n    runs-on: ubuntu-latest\n    steps: [{run: make lint}]\n"
    write_files(tmp_path, {P: wf, ".github/workflows/lint.yml": lint_wf})
    r = lint(tmp_path, select=[RULE_GHA_SCHEMA])
    assert locs(r, RULE_GHA_SCHEMA) == [f"{P}:3:3"]
    assert "has no 'steps'" in r.findings[0].message


@pytest.mark.parametrize("strategy, n", [("{fail-fast: false}", 0), ("{max-parallel: 1}", 0), ("{matrix: {os: [a]}}", 0)])
def test_strategy_needs_no_matrix(tmp_path, strategy, n):
    """GitHub's workflow-v1.0.json requires none of strategy's keys (polars' release workflow
    has `strategy: {fail-fast: false}` alone)."""
    text = f"on: push\njobs:\n  j:\n    runs-on: ubuntu-latest\n    strategy: {strategy}\n    steps: [{{run: 'true'}}]\n"
    write_files(tmp_path, {".github/workflows/w.yml": text})
    assert len(locs(lint(tmp_path, select=["workflow-schema"]), "workflow-schema")) == n


# -- speed: repeated `needs` items are validated once (issue 11) ---------------------------
def _needs_workflow(jobs: int, bad: bool = False) -> str:
    out = ["on: push", "jobs:"]
    for i in range(jobs):
        out += [f"  j{i}:", "    runs-on: ubuntu-latest"]
        if i:
            extra = ", 'bad id', 3, null, true, [x], 'bad id', 3" if bad else ""
            out.append("    needs: [" + ",".join(f"j{k}" for k in range(i)) + extra + "]")
        out += ["    steps:", "      - run: echo hi"]
    return "\n".join(out) + "\n"


def test_item_memo_gives_the_errors_of_plain_jsonschema():
    from jsonschema import Draft7Validator

    from okla_lint.core.files import parse_yaml_file
    from okla_lint.rules.gha.schema import _fix_workflow_schema, _load_vendored, with_item_memo

    schema = _fix_workflow_schema(_load_vendored("github-workflows.json"))
    plain, memo = Draft7Validator(schema), with_item_memo(Draft7Validator)(schema)
    for text in (_needs_workflow(30), _needs_workflow(30, bad=True),
                 "on: {push: {branches: [a, a, 1, 1, '', '']}}\njobs: {a: {runs-on: [x, 1, x, 1], steps: [{run: a}]}}\n"):
        root = parse_yaml_file(Path("w.yml"), "w.yml", text).docs[0].root
        def errors(v):
            return [(tuple(e.absolute_path), tuple(e.schema_path), e.message, len(e.context)) for e in v.iter_errors(root)]
        want = errors(plain)
        assert errors(memo) == want and errors(memo) == want  # a second run from the memo


def test_needs_items_are_validated_once_per_distinct_value(tmp_path):
    from okla_lint.rules.gha.schema import workflow_validator

    run(tmp_path, {".github/workflows/big.yml": _needs_workflow(200)}, [RULE])  # 19,900 `needs` items
    kept = sum(len(valid) for _, valid in workflow_validator().ITEM_MEMO.values())
    assert kept < 1000
