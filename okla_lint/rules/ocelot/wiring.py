"""Gateway-to-cluster wiring: Ocelot downstream hosts against the repository's Kubernetes
Services and workloads, and ConfigMaps that embed a file which also lives in the repository
(``kubectl create configmap NAME --from-file=KEY=PATH`` in a workflow, or the same key name)."""
from __future__ import annotations

import ipaddress
import posixpath
import re
from pathlib import Path
from typing import Any, Iterator

from ...core.files import HELM, FileUnit
from ...core.located import LMap, LSeq, Span, get_path
from ...core.model import K8sObject, RepoModel, ns_compatible
from ...core.parse_json import JsonError, load_json
from ...core.parse_yaml import load_documents
from ...core.registry import check
from ...core.source import SourceText, scalar_sub_span
from ...core.suggest import close_matches
from ...lib.gha.configmaps import from_file_mappings
from ...lib.k8s.selectors import map_selector_matches
from ...lib.ocelot import schema as S

SCALABLE = ("Deployment", "StatefulSet", "ReplicaSet", "ReplicationController")
DEPLOYS = SCALABLE + ("DaemonSet", "Pod")
_DNS_LABEL = re.compile(r"^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")


# -- downstream hosts ----------------------------------------------------------------------


def cluster_service_name(host: str) -> tuple[str, str | None] | None:
    """(service name, namespace or None) when ``host`` looks like an in-cluster Service DNS
    name: a single label, or ``name[.namespace].svc[.cluster.local]``."""
    h = host.strip().lower().rstrip(".")
    if not h or h == "localhost" or any(c in h for c in "{}$:/ "):
        return None
    try:
        ipaddress.ip_address(h)
        return None
    except ValueError:
        pass
    labels = h.split(".")
    if len(labels) == 1:
        return (h, None) if _DNS_LABEL.match(h) else None
    for suffix in (["svc", "cluster", "local"], ["svc"]):
        if labels[-len(suffix):] == suffix and len(labels) > len(suffix):
            rest = labels[: -len(suffix)]
            if len(rest) == 1:
                return rest[0], None
            if len(rest) == 2:
                return rest[0], rest[1]
    return None


# environment files meant for a developer machine or docker-compose, not the cluster
LOCAL_ENVS = {"development", "dev", "develop", "local", "docker", "compose", "debug", "test", "testing"}


def cluster_ocelot_files(model: RepoModel) -> list[FileUnit]:
    """Ocelot files that can be deployed with the repository's plain manifests: not inside a
    Helm chart (its Services come from the chart's own templates) and not a local/development
    environment file (``ocelot.Development.json``, ``ocelot.local.json``...)."""
    charts = [posixpath.dirname(u.rel) for u in model.files if posixpath.basename(u.rel) in ("Chart.yaml", "Chart.yml")]
    out = []
    for unit in model.ocelot:
        if any(c == "" or unit.rel.startswith(c + "/") for c in charts):
            continue
        parts = posixpath.basename(unit.rel).lower().split(".")
        if len(parts) >= 3 and parts[0] == "ocelot" and parts[1] in LOCAL_ENVS:
            continue
        out.append(unit)
    return out


def downstream_targets(model: RepoModel) -> Iterator[tuple[FileUnit, str, LMap, LMap]]:
    """(ocelot file, route label, route, host-and-port item) for every static route target."""
    for unit in cluster_ocelot_files(model):
        root = unit.docs[0].root if unit.docs else None
        for i, route, sect in S.routes(root):
            if S.sget(route, "ServiceName"):
                continue
            hp = route.iget("DownstreamHostAndPorts")
            if not isinstance(hp, LSeq):
                continue
            for item in hp:
                if isinstance(item, LMap) and isinstance(S.sget(item, "Host"), str):
                    yield unit, S.route_label(route, i, sect), route, item


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


KUBE_PROVIDERS = {"kube", "pollkube", "watchkube", "kubernetes"}


def _kube_discovery(model: RepoModel, unit: FileUnit) -> LMap | None:
    """The ServiceDiscoveryProvider that applies to ``unit`` when it is Kubernetes discovery:
    the file's own GlobalConfiguration, else the folder's ocelot.global.json."""
    cands = [unit]
    d = posixpath.dirname(unit.rel)
    cands += [u for u in model.ocelot if posixpath.dirname(u.rel) == d and posixpath.basename(u.rel).lower() == "ocelot.global.json"]
    for u in cands:
        root = u.docs[0].root if u.docs else None
        sd = get_path(root, "GlobalConfiguration") if isinstance(root, LMap) else None
        sd = sd.iget("ServiceDiscoveryProvider") if isinstance(sd, LMap) else None
        if isinstance(sd, LMap):
            t = S.sget(sd, "Type")
            return sd if isinstance(t, str) and t.strip().lower() in KUBE_PROVIDERS else None
    return None


def discovery_targets(model: RepoModel) -> Iterator[tuple[FileUnit, str, LMap, str, str | None]]:
    """(file, route label, route, ServiceName, namespace) for routes resolved by Kubernetes
    service discovery (Ocelot.Provider.Kubernetes looks the Service up by name)."""
    for unit in cluster_ocelot_files(model):
        sd = None
        root = unit.docs[0].root if unit.docs else None
        for i, route, sect in S.routes(root):
            name = S.sget(route, "ServiceName")
            if not isinstance(name, str) or not name.strip():
                continue
            sd = sd if sd is not None else (_kube_discovery(model, unit) or False)
            if not sd:
                break
            ns = S.sget(route, "ServiceNamespace") or S.sget(sd, "Namespace")
            yield unit, S.route_label(route, i, sect), route, name.strip(), ns if isinstance(ns, str) and ns else None


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
        parsed = cluster_service_name(host)
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
    # pods carrying one of the selector's pairs are the only candidates (label index)
    for ps in model.pods_with_label(*next(iter(selector.items()))):
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


# -- ConfigMap drift ------------------------------------------------------------------------


def _plain(v: Any) -> Any:
    if isinstance(v, LMap):
        return {k: _plain(x) for k, x in v.items()}
    if isinstance(v, LSeq):
        return [_plain(x) for x in v]
    return v


def _first_diff(a: Any, b: Any, path: str = "") -> tuple[str, Any, Any, Any, Any] | None:
    """(path, container in a, key in a, container in b, key in b) of the first difference;
    a key is None where that side lacks the entry."""
    if isinstance(a, LMap) and isinstance(b, LMap):
        for k in a:
            if k not in b:
                return (f"{path}.{k}".lstrip("."), a, k, b, None)
            d = _first_diff(a[k], b[k], f"{path}.{k}")
            if d is not None:
                return d if d[1] is not None else (d[0], a, k, b, k)
        for k in b:
            if k not in a:
                return (f"{path}.{k}".lstrip("."), a, None, b, k)
        return None
    if isinstance(a, LSeq) and isinstance(b, LSeq):
        for i in range(min(len(a), len(b))):
            d = _first_diff(a[i], b[i], f"{path}[{i}]")
            if d is not None:
                return d if d[1] is not None else (d[0], a, i, b, i)
        if len(a) != len(b):
            i = min(len(a), len(b))
            return (f"{path}[{i}]".lstrip("."), a, i if i < len(a) else None, b, i if i < len(b) else None)
        return None
    if type(a) is not type(b) or _plain(a) != _plain(b):
        return (path.lstrip(".") or "(document)", None, None, None, None)
    return None


def _span_in(container: Any, key: Any) -> Span | None:
    if container is None:
        return None
    if key is None:
        return container.span
    if isinstance(container, LMap):
        return container.key_span(key)
    if isinstance(container, LSeq):
        return container.item_span(key)
    return None


def _norm_text(t: str) -> str:
    return "\n".join(line.rstrip() for line in t.replace("\r\n", "\n").split("\n")).strip()


@check("configmap-drift", on="repository")
def configmap_drift(ctx, model: RepoModel) -> None:
    cms = model.by_kind.get("ConfigMap") or []
    if not cms:
        return
    mappings = from_file_mappings(model) if model.workflows else {}
    root = Path(model.extra.get("root", "."))
    by_base: dict[str, list[FileUnit]] = {}
    for unit in model.files:
        by_base.setdefault(posixpath.basename(unit.rel), []).append(unit)
    for cm in cms:
        data = cm.root.get("data")
        if not isinstance(data, LMap):
            continue
        for key, value in data.items():
            if not isinstance(key, str) or not isinstance(value, str):
                continue
            sources = [(path, wunit, wspan) for k, path, wunit, wspan in mappings.get(cm.name or "", []) if k == key]
            if sources:
                for path, wunit, wspan in sources:
                    rel = path[2:] if path.startswith("./") else path
                    target = model.by_rel.get(rel) or _read_unit(root, rel)
                    if target is not None:
                        _compare(ctx, cm, data, key, value, target, (wunit, wspan, path))
                continue
            # by name: only plain data files (an embedded copy of a manifest or workflow is
            # unusual, and those names are too generic to pair)
            cands = [u for u in by_base.get(key, []) if u is not cm.file and u.kind in ("ocelot", "json", "yaml")]
            if len(cands) == 1:
                _compare(ctx, cm, data, key, value, cands[0], None)


def _read_unit(root: Path, path: str) -> FileUnit | None:
    p = (root / path)
    try:
        if not p.is_file() or p.stat().st_size > 2_000_000:
            return None
        text = p.read_text(encoding="utf-8-sig", errors="replace")
    except OSError:
        return None
    return FileUnit(p, path, "file", SourceText(text))


def _yaml_diff(value: str, target: FileUnit):
    """"same" when both YAML streams hold the same data, else the first difference (as
    _first_diff gives it; paths prefixed with the document index when there are several),
    or None when either side is not valid YAML."""
    mine, err = load_documents(SourceText(value))
    if err is not None:
        return None
    theirs = target.docs
    if not theirs:
        if target.src is None:
            return None
        theirs, err = load_documents(target.src)
        if err is not None:
            return None
    a = [d.root for d in mine if d.root is not None]
    b = [d.root for d in theirs if d.root is not None]
    if len(a) != len(b):
        return None
    for i, (x, y) in enumerate(zip(a, b)):
        d = _first_diff(x, y)
        if d is not None:
            return (f"document {i + 1}: {d[0]}" if len(a) > 1 else d[0],) + d[1:]
    return "same"


def _compare(ctx, cm: K8sObject, data: LMap, key: str, value: str, target: FileUnit, via) -> None:
    if target.src is None:
        return
    vspan = data.value_span(key)
    other_text = target.src.text
    where = None
    if key.lower().endswith(".json"):
        try:
            mine = load_json(SourceText(value))
            theirs = target.json if target.json is not None else load_json(target.src)
        except JsonError:
            mine = theirs = None
        if mine is not None and theirs is not None:
            d = _first_diff(mine.root, theirs.root)
            if d is None:
                return
            path, ca, ka, cb, kb = d
            sa = _span_in(ca, ka)
            sb = _span_in(cb, kb)
            span_cm = scalar_sub_span(cm.file, vspan, value, sa.start, sa.end) if sa is not None else data.key_span(key)
            where = (path, span_cm, sb)
    elif key.lower().endswith((".yaml", ".yml")):
        # YAML is compared as data, as JSON is: blank lines, comments, quoting and flow or
        # block style do not change what the application reads
        d = _yaml_diff(value, target)
        if d == "same":
            return
        if d is not None:
            path, ca, ka, cb, kb = d
            sa, sb = _span_in(ca, ka), _span_in(cb, kb)
            span_cm = scalar_sub_span(cm.file, vspan, value, sa.start, sa.end) if sa is not None else data.key_span(key)
            where = (path, span_cm, sb)
    if where is None:
        if _norm_text(value) == _norm_text(other_text):
            return
        where = (None, data.key_span(key), None)
    path, span_cm, span_file = where
    related = [(target, span_file or Span(1, 1, 1, 1), f"{target.rel}, the file in the repository")]
    how = "with the same name"
    if via is not None:
        wunit, wspan, wpath = via
        related.append((wunit, wspan, f"the workflow builds ConfigMap {cm.name!r} from {wpath}"))
        how = f"that the workflow loads with --from-file={key}={wpath}"
    ctx.report(
        span_cm,
        f"ConfigMap {cm.name!r} embeds {key!r}, which differs from {target.rel} {how}"
        + (f" (first difference at {path})" if path else "")
        + ": applying this manifest puts the stale copy back in the cluster (or the next "
        "workflow run silently replaces it), so what runs depends on which was applied last; "
        "generate the ConfigMap from the file (kubectl create configmap --from-file, or a "
        "kustomize configMapGenerator) instead of keeping a second copy",
        file=cm.file,
        related=related,
        context=f"drift:{cm.name}:{key}",
    )
