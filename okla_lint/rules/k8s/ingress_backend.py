"""A family of rules decided by one check: `ingress-backend-missing-service` (an Ingress
backend names a Service that the repository does not define); `ingress-backend-port-missing`
(an Ingress backend uses a port number or name that its Service does not expose).

One walk over every backend of an Ingress: the Service it names is missing, or it is there
without the port.

Objects created outside Git are common (secrets from a vault, Services from a Helm release),
so a reference to an object the repository does not define is reported only when the
repository defines objects of that kind next to the referencing file (``nearby_objects``);
and a "wrong" target is judged only when it is applied together with (or next to) the
reference.

A backend whose port is named `use-annotation` (`port.name`, or a v1beta1 `servicePort`) is
the AWS Load Balancer Controller's action reference: the controller takes the action from the
Ingress annotation `alb.ingress.kubernetes.io/actions.<service name>` (which a controller such
as Argo Rollouts may write at run time), looks up no Service port, and the service name is the
action's name, not necessarily a Service. Neither rule judges such a backend.
"""
from __future__ import annotations

from typing import Any, Iterator

from ...core.located import LMap, LSeq, get_path
from ...core.model import K8sObject, RepoModel
from ...core.registry import check
from ...lib.k8s.kustomize import SAME_GROUP, nearest, sees_remote
from ...lib.common.placeholders import is_placeholder
from ...lib.k8s.selectors import (
    all_named,
    is_source,
    nearby_objects,
    objects,
    self_contained,
)
from ...lib.k8s.partial import is_cluster_object


# the AWS Load Balancer Controller's "take this backend's action from the annotation" port
ALB_ACTION_PORT = "use-annotation"


def _backends(ing: K8sObject) -> Iterator[tuple[LMap, str, str, LMap, str]]:
    """(holder of the service name, name key, name, holder of the port, port key)."""
    spec = ing.root.get("spec")
    if not isinstance(spec, LMap):
        return
    backends: list[Any] = [spec.get("defaultBackend"), spec.get("backend")]
    rules = spec.get("rules")
    if isinstance(rules, LSeq):
        for r in rules:
            paths = get_path(r, "http", "paths")
            if isinstance(paths, LSeq):
                backends.extend(get_path(p, "backend") for p in paths)
    for b in backends:
        if not isinstance(b, LMap):
            continue
        svc = b.get("service")
        if isinstance(svc, LMap) and isinstance(svc.get("name"), str):
            port = svc.get("port")
            if isinstance(port, LMap):
                key = "number" if "number" in port else "name" if "name" in port else None
                yield svc, "name", svc["name"], port, key or ""
            else:
                yield svc, "name", svc["name"], svc, ""
        elif isinstance(b.get("serviceName"), str):
            yield b, "serviceName", b["serviceName"], b, "servicePort" if "servicePort" in b else ""


def _svc_ports(svc: K8sObject) -> list[LMap]:
    ports = get_path(svc.root, "spec", "ports")
    return [p for p in ports if isinstance(p, LMap)] if isinstance(ports, LSeq) else []


@check("ingress-backend-missing-service", "ingress-backend-port-missing", on="repository")
def ingresses(ctx, model: RepoModel) -> None:
    for ing in objects(model, "Ingress"):
        if not is_source(model, ing):
            continue
        ns = ing.namespace
        for holder, nkey, name, pholder, pkey in _backends(ing):
            if is_placeholder(name) or (pkey and pholder.get(pkey) == ALB_ACTION_PORT):
                continue
            cands = all_named(model, "Service", name, ns)
            if not cands:
                if sees_remote(model, ing.file):
                    continue
                near = nearby_objects(model, ing.file, "Service", ns)
                if not near and not (self_contained(model) and not objects(model, "Service")):
                    continue
                names = sorted({o.name for o in near if o.name})
                where = (
                    f"although the Services next to it are ({', '.join(names[:6])}"
                    f"{', ...' if len(names) > 6 else ''})"
                    if names
                    else "(it defines no Service at all)"
                )
                ctx.report(
                    "ingress-backend-missing-service",
                    holder.value_span(nkey),
                    f"Ingress {ing.name!r} routes to Service {name!r}, which is not defined in "
                    f"the repository {where}; the controller answers 503 for this backend. Fix "
                    "the service name or add the Service",
                    file=ing.file,
                    context=f"{ing.ident}:backend:{name}",
                )
                continue
            if not pkey:
                continue
            port = pholder.get(pkey)
            full = [o for o in cands if is_cluster_object(model, o)]
            if len(full) != len(cands) or not full:
                continue  # a patch may change the ports
            t, best = nearest(model, ing.file, full)
            if t > SAME_GROUP or any(get_path(o.root, "spec", "type") == "ExternalName" for o in best):
                continue
            by_number = isinstance(port, int) or isinstance(port, str) and port.isdigit()
            key = "port" if by_number else "name"
            if is_placeholder(port) or any(is_placeholder(sp.get(key)) for o in best for sp in _svc_ports(o)):
                continue  # `#{PORT}#`, or Service ports a deploy step writes
            ok = False
            for o in best:
                for sp in _svc_ports(o):
                    if by_number and str(sp.get("port")) == str(port):
                        ok = True
                    elif not by_number and sp.get("name") == port:
                        ok = True
            if ok:
                continue
            svc = best[0]
            have = [
                f"{sp.get('name')}:{sp.get('port')}" if sp.get("name") else str(sp.get("port"))
                for sp in _svc_ports(svc)
            ]
            what = "port" if by_number else "port named"
            ctx.report(
                "ingress-backend-port-missing",
                pholder.value_span(pkey),
                f"Ingress {ing.name!r} sends traffic to {what} {port!r} of Service {name!r}, "
                f"but that Service exposes only {', '.join(have) or 'no ports'}; the controller "
                "finds no endpoints for this backend and answers 503. Use one of the Service's "
                "ports (spec.ports[].port, or its name)",
                file=ing.file,
                related=[(svc.file, _ports_span(svc), f"ports of Service {name!r}")],
                context=f"{ing.ident}:backend:{name}:{port}",
            )


def _ports_span(svc):
    """Where a Service lists its ports (the Service itself when `spec` is missing, empty
    or not a mapping)."""
    spec = svc.root.get("spec")
    return spec.key_span("ports") if isinstance(spec, LMap) and "ports" in spec else svc.span
