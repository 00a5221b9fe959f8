"""Which Kubernetes Services and workloads an Ocelot gateway sends requests to: the downstream
hosts and service-discovery names of the configurations the cluster runs (environment files
meant for a developer machine or docker-compose left out)."""
from __future__ import annotations

import ipaddress
import posixpath
import re
from typing import Collection, Iterator

from ...core.files import FileUnit
from ...core.located import LMap, LSeq, get_path
from ...core.model import RepoModel
from . import schema as S


SCALABLE = ("Deployment", "StatefulSet", "ReplicaSet", "ReplicationController")


DEPLOYS = SCALABLE + ("DaemonSet", "Pod")


_DNS_LABEL = re.compile(r"^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")


def cluster_service_name(host: str, namespaces: Collection[str] = ()) -> tuple[str, str | None] | None:
    """(service name, namespace or None) when ``host`` is an in-cluster Service DNS name, as
    a pod's resolver (search ``<ns>.svc.cluster.local svc.cluster.local cluster.local``)
    finds it: ``name`` (the pod's own namespace), ``name.ns.svc``,
    ``name.ns.svc.cluster.local``, and ``name.ns`` when ``ns`` is one of ``namespaces``
    (lower case; a two-label name is otherwise a public host: ``httpbin.org``,
    docker-compose's ``catalog.api``). ``name.svc[.cluster.local]`` names no Service (it is
    no record of the cluster's DNS)."""
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
    if len(labels) == 2:
        name, ns = labels
        return (name, ns) if ns in namespaces and _DNS_LABEL.match(name) else None
    for suffix in (["svc", "cluster", "local"], ["svc"]):
        if labels[-len(suffix):] == suffix and len(labels) == len(suffix) + 2:
            return labels[0], labels[1]
    return None


def cluster_namespaces(model: RepoModel) -> frozenset[str]:
    """The namespaces the repository's manifests name (an object's ``metadata.namespace``,
    a Namespace object), lower case, once per model: the ``ns`` of a ``name.ns`` host
    ``cluster_service_name`` takes for a Service's."""

    def build() -> frozenset[str]:
        out = set()
        for obj in model.objects:
            for ns in (obj.namespace, obj.name if obj.kind == "Namespace" else None):
                if isinstance(ns, str) and ns:
                    out.add(ns.lower())
        return frozenset(out)

    return model.index("ocelot.cluster.namespaces", build)


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
