"""`label-invalid`: A label key or value, or an annotation key, that the API server rejects.

The API server refuses the whole object (pkg/apis/core/validation,
pkg/apis/apps|batch/validation), so nothing of it is deployed.
"""
from __future__ import annotations

from ...core.located import LMap, get_path
from ...core.model import K8sObject
from ...core.registry import check
from ...lib.k8s.names import label_value_errors, qualified_name_errors
from ...lib.k8s.names import checkable


def _label_maps(obj: K8sObject):
    """(where, mapping, holds label values?) for every label or annotation map of the object
    that the API server validates."""
    md = obj.metadata
    for key, values in (("labels", True), ("annotations", False)):
        if isinstance(md.get(key), LMap):
            yield f"metadata.{key}", md[key], values
    ps = obj.pod_spec()
    if ps is not None and ps[1] is not None:
        tmd = ps[1].get("metadata")
        for key, values in (("labels", True), ("annotations", False)):
            m = get_path(tmd, key) if isinstance(tmd, LMap) else None
            if isinstance(m, LMap):
                yield f"pod template {key}", m, values
    spec = obj.root.get("spec")
    if isinstance(spec, LMap):
        sel = spec.get("selector")
        if obj.kind == "Service" and isinstance(sel, LMap):
            yield "spec.selector", sel, True
        elif isinstance(sel, LMap) and isinstance(sel.get("matchLabels"), LMap):
            yield "spec.selector.matchLabels", sel["matchLabels"], True


@check("label-invalid", on="k8s_object")
def labels(ctx, obj: K8sObject) -> None:
    if not obj.kind or not obj.api_version:
        return
    for where, mapping, values in _label_maps(obj):
        what = "label" if values else "annotation"
        for key, value in mapping.items():
            if checkable(key):
                errs = qualified_name_errors(key)
                if errs:
                    ctx.report(
                        mapping.key_span(key),
                        f"{what} key {key!r} ({where} of {obj.ident}) is rejected by the API server: {'; '.join(errs)}",
                        context=f"{obj.ident}:{where}:{key}:key",
                    )
            if values and checkable(value):
                errs = label_value_errors(value)
                if errs:
                    ctx.report(
                        mapping.value_span(key),
                        f"label value {value!r} of {key!r} ({where} of {obj.ident}) is rejected by the API server: it {'; '.join(errs)}",
                        context=f"{obj.ident}:{where}:{key}:value",
                    )
