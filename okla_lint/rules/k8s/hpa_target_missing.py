"""`hpa-target-missing`: A HorizontalPodAutoscaler's scaleTargetRef names a workload the
repository does not define.

Objects created outside Git are common (secrets from a vault, Services from a Helm release),
so a reference to an object the repository does not define is reported only when the
repository defines objects of that kind next to the referencing file (``nearby_objects``);
and a "wrong" target is judged only when it is applied together with (or next to) the
reference.
"""
from __future__ import annotations

from ...core.located import LMap, get_path
from ...core.model import RepoModel
from ...core.registry import check
from ...lib.k8s.kustomize import sees_remote
from ...lib.common.placeholders import is_placeholder
from ...lib.k8s.selectors import (
    all_named,
    is_source,
    nearby_objects,
    ns_compatible,
    objects,
    self_contained,
)


@check("hpa-target-missing", on="repository")
def hpas(ctx, model: RepoModel) -> None:
    for hpa in objects(model, "HorizontalPodAutoscaler"):
        ref = get_path(hpa.root, "spec", "scaleTargetRef")
        if not isinstance(ref, LMap) or not isinstance(ref.get("name"), str) or not isinstance(ref.get("kind"), str):
            continue
        if not is_source(model, hpa) or is_placeholder(ref["name"]):
            continue
        kind, name, ns = ref["kind"], ref["name"], hpa.namespace
        if all_named(model, kind, name, ns) or sees_remote(model, hpa.file):
            continue
        near = nearby_objects(model, hpa.file, kind, ns)
        if not near and not (self_contained(model) and not objects(model, kind)):
            continue
        other_kinds = sorted(
            {o.kind for o in model.named(name) if o.kind != kind and ns_compatible(ns, o.namespace) and o.pod_spec()}
        )
        hint = f" (there is a {' / '.join(other_kinds)} named {name!r}: check scaleTargetRef.kind)" if other_kinds else ""
        ctx.report(
            ref.value_span("name"),
            f"HorizontalPodAutoscaler {hpa.name!r} scales {kind} {name!r}, which is not defined in "
            f"the repository{hint}; the autoscaler reports FailedGetScale and never scales "
            f"anything. Point scaleTargetRef at an existing {kind}",
            file=hpa.file,
            context=f"{hpa.ident}:target:{kind}/{name}",
        )
