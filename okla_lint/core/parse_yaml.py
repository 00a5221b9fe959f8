"""YAML -> located documents, on the lint path.

libyaml (through PyYAML's C parser) composes the node graph, which is the fastest way to
read YAML from Python while keeping every node's position. We then build ``LMap``/``LSeq``
trees ourselves so that:

* scalars follow the YAML 1.2 core schema (``on:`` is the string "on", as GitHub reads it);
  the scalar style is kept in the span so Kubernetes rules can spot YAML 1.1 surprises;
* no tag is ever constructed into an object (``!!python/object`` stays an inert string);
* merge keys (``<<``) are applied, and merged values keep the position where they were
  written (the anchor), which is where a fix must go;
* duplicate keys are recorded, not silently dropped;
* alias expansion is bounded (billion-laughs documents are refused, not expanded).

The module is the only place that knows about the YAML library: swap it to change parsers.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import yaml
from yaml import nodes as ynodes

from .located import LMap, LSeq, Span
from .source import SourceText

try:  # libyaml
    from yaml.cyaml import CParser as _Parser

    LIBYAML = True
except ImportError:  # pragma: no cover - pure Python fallback
    from yaml.parser import Parser as _Parser  # type: ignore[assignment]
    from yaml.composer import Composer
    from yaml.reader import Reader
    from yaml.scanner import Scanner

    LIBYAML = False

    class _Parser(Reader, Scanner, _Parser, Composer):  # type: ignore[no-redef]
        def __init__(self, stream):
            Reader.__init__(self, stream)
            Scanner.__init__(self)
            yaml.parser.Parser.__init__(self)
            Composer.__init__(self)


class _Resolver12(yaml.resolver.BaseResolver):
    """YAML 1.2 core schema resolution (what GitHub Actions and modern parsers use)."""


_Resolver12.yaml_implicit_resolvers = {}
for _tag, _regexp, _first in (
    ("tag:yaml.org,2002:bool", r"^(?:true|True|TRUE|false|False|FALSE)$", "tTfF"),
    ("tag:yaml.org,2002:int", r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$", "-+0123456789"),
    (
        "tag:yaml.org,2002:float",
        r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
        r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$",
        "-+0123456789.",
    ),
    ("tag:yaml.org,2002:null", r"^(?:~|null|Null|NULL|)$", ["~", "n", "N", ""]),
    ("tag:yaml.org,2002:merge", r"^(?:<<)$", "<"),
):
    _Resolver12.add_implicit_resolver(_tag, re.compile(_regexp), list(_first))


class _Composer(_Parser, _Resolver12):
    def __init__(self, stream: str):
        _Parser.__init__(self, stream)
        _Resolver12.__init__(self)


class YamlError(Exception):
    def __init__(self, message: str, line: int, col: int):
        super().__init__(message)
        self.message = message
        self.line = line
        self.col = col


@dataclass
class YamlDoc:
    root: Any
    span: Span
    index: int  # 0-based document index in the stream
    dups: list  # (key, first key span, duplicate key span)


MAX_EXPANSION = 1_000_000  # nodes an alias-heavy document may expand to


def _scalar(node: ynodes.ScalarNode) -> Any:
    tag = node.tag
    v = node.value
    if tag == "tag:yaml.org,2002:str":
        return v
    if tag == "tag:yaml.org,2002:null":
        return None
    if tag == "tag:yaml.org,2002:bool":
        return v.lower() == "true"
    if tag == "tag:yaml.org,2002:int":
        try:
            if v.startswith("0o"):
                return int(v[2:], 8)
            if v.startswith("0x"):
                return int(v[2:], 16)
            return int(v)
        except ValueError:
            return v
    if tag == "tag:yaml.org,2002:float":
        try:
            return float(v.replace(".inf", "inf").replace(".Inf", "inf").replace(".INF", "inf"))
        except ValueError:
            return v
    # any other tag (including !!python/... and custom tags) stays an inert string
    return v


# YAML 1.1 (libyaml, go-yaml) also breaks lines at NEL, LS and PS; editors, GitHub and the
# reports count lines at CR and LF only (SourceText): with those characters in the text,
# positions come from the character offset, not from the parser's line count
_EXTRA_BREAKS = ("\x85", "\u2028", "\u2029")


def _extra_breaks(src: SourceText) -> bool:
    return any(ch in src.text for ch in _EXTRA_BREAKS)


def _pos(src: SourceText, mark, remap: bool) -> tuple[int, int]:
    """1-based (line, column) of a parser mark, as SourceText counts them."""
    if remap:
        return src.position(mark.index)
    return mark.line + 1, mark.column + 1


class _Builder:
    def __init__(self, src: SourceText):
        self.src = src
        self.remap = _extra_breaks(src)
        self.memo: dict[int, tuple[Any, int]] = {}
        self.expanded = 0
        self.dups: list[tuple[Any, Span, Span]] = []
        self.building: set[int] = set()  # containers whose children are being built

    def span(self, node: ynodes.Node) -> Span:
        sm, em = node.start_mark, node.end_mark
        style = None
        if isinstance(node, ynodes.ScalarNode):
            style = node.style or ""
        if self.remap:
            return Span(*self.src.position(sm.index), *self.src.position(em.index), sm.index, em.index, style)
        return Span(sm.line + 1, sm.column + 1, em.line + 1, em.column + 1, sm.index, em.index, style)

    def build(self, node: ynodes.Node) -> Any:
        key = id(node)
        hit = self.memo.get(key)
        if hit is not None and key in self.building:
            # an alias inside the node its anchor names: kubectl (go-yaml) refuses it ("anchor
            # value contains itself"), and the document would be infinitely deep
            raise YamlError(
                "an alias refers to the node that contains it (a recursive anchor); YAML readers "
                "such as kubectl refuse it and the document cannot be linted",
                *_pos(self.src, node.start_mark, self.remap),
            )
        if hit is not None:
            value, size = hit
            self.expanded += size
            if self.expanded > MAX_EXPANSION:
                raise YamlError(
                    f"aliases expand this document to more than {MAX_EXPANSION} nodes "
                    "(an alias bomb); it was not linted",
                    *_pos(self.src, node.start_mark, self.remap),
                )
            return value
        before = self.expanded
        if isinstance(node, ynodes.ScalarNode):
            value = _scalar(node)
            self.expanded += 1
        elif isinstance(node, ynodes.SequenceNode):
            value = LSeq(self.span(node))
            self.memo[key] = (value, 1)
            self.building.add(key)
            for item in node.value:
                value.append(self.build(item))
                value.spans.append(self.span(item))
            self.building.discard(key)
            self.expanded += 1
        else:
            self.building.add(key)
            value = self._mapping(node, key)
            self.building.discard(key)
        self.memo[key] = (value, max(1, self.expanded - before))
        return value

    def _mapping(self, node: ynodes.MappingNode, key: int) -> LMap:
        m = LMap(self.span(node))
        self.memo[key] = (m, 1)
        merges: list[ynodes.Node] = []
        for knode, vnode in node.value:
            if knode.tag == "tag:yaml.org,2002:merge":
                if isinstance(vnode, ynodes.SequenceNode):
                    merges.extend(vnode.value)
                else:
                    merges.append(vnode)
                continue
            k = self._key(knode)
            kspan = self.span(knode)
            if k in m.kspans:
                m.dups.append((k, m.kspans[k], kspan))
                self.dups.append((k, m.kspans[k], kspan))
            m[k] = self.build(vnode)
            m.kspans[k] = kspan
            m.vspans[k] = self.span(vnode)
        for mnode in merges:
            src = self.build(mnode)
            if not isinstance(src, LMap):
                continue
            for k, v in src.items():
                if k not in m:
                    m[k] = v
                    m.kspans[k] = src.kspans.get(k, src.span)
                    m.vspans[k] = src.vspans.get(k, src.span)
        self.expanded += 1
        return m

    def _key(self, knode: ynodes.Node) -> Any:
        if isinstance(knode, ynodes.ScalarNode):
            k = _scalar(knode)
            try:
                hash(k)
                return k
            except TypeError:  # pragma: no cover - scalars are hashable
                return str(k)
        # complex keys (`? [a, b]`) are legal YAML but never meaningful in our files
        line, col = _pos(self.src, knode.start_mark, self.remap)
        return f"<complex key at {line}:{col}>"


def load_documents(src: SourceText) -> tuple[list[YamlDoc], YamlError | None]:
    """Parse every document of a YAML stream. Returns the documents read before the first
    syntax error, and that error (or None)."""
    docs: list[YamlDoc] = []
    composer = _Composer(src.text)
    try:
        index = 0
        while composer.check_node():
            node = composer.get_node()
            builder = _Builder(src)
            root = builder.build(node)
            docs.append(YamlDoc(root, builder.span(node), index, builder.dups))
            index += 1
        return docs, None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        remap = _extra_breaks(src)
        line, col = _pos(src, mark, remap) if mark else (1, 1)
        problem = exc.problem or "invalid YAML"
        if exc.context:
            cm = exc.context_mark
            if cm is not None and mark is not None and (cm.line, cm.column) != (mark.line, mark.column):
                cl, cc = _pos(src, cm, remap)
                problem = f"{problem} ({exc.context} that starts at line {cl}, column {cc})"
            else:
                problem = f"{problem} ({exc.context})"
        if mark is not None and 0 <= mark.index < len(src.text) and src.text[mark.index] == "\t":
            problem += "; YAML does not allow tabs for indentation, indent with spaces"
        return docs, YamlError(
            f"YAML syntax error: {problem}. The whole file is rejected (kubectl apply stops at "
            "this document, GitHub does not run the workflow); fix the syntax here",
            line,
            col,
        )
    except YamlError as exc:
        return docs, exc
    except RecursionError:
        return docs, YamlError("document is nested too deeply to lint", 1, 1)
    except yaml.YAMLError as exc:
        return docs, YamlError(f"YAML error: {exc}", 1, 1)
    finally:
        try:
            composer.dispose()
        except Exception:  # pragma: no cover
            pass
