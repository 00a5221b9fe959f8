"""Review: broken input, discovery and classification corner cases."""
from __future__ import annotations

from helpers import lint, triples, write_files

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
