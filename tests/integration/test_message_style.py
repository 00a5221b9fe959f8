"""Cross-pack review: every message says what is wrong, why it breaks, and how to fix it."""
from __future__ import annotations

from helpers import lint, write_files

ROUTE = """{{
  "Routes": [{{
    "DownstreamPathTemplate": "/api",
    "DownstreamScheme": "http",
    "DownstreamHostAndPorts": [{{"Host": "localhost", "Port": {port}}}],
    "UpstreamPathTemplate": "/a",
    "UpstreamHttpMethod": [{verb}]
  }}]
}}
"""


def _messages(tmp_path, files, rule):
    write_files(tmp_path, files)
    return [f.message for f in lint(tmp_path, select=[rule]).findings if f.rule == rule]


def test_ocelot_wrong_type_says_how_to_fix(tmp_path):
    [m] = _messages(tmp_path, {"ocelot.json": ROUTE.format(port='"eighty"', verb='"Get"')}, "ocelot-wrong-type")
    assert m.endswith("write it as an integer"), m


def test_ocelot_invalid_verb_says_how_to_fix(tmp_path):
    [m] = _messages(tmp_path, {"ocelot.json": ROUTE.format(port="80", verb='"Pots"')}, "ocelot-invalid-http-verb")
    assert m.endswith("write 'POST'"), m
    [m] = _messages(tmp_path, {"ocelot.json": ROUTE.format(port="80", verb='"G E T!"')}, "ocelot-invalid-http-verb")
    assert "use a standard method" in m, m


WF = """\
on: push
permissions: {}
jobs:
  a:
    runs-on: ubuntu-latest
    needs: [zzzqqq]
    timeout-minutes: soon
    qqqzzz: 1
    steps: [{run: echo}]
  b:
    steps: [{run: echo}]
"""


def test_workflow_messages_say_how_to_fix(tmp_path):
    files = {".github/workflows/w.yml": WF}
    [m] = _messages(tmp_path, files, "job-needs-unknown")
    assert "remove it from `needs`" in m
    ms = _messages(tmp_path, files, "workflow-schema")
    assert any("remove it or correct its name" in m for m in ms), ms
    assert any("write it as a number" in m for m in ms), ms
    assert any(m.endswith("add `runs-on`") for m in ms), ms


def test_reusable_undeclared_arg_says_how_to_fix(tmp_path):
    files = {
        ".github/workflows/r.yml": "on:\n  workflow_call:\n    inputs:\n      x: {type: string}\njobs:\n  j:\n    runs-on: ubuntu-latest\n    steps: [{run: echo}]\n",
        ".github/workflows/c.yml": "on: push\njobs:\n  c:\n    uses: ./.github/workflows/r.yml\n    with: {y: 1}\n",
    }
    [m] = _messages(tmp_path, files, "reusable-workflow-undeclared-arg")
    assert "remove it, or declare it" in m, m


def test_expression_messages_say_how_to_fix(tmp_path):
    wf = """\
on: push
permissions: {}
jobs:
  build:
    runs-on: ubuntu-latest
    outputs: {tag: x}
    steps:
      - id: meta
        run: echo
      - run: echo "${{ steps.meta.output }}"
  deploy:
    runs-on: ubuntu-latest
    needs: build
    env:
      A: ${{ env.B }}
    steps:
      - run: echo "${{ needs.build.status }}"
"""
    files = {".github/workflows/w.yml": wf}
    [m] = _messages(tmp_path, files, "expr-context-unavailable")
    assert "where it is available" in m, m
    [m] = _messages(tmp_path, files, "expr-undefined-step")
    assert m.endswith("use one of those properties"), m
    [m] = _messages(tmp_path, files, "expr-undefined-job")
    assert "use `result` or `outputs.<name>`" in m, m


def test_suspicious_cpu_quantity_says_how_to_fix(tmp_path):
    pod = """\
apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  containers:
    - name: app
      image: nginx:1.25
      resources: {requests: {cpu: "500"}}
"""
    [m] = _messages(tmp_path, {"p.yaml": pod}, "resources-quantity-suspicious")
    assert m.endswith("write the quantity that was meant"), m


def test_ocelot_duplicate_keys_fail_at_start_up_with_add_json_file(tmp_path):
    cfg = """{
  "Routes": [{
    "DownstreamPathTemplate": "/api",
    "DownstreamScheme": "http",
    "downstreamScheme": "https",
    "DownstreamHostAndPorts": [{"Host": "localhost", "Port": 80}],
    "UpstreamPathTemplate": "/a",
    "UpstreamPathTemplate": "/b",
    "QoSOptions": {"TimeoutValue": 5000},
    "qosOptions": {"DurationOfBreak": 5000}
  }]
}
"""
    files = {"ocelot.json": cfg}
    ms = sorted(_messages(tmp_path, files, "ocelot-case-duplicate-key"))
    assert len(ms) == 2, ms
    assert "gateway fails at start-up" in ms[0] and "only the last value is kept" in ms[0], ms
    assert "merge them into one" in ms[1], ms
    [m] = _messages(tmp_path, files, "duplicate-key")
    assert "fails at start-up" in m and "keeps only the last" not in m, m
