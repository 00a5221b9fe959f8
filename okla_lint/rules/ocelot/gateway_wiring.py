"""gateway-route-no-service, gateway-route-port-mismatch, gateway-route-scaled-to-zero: Ocelot
downstream hosts against the repository's Kubernetes Services and workloads. One family: one
walk over the gateway's routes finds the Service each one reaches, then each rule judges it."""
from __future__ import annotations

import re
from typing import Any

from ...core.files import HELM, FileUnit
from ...core.located import LMap, LSeq, get_path
from ...core.model import K8sObject, RepoModel, ns_compatible
from ...core.registry import check
from ...core.suggest import close_matches
from ...lib.k8s.label_index import pods_with_pairs
from ...lib.k8s.selectors import labels_of, map_selector_matches
from ...lib.ocelot import schema as S
from ...lib.ocelot.cluster import DEPLOYS, SCALABLE, cluster_namespaces, cluster_service_name, discovery_targets, downstream_targets


def _helm_mentions(model: RepoModel, name: str) -> bool:
    """A Service may be defined by a Helm chart the linter does not render."""
    pat = re.compile(rf"(?<![-\w]){re.escape(name)}(?![-\w])")
    for unit in model.files:
        if unit.kind == HELM and unit.src is not None and pat.search(unit.src.text):
            return True
    return False


def _service_ports(svc: K8sObject) -> list[tuple[int | None, Any, str | None]] | None:
    ports = get_path(svc.root, "spec", "ports")
    if not isinstance(ports, LSeq):
        return None
    out = []
    for p in ports:
        if isinstance(p, LMap):
            out.append((S.as_int(p.get("port")), p.get("targetPort"), p.get("name")))
    return out


@check("gateway-route-no-service", "gateway-route-port-mismatch", "gateway-route-scaled-to-zero", on="repository")
def gateway_wiring(ctx, model: RepoModel) -> None:
    services = model.by_kind.get("Service") or []
    # only in repositories that deploy to Kubernetes: Services, or workloads (a Deployment
    # whose Service was forgotten is exactly the defect); a repository without manifests
    # (docker-compose, a Helm chart kept elsewhere) is not judged
    if not model.ocelot or not (services or any(model.by_kind.get(k) for k in DEPLOYS)):
        return
    names = sorted({s.name for s in services if s.name})
    for unit, label, route, name, ns in discovery_targets(model):
        if _find_service(model, name, ns) or _helm_mentions(model, name):
            continue
        near = close_matches(name, names)
        ctx.report(
            "gateway-route-no-service",
            S.vspan(route, "ServiceName"),
            f"{label} uses Kubernetes service discovery with ServiceName {name!r}, but no Service "
            f"of that name{f' in namespace {ns!r}' if ns else ''} is defined in this repository's "
            "manifests: Ocelot finds no endpoints and the route fails"
            + (f"; did you mean {near[0]!r}?" if near else "; create the Service or fix the name"),
            file=unit,
            context=f"no-service-sd:{name}",
        )
    for unit, label, route, item in downstream_targets(model):
        host = S.sget(item, "Host")
        parsed = cluster_service_name(host, cluster_namespaces(model))
        if parsed is None:
            continue
        name, ns = parsed
        hspan = S.vspan(item, "Host")
        found = _find_service(model, name, ns)
        if not found:
            if _helm_mentions(model, name):
                continue
            near = close_matches(name, names)
            ctx.report(
                "gateway-route-no-service",
                hspan,
                f"{label} sends traffic to {host!r}, an in-cluster name, but no Service named "
                f"{name!r}{f' in namespace {ns!r}' if ns else ''} is defined in this repository's "
                "manifests: the gateway's DNS lookup fails and the route answers 502"
                + (f"; did you mean {near[0]!r}?" if near else _workload_hint(model, name) or "; create the Service or fix the Host"),
                file=unit,
                related=[(near_obj.file, near_obj.metadata.key_span("name") if "name" in near_obj.metadata else near_obj.span, f"Service {near[0]!r}")
                         for near_obj in model.find("Service", near[0])[:1]] if near else [],
                context=f"no-service:{host}",
            )
            continue
        _check_port(ctx, unit, label, item, host, found)
        _check_replicas(ctx, model, unit, label, item, host, found)


def _name_affixes(model: RepoModel) -> set[tuple[str, str]]:
    """(namePrefix, nameSuffix) of the repository's kustomizations: kustomize renames every
    object it builds, so the Service `orders` of a base is `prod-orders` in the cluster."""
    cached = model.extra.get("ocelot.affixes")
    if cached is not None:
        return cached
    out: set[tuple[str, str]] = set()
    for _unit, root in model.kustomization_files():
        pre, suf = root.get("namePrefix"), root.get("nameSuffix")
        pre = pre if isinstance(pre, str) else ""
        suf = suf if isinstance(suf, str) else ""
        if pre or suf:
            out.add((pre, suf))
    model.extra["ocelot.affixes"] = out
    return out


def _find_service(model: RepoModel, name: str, ns: str | None) -> list[K8sObject]:
    found = model.find("Service", name, ns)
    if found:
        return found
    for pre, suf in _name_affixes(model):
        if name.startswith(pre) and name.endswith(suf) and len(name) > len(pre) + len(suf):
            base = name[len(pre): len(name) - len(suf)] if suf else name[len(pre):]
            found = model.find("Service", base, ns)
            if found:
                return found
    return []


def _workload_hint(model: RepoModel, name: str) -> str:
    for kind in DEPLOYS:
        if model.find(kind, name):
            return f"; {kind} {name!r} exists but no Service exposes it: add a Service named {name!r} that selects its pods"
    return ""


def _check_port(ctx, unit: FileUnit, label: str, item: LMap, host: str, found: list[K8sObject]) -> None:
    pk = item.ikey("Port")
    port = S.as_int(item.get(pk)) if pk is not None else None
    if port is None:
        return
    all_ports: list[int] = []
    for svc in found:
        if get_path(svc.root, "spec", "type") == "ExternalName":
            return
        ports = _service_ports(svc)
        if ports is None:
            return
        if any(p == port for p, _, _ in ports):
            return
        all_ports += [p for p, _, _ in ports if p is not None]
    svc = found[0]
    targets = [(p, t) for p, t, _ in (_service_ports(svc) or []) if S.as_int(t) == port]
    hint = (
        f"; {port} is the container's targetPort, the Service listens on {targets[0][0]}"
        if targets and targets[0][0] is not None
        else ""
    )
    ports_span = get_path(svc.root, "spec")
    rel_span = ports_span.key_span("ports") if isinstance(ports_span, LMap) and "ports" in ports_span else svc.span
    ctx.report(
        "gateway-route-port-mismatch",
        item.value_span(pk),
        f"{label} calls {host}:{port}, but Service {svc.name!r} exposes "
        f"{', '.join(str(p) for p in sorted(set(all_ports))) or 'no ports'}: the connection is "
        f"refused or times out and the route answers 502{hint}; use one of the Service's ports",
        file=unit,
        related=[(svc.file, rel_span, f"ports of Service {svc.name!r}")],
        context=f"port:{host}:{port}",
    )


def _keda_targets(model: RepoModel) -> set[str]:
    def build() -> set[str]:
        out = set()
        for obj in model.by_kind.get("ScaledObject", []):
            n = get_path(obj.root, "spec", "scaleTargetRef", "name")
            if isinstance(n, str):
                out.add(n)
        return out

    return model.index("ocelot.keda_targets", build)


def _rescaled_elsewhere(model: RepoModel) -> set[tuple[str, str]]:
    """(kind, name) of workloads whose replica count another file changes: a kustomization's
    `replicas:` entry (any kind), or a patch or overlay copy of the object that sets
    spec.replicas to a non-zero value. `replicas: 0` in the base is then not what runs."""
    cached = model.extra.get("ocelot.rescaled")
    if cached is not None:
        return cached
    out: set[tuple[str, str]] = set()
    for _unit, root in model.kustomization_files():
        seq = root.get("replicas")
        if isinstance(seq, LSeq):
            for item in seq:
                if isinstance(item, LMap) and isinstance(item.get("name"), str) and S.as_int(item.get("count")) != 0:
                    out.update((k, item["name"]) for k in SCALABLE)
    for obj in model.objects:
        spec = obj.root.get("spec")
        if obj.kind in SCALABLE and obj.name and isinstance(spec, LMap) and "replicas" in spec:
            if S.as_int(spec.get("replicas")) not in (0, None):
                out.add((obj.kind, obj.name))
    model.extra["ocelot.rescaled"] = out
    return out


def _check_replicas(ctx, model: RepoModel, unit: FileUnit, label: str, item: LMap, host: str, found: list[K8sObject]) -> None:
    svc = found[0]
    selector = get_path(svc.root, "spec", "selector")
    if not isinstance(selector, LMap) or not selector:
        return
    workloads = []
    # pods that may carry every pair once built are the only candidates (label index)
    for ps in pods_with_pairs(model, labels_of(selector)):
        if not ns_compatible(ps.obj.namespace or None, svc.namespace or None):
            continue
        if ps.obj.kind in ("Job", "CronJob", "PodTemplate"):
            continue
        if map_selector_matches(selector, ps.labels):
            workloads.append(ps.obj)
    if not workloads:
        return
    keda = _keda_targets(model)
    rescaled = _rescaled_elsewhere(model)
    zero = []
    for w in workloads:
        spec = w.root.get("spec")
        if w.kind not in SCALABLE or not isinstance(spec, LMap) or "replicas" not in spec:
            return
        if S.as_int(spec.get("replicas")) != 0 or w.name in keda or (w.kind, w.name) in rescaled:
            return
        zero.append(w)
    ctx.report(
        "gateway-route-scaled-to-zero",
        S.vspan(item, "Host"),
        f"{label} routes to Service {svc.name!r}, whose only workload"
        f"{'s' if len(zero) > 1 else ''} ({', '.join(w.ident for w in zero)}) "
        f"{'are' if len(zero) > 1 else 'is'} declared with replicas: 0: the Service has no "
        "endpoints and the route answers 503 until it is scaled up; scale it up or remove the "
        "route if the service is retired",
        file=unit,
        related=[(w.file, w.root["spec"].value_span("replicas"), f"{w.ident} replicas: 0") for w in zero],
        context=f"zero:{host}",
    )
