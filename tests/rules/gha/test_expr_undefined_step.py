"""What `expr-undefined-step` reports (`steps.<id>` names no step of the job, a later step, or
the current step): exact rule, path, line and column."""
from __future__ import annotations

from _expressions import EXPR_RULES
from helpers import WF, run, triples


def test_steps_in_other_job_and_after_reusable(tmp_path):
    res = run(tmp_path, {
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
        }, EXPR_RULES)
    assert triples(res) == [("expr-undefined-step", f"{WF}:14:29")]


def test_if_with_template_and_bool(tmp_path):
    res = run(tmp_path, {
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
        }, EXPR_RULES)
    assert triples(res) == [("expr-undefined-step", f"{WF}:9:23")]


def test_outputs_of_local_composite_actions(tmp_path):
    res = run(tmp_path, {
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
        }, EXPR_RULES)
    assert triples(res) == [("expr-undefined-step", f"{WF}:10:73")]
