"""`pdb-missing`: A Deployment or StatefulSet with two or more replicas that no
PodDisruptionBudget selects.
"""
from __future__ import annotations

from ...core.located import LMap, get_path
from ...core.model import RepoModel
from ...core.registry import check
from ...lib.k8s.label_index import SelectorIndex
from ...lib.k8s.podutil import is_int
from ...lib.k8s.selectors import is_source, label_selector_matches, ns_compatible


@check("pdb-missing", on="repository")
def pdb_missing(ctx, model: RepoModel) -> None:
    pdbs = SelectorIndex(
        ((p, sel), sel) for p in model.by_kind.get("PodDisruptionBudget", ())
        if isinstance(sel := get_path(p.root, "spec", "selector"), LMap)
    )
    for kind in ("Deployment", "StatefulSet"):
        for obj in model.by_kind.get(kind, ()):
            if not is_source(model, obj):
                continue
            n = get_path(obj.root, "spec", "replicas", default=1)
            if not is_int(n) or n < 2:
                continue  # one replica: a budget cannot protect it
            labels = get_path(obj.root, "spec", "template", "metadata", "labels")
            if not isinstance(labels, LMap):
                continue
            plain = {k: v for k, v in labels.items() if isinstance(k, str) and isinstance(v, str)}
            if any(
                ns_compatible(p.namespace, obj.namespace) and label_selector_matches(sel, plain) is not False
                for p, sel in pdbs.for_labels(plain)
            ):
                continue
            ctx.report(
                "pdb-missing",
                obj.root["spec"].value_span("replicas"),
                f"{obj.ident} runs {n} replicas and no PodDisruptionBudget selects them: a node drain may evict all at once",
                file=obj.file,
                context=f"{obj.ident}:pdb",
            )
