"""Located documents: positions of keys, values and tokens inside scalars, in every YAML
style, in CRLF files, through anchors and merge keys, and in JSON with comments."""
from __future__ import annotations

import pytest

from helpers import lint, locs, triples, write_files
from okla_lint.core.located import LMap
from okla_lint.core.parse_json import JsonError, load_json
from okla_lint.core.parse_yaml import load_documents
from okla_lint.core.source import SourceText, locate_in_scalar
import json


def docs(text):
    d, err = load_documents(SourceText(text))
    assert err is None
    return d


def test_yaml_12_scalars_and_positions():
    (d,) = docs("on: push\nyes: no\nn: 010\nf: 1.5\nz: ~\ns: '8080'\nb: true\n")
    root = d.root
    assert root["on"] == "push" and root["yes"] == "no"
    assert root["n"] == 10 and root["f"] == 1.5 and root["z"] is None
    assert root["s"] == "8080" and root["b"] is True
    assert (root.key_span("f").line, root.key_span("f").col) == (4, 1)
    assert (root.value_span("s").line, root.value_span("s").col, root.value_span("s").style) == (6, 4, "'")


def test_merge_keys_keep_the_anchor_position():
    text = "base: &b\n  a: 1\n  c: 3\nobj:\n  <<: *b\n  a: 2\n"
    (d,) = docs(text)
    obj = d.root["obj"]
    assert obj == {"a": 2, "c": 3}
    assert obj.value_span("a").line == 6
    assert obj.value_span("c").line == 3
    assert not obj.dups


def test_multiple_merge_sources_earlier_wins():
    (d,) = docs("x: &x {k: 1}\ny: &y {k: 2, j: 5}\nz:\n  <<: [*x, *y]\n")
    assert d.root["z"] == {"k": 1, "j": 5}


def test_recursive_alias_does_not_hang():
    d, err = load_documents(SourceText("a: &a [*a]\n"))
    assert err is not None or d  # either refused or parsed to a self-referencing list


@pytest.mark.parametrize(
    "style, body, token_line, token_col",
    [
        ("literal", "run: |\n  echo one\n  echo $(two) x\n", 3, 8),
        ("literal-indent-indicator", "run: |2\n    echo one\n    echo $(two) x\n", 3, 10),
        ("folded", "run: >-\n  echo one\n  echo $(two) x\n", 3, 8),
        ("plain-multiline", "run: echo one\n  echo $(two) x\n", 2, 8),
        ("double-quoted", 'run: "echo one $(two) x"\n', 1, 16),
        ("single-quoted", "run: 'echo one $(two) x'\n", 1, 16),
        ("plain", "run: echo one $(two) x\n", 1, 15),
        ("literal-with-blank-lines", "run: |\n\n  echo one\n\n  echo $(two) x\n", 5, 8),
        ("literal-more-indented", "run: |\n  if x; then\n      echo $(two) x\n  fi\n", 3, 12),
        # multi-line quoted scalars with escapes on the token's line: each line is decoded
        # and aligned character by character
        ("double-quoted-escapes-multiline", 'run: "echo \\"one\\"\n  \\t\\u00e9 $(two) x"\n', 2, 12),
        ("double-quoted-continuation", 'run: "echo \\"one\\" \\\n  \\"a\\" $(two) x"\n', 2, 9),
        ("double-quoted-after-escaped-lines", 'run: "\\"a\\" \\\n  \\"b\\"\n  echo $(two)"\n', 3, 8),
        ("single-quoted-escapes-multiline", "run: 'echo one\n  it''s $(two) x'\n", 2, 9),
    ],
)
def test_token_positions_inside_scalars(style, body, token_line, token_col):
    for text in (body, body.replace("\n", "\r\n")):
        src = SourceText(text)
        (d,) = docs(text)
        value = d.root["run"]
        off = value.index("$(two)")
        assert locate_in_scalar(src, d.root.value_span("run"), value, off) == (token_line, token_col), (style, repr(text))


CRLF_POD = (
    "apiVersion: v1\r\nkind: Pod\r\nmetadata: {name: p}\r\nspec:\r\n  containers:\r\n"
    "    - name: c\r\n      image: nginx:1.27\r\n      env:\r\n"
    "        - name: A\r\n          value: >-\r\n            x-$(B)\r\n        - name: B\r\n          value: b\r\n"
)


def test_crlf_manifest_positions(tmp_path):
    write_files(tmp_path, {"pod.yaml": CRLF_POD})
    assert locs(lint(tmp_path, select=["env-ref-before-definition"])) == ["pod.yaml:11:15"]


def test_list_items_and_multi_document_files(tmp_path):
    item = (
        "  - apiVersion: v1\n    kind: Pod\n    metadata: {name: p%d}\n    spec:\n      containers:\n"
        "        - name: c\n          image: nginx:1.27\n          env:\n"
        "            - {name: A, value: $(B)}\n            - {name: B, value: b}\n"
    )
    text = "apiVersion: v1\nkind: List\nitems:\n" + item % 1 + item % 2 + "---\n# second document\n---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\n"
    write_files(tmp_path, {"all.yaml": text})
    assert locs(lint(tmp_path, select=["env-ref-before-definition"])) == ["all.yaml:12:32", "all.yaml:22:32"]


def test_env_list_shared_through_an_anchor(tmp_path):
    text = (
        "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\nspec:\n  selector: {matchLabels: {a: b}}\n"
        "  template:\n    metadata: {labels: {a: b}}\n    spec:\n      containers:\n"
        "        - name: one\n          image: nginx:1.27\n          env: &env\n"
        "            - {name: URL, value: 'http://$(HOST)'}\n            - {name: HOST, value: h}\n"
        "        - name: two\n          image: nginx:1.27\n          env: *env\n"
    )
    write_files(tmp_path, {"d.yaml": text})
    r = lint(tmp_path, select=["env-ref-before-definition"])
    # one defect, written once, is one finding (not one per container that uses it)
    assert locs(r) == ["d.yaml:13:42"]
    assert [f.context.split(":")[0] for f in r.findings] == ["container 'one' of Deployment/d"]


def test_json_positions_comments_and_trailing_commas():
    text = '{\n  // note\n  "a": "http://x//y", /* c */\n  "b": [1, 2,],\n  "a": {"k": "\\u00e9\\n"}\n}\n'
    doc = load_json(SourceText(text))
    assert isinstance(doc.root, LMap)
    assert doc.root["a"] == {"k": "é\n"}
    assert [(s, style) for s, _, style in doc.comments] == [(4, "//"), (text.index("/* c */"), "/*")]
    assert doc.trailing_commas == [text.index("2,]") + 1]
    assert [k for k, _, _ in doc.dups] == ["a"]
    assert (doc.root.value_span("b").line, doc.root.value_span("b").col) == (4, 8)


@pytest.mark.parametrize(
    "text, message",
    [
        ('{"a": 1 "b": 2}', "expected ','"),
        ("{1: 2}", "property name"),
        ('{"a": [1, 2}', "expected ','"),
        ('{"a": tru}', "unexpected character"),
        ('{"a": "x', "unterminated string"),
        ('{"a": 1} x', "after the JSON value"),
        ("/* open", "unterminated /*"),
    ],
)
def test_json_errors(text, message):
    with pytest.raises(JsonError) as exc:
        load_json(SourceText(text))
    assert message in exc.value.message


def test_json5_syntax_is_reported_and_the_rest_is_still_read(tmp_path):
    text = "{\n  Routes: [\n    {'UpstreamPathTemplate': '/a', \"DownstreamPathTemplate\": \"/a\" /* x */}\n  ]\n}\n"
    doc = load_json(SourceText(text))
    assert doc.root["Routes"][0]["UpstreamPathTemplate"] == "/a"
    assert [(o, w) for o, w, _ in doc.extensions] == [
        (4, "the unquoted property name Routes"),
        (19, "a single-quoted property name"),
        (43, "a single-quoted string"),
    ]
    write_files(tmp_path, {"ocelot.json": text})
    r = lint(tmp_path, select=["parse-error", "json-comments", "ocelot-missing-downstream-scheme"])
    assert sorted((f.rule, f.location()) for f in r.findings) == [
        ("json-comments", "ocelot.json:3:67"),
        ("ocelot-missing-downstream-scheme", "ocelot.json:3:5"),
        ("parse-error", "ocelot.json:2:3"),
        ("parse-error", "ocelot.json:3:30"),
        ("parse-error", "ocelot.json:3:6"),
    ]


# -- merged from tests/test_review_core_parsing.py: Review: broken input, discovery and classification corner cases.

POD = "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: a\n    image: nginx:1.27\n"


def test_unclosed_quote_names_where_the_scalar_starts(tmp_path):
    write_files(tmp_path, {"cm.yaml": 'apiVersion: v1\nkind: ConfigMap\ndata:\n  a: "abc\n  b: c\n'})
    res = lint(tmp_path, select=["parse-error"])
    assert triples(res) == [("parse-error", "cm.yaml:6:1")]
    assert "starts at line 4, column 6" in res.findings[0].message


def test_tab_indentation_says_so(tmp_path):
    write_files(tmp_path, {"svc.yaml": "apiVersion: v1\r\nkind: Service\r\nmetadata:\r\n  name: é\r\n\tx: d\r\n"})
    res = lint(tmp_path, select=["parse-error"])
    assert triples(res) == [("parse-error", "svc.yaml:5:1")]
    assert "tabs" in res.findings[0].message


def test_broken_files_do_not_stop_the_others(tmp_path):
    bomb = "a: &a [x,x,x,x,x,x,x,x,x]\n" + "".join(
        f"{n}: &{n} [{', '.join(['*' + p] * 9)}]\n" for p, n in zip("abcdefgh", "bcdefghi")
    )
    write_files(
        tmp_path,
        {
            "bin.yaml": b"\x00\x01\x02abc",
            "latin1.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: caf".encode() + b"\xe9\n",
            "bomb.yaml": bomb,
            "deep.yaml": "a: " + "[" * 5000 + "]" * 5000 + "\n",
            "deep.json": '{"apiVersion": "v1", "kind": "Pod", "x": ' + "[" * 5000 + "]" * 5000 + "}",
            "pod.yaml": POD,
        },
    )
    res = lint(tmp_path, select=["parse-error", "bare-pod"])
    assert not res.internal_errors
    got = triples(res)
    assert ("bare-pod", "pod.yaml:2:7") in got
    assert {p.split(":")[0] for r, p in got if r == "parse-error"} == {
        "bin.yaml", "latin1.yaml", "bomb.yaml", "deep.yaml", "deep.json"
    }
    assert ("parse-error", "latin1.yaml:4:12") in got


def test_discovered_json_that_is_neither_k8s_nor_ocelot_is_not_linted(tmp_path):
    write_files(
        tmp_path,
        {
            # mentions "Routes" but not at the top level: not an Ocelot file
            "appsettings.json": '{\n  // comment\n  "Gateway": {"Routes": []},\n}\n',
            "tsconfig.json": '{\n  // comment\n  "compilerOptions": {},\n}\n',
            "gw/gateway.json": '{\n  /* c */ "Routes": []\n}\n',
            "cfg/Ocelot.Production.json": '{\n  // c\n  "Routes": []\n}\n',
        },
    )
    assert triples(lint(tmp_path, select=["json-comments", "json-trailing-comma"])) == [
        ("json-comments", "cfg/Ocelot.Production.json:2:3"),
        ("json-comments", "gw/gateway.json:2:3"),
    ]
    # named explicitly, any JSON is read
    res = lint(tmp_path, select=["json-comments"], paths=["appsettings.json"])
    assert triples(res) == [("json-comments", "appsettings.json:2:3")]


WORKFLOW = """\
on: push
permissions: {contents: read}
jobs:
  j:
    runs-on: ubuntu-latest
    steps:
      - run: gh secret set X --body ${{ github.token }}
"""


def test_linting_the_github_folder_itself_keeps_workflows_workflows(tmp_path):
    write_files(tmp_path, {".github/workflows/w.yml": WORKFLOW, ".github/workflows/sub/x.yml": WORKFLOW})
    for target in (".github", ".github/workflows", ".github/workflows/w.yml"):
        res = lint(tmp_path, select=["ephemeral-registry-token"], paths=[target])
        # only the top-level folder holds workflows
        assert triples(res) == [("ephemeral-registry-token", ".github/workflows/w.yml:7:37")], target


def test_large_json_files_that_are_not_manifests_are_not_reported(tmp_path):
    write_files(
        tmp_path,
        {
            "package-lock.json": '{"name": "x", "packages": {"' + "a" * 3000 + '": {}}}',
            "openapi.yaml": "openapi: 3.0.0\ninfo: {title: " + "x" * 3000 + "}\n",
            "k8s/big.yaml": "apiVersion: v1\nkind: ConfigMap\ndata: {a: " + "x" * 3000 + "}\n",
            "ocelot.json": '{"Routes": [], "x": "' + "y" * 3000 + '"}',
        },
    )
    res = lint(tmp_path, select=["parse-error"], max_file_size=1000)
    assert triples(res) == [
        ("parse-error", "k8s/big.yaml:1:1"), ("parse-error", "ocelot.json:1:1"), ("parse-error", "openapi.yaml:1:1")
    ]
    res = lint(tmp_path, select=["parse-error"], max_file_size=1000, paths=["package-lock.json"])
    assert triples(res) == [("parse-error", "package-lock.json:1:1")]


def test_undecodable_json_is_reported_only_when_it_looks_like_ours(tmp_path):
    write_files(
        tmp_path,
        {
            "data/latin1.json": b'{"name": "caf\xe9"}',
            "gw/ocelot.json": b'{"Routes": [], "x": "caf\xe9"}',
            "k8s/cm.json": b'{"apiVersion": "v1", "kind": "ConfigMap", "data": {"a": "caf\xe9"}}',
        },
    )
    res = lint(tmp_path, select=["parse-error"])
    assert triples(res) == [("parse-error", "gw/ocelot.json:1:25"), ("parse-error", "k8s/cm.json:1:61")]


def test_recursive_anchors_are_a_parse_error_in_bounded_time(tmp_path):
    import time

    dep = (
        "apiVersion: apps/v1\nkind: Deployment\nmetadata: &m {name: x, labels: *m}\nspec:\n"
        "  template:\n    spec:\n      containers: &c\n        - name: a\n          image: nginx:1.27\n"
        "          env: &e [{name: A, value: $(A)}, *e]\n          args: *c\n"
    )
    write_files(tmp_path, {"rec.yaml": dep, "seq.yaml": "&a [*a]\n", "pod.yaml": POD})
    start = time.monotonic()
    res = lint(tmp_path, select=["parse-error", "bare-pod", "k8s-schema"])
    assert time.monotonic() - start < 5
    assert not res.internal_errors
    assert triples(res) == [
        ("bare-pod", "pod.yaml:2:7"),
        ("parse-error", "rec.yaml:3:11"),
        ("parse-error", "seq.yaml:1:1"),
    ]


def test_json_syntax_error_positions_match_json_readers(tmp_path):
    write_files(
        tmp_path,
        {
            "a/ocelot.json": '{\n  "Routes": [\n    {"UpstreamPathTemplate": "/a"}\n',
            "b/ocelot.json": '{"Routes": [], "x": 1.}',
            "c/ocelot.json": '{"Routes": [] "GlobalConfiguration": {}}',
        },
    )
    res = lint(tmp_path, select=["parse-error"])
    assert triples(res) == [
        ("parse-error", "a/ocelot.json:4:1"),
        ("parse-error", "b/ocelot.json:1:21"),
        ("parse-error", "c/ocelot.json:1:15"),
    ]
    msg = next(f.message for f in res.findings if f.path == "a/ocelot.json")
    assert "line 2, column 13" in msg


def test_comments_before_a_json_syntax_error_are_still_reported(tmp_path):
    write_files(
        tmp_path,
        {"ocelot.json": '{\n  // routes\n  "Routes": [],\n  "GlobalConfiguration": {}\n  "Aggregates": []\n}\n'},
    )
    res = lint(tmp_path, select=["parse-error", "json-comments"])
    assert triples(res) == [("json-comments", "ocelot.json:2:3"), ("parse-error", "ocelot.json:5:3")]


# -- merged from tests/test_review_core_positions.py: Review: exact positions inside quoted scalars with escapes (YAML and JSON).

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


# -- merged from tests/test_review_core_helm.py: Review: Helm templates are skipped once; Go templates that are data are not Helm.

ALERTMANAGER = """\
apiVersion: v1
kind: ConfigMap
metadata: {name: alertmanager, labels: {version: 1.0}}
data:
  template.tmpl: |
    {{ define "slack.text" }}{{ range .Alerts }}{{ .Annotations.summary }}{{ end }}{{ end }}
"""


def test_go_templates_inside_block_scalars_are_data(tmp_path):
    write_files(tmp_path, {"k8s/am.yaml": ALERTMANAGER})
    res = lint(tmp_path, select=["k8s-schema"])
    assert res.skipped == []
    assert triples(res) == [("k8s-schema", "k8s/am.yaml:3:50")]


def test_helm_templates_are_skipped_once_each(tmp_path):
    write_files(
        tmp_path,
        {
            "chart/Chart.yaml": "apiVersion: v2\nname: c\nversion: 1.0.0\n",
            "chart/values.yaml": "image: {tag: latest}\n",
            "chart/templates/dep.yaml": "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {{ .Release.Name }}\n",
            "chart/templates/cm.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata:\n  a: |\n    {{ .Values.a }}\n",
            "chart/templates/svc.yaml": "{{- if .Values.svc }}\napiVersion: v1\nkind: Service\n{{- end }}\n",
        },
    )
    res = lint(tmp_path)
    assert triples(res) == []
    assert sorted(u.rel for u in res.skipped) == [
        "chart/templates/cm.yaml", "chart/templates/dep.yaml", "chart/templates/svc.yaml"
    ]


def test_dependency_lock_files_are_skipped_in_folders_and_read_when_named(tmp_path):
    broken = "lockfileVersion: '9.0'\npackages: [unclosed\n"
    write_files(
        tmp_path,
        {
            "pnpm-lock.yaml": broken,
            "web/pnpm-lock.yaml": broken,
            "web/package-lock.json": '{"name": "x",',
            "conda-lock.yml": broken,
            "api/packages.lock.json": '{"version": 1,',
            "k8s/pnpm-lock.yaml.bak": broken,
            "k8s/app.yaml": broken,  # an ordinary file with the same text is reported
        },
    )
    res = lint(tmp_path, select=["parse-error"])
    assert [loc for _, loc in triples(res)] == ["k8s/app.yaml:3:1"]
    res = lint(tmp_path, select=["parse-error"], paths=["web/pnpm-lock.yaml", "web/package-lock.json"])
    assert [loc for _, loc in triples(res)] == ["web/package-lock.json:1:14", "web/pnpm-lock.yaml:3:1"]
