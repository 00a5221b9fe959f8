"""The GitHub Actions expression language: find ``${{ }}`` in strings, lex and parse them,
keeping the offset of every token so that rules can point at an exact column.

Follows the grammar GitHub's runner implements (and actionlint mirrors):

- literals: ``null``, ``true``, ``false``, numbers (``42``, ``-1``, ``1.5``, ``1e3``,
  ``0xff``), strings in single quotes (``'it''s'``); double quotes are not strings;
- named values (contexts) and properties: ``github.event.issue``, ``matrix['os']``,
  ``github.event.commits.*.message`` (object filter); identifiers are letters, digits,
  ``_`` and ``-``, starting with a letter or ``_``; all names are case-insensitive;
- function calls ``name(args)`` (only built-in functions exist);
- operators by precedence: ``( )``, ``[ ] .``, ``!``, ``< <= > >=``, ``== !=``,
  ``&&``, ``||``.

All offsets are into the string that holds the expression (the YAML value), so a rule
can hand them to ``ctx.sub_span``.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterator, Union

# -- errors ----------------------------------------------------------------------------


@dataclass
class ExprError:
    message: str
    start: int  # offset of the offending character or token
    end: int


# -- templates: where the ${{ }} are -----------------------------------------------------


@dataclass
class Template:
    start: int  # offset of '${{'
    end: int  # offset just past '}}' (or len(text) when not closed)
    inner_start: int  # offset just past '${{'
    inner_end: int  # offset of '}}'
    closed: bool = True
    unclosed_quote: int = -1  # offset of a string literal that runs to the end

    def inner(self, text: str) -> str:
        return text[self.inner_start : self.inner_end]


def templates(text: str) -> list[Template]:
    """Every ``${{ ... }}`` in ``text``, as GitHub reads them: the closing ``}}`` is the
    first one outside a single-quoted string literal. An expression that is never closed
    comes last, with ``closed=False``."""
    out: list[Template] = []
    i = 0
    n = len(text)
    while True:
        s = text.find("${{", i)
        if s == -1:
            return out
        j = s + 3
        quote = -1
        while j < n:
            c = text[j]
            if c == "'":
                k = j + 1
                while True:
                    k = text.find("'", k)
                    if k == -1:
                        break
                    if text.startswith("''", k):
                        k += 2
                        continue
                    break
                if k == -1:
                    quote = j
                    j = n
                    break
                j = k + 1
                continue
            if c == "}" and text.startswith("}}", j):
                break
            j += 1
        if j >= n:
            out.append(Template(s, n, s + 3, n, closed=False, unclosed_quote=quote))
            return out
        out.append(Template(s, j + 2, s + 3, j))
        i = j + 2


# -- tokens ------------------------------------------------------------------------------


@dataclass
class Tok:
    kind: str  # ident, num, str, op, end
    value: str
    start: int
    end: int


_PUNCT = {"(", ")", "[", "]", ".", ",", "*"}
_TWO = {"==", "!=", "<=", ">=", "&&", "||"}
_ONE_OP = {"<", ">", "!"}


def _digit(c: str) -> bool:
    return "0" <= c <= "9"


def _is_ident_start(c: str) -> bool:
    return c.isascii() and (c.isalpha() or c == "_")


def _is_ident_char(c: str) -> bool:
    return c.isascii() and (c.isalnum() or c in "_-")


def lex(text: str, start: int, end: int) -> tuple[list[Tok], ExprError | None]:
    """Tokens of ``text[start:end]``; offsets are into ``text``."""
    toks: list[Tok] = []
    i = start
    while i < end:
        c = text[i]
        if c in " \t\r\n":
            i += 1
            continue
        if _is_ident_start(c):
            j = i + 1
            while j < end and _is_ident_char(text[j]):
                j += 1
            toks.append(Tok("ident", text[i:j], i, j))
            i = j
            continue
        if _digit(c) or (c == "-" and i + 1 < end and _digit(text[i + 1])):
            j, err = _lex_number(text, i, end)
            if err:
                return toks, err
            toks.append(Tok("num", text[i:j], i, j))
            i = j
            continue
        if c == "'":
            j = i + 1
            while True:
                k = text.find("'", j, end)
                if k == -1:
                    return toks, ExprError("the string literal starting here is never closed (strings are written in single quotes, and a quote inside is doubled: 'it''s')", i, i + 1)
                if text.startswith("''", k) and k + 1 < end:
                    j = k + 2
                    continue
                j = k + 1
                break
            toks.append(Tok("str", text[i:j], i, j))
            i = j
            continue
        two = text[i : i + 2] if i + 1 < end else ""
        if two in _TWO:
            toks.append(Tok("op", two, i, i + 2))
            i += 2
            continue
        if c in _ONE_OP or c in _PUNCT:
            toks.append(Tok("op", c, i, i + 1))
            i += 1
            continue
        if c == '"':
            return toks, ExprError(
                "double quotes do not delimit strings in expressions; write string literals in single quotes ('...')",
                i,
                i + 1,
            )
        if c == "=":
            return toks, ExprError("`=` is not an operator in expressions; compare with `==`", i, i + 1)
        if c == "&":
            return toks, ExprError("`&` is not an operator in expressions; use `&&`", i, i + 1)
        if c == "|":
            return toks, ExprError("`|` is not an operator in expressions; use `||`", i, i + 1)
        return toks, ExprError(f"unexpected character {c!r} in expression", i, i + 1)
    toks.append(Tok("end", "", end, end))
    return toks, None


def _lex_number(text: str, i: int, end: int) -> tuple[int, ExprError | None]:
    j = i
    if text[j] == "-":
        j += 1
    if text.startswith(("0x", "0X"), j):
        k = j + 2
        while k < end and text[k] in "0123456789abcdefABCDEF":
            k += 1
        if k == j + 2:
            return k, ExprError("hexadecimal number without digits", i, k)
        j = k
    else:
        while j < end and _digit(text[j]):
            j += 1
        if j < end and text[j] == ".":
            j += 1
            k = j
            while j < end and _digit(text[j]):
                j += 1
            if j == k:
                return j, ExprError("a number cannot end with `.`; write the digits after it", i, j)
        if j < end and text[j] in "eE":
            k = j + 1
            if k < end and text[k] in "+-":
                k += 1
            m = k
            while k < end and _digit(text[k]):
                k += 1
            if k == m:
                return k, ExprError("exponent without digits in number", i, k)
            j = k
    if j < end and _is_ident_char(text[j]):
        k = j
        while k < end and _is_ident_char(text[k]):
            k += 1
        return k, ExprError(f"invalid number {text[i:k]!r}", i, k)
    return j, None


# -- syntax tree -------------------------------------------------------------------------


@dataclass
class Lit:
    value: object
    start: int
    end: int


@dataclass
class Var:  # a named value: a context
    name: str
    start: int
    end: int


@dataclass
class Prop:  # obj.name, obj.* (name '*'), or obj['name'] (literal index)
    obj: "Node"
    name: str
    start: int  # the property name (or the index literal)
    end: int


@dataclass
class Index:  # obj[expr] with a computed index
    obj: "Node"
    index: "Node"
    start: int
    end: int


@dataclass
class Call:
    name: str
    args: list["Node"]
    start: int  # the function name
    end: int  # just past ')'
    name_end: int = 0


@dataclass
class Not:
    operand: "Node"
    start: int
    end: int


@dataclass
class Bin:
    op: str
    left: "Node"
    right: "Node"
    start: int
    end: int


Node = Union[Lit, Var, Prop, Index, Call, Not, Bin]


class _Fail(Exception):
    def __init__(self, err: ExprError):
        self.err = err


class _Parser:
    def __init__(self, toks: list[Tok]):
        self.toks = toks
        self.i = 0

    def peek(self) -> Tok:
        return self.toks[self.i]

    def next(self) -> Tok:
        t = self.toks[self.i]
        if t.kind != "end":
            self.i += 1
        return t

    def fail(self, msg: str, t: Tok | None = None) -> _Fail:
        t = t or self.peek()
        if t.kind == "end":
            return _Fail(ExprError(f"{msg}, but the expression ends here", t.start, t.start + 1))
        return _Fail(ExprError(f"{msg}, found `{t.value}`", t.start, t.end))

    def is_op(self, *ops: str) -> bool:
        t = self.peek()
        return t.kind == "op" and t.value in ops

    def parse(self) -> Node:
        if self.peek().kind == "end":
            raise _Fail(ExprError("the expression is empty", self.peek().start, self.peek().start + 1))
        node = self.or_()
        t = self.peek()
        if t.kind != "end":
            raise _Fail(ExprError(f"unexpected `{t.value}` after a complete expression (a missing operator such as `&&` or `==`?)", t.start, t.end))
        return node

    def _binary(self, ops: tuple[str, ...], sub) -> Node:
        left = sub()
        while self.is_op(*ops):
            op = self.next().value
            right = sub()
            left = Bin(op, left, right, left.start, right.end)
        return left

    def or_(self) -> Node:
        return self._binary(("||",), self.and_)

    def and_(self) -> Node:
        return self._binary(("&&",), self.eq)

    def eq(self) -> Node:
        return self._binary(("==", "!="), self.cmp)

    def cmp(self) -> Node:
        return self._binary(("<", "<=", ">", ">="), self.unary)

    def unary(self) -> Node:
        if self.is_op("!"):
            t = self.next()
            operand = self.unary()
            return Not(operand, t.start, operand.end)
        return self.postfix()

    def postfix(self) -> Node:
        node = self.primary()
        while True:
            if self.is_op("."):
                self.next()
                t = self.peek()
                if t.kind == "ident":
                    self.next()
                    node = Prop(node, t.value, t.start, t.end)
                elif t.kind == "op" and t.value == "*":
                    self.next()
                    node = Prop(node, "*", t.start, t.end)
                else:
                    raise self.fail("expected a property name or `*` after `.`")
            elif self.is_op("["):
                self.next()
                if self.is_op("*"):
                    t = self.next()
                    idx: Node = Lit("*", t.start, t.end)
                else:
                    idx = self.or_()
                if not self.is_op("]"):
                    raise self.fail("expected `]` to close the index")
                close = self.next()
                if isinstance(idx, Lit) and isinstance(idx.value, str):
                    node = Prop(node, idx.value, idx.start, idx.end)
                else:
                    node = Index(node, idx, node.start, close.end)
            else:
                return node

    def primary(self) -> Node:
        t = self.peek()
        if t.kind == "ident":
            self.next()
            if self.is_op("("):
                self.next()
                args: list[Node] = []
                if not self.is_op(")"):
                    while True:
                        args.append(self.or_())
                        if self.is_op(","):
                            self.next()
                            continue
                        if self.is_op(")"):
                            break
                        raise self.fail(f"expected `,` or `)` in the arguments of {t.value}()")
                close = self.next()
                return Call(t.value, args, t.start, close.end, t.end)
            low = t.value.lower()
            if low in ("true", "false"):
                return Lit(low == "true", t.start, t.end)
            if low == "null":
                return Lit(None, t.start, t.end)
            if low in ("nan", "infinity"):
                return Lit(float("nan") if low == "nan" else float("inf"), t.start, t.end)
            return Var(t.value, t.start, t.end)
        if t.kind == "num":
            self.next()
            return Lit(t.value, t.start, t.end)
        if t.kind == "str":
            self.next()
            return Lit(t.value[1:-1].replace("''", "'"), t.start, t.end)
        if self.is_op("("):
            self.next()
            inner = self.or_()
            if not self.is_op(")"):
                raise self.fail("expected `)` to close the parenthesis")
            self.next()
            return inner
        raise self.fail("expected a value (a context, a literal or a function call)")


def parse(text: str, start: int = 0, end: int | None = None) -> tuple[Node | None, ExprError | None]:
    """Parse ``text[start:end]`` as one expression."""
    end = len(text) if end is None else end
    toks, err = lex(text, start, end)
    if err:
        return None, err
    try:
        return _Parser(toks).parse(), None
    except _Fail as f:
        return None, f.err
    except RecursionError:
        return None, ExprError("the expression is nested too deeply", start, start + 1)


# -- walking -----------------------------------------------------------------------------


def walk(node: Node) -> Iterator[Node]:
    """Every node of a tree, parents before children."""
    stack = [node]
    while stack:
        n = stack.pop()
        yield n
        if isinstance(n, (Prop,)):
            stack.append(n.obj)
        elif isinstance(n, Index):
            stack.extend([n.index, n.obj])
        elif isinstance(n, Call):
            stack.extend(reversed(n.args))
        elif isinstance(n, Not):
            stack.append(n.operand)
        elif isinstance(n, Bin):
            stack.extend([n.right, n.left])


@dataclass
class Ref:
    """A context reference and the properties read from it: ``steps.build.outputs.x`` is
    Ref(context=Var('steps'), path=[('build', s, e), ('outputs', s, e), ('x', s, e)]).
    The path stops at the first computed index."""

    var: Var
    path: list[tuple[str, int, int]] = field(default_factory=list)

    @property
    def context(self) -> str:
        return self.var.name.lower()


def refs(node: Node) -> list[Ref]:
    """Every context reference in a tree, with its static property path."""
    out: list[Ref] = []
    # map each Var to its longest static chain: find chain tops (Prop/Index whose obj
    # chain bottoms out in a Var) by walking and collecting from the outermost node
    seen: set[int] = set()
    for n in walk(node):
        if isinstance(n, (Prop, Index, Var)) and id(n) not in seen:
            chain: list[Node] = []
            cur: Node = n
            while isinstance(cur, (Prop, Index)):
                chain.append(cur)
                seen.add(id(cur))
                cur = cur.obj
            if not isinstance(cur, Var):
                continue
            seen.add(id(cur))
            path: list[tuple[str, int, int]] = []
            for link in reversed(chain):
                if isinstance(link, Prop):
                    path.append((link.name, link.start, link.end))
                else:
                    break
            out.append(Ref(cur, path))
    return out


def with_fallback(node: Node) -> set[int]:
    """ids of the Var nodes inside the left operand of an ``||``: values the author expects
    to be missing (``matrix.os || 'ubuntu-latest'``)."""
    out: set[int] = set()
    for n in walk(node):
        if isinstance(n, Bin) and n.op == "||":
            out.update(id(v) for v in walk(n.left) if isinstance(v, Var))
    return out


@dataclass
class Parsed:
    """An expression found in a string: its template (None for an implicit ``if:``
    expression), and its tree or its syntax error."""

    template: Template | None
    node: Node | None
    error: ExprError | None


def expressions_in(text: str, implicit: bool = False) -> list[Parsed]:
    """Parse every expression of a workflow string. ``implicit`` is for ``if:`` values,
    which are one expression even without ``${{ }}`` (unless they contain ``${{``)."""
    if implicit and "${{" not in text:
        node, err = parse(text)
        return [Parsed(None, node, err)]
    out: list[Parsed] = []
    for t in templates(text):
        if not t.closed:
            if t.unclosed_quote >= 0:
                err = ExprError(
                    "the string literal starting here is never closed, so the `${{` expression never ends "
                    "(strings are written in single quotes, and a quote inside is doubled: 'it''s')",
                    t.unclosed_quote,
                    t.unclosed_quote + 1,
                )
            else:
                err = ExprError("`${{` is never closed with `}}`", t.start, t.start + 3)
            out.append(Parsed(t, None, err))
            continue
        node, err = parse(text, t.inner_start, t.inner_end)
        if err and err.message.startswith("the expression is empty"):
            err = ExprError("the expression `${{ }}` is empty", t.start, t.end)
        out.append(Parsed(t, node, err))
    return out
