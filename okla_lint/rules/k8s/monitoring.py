"""Prometheus operator ServiceMonitors that select no Service."""
from __future__ import annotations

from ...core.located import LMap, LSeq, get_path
from ...core.model import RepoModel
from ...core.registry import check
from ...lib.k8s.label_index import LabelIndex
from ...lib.k8s.selectors import label_selector_matches, labels_of, ns_compatible, selector_is_empty


@check("servicemonitor-selector-no-match", on="repository")
def service_monitors(ctx, model: RepoModel) -> None:
    services = LabelIndex((svc, labels_of(svc.metadata.get("labels"))) for svc in model.by_kind.get("Service", ()))
    for sm in model.by_kind.get("ServiceMonitor", ()):
        if not sm.api_version.startswith("monitoring.coreos.com/"):
            continue
        sel = get_path(sm.root, "spec", "selector")
        if not isinstance(sel, LMap) or selector_is_empty(sel):
            continue
        ns_sel = get_path(sm.root, "spec", "namespaceSelector")
        any_ns = isinstance(ns_sel, LMap) and (ns_sel.get("any") is True or isinstance(ns_sel.get("matchNames"), LSeq))
        if any(
            (any_ns or ns_compatible(sm.namespace, svc.namespace))
            and label_selector_matches(sel, labels_of(svc.metadata.get("labels"))) is not False
            for svc in services.for_selector(sel)
        ):
            continue
        ctx.report(
            "servicemonitor-selector-no-match",
            get_path(sm.root, "spec").key_span("selector"),
            f"ServiceMonitor {sm.name!r} selects no Service of the repository by its labels: Prometheus scrapes nothing for it",
            file=sm.file,
            context=f"{sm.ident}:selector",
        )
