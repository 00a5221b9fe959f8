"""Review: exact positions inside quoted scalars with escapes (YAML and JSON)."""
from __future__ import annotations

import json

from helpers import lint, triples, write_files

RULES = ["env-ref-before-definition", "env-undefined-ref"]


def test_double_quoted_yaml_with_escapes(tmp_path):
    pod = (
        "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n"
        "    - name: a\n      image: nginx:1.27\n      env:\n"
        '        - {name: A, value: "\\t\\"q\\" \\u00e9 $(B)"}\n'
        "        - {name: C, value: 'it''s $(B)'}\n"
        "        - {name: B, value: b}\n"
    )
    write_files(tmp_path, {"p.yaml": pod})
    # line 9: `        - {name: A, value: "` the quote is at column 28; `$` follows
    # \t (2) \" (2) q \" (2) space \u00e9 (6) space -> column 28 + 1 + 15 = 44
    assert triples(lint(tmp_path, select=RULES)) == [
        ("env-ref-before-definition", "p.yaml:10:35"),
        ("env-ref-before-definition", "p.yaml:9:44"),
    ]


def test_json_string_with_escapes(tmp_path):
    pod = {
        "apiVersion": "v1",
        "kind": "Pod",
        "metadata": {"name": "j"},
        "spec": {"containers": [{"name": "c", "image": "x:1", "env": [
            {"name": "A", "value": "caf\u00e9 \"x\" $(B)"},
            {"name": "B", "value": "b"},
        ]}]},
    }
    text = json.dumps(pod)  # one line, \u00e9 and \" escaped
    write_files(tmp_path, {"pod.json": text})
    col = text.index("$(B)") + 1
    assert triples(lint(tmp_path, select=RULES)) == [("env-ref-before-definition", f"pod.json:1:{col}")]


def test_block_and_multi_line_scalars(tmp_path):
    pod = """\
apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  containers:
    - name: a
      image: nginx:1.27
      env:
        - name: A
          value: |2
              indented $(L1)
            x $(L2)
        - name: B
          value: >+
            a
              more $(L3)

        - name: C
          value: |-  # comment
            $(L4)
        - name: D
          value: plain
            continued $(L5)
        - name: E
          value: "first
            second $(L6)"
        - name: F
          value: 'first
            second $(L6)'
        - {name: L1, value: v}
        - {name: L2, value: v}
        - {name: L3, value: v}
        - {name: L4, value: v}
        - {name: L5, value: v}
        - {name: L6, value: v}
"""
    write_files(tmp_path, {"p.yaml": pod})
    assert triples(lint(tmp_path, select=RULES)) == [
        ("env-ref-before-definition", f"p.yaml:{line}:{col}")
        for line, col in sorted([(11, 24), (12, 15), (16, 20), (20, 13), (23, 23), (26, 20), (29, 20)], key=lambda lc: f"p.yaml:{lc[0]}:{lc[1]}")
    ]
