"""A family of rules decided by one check: `service-selector-no-match` (a Service's selector
matches no pod template in the repository); `service-target-port-missing` (a Service's named
targetPort is not a container port name of the pods it selects); `service-target-port-
unlisted` (a Service's numeric targetPort is not among the container ports its pods
declare).

One match of a Service's selector against the pods of the repository: no pod at all, or pods
that do not expose the target port (by name, or by number when the pods list their ports).
"""
from __future__ import annotations

from ...core.located import LMap, LSeq, Span, get_path
from ...core.model import K8sObject, PodSpec, RepoModel
from ...core.registry import check
from ...lib.common.placeholders import is_placeholder
from ...lib.k8s.kustomize import SAME_GROUP, is_patch, sees_remote, tier
from ...lib.k8s.label_index import pods_with_pairs
from ...lib.k8s.partial import is_cluster_object
from ...lib.k8s.selectors import (
    container_port_entries,
    labels_of,
    nearby_pods,
    ns_compatible,
    operator_may_create,
    is_source,
    pod_labels,
    proto,
)
from ...lib.k8s.selector_hints import first_mismatch, format_selector, intended_pod, labels_span, same_key_nearby


# labels that controllers put on pods themselves, so a template never shows them
CONTROLLER_LABELS = {
    "statefulset.kubernetes.io/pod-name",
    "apps.kubernetes.io/pod-index",
    "controller-revision-hash",
    "pod-template-hash",
    "pod-template-generation",
    "controller-uid",
    "job-name",
    "batch.kubernetes.io/job-name",
    "batch.kubernetes.io/controller-uid",
    "batch.kubernetes.io/job-completion-index",
}


def _service_selector(obj: K8sObject) -> tuple[LMap, dict[str, str]] | None:
    spec = obj.root.get("spec")
    if not isinstance(spec, LMap) or spec.get("type") == "ExternalName":
        return None
    sel = spec.get("selector")
    if not isinstance(sel, LMap) or not sel:
        return None
    pairs = {k: v for k, v in labels_of(sel).items() if k not in CONTROLLER_LABELS}
    return (sel, pairs) if pairs else None


def _patch_ports(model: RepoModel, p: PodSpec) -> list[tuple[LMap, str]]:
    """Ports that patches of the same workload add (an overlay may add a container port)."""
    out: list[tuple[LMap, str]] = []
    if p.obj.name is None:
        return out
    for other in model.find(p.obj.kind, p.obj.name, p.obj.namespace):
        if other is p.obj or not is_patch(model, other):
            continue
        ps = other.pod_spec()
        if ps:
            out.extend(container_port_entries(PodSpec(other, *ps)))
    return out


@check("service-selector-no-match", "service-target-port-missing", "service-target-port-unlisted", on="repository")
def services(ctx, model: RepoModel) -> None:
    for svc in model.by_kind.get("Service", ()):
        if not is_source(model, svc):
            continue
        found = _service_selector(svc)
        if found is None:
            continue
        sel_node, sel = found
        ns = svc.namespace
        matched = [
            p
            for p in pods_with_pairs(model, sel)
            if ns_compatible(ns, p.obj.namespace) and all(pod_labels(model, p).get(k) == v for k, v in sel.items())
        ]
        if not matched:
            if sees_remote(model, svc.file) or operator_may_create(model, sel, ns):
                continue  # pods from outside the repository, or that an operator creates
            near = nearby_pods(model, svc.file, ns)
            best = intended_pod(model, near, sel, svc.name)
            if best is None:
                # a template applied with the Service (same file, folder or kustomize
                # build) that uses one of the selector's label keys with another value:
                # `app: web` against `app: nginx` is a wrong selector, not foreign pods
                best = same_key_nearby(model, svc, near, sel)
                if best is None:
                    continue  # nothing here looks like its pods: they may come from elsewhere
            span, what = first_mismatch(sel_node, sel, pod_labels(model, best))
            ctx.report(
                "service-selector-no-match",
                span,
                f"Service {svc.name!r} selects pods with {format_selector(sel)}, but no pod template in "
                f"the repository carries these labels, so the Service has no endpoints and "
                f"connections to it fail. The closest, {best.obj.ident}, lacks {what}. Align "
                "the selector with the workload's spec.template.metadata.labels",
                file=svc.file,
                related=[(best.obj.file, labels_span(best), f"the closest pod template: {best.obj.ident}")],
                context=f"{svc.ident}:selector",
            )
            continue
        _target_ports(ctx, model, svc, matched)


def _target_ports(ctx, model: RepoModel, svc: K8sObject, matched: list[PodSpec]) -> None:
    ports = get_path(svc.root, "spec", "ports")
    if not isinstance(ports, LSeq):
        return
    full = [p for p in matched if is_cluster_object(model, p.obj)]
    if not full or not any(tier(model, svc.file, p.obj.file) <= SAME_GROUP for p in full):
        return
    entries: list[tuple[LMap, str, PodSpec]] = []
    every_pod_declares = True
    for p in matched:
        own = list(container_port_entries(p)) + _patch_ports(model, p)
        if not own:
            every_pod_declares = False
        entries.extend((e, cname, p) for e, cname in own)
    pods_txt = ", ".join(sorted({p.obj.ident for p in full}))
    for i, sp in enumerate(ports):
        if not isinstance(sp, LMap):
            continue
        target = sp.get("targetPort")
        if target in (None, 0, ""):
            target = sp.get("port")  # the API defaults an unset or zero targetPort to port
        tspan = sp.value_span("targetPort") if "targetPort" in sp else sp.value_span("port")
        key = "name" if isinstance(target, str) and not target.isdigit() else "containerPort"
        if is_placeholder(target) or any(is_placeholder(e.get(key)) for e, _, _ in entries):
            continue  # `__TARGET_PORT__`, or container ports a deploy step writes
        if isinstance(target, str) and not target.isdigit():
            if any(e.get("name") == target and proto(e) == proto(sp) for e, _, _ in entries):
                continue
            names = sorted({str(e.get("name")) for e, _, _ in entries if isinstance(e.get("name"), str)})
            have = f" (named ports there: {', '.join(names)})" if names else " (they declare no named port)"
            other_proto = any(e.get("name") == target for e, _, _ in entries)
            why = (
                f"a port named {target!r} exists only with another protocol than {proto(sp)}"
                if other_proto
                else f"no container of the selected pods ({pods_txt}) declares a port named {target!r}{have}"
            )
            ctx.report(
                "service-target-port-missing",
                tspan,
                f"Service {svc.name!r} sends port {sp.get('port')} to the named targetPort "
                f"{target!r}, but {why}; the endpoints controller finds no port for these "
                "pods and the Service has no endpoints for this port. Name the container port "
                f"{target!r} or use the port number",
                file=svc.file,
                related=[(full[0].obj.file, _ports_span(full[0]), f"containers of {full[0].obj.ident}")],
                context=f"{svc.ident}:targetPort:{target}",
            )
        elif isinstance(target, (int, str)) and not isinstance(target, bool):
            num = int(target)
            if not every_pod_declares or not entries:
                continue
            if any(e.get("containerPort") == num or str(e.get("containerPort")) == str(num) for e, _, _ in entries):
                continue
            listed = sorted({str(e.get("containerPort")) for e, _, _ in entries})
            ctx.report(
                "service-target-port-unlisted",
                tspan,
                f"Service {svc.name!r} sends traffic to port {num}, but the selected pods "
                f"({pods_txt}) declare only container port(s) {', '.join(listed)}; traffic "
                "still reaches the port if the process listens there (containerPort is "
                "informational), but this usually means the targetPort or the container port "
                "is wrong. Declare the port in the container or fix targetPort",
                file=svc.file,
                related=[(full[0].obj.file, _ports_span(full[0]), f"containers of {full[0].obj.ident}")],
                context=f"{svc.ident}:targetPort:{num}",
            )


def _ports_span(p: PodSpec) -> Span:
    for c in p.containers():
        if isinstance(c.node.get("ports"), LSeq):
            return c.node.key_span("ports")
    for c in p.containers():
        return c.span
    return p.obj.span
