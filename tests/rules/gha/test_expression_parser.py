"""The ``${{ }}`` lexer/parser: offsets, precedence, and errors at the exact character."""
from __future__ import annotations

import pytest

from okla_lint.lib.gha import expression as X


def refs(src: str) -> list[tuple[str, list[str]]]:
    node, err = X.parse(src)
    assert err is None, err
    return [(r.var.name, [p[0] for p in r.path]) for r in X.refs(node)]


def test_property_chains_and_indexes():
    assert refs("github.event.issue.title") == [("github", ["event", "issue", "title"])]
    assert refs("matrix['os']") == [("matrix", ["os"])]
    assert refs("github.event.commits.*.message") == [("github", ["event", "commits", "*", "message"])]
    # a computed index ends the static path; the index is a reference of its own
    assert sorted(refs("steps.x.outputs[matrix.key]")) == [("matrix", ["key"]), ("steps", ["x", "outputs"])]
    assert refs("fromJSON(steps.a.outputs.b).c") == [("steps", ["a", "outputs", "b"])]


def test_literals_are_not_contexts():
    assert refs("true && false || null") == []
    assert refs("0x1F > -1.5e3 && 1e-3 < 2") == []
    assert refs("'it''s' == format('{0}', 1)") == []
    assert refs("NaN != Infinity") == []


def test_ref_offsets():
    node, _ = X.parse("a == steps.build.outputs.v")
    (r,) = [r for r in X.refs(node) if r.context == "steps"]
    assert (r.var.start, r.var.end) == (5, 10)
    assert r.path[0] == ("build", 11, 16)


def test_precedence():
    node, _ = X.parse("a || b && c == d")
    assert isinstance(node, X.Bin) and node.op == "||"
    assert isinstance(node.right, X.Bin) and node.right.op == "&&"
    assert isinstance(node.right.right, X.Bin) and node.right.right.op == "=="
    node, _ = X.parse("!a.b == c")
    assert isinstance(node, X.Bin) and isinstance(node.left, X.Not)
    node, _ = X.parse("!!a")
    assert isinstance(node, X.Not) and isinstance(node.operand, X.Not)


def test_calls():
    node, _ = X.parse("contains(github.event.pull_request.labels.*.name, 'ok')")
    assert isinstance(node, X.Call) and node.name == "contains" and len(node.args) == 2
    node, _ = X.parse("success()")
    assert isinstance(node, X.Call) and node.args == []


@pytest.mark.parametrize(
    "src, at, words",
    [
        ('github.ref == "main"', 14, "double quotes"),
        ("github.ref = 'x'", 11, "`==`"),
        ("a & b", 2, "`&&`"),
        ("a | b", 2, "`||`"),
        ("a ==", 4, "ends here"),
        ("a b", 2, "after a complete expression"),
        ("(a", 2, "`)`"),
        ("f(a,", 4, "ends here"),
        ("f(a b)", 4, "`,` or `)`"),
        ("a[0", 3, "`]`"),
        ("a.", 2, "property name"),
        ("'abc", 0, "never closed"),
        ("1.", 0, "number"),
        ("0xZ", 0, "hexadecimal"),
        ("12ab", 0, "invalid number"),
        ("a ? b : c", 2, "unexpected character"),
        ("", 0, "empty"),
    ],
)
def test_errors_point_at_the_character(src, at, words):
    node, err = X.parse(src)
    assert node is None and err is not None
    assert err.start == at, err
    assert words in err.message


def test_templates_skip_braces_in_strings():
    text = "echo ${{ format('}}{0}', a) }} and ${{ b }}"
    ts = X.templates(text)
    assert [t.inner(text).strip() for t in ts] == ["format('}}{0}', a)", "b"]
    assert all(t.closed for t in ts)


def test_unclosed_templates():
    (t,) = X.templates("x ${{ a")
    assert not t.closed and t.start == 2
    (p,) = X.expressions_in("x ${{ a")
    assert p.error and p.error.start == 2
    (p,) = X.expressions_in("x ${{ 'a }}")
    assert p.error and p.error.start == 6 and "never closed" in p.error.message


def test_empty_expression():
    (p,) = X.expressions_in("x ${{  }} y")
    assert p.error and p.error.start == 2 and "empty" in p.error.message


def test_implicit_if():
    (p,) = X.expressions_in("github.ref == 'x'", implicit=True)
    assert p.template is None and p.error is None
    ps = X.expressions_in("${{ a }} && ${{ b }}", implicit=True)
    assert len(ps) == 2 and all(p.template for p in ps)


def test_deep_nesting_does_not_crash():
    node, err = X.parse("(" * 5000 + "a" + ")" * 5000)
    assert node is not None or err is not None
