"""Review: suppression placement variants."""
from __future__ import annotations

from helpers import lint, write_files

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
