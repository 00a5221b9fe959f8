"""expr-type-error and expr-comparison-type: variants beyond the catalogue examples
(block scalars, flow style, `if:` without braces, CRLF, anchors, composite actions, every
context) and the typing of lib/gha/types.py."""
from __future__ import annotations

import pytest

from helpers import lint, locs, write_files

from okla_lint.lib.gha import expression as X
from okla_lint.lib.gha import types as T

RULES = ["expr-type-error", "expr-comparison-type"]
WF = ".github/workflows/ci.yml"


def problems(expr: str, inputs: dict | None = None) -> list[tuple[str, str]]:
    node, err = X.parse(expr)
    assert err is None
    _, found = T.check_expression(expr, node, T.contexts_for(inputs or {}))
    return [(p.kind, expr[p.start : p.end]) for p in found]


@pytest.mark.parametrize(
    "expr,expected",
    [
        ("github.event_name.foo", [("type", "foo")]),
        ("github.event.anything.at.all", []),
        ("github.event_nmae", [("type", "event_nmae")]),
        ("github.some_new_property", []),  # not a near miss: GitHub adds properties
        ("github.repositoryUrl", []),
        ("runner.oss", [("type", "oss")]),
        ("runner.workspace", []),
        ("job.stats", [("type", "stats")]),
        ("job.workflow_repository", []),
        ("job.container.os", [("type", "os")]),
        ("job.services.db.ports[5432]", []),
        ("job.services.db.port", [("type", "port")]),
        ("strategy.job_index", [("type", "job_index")]),
        ("strategy['job-index'] > 1", []),
        ("steps.a.outcome.bar", [("type", "bar")]),
        ("steps.a.whatever", []),  # expr-undefined-step's finding
        ("needs.a.outputs.x.y", [("type", "y")]),
        ("needs.a.result", []),
        ("matrix.os.version", []),
        ("env.X.y", []),
        ("secrets.TOKEN.value", [("type", "value")]),
        ("inputs.unknown.x", []),
        ("github.ref[0]", [("type", "0")]),
        ("fromJSON(env.X).a[0].b", []),
        ("contains(github.event, 'x')", [("type", "github.event")]),
        ("contains(github.event.pull_request.labels.*.name, 'x')", []),
        ("contains(needs.*.result, 'failure')", []),
        ("startsWith(github.ref, 'refs/tags/')", []),
        ("format('{0}', steps.a.outputs)", [("type", "steps.a.outputs")]),
        ("join(matrix.*, ',')", []),
        ("join(github, ',')", [("type", "github")]),
        ("fromJSON(job)", [("type", "job")]),
        ("hashFiles(runner)", [("type", "runner")]),
        ("toJSON(github.event)", []),
        ("github.event == 'push'", [("compare", "github.event == 'push'")]),
        ("'push' != steps.a.outputs", [("compare", "'push' != steps.a.outputs")]),
        ("github.event == github.event", []),
        ("github.event.action == 'opened'", []),
        ("github.event.inputs.flag == 'true'", []),
        ("steps.a.outputs.n > 2", []),
        ("strategy.fail-fast > 0", [("compare", "strategy.fail-fast > 0")]),
        ("null < 1", [("compare", "null < 1")]),
        ("(github.event || 'x') == 'y'", []),
        ("!github.event", []),
    ],
)
def test_typing(expr, expected):
    assert problems(expr) == expected


def test_typed_inputs():
    inputs = {"flag": T.BOOL, "n": T.NUMBER, "s": T.STRING}
    assert problems("inputs.flag == 'true'", inputs) == [("compare", "inputs.flag == 'true'")]
    assert problems("inputs.FLAG != 'False'", inputs) == [("compare", "inputs.FLAG != 'False'")]
    assert problems("inputs.flag == true && inputs.n > 2 && inputs.s == 'true'", inputs) == []
    assert problems("inputs.flag == 'yes'", inputs) == []
    assert problems("inputs.s.x", inputs) == [("type", "x")]


def test_input_types_from_declarations(tmp_path):
    wf = (
        "on:\n  workflow_dispatch:\n    inputs:\n      a: {type: boolean}\n      b: {}\n      c: {type: number}\n"
        "  workflow_call:\n    inputs:\n      a: {type: boolean}\n      c: {type: string}\n"
        "jobs:\n  t:\n    runs-on: ubuntu-latest\n    steps:\n"
        "      - if: inputs.a == 'true' || inputs.b == 'true' || inputs.c.x\n        run: echo\n"
    )
    write_files(tmp_path, {WF: wf})
    # `c` is a number in one trigger and a string in the other: not typed
    assert locs(lint(tmp_path, select=RULES)) == [f"{WF}:15:13"]


def test_block_scalars_flow_style_implicit_if_and_crlf(tmp_path):
    wf = (
        "on: push\n"
        "jobs:\n"
        "  t:\n"
        "    runs-on: ubuntu-latest\n"
        "    steps:\n"
        "      - id: a\n"
        "        run: |\n"
        "          echo start\n"
        "          echo \"${{ runner.oss }}\"\n"
        "      - run: >-\n"
        "          echo ${{ steps.a.outcome.x }}\n"
        "          and more\n"
        "      - {if: \"github.event == 'push'\", run: echo}\n"
        "      - if: |\n"
        "          ${{ job.status.ok }}\n"
        "        run: echo\n"
    )
    write_files(tmp_path, {WF: wf, ".github/workflows/crlf.yml": wf.replace("\n", "\r\n")})
    expected = ["9:28", "11:36", "13:15", "15:26"]
    got = locs(lint(tmp_path, select=RULES))
    assert got == sorted([f"{WF}:{e}" for e in expected] + [f".github/workflows/crlf.yml:{e}" for e in expected])


def test_an_anchored_step_is_reported_once_where_it_is_written(tmp_path):
    wf = (
        "on: push\njobs:\n"
        "  a:\n    runs-on: ubuntu-latest\n    steps:\n      - &s {run: 'echo ${{ runner.oss }}'}\n"
        "  b:\n    runs-on: ubuntu-latest\n    steps:\n      - *s\n"
    )
    write_files(tmp_path, {WF: wf})
    assert locs(lint(tmp_path, select=RULES)) == [f"{WF}:6:35"]


def test_objects_in_text_only_where_text_is_made(tmp_path):
    wf = (
        "on: push\njobs:\n  t:\n    runs-on: ubuntu-latest\n"
        "    name: build ${{ strategy }}\n"
        "    env:\n      ALL: ${{ secrets }}\n"
        "    steps:\n"
        "      - uses: ./x\n        with:\n          all: ${{ job }}\n          text: 'job ${{ job }}'\n"
        "      - run: echo ${{ toJSON(job) }} ${{ github.event.pull_request }}\n"
    )
    write_files(tmp_path, {WF: wf, "x/action.yml": "name: x\nruns: {using: node20, main: i.js}\n", "x/i.js": ""})
    assert locs(lint(tmp_path, select=RULES)) == [f"{WF}:12:26", f"{WF}:5:21"]


def test_composite_action_steps_and_outputs(tmp_path):
    action = (
        "name: a\ninputs:\n  v: {}\noutputs:\n  o: {value: '${{ steps.s.outputs.x.y }}'}\n"
        "runs:\n  using: composite\n  steps:\n"
        "    - id: s\n      if: inputs.v == 'true' && runner.os != 'Linux'\n"
        "      run: echo ${{ github.action_path }} ${{ runner.name.first }}\n      shell: bash\n"
    )
    write_files(tmp_path, {"action.yml": action})
    assert locs(lint(tmp_path, select=RULES)) == ["action.yml:11:59", "action.yml:5:37"]


def test_a_mapping_written_as_an_expression_of_a_scalar(tmp_path):
    wf = (
        "on: push\n"
        "env: ${{ github.ref }}\n"
        "jobs:\n  t:\n    runs-on: ubuntu-latest\n"
        "    env: ${{ fromJSON(vars.ENV) }}\n"
        "    strategy:\n      matrix: ${{ github.event_name }}\n"
        "    steps:\n"
        "      - uses: ./x\n        with: ${{ 'a=b' }}\n"
        "      - run: echo\n        env:\n          env: ${{ github.ref }}\n"
        "      - run: echo\n        env: ${{ matrix.env_object }}\n"
    )
    write_files(tmp_path, {WF: wf, "x/action.yml": "name: x\nruns: {using: node20, main: i.js}\n", "x/i.js": ""})
    assert locs(lint(tmp_path, select=RULES)) == [f"{WF}:11:19", f"{WF}:2:10", f"{WF}:8:19"]
