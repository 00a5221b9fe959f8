"""``per-file-ignores`` entries that name one node of a JSON file, to silence one finding
without editing the file's meaning (JSON has no comments, and an Ocelot route cannot
carry an annotation):

    per-file-ignores:
      "gateway/ocelot.json#/Routes/3": [ocelot-catch-all-shadowing]          # JSON pointer
      "gateway/ocelot.json#route=/api/leads/{everything}": [json-comments]    # route key

The part before ``#`` is the file glob of per-file-ignores; after it comes either a JSON
pointer (RFC 6901: ``/Routes/3``, ``~1`` for ``/`` and ``~0`` for ``~`` in a name; names
are matched exactly, then case-insensitively as Ocelot reads them) or ``route=`` and a
route's ``Key`` or ``UpstreamPathTemplate`` (stable when routes are added above it). A
finding is suppressed when its position lies inside that node (its key included)."""
from __future__ import annotations

from pathlib import Path
from typing import Any

from ..core.located import LMap, LSeq, Span
from .globs import glob_match

ROUTE_LISTS = ("Routes", "ReRoutes", "DynamicRoutes", "Aggregates")


def split(pattern: str) -> tuple[str, str | None]:
    glob, sep, frag = pattern.partition("#")
    return glob, (frag if sep else None)


def fragment_problem(frag: str) -> str | None:
    """Why a fragment is not a JSON pointer or route key (None when it is one)."""
    if frag.startswith("route="):
        return None if frag[len("route="):] else "`route=` needs a route's Key or UpstreamPathTemplate"
    if frag == "" or frag.startswith("/"):
        return None
    return (f"{frag!r} after '#' is neither a JSON pointer (starting with '/', such as /Routes/3) "
            "nor route=KEY (a route's Key or UpstreamPathTemplate)")


def _unescape(token: str) -> str:
    return token.replace("~1", "/").replace("~0", "~")


def _member(node: LMap, name: str) -> Any:
    if name in node:
        return name
    return node.ikey(name)


def resolve(root: Any, frag: str) -> tuple[int, int] | None:
    """The character range (start, end) of the node ``frag`` names, or None."""
    if frag.startswith("route="):
        return _route(root, frag[len("route="):])
    node, start, end = root, root.span.start if hasattr(root, "span") else 0, None
    if frag == "":
        return (root.span.start, root.span.end) if isinstance(root, (LMap, LSeq)) else None
    for raw in frag[1:].split("/"):
        tok = _unescape(raw)
        if isinstance(node, LMap):
            key = _member(node, tok)
            if key is None:
                return None
            ks, vs = node.key_span(key), node.value_span(key)
            start, end = ks.start, vs.end
            node = node[key]
        elif isinstance(node, LSeq):
            if not tok.isdigit() or int(tok) >= len(node):
                return None
            sp: Span = node.item_span(int(tok))
            start, end = sp.start, sp.end
            node = node[int(tok)]
        else:
            return None
    return (start, end) if end is not None else None


def _route(root: Any, key: str) -> tuple[int, int] | None:
    if not isinstance(root, LMap):
        return None
    for name in ROUTE_LISTS:
        k = root.ikey(name)
        routes = root.get(k) if k is not None else None
        if not isinstance(routes, LSeq):
            continue
        for i, route in enumerate(routes):
            if not isinstance(route, LMap):
                continue
            ids = [route.iget("Key"), route.iget("UpstreamPathTemplate")]
            if key in [x for x in ids if isinstance(x, str)]:
                sp = routes.item_span(i)
                return sp.start, sp.end
    return None


def _rel(settings, unit) -> str:
    rel = unit.rel
    if settings.root is not None:
        try:
            rel = Path(unit.path).resolve().relative_to(settings.root.resolve()).as_posix()
        except ValueError:
            pass
    return rel


def apply(settings, catalogue, unit, findings: list) -> list:
    """``findings`` without those inside a node named by a ``FILE#POINTER`` entry."""
    entries = [(split(k), v) for k, v in (settings.per_file_ignores or {}).items() if "#" in k]
    if not entries or not findings or unit.src is None or not unit.docs:
        return findings
    root = unit.docs[0].root
    rel = _rel(settings, unit)
    ranges: list[tuple[int, int, list[str]]] = []
    for (glob, frag), rules in entries:
        if frag is None or not glob_match(rel, glob):
            continue
        r = resolve(root, frag)
        if r is not None:
            ranges.append((r[0], r[1], rules))
    if not ranges:
        return findings
    kept = []
    for f in findings:
        doc = catalogue.get(f.rule)
        off = unit.src.offset(f.line, f.col)
        hit = doc is not None and any(
            a <= off < max(b, a + 1) and any(settings.matches(s, doc) for s in rules) for a, b, rules in ranges
        )
        if not hit:
            kept.append(f)
    return kept
