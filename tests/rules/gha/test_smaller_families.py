"""Issue 10, family 13: a composite action under the checkout `path:`, `needs.X` of an
indirect dependency (GitHub's needs context holds the direct dependencies only: github/docs
#20701 and its test run), a stream of JSON objects (kubectl decodes one after another),
`##NAME##` placeholders (a YAML comment: the value is null, filled by a deploy script)."""
from __future__ import annotations

import json

import pytest

from helpers import lint, locs, write_files

ACTION = "name: x\ndescription: x\nruns:\n  using: composite\n  steps:\n    - run: echo hi\n      shell: bash\n"


def wf(steps: str) -> str:
    return "on: push\njobs:\n  b:\n    runs-on: ubuntu-latest\n    steps:\n" + steps


@pytest.mark.parametrize(
    "steps, n",
    [
        ("      - uses: actions/checkout@v4\n        with: {path: src/app}\n      - uses: ./src/app/.github/actions/x\n", 0),
        ("      - uses: actions/checkout@v4\n        with:\n          path: ./src/app/\n      - uses: ./src/app/.github/actions/x\n", 0),
        ("      - uses: actions/checkout@v4\n      - uses: ./.github/actions/x\n", 0),
        ("      - uses: actions/checkout@v4\n        with: {path: src/app}\n      - uses: ./src/app/.github/actions/missing\n", 1),
    ],
    ids=["path", "path-dotted", "no-path", "missing-under-path"],
)
def test_composite_action_under_the_checkout_path(tmp_path, steps, n):
    write_files(tmp_path, {".github/workflows/w.yml": wf(steps), ".github/actions/x/action.yml": ACTION})
    assert len(locs(lint(tmp_path, select=["workflow-missing-path"]), "workflow-missing-path")) == n


def test_needs_of_an_indirect_dependency_is_null_in_job_if_and_steps(tmp_path):
    text = (
        "on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    outputs: {v: '1'}\n    steps: [{run: 'true'}]\n"
        "  b:\n    needs: a\n    runs-on: ubuntu-latest\n    steps: [{run: 'true'}]\n"
        "  c:\n    needs: b\n    if: needs.a.outputs.v == '1'\n    runs-on: ubuntu-latest\n"
        "    steps:\n      - run: echo ${{ needs.a.outputs.v }} ${{ needs.b.result }}\n"
    )
    write_files(tmp_path, {".github/workflows/w.yml": text})
    res = lint(tmp_path, select=["expr-undefined-job"])
    assert locs(res, "expr-undefined-job") == [".github/workflows/w.yml:13:15", ".github/workflows/w.yml:16:29"]
    assert all("indirect dependency" in f.message for f in res.findings)


def _objs(*names: str) -> list[dict]:
    return [{"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": n}, "data": {"k": "v"}} for n in names]


def test_a_stream_of_kubernetes_json_objects_is_read_like_kubectl(tmp_path):
    bad = {"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "b"},
           "spec": {"selector": {"matchLabels": {"app": "b"}}, "template": {"metadata": {"labels": {"app": "c"}},
                    "spec": {"containers": [{"name": "b", "image": "nginx:1.25"}]}}}}
    text = "\n".join(json.dumps(o) for o in _objs("a") + [bad]) + "\n"
    write_files(tmp_path, {"k8s/all.json": text})
    res = lint(tmp_path)
    assert [(f.rule, f.line) for f in res.findings] == [("workload-selector-mismatch", 2)]


@pytest.mark.parametrize(
    "name, text, says",
    [
        ("ocelot.json", '{"Routes": []}\n{"Routes": []}\n', "Ocelot fails at start-up"),
        ("k8s/mixed.json", json.dumps(_objs("a")[0]) + "\n[1, 2]\n", "No JSON reader can load the file"),
        ("k8s/half.json", json.dumps(_objs("a")[0]) + '\n{"apiVersion": \n', "No JSON reader can load the file"),
    ],
)
def test_what_is_not_a_kubernetes_stream_stays_a_parse_error(tmp_path, name, text, says):
    write_files(tmp_path, {name: text})
    res = lint(tmp_path)
    (f,) = [f for f in res.findings if f.rule == "parse-error"]
    assert says in f.message and "kubectl rejects" not in f.message


def test_hash_placeholders_are_not_schema_errors(tmp_path):
    text = (
        "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api\nspec:\n  replicas: ##REPLICAS##\n"
        "  selector: {matchLabels: {app: api}}\n  template:\n    metadata: {labels: {app: api}}\n    spec:\n"
        "      containers:\n        - name: api\n          image: ##IMAGE##\n"
    )
    write_files(tmp_path, {"k8s/app.yaml": text})
    assert [f.rule for f in lint(tmp_path).findings if f.rule in ("k8s-schema", "parse-error")] == []


@pytest.mark.parametrize("strategy, n", [("{fail-fast: false}", 0), ("{max-parallel: 1}", 0), ("{matrix: {os: [a]}}", 0)])
def test_strategy_needs_no_matrix(tmp_path, strategy, n):
    """GitHub's workflow-v1.0.json requires none of strategy's keys (polars' release workflow
    has `strategy: {fail-fast: false}` alone)."""
    text = f"on: push\njobs:\n  j:\n    runs-on: ubuntu-latest\n    strategy: {strategy}\n    steps: [{{run: 'true'}}]\n"
    write_files(tmp_path, {".github/workflows/w.yml": text})
    assert len(locs(lint(tmp_path, select=["workflow-schema"]), "workflow-schema")) == n
