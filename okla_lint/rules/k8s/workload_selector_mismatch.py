"""`workload-selector-mismatch`: A workload's spec.selector does not match the labels of its
own pod template.
"""
from __future__ import annotations

from typing import Any

from ...core.located import LMap, LSeq, get_path
from ...core.model import K8sObject
from ...core.registry import check
from ...lib.k8s.kustomize import is_patch, template_labels
from ...lib.k8s.selectors import label_selector_matches, labels_of, is_source, selector_is_empty
from ...lib.k8s.selector_hints import first_mismatch


APPS_KINDS = ("Deployment", "ReplicaSet", "StatefulSet", "DaemonSet")


def _workload_selector(obj: K8sObject) -> tuple[Any, str] | None:
    """(selector node, style) where the API requires it to match the template labels."""
    spec = obj.root.get("spec")
    if not isinstance(spec, LMap) or not isinstance(get_path(spec, "template", "metadata"), (LMap, type(None))):
        return None
    sel = spec.get("selector")
    if sel is None or not isinstance(get_path(spec, "template"), LMap):
        return None
    kind = obj.kind
    if kind == "ReplicationController":
        return (sel, "map") if isinstance(sel, LMap) and sel else None
    if kind == "Job":
        if spec.get("manualSelector") is True and isinstance(sel, LMap):
            return sel, "label"
        return None
    if kind in APPS_KINDS or obj.pod_spec() is not None and kind not in ("Pod", "CronJob", "PodTemplate"):
        if isinstance(sel, LMap) and not selector_is_empty(sel):
            return sel, "label"
    return None


@check("workload-selector-mismatch", on="k8s_object")
def workload_selector(ctx, obj: K8sObject) -> None:
    found = _workload_selector(obj)
    if found is None:
        return
    sel, style = found
    tmpl_md = get_path(obj.root, "spec", "template", "metadata")
    labels_node = tmpl_md.get("labels") if isinstance(tmpl_md, LMap) else None
    own = labels_of(labels_node)
    # the labels other files add (commonLabels, an overlay's patch) never replace the
    # template's own: a selector of plain pairs that the own labels satisfy stays satisfied,
    # and the check is done without reading the model (the file cache keeps its result)
    if style == "map":
        if all(own.get(k) == v for k, v in labels_of(sel).items()):
            return
    elif not sel.get("matchExpressions") and label_selector_matches(sel, own) is True:
        return
    if not is_source(ctx.model, obj):
        return
    labels = {**template_labels(ctx.model, obj.file), **own}
    if obj.name:  # labels an overlay's patch adds to this template
        for other in ctx.model.find(obj.kind, obj.name, obj.namespace):
            if other is not obj and is_patch(ctx.model, other):
                for k, v in labels_of(get_path(other.root, "spec", "template", "metadata", "labels")).items():
                    labels.setdefault(k, v)
    if style == "map":
        if all(labels.get(k) == v for k, v in labels_of(sel).items()):
            return
        span, what = first_mismatch(sel, labels_of(sel), labels)
    else:
        ok = label_selector_matches(sel, labels)
        if ok is not False:
            return
        ml = sel.get("matchLabels")
        if isinstance(ml, LMap) and not all(labels.get(k) == v for k, v in labels_of(ml).items()):
            span, what = first_mismatch(ml, labels_of(ml), labels)
        else:
            exprs = sel.get("matchExpressions")
            span, what = sel.key_span("matchExpressions"), "its matchExpressions"
            if isinstance(exprs, LSeq):
                for i, e in enumerate(exprs):
                    if isinstance(e, LMap) and label_selector_matches(_expr_selector(e), labels) is False:
                        span = exprs.item_span(i)
                        what = f"the expression on {e.get('key')!r}"
                        break
    rel = [(obj.file, tmpl_md.key_span("labels") if isinstance(tmpl_md, LMap) and "labels" in tmpl_md else get_path(obj.root, "spec").key_span("template"), "the pod template labels")]
    builtin = obj.kind in APPS_KINDS or obj.kind in ("ReplicationController", "Job")
    api = "the API server rejects it" if builtin else "its controller rejects it as an invalid spec"
    ctx.report(
        span,
        f"the selector of {obj.ident} requires {what}, so it does not select the pods of its "
        f"own template: {api} (\"selector does not match template labels\") and nothing is "
        "deployed. Make spec.selector a subset of spec.template.metadata.labels",
        related=rel,
        context=f"{obj.ident}:selector",
    )


def _expr_selector(e: LMap) -> LMap:
    m = LMap(e.span)
    seq = LSeq(e.span)
    seq.append(e)
    m["matchExpressions"] = seq
    return m
