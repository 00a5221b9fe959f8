"""Inline suppressions, annotations, unused-suppression and --no-ignores, through the CLI."""
from __future__ import annotations

from integration_util import findings, run
from helpers import lint, write_files

POD = """\
apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
    # okla-lint: ignore[env-ref-before-definition] the image expands it itself
    - name: web
      image: nginx:1.27
      env:
        - name: A
          value: "$(B)"
        - name: B
          value: "x"
    - name: side
      image: nginx:1.27
      env:
        - name: A
          value: "$(B)"   # okla-lint: ignore[env-ref-before-definition]
        - name: B
          value: "x"
        # okla-lint: ignore[env-ref-before-definition]
        - name: C
          value: "$(D)"
        - name: D
          value: "x"
        - name: E
          value: "$(F)"
        - name: F
          value: "x"
"""
# unsuppressed: only E at 28:19


def locs(out: str, rule: str) -> list[str]:
    return sorted(f"{f['path']}:{f['line']}:{f['column']}" for f in findings(out) if f["rule"] == rule)


def check(tmp_path, *args):
    code, out, err = run(["check", "--format", "json", *args], tmp_path)
    assert code in (0, 1), err
    return out


def test_line_node_and_entry_suppressions(tmp_path):
    write_files(tmp_path, {"pod.yaml": POD})
    out = check(tmp_path, "--select", "env-ref-before-definition,unused-suppression")
    assert locs(out, "env-ref-before-definition") == ["pod.yaml:28:19"]
    assert locs(out, "unused-suppression") == []
    out = check(tmp_path, "--select", "env-ref-before-definition,unused-suppression", "--no-ignores")
    assert locs(out, "env-ref-before-definition") == ["pod.yaml:12:19", "pod.yaml:19:19", "pod.yaml:24:19", "pod.yaml:28:19"]


def test_a_comment_above_a_node_does_not_reach_its_siblings(tmp_path):
    text = POD.replace('        - name: E\n', '        # okla-lint: ignore[duplicate-key]\n        - name: E\n')
    write_files(tmp_path, {"pod.yaml": text})
    out = check(tmp_path, "--select", "env-ref-before-definition,unused-suppression,duplicate-key")
    assert locs(out, "env-ref-before-definition") == ["pod.yaml:29:19"]
    assert locs(out, "unused-suppression") == ["pod.yaml:27:29"]


def test_file_ignore_and_crlf(tmp_path):
    text = "# okla-lint: file-ignore[env-ref-before-definition]\n" + POD
    write_files(tmp_path, {"pod.yaml": text.replace("\n", "\r\n")})
    out = check(tmp_path, "--select", "env-ref-before-definition,unused-suppression")
    assert locs(out, "env-ref-before-definition") == []
    assert locs(out, "unused-suppression") == []


def test_hash_inside_block_scalars_and_strings_is_not_a_comment(tmp_path):
    wf = """\
on: push
jobs:
  build:
    runs-on: ubuntu-latest
    steps:
      - run: |
          # okla-lint: file-ignore[script-injection]
          echo "${{ github.event.pull_request.title }}"
      - run: 'echo "# okla-lint: ignore[script-injection]" ${{ github.event.pull_request.title }}'
      - name: fine
        run: echo "${{ github.event.pull_request.title }}" # okla-lint: ignore[script-injection] reviewed
"""
    write_files(tmp_path, {".github/workflows/ci.yml": wf})
    out = check(tmp_path, "--select", "script-injection,unused-suppression")
    got = locs(out, "script-injection")
    assert [l.split(":")[1] for l in got] == ["8", "9"], got
    assert locs(out, "unused-suppression") == []


def test_suppressing_a_whole_step(tmp_path):
    wf = """\
on: pull_request_target
jobs:
  build:
    runs-on: ubuntu-latest
    steps:
      # okla-lint: ignore[script-injection] the title is sanitised by the bot
      - name: greet
        env:
          X: y
        run: |
          echo "${{ github.event.pull_request.title }}"
"""
    write_files(tmp_path, {".github/workflows/ci.yml": wf})
    out = check(tmp_path, "--select", "script-injection,unused-suppression")
    assert locs(out, "script-injection") == [] and locs(out, "unused-suppression") == []


def test_annotation_on_object_and_pod_template(tmp_path):
    dep = """\
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  annotations:
    okla-lint.io/ignore: "env-ref-before-definition, duplicate-key"
spec:
  selector: {matchLabels: {app: web}}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
        - name: web
          image: nginx:1.27
          env:
            - {name: A, value: "$(B)"}
            - {name: B, value: "x"}
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
spec:
  selector: {matchLabels: {app: api}}
  template:
    metadata:
      labels: {app: api}
      annotations: {okla-lint.io/ignore: env-ref-before-definition}
    spec:
      containers:
        - name: api
          image: nginx:1.27
          env:
            - {name: A, value: "$(B)"}
            - {name: B, value: "x"}
"""
    write_files(tmp_path, {"dep.yaml": dep})
    out = check(tmp_path, "--select", "env-ref-before-definition,unused-suppression,duplicate-key")
    assert locs(out, "env-ref-before-definition") == []
    # duplicate-key is enabled but nothing in the object has one: reported at the id
    assert locs(out, "unused-suppression") == ["dep.yaml:6:54"]


def test_unknown_and_malformed_suppressions(tmp_path):
    cm = """\
apiVersion: v1
kind: ConfigMap
metadata:
  name: cm  # okla-lint: ignore[duplicat-key]
data:
  a: "1"  # okla-lint: ignore duplicate-key
"""
    write_files(tmp_path, {"cm.yaml": cm})
    code, out, _ = run(["check", "--format", "json", "--select", "unused-suppression,duplicate-key"], tmp_path)
    f = {(x["line"], x["column"]): x["message"] for x in findings(out) if x["rule"] == "unused-suppression"}
    assert set(f) == {(4, 33), (6, 11)}
    assert "did you mean 'duplicate-key'" in f[(4, 33)]
    assert "not a suppression okla-lint understands" in f[(6, 11)]


def test_unused_suppression_can_itself_be_turned_off(tmp_path):
    cm = "# okla-lint: file-ignore[unused-suppression]\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm  # okla-lint: ignore[duplicate-key]\n"
    write_files(tmp_path, {"cm.yaml": cm})
    out = check(tmp_path, "--select", "unused-suppression,duplicate-key")
    assert findings(out) == []


def test_json_comments_are_not_suppressions(tmp_path):
    # JSON files take suppressions from the configuration only
    write_files(tmp_path, {"ocelot.json": '{\n  "Routes": [] // okla-lint: ignore[json-comments]\n}\n'})
    out = check(tmp_path, "--select", "json-comments,unused-suppression")
    assert locs(out, "json-comments") == ["ocelot.json:2:16"]
    assert locs(out, "unused-suppression") == []


def test_comment_on_a_block_scalar_header_covers_the_script(tmp_path):
    wf = """\
on: pull_request_target
jobs:
  build:
    runs-on: ubuntu-latest
    steps:
      - run: |  # okla-lint: ignore[script-injection] sanitised upstream
          echo "${{ github.event.pull_request.title }}"
      - run: |
          echo "${{ github.event.pull_request.title }}"
"""
    write_files(tmp_path, {".github/workflows/ci.yml": wf})
    out = check(tmp_path, "--select", "script-injection,unused-suppression")
    assert [l.split(":")[1] for l in locs(out, "script-injection")] == ["9"]
    assert locs(out, "unused-suppression") == []


def test_comment_above_a_document_covers_the_object(tmp_path):
    two = """\
# okla-lint: ignore[env-ref-before-definition] vendored manifest
apiVersion: v1
kind: Pod
metadata: {name: a}
spec:
  containers:
    - name: a
      image: nginx:1.27
      env: [{name: A, value: "$(B)"}, {name: B, value: x}]
---
apiVersion: v1
kind: Pod
metadata: {name: b}
spec:
  containers:
    - name: b
      image: nginx:1.27
      env: [{name: A, value: "$(B)"}, {name: B, value: x}]
"""
    write_files(tmp_path, {"pods.yaml": two})
    out = check(tmp_path, "--select", "env-ref-before-definition,unused-suppression")
    assert [l.split(":")[1] for l in locs(out, "env-ref-before-definition")] == ["18"]
    assert locs(out, "unused-suppression") == []


# -- merged from tests/test_review_integration_suppress.py: Review: suppression placement variants.

PODS = """\
apiVersion: v1
kind: Pod
metadata:
  name: p0
spec:
  containers:
    - {name: a, image: "x:latest"}
# okla-lint: ignore[image-mutable-tag] the object below is a throwaway debug pod
---
apiVersion: v1
kind: Pod
metadata:
  name: p1
spec:
  containers:
    - {name: a, image: "x:latest"}
    - {name: b, image: "y:latest"}
"""


def test_a_comment_just_above_the_document_marker_covers_the_next_document(tmp_path):
    write_files(tmp_path, {"pods.yaml": PODS})
    res = lint(tmp_path, select=["image-mutable-tag", "unused-suppression"])
    assert [(f.rule, f.line) for f in res.findings] == [("image-mutable-tag", 7)]


def test_the_marker_with_a_comment_is_skipped_too(tmp_path):
    write_files(tmp_path, {"pods.yaml": PODS.replace("\n---\n", "\n--- # second pod\n")})
    res = lint(tmp_path, select=["image-mutable-tag", "unused-suppression"])
    assert [(f.rule, f.line) for f in res.findings] == [("image-mutable-tag", 7)]


def test_a_comment_on_the_document_marker_line_covers_that_document(tmp_path):
    # `--- # okla-lint: ignore[...]` was an end-of-line comment covering the marker's line
    # only: it suppressed nothing (and was reported unused)
    pods = PODS.replace("# okla-lint: ignore[image-mutable-tag] the object below is a throwaway debug pod\n---\n",
                        "--- # okla-lint: ignore[image-mutable-tag] a throwaway debug pod\n")
    third = "---\napiVersion: v1\nkind: Pod\nmetadata: {name: p2}\nspec:\n  containers: [{name: c, image: \"z:latest\"}]\n"
    write_files(tmp_path, {"pods.yaml": pods + third, "first.yaml": "--- # okla-lint: ignore[image-mutable-tag]\r\n"
                           + PODS.split("# okla-lint")[0].replace("\n", "\r\n")})
    res = lint(tmp_path, select=["image-mutable-tag", "unused-suppression"])
    assert [(f.rule, f.path, f.line) for f in res.findings] == [
        ("image-mutable-tag", "pods.yaml", 7), ("image-mutable-tag", "pods.yaml", 22)]
