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
from typing import Any, Callable

import yaml
from yaml import nodes as ynodes

from .located import LMap, LSeq, Span, SpanList, YamlDoc, as_span, pack_span
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


_NO_DUPS: tuple = ()  # shared by the documents without duplicate keys
MAX_EXPANSION = 1_000_000  # nodes an alias-heavy document may expand to


def _scalar_value(tag: str, v: str) -> Any:
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


_STR = "tag:yaml.org,2002:str"
_MERGE = "tag:yaml.org,2002:merge"
_ALIAS_EVENT, _SCALAR_EVENT = yaml.AliasEvent, yaml.ScalarEvent
_SEQ_EVENT, _MAP_EVENT = yaml.SequenceStartEvent, yaml.MappingStartEvent
# the tag of a plain scalar depends on its text alone (_Resolver12 has no path resolvers,
# and a quoted or `!`-tagged scalar is a string): resolved once per distinct short text
_PLAIN_TAGS: dict[str, str] = {}
_PLAIN_TAGS_MAX = 50_000
_INTERN_MAX_LEN = 64  # short scalars (names, keys, labels) repeat: one string object each
_INTERN_MAX = 200_000


class _Builder:
    """Builds LMap/LSeq trees straight from libyaml's events: no node graph is kept (a
    node and two marks per scalar cost more than the tree itself), and short strings are
    shared, so memory stays proportional to the input (issue 12)."""

    def __init__(self, src: SourceText, parser: "_Composer", strings: dict):
        self.src = src
        self.p = parser
        self.remap = _extra_breaks(src)
        self.strings = strings
        self.expanded = 0
        self.dups: list[tuple[Any, Span, Span]] = []
        # anchor -> [value, size, span, building, first mark]
        self.anchors: dict[str, list] = {}

    def span(self, sm, em, style: str | None = None) -> Span:
        if self.remap:
            return Span(*self.src.position(sm.index), *self.src.position(em.index), sm.index, em.index, style)
        return Span(sm.line + 1, sm.column + 1, em.line + 1, em.column + 1, sm.index, em.index, style)

    def _anchor(self, event) -> list | None:
        anchor = event.anchor
        if anchor is None:
            return None
        if anchor in self.anchors:  # as PyYAML's composer
            raise yaml.composer.ComposerError(f"found duplicate anchor {anchor!r}; first occurrence",
                                              self.anchors[anchor][4], "second occurrence", event.start_mark)
        entry = [None, 1, None, True, event.start_mark]
        self.anchors[anchor] = entry
        return entry

    def _scalar(self, event) -> tuple[Any, Span | int]:
        """A scalar event's value (YAML 1.2 core schema, short strings shared) and span."""
        tag = event.tag
        raw = event.value
        if tag is None or tag == "!":
            if event.implicit[0]:
                tag = _PLAIN_TAGS.get(raw)
                if tag is None:
                    tag = self.p.resolve(ynodes.ScalarNode, raw, event.implicit)
                    if len(raw) <= _INTERN_MAX_LEN and len(_PLAIN_TAGS) < _PLAIN_TAGS_MAX:
                        _PLAIN_TAGS[raw] = tag
            else:
                tag = _STR
        value = raw if tag == _STR else _scalar_value(tag, raw)
        if type(value) is str and len(value) <= _INTERN_MAX_LEN:
            shared = self.strings.get(value)
            if shared is not None:
                value = shared
            elif len(self.strings) < _INTERN_MAX:
                self.strings[value] = value
        # a scalar's span stays an int (pack_span) where it goes into its parent; what
        # reads it as a Span (documents, duplicate keys) calls as_span
        sm, em = event.start_mark, event.end_mark
        style = event.style or ""
        span = pack_span(sm.index, em.index, style)
        if span is None:
            span = self.span(sm, em, style)
        self.expanded += 1
        return value, span

    def build(self) -> tuple[Any, Span]:
        """The next node's value and span (consumes its events)."""
        p = self.p
        event = p.get_event()
        cls = event.__class__
        if cls is _SCALAR_EVENT and event.anchor is None:
            return self._scalar(event)  # most nodes: nothing to remember about them
        if cls is _ALIAS_EVENT:
            entry = self.anchors.get(event.anchor)
            if entry is None:
                raise yaml.composer.ComposerError(None, None, f"found undefined alias {event.anchor!r}", event.start_mark)
            if entry[3]:
                # an alias inside the node its anchor names: kubectl (go-yaml) refuses it
                # ("anchor value contains itself"), and the document would be infinitely deep
                raise YamlError(
                    "an alias refers to the node that contains it (a recursive anchor); YAML readers "
                    "such as kubectl refuse it and the document cannot be linted",
                    *_pos(self.src, entry[4], self.remap),  # at the anchor
                )
            self.expanded += entry[1]
            if self.expanded > MAX_EXPANSION:
                raise YamlError(
                    f"aliases expand this document to more than {MAX_EXPANSION} nodes "
                    "(an alias bomb); it was not linted",
                    *_pos(self.src, event.start_mark, self.remap),
                )
            return entry[0], entry[2]
        entry = self._anchor(event)
        before = self.expanded
        if cls is _SCALAR_EVENT:
            value, span = self._scalar(event)
        elif cls is _SEQ_EVENT:
            value = LSeq()
            if entry is not None:
                entry[0] = value
            spans = value.spans = SpanList(self.src)
            while not p.check_event(yaml.SequenceEndEvent):
                item, ispan = self.build()
                value.append(item)
                spans.append(ispan)
            end = p.get_event()
            span = value.span = self.span(event.start_mark, end.end_mark)
            self.expanded += 1
        elif cls is _MAP_EVENT:
            value = LMap(src=self.src)
            if entry is not None:
                entry[0] = value
            self._mapping(value)
            end = p.get_event()
            span = value.span = self.span(event.start_mark, end.end_mark)
            self.expanded += 1
        else:  # pragma: no cover - the parser's grammar allows nothing else here
            raise yaml.composer.ComposerError(None, None, f"unexpected {type(event).__name__}", event.start_mark)
        if entry is not None:
            entry[1] = max(1, self.expanded - before)
            entry[2] = span
            entry[3] = False
        return value, span

    def _mapping(self, m: LMap) -> None:
        p = self.p
        merges: list[tuple[Any, Span]] = []
        while not p.check_event(yaml.MappingEndEvent):
            kev = p.peek_event()
            if isinstance(kev, yaml.ScalarEvent) and kev.anchor is None and (kev.tag is None or kev.tag == "!") \
                    and kev.value == "<<" and p.resolve(ynodes.ScalarNode, kev.value, kev.implicit) == _MERGE:
                p.get_event()
                vev = p.peek_event()
                if isinstance(vev, yaml.SequenceStartEvent) and vev.anchor is None:
                    p.get_event()
                    while not p.check_event(yaml.SequenceEndEvent):
                        merges.append(self.build())
                    p.get_event()
                else:
                    merges.append(self.build())
                continue
            k, kspan = self._key()
            v, vspan = self.build()
            if k in m.kspans:
                if not m.dups:
                    m.dups = []
                dup = (k, m.kspans[k], as_span(self.src, kspan))
                m.dups.append(dup)
                self.dups.append(dup)
            m[k] = v
            m.kspans[k] = kspan
            m.vspans[k] = vspan
        for src, sspan in merges:
            if not isinstance(src, LMap):
                continue
            for k, v in src.items():
                if k not in m:
                    m[k] = v
                    dict.__setitem__(m.kspans, k, dict.get(src.kspans, k, src.span))
                    dict.__setitem__(m.vspans, k, dict.get(src.vspans, k, src.span))

    def _key(self) -> tuple[Any, Span]:
        k, kspan = self.build()
        if k.__class__ is str:
            return k, kspan
        if isinstance(k, (LMap, LSeq)):
            # complex keys (`? [a, b]`) are legal YAML but never meaningful in our files
            return f"<complex key at {kspan.line}:{kspan.col}>", kspan
        try:
            hash(k)
            return k, kspan
        except TypeError:  # pragma: no cover - scalars are hashable
            return str(k), kspan


def load_documents(src: SourceText, keep: Callable[[Any], bool] | None = None) -> tuple[list[YamlDoc], YamlError | None]:
    """Parse every document of a YAML stream. Returns the documents read before the first
    syntax error, and that error (or None). With ``keep``, the tree of a document after
    the first that ``keep`` refuses is dropped as soon as it is read (its span and
    duplicate keys stay): 100,000 tiny documents no rule reads cost no more than their
    positions."""
    docs: list[YamlDoc] = []
    composer = _Composer(src.text)
    strings: dict[str, str] = {}
    try:
        index = 0
        composer.get_event()  # StreamStartEvent
        while not composer.check_event(yaml.StreamEndEvent):
            composer.get_event()  # DocumentStartEvent
            builder = _Builder(src, composer, strings)
            root, span = builder.build()
            span = as_span(src, span)
            composer.get_event()  # DocumentEndEvent
            if keep is not None and index and not keep(root):
                root = None
            docs.append(YamlDoc(root, span, index, builder.dups or _NO_DUPS))
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


@dataclass
class AnchorMark:
    """An anchor (``&name``), an alias (``*name``) or a merge key (``<<``) as written:
    its document (0-based) and the character offsets of the token."""

    kind: str  # "anchor" | "alias" | "merge"
    name: str
    doc: int
    start: int
    end: int


def anchor_marks(text: str) -> list[AnchorMark]:
    """Every anchor, alias and merge key of a YAML stream, in document order (the trees
    that ``load_documents`` builds have them resolved). Stops quietly at a syntax error:
    the parse-error rule reports it."""
    out: list[AnchorMark] = []
    if "&" not in text and "*" not in text and "<<" not in text:
        return out
    parser = _Composer(text)
    # per open collection: [is a mapping, number of child nodes seen]
    stack: list[list] = []
    doc = -1
    try:
        while True:
            event = parser.get_event()
            if isinstance(event, yaml.StreamEndEvent):
                break
            if isinstance(event, yaml.DocumentStartEvent):
                doc += 1
                stack = []
                continue
            if isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
                stack.pop()
                if stack:
                    stack[-1][1] += 1
                continue
            if not isinstance(event, (yaml.ScalarEvent, yaml.AliasEvent, yaml.SequenceStartEvent, yaml.MappingStartEvent)):
                continue
            is_key = bool(stack) and stack[-1][0] and stack[-1][1] % 2 == 0
            s, e = event.start_mark.index, event.end_mark.index
            if isinstance(event, yaml.AliasEvent):
                out.append(AnchorMark("alias", event.anchor, doc, s, e))
            else:
                if event.anchor is not None:
                    at = text.find("&" + event.anchor, s, max(e, s + 1))
                    if at == -1:
                        at = s
                    out.append(AnchorMark("anchor", event.anchor, doc, at, at + 1 + len(event.anchor)))
                if (
                    is_key
                    and isinstance(event, yaml.ScalarEvent)
                    and event.value == "<<"
                    and event.tag is None
                    and event.implicit[0]
                ):
                    out.append(AnchorMark("merge", "<<", doc, s, e))
            if isinstance(event, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
                stack.append([isinstance(event, yaml.MappingStartEvent), 0])
            elif stack:
                stack[-1][1] += 1
    except yaml.YAMLError:
        pass
    finally:
        try:
            parser.dispose()
        except Exception:  # pragma: no cover
            pass
    return out
