"""The same object defined twice in what is applied together: one file, one directory
(``kubectl apply -f dir/``) or the resources of one kustomization (``kubectl apply -k``).
Kustomize patches are partial objects and bases/overlays live in different builds, so
neither counts."""
from __future__ import annotations

import posixpath
from collections import defaultdict

from ..files import KUBERNETES
from ..located import LMap
from ..model import K8sObject, RepoModel
from ..registry import check
from .kustomize import is_cluster_object, kustomizations


def _group(api_version: str) -> str:
    return api_version.split("/", 1)[0] if "/" in api_version else ""


def _name_span(obj: K8sObject):
    md = obj.root.get("metadata")
    return md.value_span("name") if isinstance(md, LMap) and "name" in md else obj.span


@check("duplicate-object", on="repository")
def duplicates(ctx, model: RepoModel) -> None:
    ks = kustomizations(model)
    # (description of how they are applied, objects in order, namespace override)
    groups: list[tuple[str, list[K8sObject], str | None]] = []
    by_dir: dict[str, list] = defaultdict(list)
    for unit in model.files:
        if unit.kind == KUBERNETES:
            by_dir[posixpath.dirname(unit.rel)].append(unit)
    for d, units in by_dir.items():
        if d in ks:
            continue  # a kustomize directory is applied with -k: its resources list counts
        objs = [o for u in sorted(units, key=lambda u: u.rel) for o in model.objects_in(u)]
        how = f"`kubectl apply -f {d or '.'}/`" if len(units) > 1 else "applying the file"
        groups.append((how, objs, None))
    for d, k in ks.items():
        objs = [o for rel in k.files if rel in model.by_rel for o in model.objects_in(model.by_rel[rel])]
        groups.append((f"`kustomize build {d or '.'}`", objs, k.namespace))
    seen_pairs: set[tuple[int, int]] = set()
    for how, objs, ns_override in groups:
        first: dict[tuple, K8sObject] = {}
        for o in objs:
            if not o.name or not is_cluster_object(ctx.model, o):
                continue
            key = (_group(o.api_version), o.kind, ns_override or o.namespace, o.name)
            prev = first.get(key)
            if prev is None:
                first[key] = o
                continue
            pair = (id(prev), id(o))
            if pair in seen_pairs:
                continue
            seen_pairs.add(pair)
            prev_span = _name_span(prev)
            same_file = prev.file is o.file
            where = "earlier in this file" if same_file else f"in {prev.file.rel}"
            effect = (
                "kustomize refuses to build (\"may not add resource with an already registered id\")"
                if how.startswith("`kustomize")
                else "the later definition silently replaces the earlier one (fields set only "
                "in the first are dropped on the next apply)"
            )
            ctx.report(
                "duplicate-object",
                _name_span(o),
                f"{o.ident} is defined twice: {where} (line {prev_span.line}) and here; with "
                f"{how} {effect}. Keep one definition, or move variants to separate "
                "directories or kustomize overlays",
                file=o.file,
                related=[(prev.file, prev_span, f"first definition of {o.ident}")],
                context=f"duplicate:{o.ident}",
            )
