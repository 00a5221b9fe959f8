"""Located documents: positions of keys, values and tokens inside scalars, in every YAML
style, in CRLF files, through anchors and merge keys, and in JSON with comments."""
from __future__ import annotations

import pytest

from helpers import lint, locs, write_files
from okla_lint.core.located import LMap
from okla_lint.core.parse_json import JsonError, load_json
from okla_lint.core.parse_yaml import load_documents
from okla_lint.core.source import SourceText, locate_in_scalar


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
    # one defect, written once, reported for each container that uses it
    assert locs(r) == ["d.yaml:13:42", "d.yaml:13:42"]
    assert {f.context.split(":")[0] for f in r.findings} == {
        "container 'one' of Deployment/d",
        "container 'two' of Deployment/d",
    }


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
