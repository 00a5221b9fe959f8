"""Label selectors across objects: a workload's selector and its own template, Services
and PodDisruptionBudgets that select no pod, and Service target ports the selected pods
do not expose."""
from __future__ import annotations

from typing import Any

from ...core.located import LMap, LSeq, Span, get_path
from ...core.model import K8sObject, PodSpec, RepoModel
from ...core.registry import check
from ...core.suggest import similar
from ...lib.k8s.kustomize import SAME_GROUP, is_patch, sees_remote, template_labels, tier
from ...lib.k8s.partial import is_cluster_object
from ...lib.k8s.selectors import (
    container_port_entries,
    label_selector_matches,
    labels_of,
    nearby_pods,
    ns_compatible,
    operator_may_create,
    pod_specs,
    is_source,
    pod_labels,
    pods_for_selector,
    pods_with_pairs,
    proto,
    selector_is_empty,
    self_contained,
)

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
APPS_KINDS = ("Deployment", "ReplicaSet", "StatefulSet", "DaemonSet")


def _fmt(sel: dict[str, str]) -> str:
    return ", ".join(f"{k}={v}" for k, v in sel.items())


def _first_mismatch(selector: LMap, sel: dict[str, str], labels: dict[str, str]) -> tuple[Span, str]:
    """Span of the first selector pair that ``labels`` do not satisfy, and a description."""
    for k, v in sel.items():
        if k not in labels:
            return selector.key_span(k), f"{k}={v} (the template has no label {k!r})"
        if labels[k] != v:
            return selector.value_span(k), f"{k}={v} (the template has {k}={labels[k]})"
    return selector.span, _fmt(sel)


def _similar(a: str, b: str) -> bool:
    if not a or not b:
        return False
    return a in b or b in a or similar(a, b)


def _evidence(model: RepoModel, p: PodSpec, sel: dict[str, str], owner_name: str | None) -> int:
    """How clearly a pod template is the one a selector was meant for: 0 = no sign (the
    pods may come from outside the repository), higher is closer."""
    labels = pod_labels(model, p)
    score = 0
    for k, v in sel.items():
        if labels.get(k) == v:
            score += 3
        elif k in labels and _similar(v, labels[k]):
            score += 2
    if score == 0 and owner_name and p.obj.name == owner_name:
        score = 1
    return score


def _closest(model: RepoModel, pods: list[PodSpec], sel: dict[str, str], owner_name: str | None = None) -> PodSpec | None:
    """The pod template the selector was most likely meant for, or None when nothing
    looks like it."""
    best, score = None, 0
    for p in pods:
        s = _evidence(model, p, sel, owner_name)
        if s > score:
            best, score = p, s
    return best


def _same_key_nearby(model: RepoModel, owner: K8sObject, near: list[PodSpec], sel: dict[str, str]) -> PodSpec | None:
    """A pod template applied with ``owner`` (same file, folder or kustomize build) that
    uses one of the selector's label keys with another value: `app: web` against
    `app: nginx` is a wrong selector, not pods that come from elsewhere."""
    for p in near:
        if tier(model, owner.file, p.obj.file) <= SAME_GROUP and any(k in pod_labels(model, p) for k in sel):
            return p
    return None


def _labels_span(p: PodSpec) -> Span:
    holder = p.template if p.template is not None else p.obj.root
    md = holder.get("metadata")
    if isinstance(md, LMap) and "labels" in md:
        return md.key_span("labels")
    return p.labels.span if p.labels.span.line > 1 else holder.span


# -- a workload's selector and its own pod template -----------------------------------------
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
    if not is_source(ctx.model, obj):
        return
    found = _workload_selector(obj)
    if found is None:
        return
    sel, style = found
    tmpl_md = get_path(obj.root, "spec", "template", "metadata")
    labels_node = tmpl_md.get("labels") if isinstance(tmpl_md, LMap) else None
    labels = {**template_labels(ctx.model, obj.file), **labels_of(labels_node)}
    if obj.name:  # labels an overlay's patch adds to this template
        for other in ctx.model.find(obj.kind, obj.name, obj.namespace):
            if other is not obj and is_patch(ctx.model, other):
                for k, v in labels_of(get_path(other.root, "spec", "template", "metadata", "labels")).items():
                    labels.setdefault(k, v)
    if style == "map":
        if all(labels.get(k) == v for k, v in labels_of(sel).items()):
            return
        span, what = _first_mismatch(sel, labels_of(sel), labels)
    else:
        ok = label_selector_matches(sel, labels)
        if ok is not False:
            return
        ml = sel.get("matchLabels")
        if isinstance(ml, LMap) and not all(labels.get(k) == v for k, v in labels_of(ml).items()):
            span, what = _first_mismatch(ml, labels_of(ml), labels)
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


# -- Services -------------------------------------------------------------------------------
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
            best = _closest(model, near, sel, svc.name)
            if best is None:
                # a template applied with the Service (same file, folder or kustomize
                # build) that uses one of the selector's label keys with another value:
                # `app: web` against `app: nginx` is a wrong selector, not foreign pods
                best = _same_key_nearby(model, svc, near, sel)
                if best is None:
                    continue  # nothing here looks like its pods: they may come from elsewhere
            span, what = _first_mismatch(sel_node, sel, pod_labels(model, best))
            ctx.report(
                "service-selector-no-match",
                span,
                f"Service {svc.name!r} selects pods with {_fmt(sel)}, but no pod template in "
                f"the repository carries these labels, so the Service has no endpoints and "
                f"connections to it fail. The closest, {best.obj.ident}, lacks {what}. Align "
                "the selector with the workload's spec.template.metadata.labels",
                file=svc.file,
                related=[(best.obj.file, _labels_span(best), f"the closest pod template: {best.obj.ident}")],
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


# -- PodDisruptionBudgets -------------------------------------------------------------------
@check("pdb-selector-no-match", on="repository")
def pdbs(ctx, model: RepoModel) -> None:
    pods = pod_specs(model)
    for pdb in model.by_kind.get("PodDisruptionBudget", ()):
        if not is_source(model, pdb):
            continue
        spec = pdb.root.get("spec")
        sel = spec.get("selector") if isinstance(spec, LMap) else None
        if not isinstance(sel, LMap) or selector_is_empty(sel):
            continue
        ns = pdb.namespace
        cands = pods_for_selector(model, sel)  # every other pod gives False
        if any(
            label_selector_matches(sel, pod_labels(model, p)) is not False
            for p in cands
            if ns_compatible(ns, p.obj.namespace)
        ):
            continue
        if sees_remote(model, pdb.file):
            continue
        ml = sel.get("matchLabels")
        near = nearby_pods(model, pdb.file, ns)
        pairs = labels_of(ml) if isinstance(ml, LMap) else {}
        if operator_may_create(model, pairs, ns):
            continue  # the pods of a custom resource (Prometheus podMetadata, ...)
        best = _closest(model, near, pairs, pdb.name) or _same_key_nearby(model, pdb, near, pairs)
        if best is None and (pods or not self_contained(model)):
            continue  # nothing here looks like its pods: they may come from elsewhere
        if isinstance(ml, LMap) and ml:
            span, _ = _first_mismatch(ml, pairs, pod_labels(model, best) if best else {})
        else:
            span = spec.key_span("selector")
        # with no pod template at all in a repository that nothing else feeds, the PDB
        # points at nothing
        related = [(best.obj.file, _labels_span(best), f"the closest pod template: {best.obj.ident}")] if best else []
        ctx.report(
            span,
            f"PodDisruptionBudget {pdb.name!r} selects no pod template in the repository, so "
            "it protects nothing: node drains and cluster upgrades may evict every replica at "
            "once. Align spec.selector with the workload's spec.template.metadata.labels",
            file=pdb.file,
            related=related,
            context=f"{pdb.ident}:selector",
        )


# -- NetworkPolicies ------------------------------------------------------------------------
@check("networkpolicy-selector-no-match", on="repository")
def network_policies(ctx, model: RepoModel) -> None:
    for np in model.by_kind.get("NetworkPolicy", ()):
        if not is_source(model, np) or not np.api_version.startswith("networking.k8s.io/"):
            continue
        spec = np.root.get("spec")
        sel = spec.get("podSelector") if isinstance(spec, LMap) else None
        if not isinstance(sel, LMap) or selector_is_empty(sel):
            continue  # {} selects every pod of the namespace
        ns = np.namespace
        cands = pods_for_selector(model, sel)  # every other pod gives False
        if any(label_selector_matches(sel, pod_labels(model, p)) is not False for p in cands if ns_compatible(ns, p.obj.namespace)):
            continue
        if sees_remote(model, np.file):
            continue
        ml = sel.get("matchLabels")
        near = nearby_pods(model, np.file, ns)
        pairs = labels_of(ml) if isinstance(ml, LMap) else {}
        if operator_may_create(model, pairs, ns):
            continue  # the pods of a custom resource (Prometheus podMetadata, ...)
        best = _closest(model, near, pairs, np.name) or _same_key_nearby(model, np, near, pairs)
        if best is None:
            continue  # its pods may come from outside the repository
        if isinstance(ml, LMap) and ml:
            span, _ = _first_mismatch(ml, pairs, pod_labels(model, best))
        else:
            span = spec.key_span("podSelector")
        ctx.report(
            span,
            f"NetworkPolicy {np.name!r} selects no pod template in the repository, so its "
            "rules isolate nothing and the pods it was written for keep accepting (or "
            "sending) all traffic. Align spec.podSelector with the workload's "
            "spec.template.metadata.labels",
            file=np.file,
            related=[(best.obj.file, _labels_span(best), f"the closest pod template: {best.obj.ident}")],
            context=f"{np.ident}:podSelector",
        )
