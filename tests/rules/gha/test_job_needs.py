"""What `job-needs-unknown` and `job-needs-cycle` report (`needs` names a job that does not
exist in the workflow; jobs depend on each other in a cycle through `needs`): exact rule,
path, line and column."""
from __future__ import annotations

from helpers import WF, run, triples


def test_cycles_reported_once_each_with_the_path(tmp_path):
    res = run(tmp_path, {
            WF: """\
on: push
jobs:
  a: {needs: [b], runs-on: x, steps: [{run: a}]}
  b: {needs: [a, c], runs-on: x, steps: [{run: b}]}
  c: {needs: b, runs-on: x, steps: [{run: c}]}
  d: {needs: [e], runs-on: x, steps: [{run: d}]}
  e: {needs: [D], runs-on: x, steps: [{run: e}]}
  f: {needs: [a, d], runs-on: x, steps: [{run: f}]}
""",
        }, ["job-needs-cycle", "job-needs-unknown"])
    assert triples(res) == [
        ("job-needs-cycle", f"{WF}:3:15"),
        ("job-needs-cycle", f"{WF}:6:15"),
    ]
    msgs = sorted(f.message for f in res.findings)
    assert "(a -> b -> a)" in msgs[0]
    assert "(d -> e -> d)" in msgs[1]


def test_unknown_needs_do_not_break_cycle_search(tmp_path):
    res = run(tmp_path, {WF: "on: push\njobs:\n  a:\n    needs: [ghost, a]\n    runs-on: x\n    steps: [{run: a}]\n"}, ["job-needs-cycle", "job-needs-unknown"])
    assert triples(res) == [
        ("job-needs-cycle", f"{WF}:4:20"),
        ("job-needs-unknown", f"{WF}:4:13"),
    ]
