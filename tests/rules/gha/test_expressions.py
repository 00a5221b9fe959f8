"""Expression rules on workflow and composite-action variants: block, folded and quoted
scalars, flow style, CRLF, composite actions, matrices built in several ways."""
from __future__ import annotations

from helpers import ROOT_DIR, lint, locs, write_files
from pathlib import Path

EXPR_RULES = [
    "expr-syntax",
    "expr-unknown-context",
    "expr-context-unavailable",
    "expr-unknown-function",
    "expr-undefined-step",
    "expr-undefined-job",
    "expr-undefined-matrix-key",
    "expr-undefined-input",
]


def run(tmp_path, files, rules=None):
    write_files(tmp_path, files)
    res = lint(tmp_path, select=rules or EXPR_RULES)
    assert not res.internal_errors, res.internal_errors
    return res


def found(res):
    return sorted((f.rule, f"{f.path}:{f.line}:{f.col}") for f in res.findings)


WF = ".github/workflows/ci.yml"


def test_positions_inside_a_literal_block_on_later_lines(tmp_path):
    res = run(
        tmp_path,
        {
            WF: (
                "on: push\n"
                "jobs:\n"
                "  build:\n"
                "    runs-on: ubuntu-latest\n"
                "    steps:\n"
                "      - run: |\n"
                "          echo one\n"
                "            echo ${{ steps.nope.outputs.x }} ${{ foo }}\n"
            )
        },
    )
    assert found(res) == [
        ("expr-undefined-step", f"{WF}:8:28"),
        ("expr-unknown-context", f"{WF}:8:50"),
    ]


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
    res = run(tmp_path, {WF: text})
    assert found(res) == [("expr-syntax", f"{WF}:8:31")]


def test_folded_and_quoted_scalars(tmp_path):
    res = run(
        tmp_path,
        {
            WF: (
                "on: push\n"
                "jobs:\n"
                "  build:\n"
                "    runs-on: ubuntu-latest\n"
                "    steps:\n"
                "      - run: >-\n"
                "          echo a\n"
                "          ${{ lower(github.ref) }}\n"
                "      - run: \"echo ${{ matrix.os }}\"\n"
                "      - run: 'echo ${{ secret.X }}'\n"
            )
        },
    )
    assert found(res) == [
        ("expr-undefined-matrix-key", f"{WF}:9:31"),
        ("expr-unknown-context", f"{WF}:10:24"),
        ("expr-unknown-function", f"{WF}:8:15"),
    ]


def test_flow_style_job(tmp_path):
    res = run(
        tmp_path,
        {WF: "on: push\njobs:\n  a: {runs-on: ubuntu-latest, env: {X: '${{ env.Y }}'}, steps: [{run: 'echo ${{ needs.b.result }}'}]}\n"},
    )
    assert found(res) == [
        ("expr-context-unavailable", f"{WF}:3:45"),
        ("expr-undefined-job", f"{WF}:3:87"),
    ]


def test_availability_per_key(tmp_path):
    res = run(
        tmp_path,
        {
            WF: """\
on:
  workflow_call:
    outputs:
      image: {value: "${{ jobs.build.outputs.image }}"}
run-name: ${{ github.actor }} ${{ secrets.X }}
concurrency: ${{ github.ref }}-${{ env.X }}
jobs:
  build:
    runs-on: ${{ matrix.os }}
    strategy:
      fail-fast: ${{ matrix.os == 'x' }}
      matrix:
        os: [ubuntu-latest]
    outputs:
      image: ${{ steps.b.outputs.image }}
    env:
      A: ${{ secrets.A }}
    steps:
      - id: b
        run: echo "${{ jobs.x }}"
        env:
          B: ${{ env.A }}
""",
        },
    )
    assert found(res) == [
        ("expr-context-unavailable", f"{WF}:11:22"),
        ("expr-context-unavailable", f"{WF}:20:24"),
        ("expr-context-unavailable", f"{WF}:5:35"),
        ("expr-context-unavailable", f"{WF}:6:36"),
    ]


def test_special_functions(tmp_path):
    res = run(
        tmp_path,
        {
            WF: """\
on: push
jobs:
  build:
    if: always() && hashFiles('x') != ''
    runs-on: ubuntu-latest
    timeout-minutes: ${{ success() && 5 || 10 }}
    steps:
      - if: failure() || cancelled()
        run: echo ${{ hashFiles('**/go.sum') }}
        with:
          key: ${{ always() }}
""",
        },
    )
    assert found(res) == [
        ("expr-context-unavailable", f"{WF}:11:20"),
        ("expr-context-unavailable", f"{WF}:4:21"),
        ("expr-context-unavailable", f"{WF}:6:26"),
    ]


def test_composite_action(tmp_path):
    res = run(
        tmp_path,
        {
            ".github/actions/build/action.yml": """\
name: build
inputs:
  target: {required: true}
outputs:
  digest:
    value: ${{ steps.push.outputs.digest }}
runs:
  using: composite
  steps:
    - if: ${{ inputs.targets != '' && success() }}
      run: echo ${{ steps.push.outputs.digest }} ${{ hashFiles('x') }} ${{ github.action_path }}
      shell: bash
    - id: push
      run: echo "digest=1" >> "$GITHUB_OUTPUT"
      shell: bash
""",
        },
    )
    p = ".github/actions/build/action.yml"
    assert found(res) == [
        ("expr-undefined-input", f"{p}:10:22"),
        ("expr-undefined-step", f"{p}:11:27"),
    ]


def test_matrix_variants(tmp_path):
    res = run(
        tmp_path,
        {
            WF: """\
on: push
jobs:
  a:
    strategy:
      matrix:
        os: [ubuntu-latest]
        exclude:
          - os: ubuntu-latest
            arch: arm
    runs-on: ${{ matrix.os }}
    steps:
      - run: echo ${{ matrix.arch }}
  b:
    strategy: ${{ fromJSON(vars.STRATEGY) }}
    runs-on: ubuntu-latest
    steps:
      - run: echo ${{ matrix.anything }}
  c:
    strategy:
      matrix:
        include: [{os: linux}, {os: mac, extra: 1}]
    runs-on: ubuntu-latest
    steps:
      - run: echo ${{ matrix.extra }} ${{ matrix['os'] }} ${{ matrix[format('o{0}', 's')] }}
  d:
    strategy:
      fail-fast: false
    runs-on: ubuntu-latest
    steps:
      - run: echo ${{ matrix.os }} ${{ toJSON(matrix) }}
""",
        },
    )
    assert found(res) == [
        ("expr-undefined-matrix-key", f"{WF}:12:30"),
        ("expr-undefined-matrix-key", f"{WF}:30:30"),
    ]


def test_needs_outputs_of_local_reusable_workflow(tmp_path):
    res = run(
        tmp_path,
        {
            ".github/workflows/build.yml": """\
on:
  workflow_call:
    outputs:
      image: {value: "${{ jobs.b.outputs.image }}"}
jobs:
  b:
    runs-on: ubuntu-latest
    outputs: {image: x}
    steps: [{run: echo}]
""",
            WF: """\
on: push
jobs:
  build:
    uses: ./.github/workflows/build.yml
  remote:
    uses: octo/repo/.github/workflows/x.yml@v1
  deploy:
    needs: [build, remote]
    runs-on: ubuntu-latest
    steps:
      - run: echo ${{ needs.build.outputs.image }} ${{ needs.build.outputs.tag }} ${{ needs.remote.outputs.any }}
""",
        },
    )
    assert found(res) == [("expr-undefined-job", f"{WF}:11:76")]


def test_workflow_call_outputs_job_refs(tmp_path):
    res = run(
        tmp_path,
        {
            WF: """\
on:
  workflow_call:
    outputs:
      a: {value: "${{ jobs.biuld.outputs.x }}"}
      b: {value: "${{ jobs.build.outputs.y }}"}
jobs:
  build:
    runs-on: ubuntu-latest
    outputs: {x: "1"}
    steps: [{run: echo}]
""",
        },
    )
    assert found(res) == [
        ("expr-undefined-job", f"{WF}:4:28"),
        ("expr-undefined-job", f"{WF}:5:42"),
    ]


def test_inputs_variants(tmp_path):
    res = run(
        tmp_path,
        {
            ".github/workflows/a.yml": """\
on:
  workflow_dispatch:
    inputs:
      env: {type: string}
jobs:
  a:
    runs-on: ubuntu-latest
    steps:
      - run: echo ${{ inputs.env }} ${{ github.event.inputs.envs }} ${{ github.event.inputs.env }}
""",
            ".github/workflows/b.yml": """\
on: [push, workflow_dispatch]
jobs:
  a:
    runs-on: ubuntu-latest
    steps:
      - run: echo ${{ inputs.anything }}
""",
            ".github/workflows/c.yml": """\
on:
  workflow_call:
    inputs:
      env: {type: string}
  workflow_dispatch:
    inputs:
      region: {type: string}
jobs:
  a:
    runs-on: ubuntu-latest
    steps:
      - run: echo ${{ inputs.env }} ${{ inputs.region }} ${{ github.event.inputs.other }}
""",
        },
    )
    # b.yml declares no inputs at all, so `inputs.anything` is always null (actionlint
    # reports it too)
    assert found(res) == [
        ("expr-undefined-input", ".github/workflows/a.yml:9:61"),
        ("expr-undefined-input", ".github/workflows/b.yml:6:30"),
    ]


def test_steps_in_other_job_and_after_reusable(tmp_path):
    res = run(
        tmp_path,
        {
            WF: """\
on: push
jobs:
  a:
    runs-on: ubuntu-latest
    steps:
      - id: x
        run: echo
  b:
    runs-on: ubuntu-latest
    environment:
      name: prod
      url: ${{ steps.deploy.outputs.url }}
    steps:
      - run: echo ${{ steps.x.outputs.y }}
      - id: deploy
        run: echo
""",
        },
    )
    assert found(res) == [("expr-undefined-step", f"{WF}:14:29")]


def test_if_with_template_and_bool(tmp_path):
    res = run(
        tmp_path,
        {
            WF: """\
on: push
jobs:
  a:
    if: ${{ github.event_name == 'push' }}
    runs-on: ubuntu-latest
    steps:
      - if: true
        run: echo
      - if: ${{ steps.a.outcome }} == 'success'
        run: echo
""",
        },
    )
    assert found(res) == [("expr-undefined-step", f"{WF}:9:23")]


def test_keys_that_are_not_evaluated_are_skipped(tmp_path):
    res = run(
        tmp_path,
        {
            WF: """\
on:
  push:
    branches: ['${{ not evaluated']
jobs:
  a:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
        id: checkout
""",
        },
    )
    assert found(res) == []


def test_outputs_of_local_composite_actions(tmp_path):
    res = run(
        tmp_path,
        {
            ".github/actions/meta/action.yml": (
                "name: meta\n"
                "outputs:\n"
                "  tags: {value: '${{ steps.m.outputs.tags }}'}\n"
                "runs:\n"
                "  using: composite\n"
                "  steps: [{id: m, run: echo, shell: bash}]\n"
            ),
            ".github/actions/js/action.yml": "name: js\nruns:\n  using: node20\n  main: index.js\n",
            WF: """\
on: push
jobs:
  a:
    runs-on: ubuntu-latest
    steps:
      - id: meta
        uses: ./.github/actions/meta
      - id: js
        uses: ./.github/actions/js
      - run: echo ${{ steps.meta.outputs.tags }} ${{ steps.meta.outputs.tag }} ${{ steps.js.outputs.any }}
""",
        },
    )
    assert found(res) == [("expr-undefined-step", f"{WF}:10:73")]


def test_if_always_true_variants(tmp_path):
    res = run(
        tmp_path,
        {
            WF: """\
on: push
jobs:
  a:
    if: "${{ true }} "
    runs-on: ubuntu-latest
    steps:
      - if: (${{ github.event_name == 'push' }})
        run: echo
      - if: ${{ false }}
        run: echo
      - if: >-
          ${{ false }}
        run: echo
""",
            "action.yml": "name: x\nruns:\n  using: composite\n  steps:\n    - if: ${{ a }} ${{ b }}\n      run: echo\n      shell: bash\n",
        },
        ["if-always-true"],
    )
    assert found(res) == [
        ("if-always-true", f"{WF}:4:10"),
        ("if-always-true", f"{WF}:7:13"),
        ("if-always-true", "action.yml:5:11"),
    ]


def test_anchors_report_each_place_once(tmp_path):
    res = run(
        tmp_path,
        {
            WF: """\
on: push
jobs:
  a:
    runs-on: ubuntu-latest
    env: &env
      X: ${{ env.Y }}
    steps: &steps
      - run: echo ${{ steps.nope.outputs.x }}
  b:
    runs-on: ubuntu-latest
    env: *env
    steps: *steps
""",
        },
    )
    assert found(res) == [
        ("expr-context-unavailable", f"{WF}:6:14"),
        ("expr-undefined-step", f"{WF}:8:29"),
    ]


# -- merged from tests/test_gha_expr_fixtures.py: fixtures/gha-expr: a release pipeline with one of each correctness defect, and its fixed version, which must lint clean.

ROOT = ROOT_DIR / "fixtures" / "gha-expr"
RULES = [
    "if-always-true",
    "expr-syntax",
    "expr-unknown-context",
    "expr-context-unavailable",
    "expr-unknown-function",
    "expr-undefined-step",
    "expr-undefined-job",
    "expr-undefined-matrix-key",
    "expr-undefined-input",
    "job-needs-unknown",
    "job-needs-cycle",
    "duplicate-step-id",
    "step-id-invalid",
    "duplicate-job-id",
    "reusable-workflow-undeclared-arg",
    "reusable-workflow-missing-arg",
    "deprecated-workflow-command",
    "local-action-input",
    "shell-invalid",
    "schedule-cron-invalid",
    "expr-event-name-typo",
]
W = ".github/workflows/release.yml"


def test_broken_release_pipeline():
    res = lint(ROOT / "broken", select=RULES)
    assert not res.internal_errors
    got = sorted((f.rule, f"{f.path}:{f.line}:{f.col}") for f in res.findings)
    assert got == sorted(
        [
            ("expr-context-unavailable", ".github/actions/deploy/action.yml:10:22"),
            ("expr-context-unavailable", f"{W}:22:18"),
            ("deprecated-workflow-command", f"{W}:30:17"),
            ("duplicate-step-id", f"{W}:31:13"),
            ("expr-undefined-matrix-key", f"{W}:32:40"),
            ("if-always-true", f"{W}:33:13"),
            ("job-needs-unknown", f"{W}:36:20"),
            ("expr-context-unavailable", f"{W}:37:9"),
            ("reusable-workflow-missing-arg", f"{W}:38:11"),
            ("reusable-workflow-missing-arg", f"{W}:39:5"),
            ("reusable-workflow-undeclared-arg", f"{W}:40:7"),
            ("expr-undefined-job", f"{W}:41:36"),
            ("local-action-input", f"{W}:47:9"),
            ("local-action-input", f"{W}:48:11"),
            ("expr-undefined-job", f"{W}:48:40"),
            ("expr-undefined-input", f"{W}:48:75"),
        ]
    )


def test_fixed_release_pipeline_is_clean():
    res = lint(ROOT / "fixed", select=RULES)
    assert not res.internal_errors
    assert [f"{f.rule} {f.path}:{f.line}:{f.col}" for f in res.findings] == []
