"""One finding for an Ocelot file of the repository and its copy in a ConfigMap (the copy is
a virtual file of the model, linted like the file): the copy's findings fold into the
file's. Registered for every per-file Ocelot rule (the catalogue's Ocelot rules) and the
JSON rules, so that it runs whenever one of them does; it reports nothing itself."""
from __future__ import annotations

import posixpath
import re
from typing import Any

from ...core.catalogue import load_catalogue
from ...core.files import OCELOT, OCELOT_NAME, FileUnit
from ...core.located import LMap, Span
from ...core.model import K8sObject
from ...core.registry import check
from ...lib.gha.configmaps import from_file_mappings
from ...post.merge import drop, fold

FOLDED = tuple(sorted(rid for rid, d in load_catalogue().items() if d.kind == "ocelot")) + ("json-comments", "json-trailing-comma")

_LINE_REF = re.compile(r"\(?\blines? \d+(, column \d+)?\)?")
_INDEX = re.compile(r"\[\d+\]")


def _same(message: str) -> str:
    """A message without what differs between a file and its copy: line numbers, route
    indexes (a copy that drifted has the same route elsewhere) and the way the copy is named."""
    return _INDEX.sub("[]", _LINE_REF.sub("", message.replace("the mounted file", "it"))).strip()


def _source_of(model, cm: K8sObject, key: str, by_base: dict[str, list[FileUnit]]) -> FileUnit | None:
    """The Ocelot file of the repository that ConfigMap ``cm`` carries under ``key``: the
    file a workflow loads with ``kubectl create configmap NAME --from-file=KEY=PATH``, or the
    only Ocelot file with that name."""
    for k, path, _, _ in from_file_mappings(model).get(cm.name or "", []) if model.workflows else []:
        if k == key:
            rel = path[2:] if path.startswith("./") else path
            unit = model.by_rel.get(rel)
            return unit if unit is not None and unit.kind == OCELOT else None
    cands = by_base.get(key, [])
    return cands[0] if len(cands) == 1 else None


@check(*FOLDED, on="repository")
def copies_of_repository_files(ctx, model) -> None:
    """A ConfigMap that embeds a copy of an Ocelot file of the repository repeats every
    finding of that file: each becomes one finding, at the file (the place to fix, from which
    the copy should be generated), with the copy as a related location. What only the copy
    has (it drifted) stays reported on the copy."""
    cms = model.by_kind.get("ConfigMap") or []
    if not cms or not model.ocelot:
        return
    by_base: dict[str, list[FileUnit]] = {}
    for unit in model.ocelot:
        by_base.setdefault(posixpath.basename(unit.rel), []).append(unit)
    for cm in cms:
        data = cm.root.get("data")
        if not isinstance(data, LMap) or cm.file is None:
            continue
        for key in data:
            if not isinstance(key, str) or not OCELOT_NAME.match(key):
                continue
            source = _source_of(model, cm, key, by_base)
            if source is None or source is cm.file:
                continue
            suffix = f" (in the {key!r} key of ConfigMap {cm.name or '?'!r})"
            originals: dict[tuple[str, str], list] = {}
            for f in ctx.engine.pending(source):
                originals.setdefault((f.rule, _same(f.message)), []).append(f)
            folded: dict[int, tuple[Any, list]] = {}
            for f in list(ctx.engine.pending(cm.file)):
                if not f.message.endswith(suffix):
                    continue
                same = originals.get((f.rule, _same(f.message[: -len(suffix)])))
                if not same:
                    continue
                o = same.pop(0)  # in order: the n-th copy of a repeated message is the n-th original
                folded.setdefault(id(o), (o, []))[1].append((cm.file, Span(f.line, f.col, f.end_line, f.end_col), f"the same in the copy in ConfigMap {cm.name!r}"))
                drop(ctx, cm.file, f)
            for o, places in folded.values():
                fold(ctx, o, places, f"also in the copy in ConfigMap {cm.name!r}")
