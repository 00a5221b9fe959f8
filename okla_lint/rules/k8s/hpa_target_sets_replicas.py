"""`hpa-target-sets-replicas`: A workload scaled by a HorizontalPodAutoscaler also fixes
spec.replicas in its manifest.
"""
from __future__ import annotations

from ...core.located import LMap, get_path
from ...core.model import K8sObject, RepoModel
from ...core.registry import check
from ...lib.k8s.kustomize import config_files, SAME_GROUP, nearest
from ...lib.k8s.podutil import is_patch_obj
from ...lib.k8s.selectors import all_named, is_source, objects
from ...core.fix import UNSAFE, Fix, delete_span, line_bounds, shared_anchor, written_in


@check("hpa-target-sets-replicas", on="repository")
def hpa_replicas(ctx, model: RepoModel) -> None:
    # one finding per workload, at its spec.replicas, however many autoscalers name it (a
    # copy of the HPA in a second file, HPAs of several namespaces for a workload without
    # one): the other autoscalers are related locations
    scaled: dict[K8sObject, tuple[K8sObject, list[tuple[K8sObject, LMap]]]] = {}
    for hpa in objects(model, "HorizontalPodAutoscaler"):
        ref = get_path(hpa.root, "spec", "scaleTargetRef")
        if not is_source(model, hpa) or not isinstance(ref, LMap):
            continue
        kind, name = ref.get("kind"), ref.get("name")
        if not isinstance(kind, str) or not isinstance(name, str):
            continue
        # patches count: an overlay often sets the replica count in one
        targets = [o for o in all_named(model, kind, name, hpa.namespace) if o.file.rel not in config_files(model)]
        # a full definition of the workload in the autoscaler's namespace is the one scaled
        # there: a copy without a namespace is another variant (a local manifest applied to
        # the default namespace), which that namespace never gets without clashing with it
        if hpa.namespace and any(o.namespace == hpa.namespace and not is_patch_obj(model, o) for o in targets):
            targets = [o for o in targets if o.namespace is not None]
        t, best = nearest(model, hpa.file, targets)
        if t > SAME_GROUP:
            continue
        for o in best:
            spec = o.root.get("spec")
            if isinstance(spec, LMap) and "replicas" in spec:
                scaled.setdefault(o, (o, []))[1].append((hpa, ref))
    for o, hpas in scaled.values():
        spec = o.root["spec"]
        names = sorted({h.name or "?" for h, _ in hpas})
        spaces = sorted({h.namespace for h, _ in hpas if h.namespace})
        who = (f"HorizontalPodAutoscaler {names[0]!r} scales it" if len(names) == 1
               else f"HorizontalPodAutoscalers {', '.join(repr(n) for n in names)} scale it")
        if len(hpas) > 1:
            who += f" ({len(hpas)} definitions)"
        if o.namespace is None and len(spaces) > 1:
            who += f" in whichever of the namespaces {', '.join(spaces)} it is applied to"
        ctx.report(
            spec.key_span("replicas"),
            f"{o.ident} sets spec.replicas ({spec['replicas']}) although {who}; every apply "
            "of this manifest resets the replica count to that value, scaling a loaded "
            "workload down until the autoscaler reacts again. Remove spec.replicas and let the "
            "autoscaler own it (minReplicas sets the floor)",
            file=o.file,
            related=[(h.file, r.value_span("name"), f"HorizontalPodAutoscaler {h.name!r}" + (f" in namespace {h.namespace!r}" if h.namespace else ""))
                     for h, r in sorted(hpas, key=lambda x: (x[0].file.rel, x[1].value_span("name").line))],
            context=f"{o.ident}:replicas:hpa",
            fix=_drop_replicas(o.file, spec),
        )


def _drop_replicas(unit, spec: LMap):
    """Unsafe (the next `kubectl apply` drops the field it applied before, and the workload
    falls back to 1 replica until the autoscaler scales it again): delete the
    `replicas:` line of a block mapping."""
    src = unit.src
    if src is None or src.text[spec.span.start : spec.span.start + 1] == "{":
        return None
    if shared_anchor(src, spec.span, "") or not written_in(spec, "replicas"):
        return None  # an alias gives another object this spec (or its replicas): not asked for there
    ks, vs = spec.key_span("replicas"), spec.value_span("replicas")
    ls, le, _ = line_bounds(src.text, ks.start)
    if src.text[ls : ks.start].strip() or vs.end > le:
        return None  # not a line of its own (`- replicas: 3`, a value over several lines)
    edit = delete_span(src.text, ks.start, vs.end)
    if edit.start != ls:
        return None  # a comment stays on the line: leave it to the author
    return Fix(UNSAFE, (edit,), "Delete spec.replicas")
