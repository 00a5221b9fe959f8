"""References by name between objects: Ingress backends, HPA targets, a StatefulSet's
governing Service, ServiceAccounts, and keys of ConfigMaps and Secrets.

Objects created outside Git are common (secrets from a vault, Services from a Helm
release), so a reference to an object the repository does not define is reported only when
the repository defines objects of that kind next to the referencing file; and a "wrong"
target is judged only when it is applied together with (or next to) the reference."""
from __future__ import annotations

from typing import Any, Iterator

from ...core.files import FileUnit
from ...core.located import LMap, LSeq, Span, get_path
from ...core.model import K8sObject, PodSpec, RepoModel
from ...core.registry import check
from ...lib.k8s.kustomize import (
    config_files,
    SAME_GROUP,
    generated,
    is_patch,
    nearest,
    sees_remote,
    template_labels,
)
from ...lib.k8s.selectors import (
    all_named,
    is_placeholder,
    is_source,
    labels_of,
    nearby_objects,
    ns_compatible,
    objects,
    pod_specs,
    same_ns,
    self_contained,
)
from ...lib.gha.secrets_created import created_names_match, created_secrets
from ...lib.k8s.partial import is_cluster_object
from ...core.fix import UNSAFE, Fix, delete_span, line_bounds


def _nearby_kind(model: RepoModel, unit: FileUnit, kind: str, ns: str | None) -> list[K8sObject]:
    """Objects of ``kind`` in the same namespace (strictly) kept next to ``unit``: the
    sign that the repository, not something outside Git, provides that kind there."""
    return nearby_objects(model, unit, kind, ns)


# -- Ingress ---------------------------------------------------------------------------------
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
            if is_placeholder(name):
                continue
            cands = all_named(model, "Service", name, ns)
            if not cands:
                if sees_remote(model, ing.file):
                    continue
                near = _nearby_kind(model, ing.file, "Service", ns)
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


# -- HorizontalPodAutoscaler -----------------------------------------------------------------
@check("hpa-target-missing", on="repository")
def hpas(ctx, model: RepoModel) -> None:
    for hpa in objects(model, "HorizontalPodAutoscaler"):
        ref = get_path(hpa.root, "spec", "scaleTargetRef")
        if not isinstance(ref, LMap) or not isinstance(ref.get("name"), str) or not isinstance(ref.get("kind"), str):
            continue
        if not is_source(model, hpa) or is_placeholder(ref["name"]):
            continue
        kind, name, ns = ref["kind"], ref["name"], hpa.namespace
        if all_named(model, kind, name, ns) or sees_remote(model, hpa.file):
            continue
        near = _nearby_kind(model, hpa.file, kind, ns)
        if not near and not (self_contained(model) and not objects(model, kind)):
            continue
        other_kinds = sorted(
            {o.kind for o in model.named(name) if o.kind != kind and ns_compatible(ns, o.namespace) and o.pod_spec()}
        )
        hint = f" (there is a {' / '.join(other_kinds)} named {name!r}: check scaleTargetRef.kind)" if other_kinds else ""
        ctx.report(
            ref.value_span("name"),
            f"HorizontalPodAutoscaler {hpa.name!r} scales {kind} {name!r}, which is not defined in "
            f"the repository{hint}; the autoscaler reports FailedGetScale and never scales "
            f"anything. Point scaleTargetRef at an existing {kind}",
            file=hpa.file,
            context=f"{hpa.ident}:target:{kind}/{name}",
        )


# -- StatefulSet serviceName -----------------------------------------------------------------
@check("statefulset-service-not-headless", on="repository")
def statefulsets(ctx, model: RepoModel) -> None:
    for sts in objects(model, "StatefulSet"):
        spec = sts.root.get("spec")
        if not isinstance(spec, LMap) or not isinstance(spec.get("serviceName"), str) or not spec["serviceName"]:
            continue
        if not is_source(model, sts) or is_placeholder(spec["serviceName"]):
            continue
        replicas = spec.get("replicas")
        if isinstance(replicas, int) and not isinstance(replicas, bool) and replicas <= 1:
            continue  # a pod deliberately run alone has no peers to find by name
        name, ns, span = spec["serviceName"], sts.namespace, spec.value_span("serviceName")
        cands = all_named(model, "Service", name, ns)
        if not cands:
            if sees_remote(model, sts.file) or not _nearby_kind(model, sts.file, "Service", ns):
                continue
            ctx.report(
                span,
                f"StatefulSet {sts.name!r} names {name!r} as its governing Service, but the "
                "repository defines no such Service although it defines the Services next to "
                f"it; without it the pods get no stable DNS names ({sts.name}-0.{name}...) and "
                "peers cannot find each other. Add a headless Service (clusterIP: None) with "
                "this name",
                file=sts.file,
                context=f"{sts.ident}:serviceName",
            )
            continue
        full = [o for o in cands if is_cluster_object(model, o)]
        if len(full) != len(cands):
            continue
        t, best = nearest(model, sts.file, full)
        if t > SAME_GROUP:
            continue
        if not any(get_path(o.root, "spec", "clusterIP") == "None" for o in best):
            svc = best[0]
            sspec = svc.root.get("spec")
            rspan = sspec.key_span("clusterIP") if isinstance(sspec, LMap) and "clusterIP" in sspec else svc.root.key_span("spec")
            ctx.report(
                span,
                f"StatefulSet {sts.name!r} is governed by Service {name!r}, which is not headless "
                "(it has a cluster IP), so the per-pod DNS records "
                f"({sts.name}-0.{name}...) are not published and peers addressing pods by name "
                f"fail. Set clusterIP: None on {name!r} (add a separate Service for clients if "
                "needed)",
                file=sts.file,
                related=[(svc.file, rspan, f"Service {name!r}")],
                context=f"{sts.ident}:serviceName",
            )
            continue
        tmpl_labels = {**template_labels(model, sts.file), **labels_of(get_path(spec, "template", "metadata", "labels"))}
        for o in best:
            sel = get_path(o.root, "spec", "selector")
            if get_path(o.root, "spec", "clusterIP") != "None" or not isinstance(sel, LMap) or not sel:
                continue
            if all(tmpl_labels.get(k) == v for k, v in labels_of(sel).items()):
                break
        else:
            svc = next(o for o in best if get_path(o.root, "spec", "clusterIP") == "None")
            sel = get_path(svc.root, "spec", "selector")
            if not isinstance(sel, LMap) or not sel:
                continue  # a headless Service without selector: endpoints managed by hand
            ctx.report(
                span,
                f"StatefulSet {sts.name!r} is governed by headless Service {name!r}, but that "
                "Service's selector does not select the StatefulSet's pods, so no per-pod DNS "
                f"records ({sts.name}-0.{name}...) are published. Make the Service selector match "
                "spec.template.metadata.labels",
                file=sts.file,
                related=[(svc.file, svc.root["spec"].key_span("selector"), f"selector of Service {name!r}")],
                context=f"{sts.ident}:serviceName:selector",
            )


# -- ServiceAccounts -------------------------------------------------------------------------
def _bound_service_accounts(model: RepoModel) -> set[tuple[str, str | None]]:
    cached = model.extra.get("k8s.wiring.bound_sas")
    if cached is not None:
        return cached
    out: set[tuple[str, str | None]] = set()
    for b in objects(model, "RoleBinding", "ClusterRoleBinding"):
        subjects = b.root.get("subjects")
        if isinstance(subjects, LSeq):
            for s in subjects:
                if isinstance(s, LMap) and s.get("kind") == "ServiceAccount" and isinstance(s.get("name"), str):
                    sns = s.get("namespace") if isinstance(s.get("namespace"), str) else b.namespace
                    out.add((s["name"], sns))
    model.extra["k8s.wiring.bound_sas"] = out
    return out


@check("service-account-missing", on="repository")
def service_accounts(ctx, model: RepoModel) -> None:
    bound = _bound_service_accounts(model)
    for p in pod_specs(model):
        if not is_source(model, p.obj):
            continue
        key = "serviceAccountName" if "serviceAccountName" in p.spec else "serviceAccount"
        name = p.spec.get(key)
        if not isinstance(name, str) or not name or name == "default" or is_placeholder(name):
            continue
        ns = p.obj.namespace
        if all_named(model, "ServiceAccount", name, ns) or sees_remote(model, p.obj.file):
            continue
        near = _nearby_kind(model, p.obj.file, "ServiceAccount", ns)
        is_bound = any(n == name and same_ns(ns, bns) for n, bns in bound)
        if not near and not is_bound and not self_contained(model):
            continue  # a Helm chart or an operator's custom resource may create it
        why = (
            " although a RoleBinding in the repository grants it permissions"
            if is_bound
            else " although the repository defines the ServiceAccounts next to it"
            if near
            else ""
        )
        ctx.report(
            p.spec.value_span(key),
            f"{p.obj.ident} runs as ServiceAccount {name!r}, which is not defined in the "
            f"repository{why}; unless something else creates it, the API server "
            "refuses to create the pods (serviceaccount not found). Add the ServiceAccount or "
            "fix the name",
            file=p.obj.file,
            context=f"{p.obj.ident}:serviceAccount:{name}",
        )


# -- keys of ConfigMaps and Secrets ----------------------------------------------------------
def _key_refs(p: PodSpec) -> Iterator[tuple[str, str, LMap, str, str]]:
    """(kind, object name, holder of the key, key, where) for each reference to one key."""
    for c in p.containers():
        env = c.node.get("env")
        if isinstance(env, LSeq):
            for e in env:
                vf = e.get("valueFrom") if isinstance(e, LMap) else None
                if not isinstance(vf, LMap):
                    continue
                for rkey, kind in (("secretKeyRef", "Secret"), ("configMapKeyRef", "ConfigMap")):
                    ref = vf.get(rkey)
                    if isinstance(ref, LMap) and ref.get("optional") is not True:
                        if isinstance(ref.get("name"), str) and isinstance(ref.get("key"), str):
                            yield kind, ref["name"], ref, ref["key"], f"env {e.get('name')!r} of {c.ident}"
    vols = p.spec.get("volumes")
    if not isinstance(vols, LSeq):
        return
    for v in vols:
        if not isinstance(v, LMap):
            continue
        sources: list[tuple[str, Any, str]] = [("ConfigMap", v.get("configMap"), "name"), ("Secret", v.get("secret"), "secretName")]
        proj = get_path(v, "projected", "sources")
        if isinstance(proj, LSeq):
            for s in proj:
                if isinstance(s, LMap):
                    sources += [("ConfigMap", s.get("configMap"), "name"), ("Secret", s.get("secret"), "name")]
        for kind, src, nkey in sources:
            if not isinstance(src, LMap) or src.get("optional") is True or not isinstance(src.get(nkey), str):
                continue
            items = src.get("items")
            if isinstance(items, LSeq):
                for it in items:
                    if isinstance(it, LMap) and isinstance(it.get("key"), str):
                        yield kind, src[nkey], it, it["key"], f"volume {v.get('name')!r} of {p.obj.ident}"


def _keys_of(obj: K8sObject) -> tuple[set[str] | None, Span]:
    root = obj.root
    if obj.kind == "Secret" and isinstance(root.get("type"), str) and root["type"] == "kubernetes.io/service-account-token":
        return None, obj.span
    keys: set[str] = set()
    span = None
    for f in ("data", "stringData", "binaryData"):
        d = root.get(f)
        if isinstance(d, LMap):
            keys.update(str(k) for k in d)
            span = span or root.key_span(f)
        elif d is not None:
            return None, obj.span
    if not keys:
        return None, obj.span  # a placeholder filled elsewhere
    return keys, span or obj.span


@check("config-key-missing", on="repository")
def config_keys(ctx, model: RepoModel) -> None:
    gens = generated(model)
    # Secrets that a workflow (re)creates: their keys come from the workflow, not the manifest
    created = created_secrets(model, ctx)
    for p in pod_specs(model):
        if not is_source(model, p.obj):
            continue
        ns = p.obj.namespace
        for kind, name, holder, key, where in _key_refs(p):
            if is_placeholder(name) or is_placeholder(key) or kind == "Secret" and created_names_match(created, name):
                continue
            cands: list[tuple[FileUnit, set[str] | None, Span, str]] = []
            for o in all_named(model, kind, name, ns):
                keys, span = _keys_of(o)
                if is_patch(model, o):
                    keys = None  # a patch may add keys to a base we may not see
                cands.append((o.file, keys, span, o.ident))
            for g in gens:
                if g.kind == kind and g.name == name and ns_compatible(ns, g.namespace):
                    cands.append((g.unit, g.keys, g.span, f"{kind.lower()} generator {name!r}"))
            if not cands:
                continue
            t, best = nearest(model, p.obj.file, cands, key=lambda c: c[0])
            if t > SAME_GROUP or any(c[1] is None for c in best):
                continue
            have: set[str] = set().union(*(c[1] for c in best))
            if key in have:
                continue
            unit, _, span, ident = best[0]
            listed = ", ".join(sorted(have)[:8]) + (", ..." if len(have) > 8 else "")
            ctx.report(
                holder.value_span("key"),
                f"{where} reads key {key!r} of {kind} {name!r}, but the {kind} defined in the "
                f"repository has no such key (it has: {listed}); the kubelet cannot start the "
                f"container (CreateContainerConfigError{' / volume mount failure' if where.startswith('volume') else ''}). "
                "Fix the key name, add the key, or mark the reference optional: true",
                file=p.obj.file,
                related=[(unit, span, f"{ident} is defined here")],
                context=f"{p.obj.ident}:{kind}/{name}:{key}",
            )


# -- a workload scaled by an HPA that also fixes its replica count ----------------------------
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
    ks, vs = spec.key_span("replicas"), spec.value_span("replicas")
    ls, le, _ = line_bounds(src.text, ks.start)
    if src.text[ls : ks.start].strip() or vs.end > le:
        return None  # not a line of its own (`- replicas: 3`, a value over several lines)
    edit = delete_span(src.text, ks.start, vs.end)
    if edit.start != ls:
        return None  # a comment stays on the line: leave it to the author
    return Fix(UNSAFE, (edit,), "Delete spec.replicas")
