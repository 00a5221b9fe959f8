"""`statefulset-service-not-headless`: A StatefulSet's serviceName is not a headless Service
selecting its pods.

Objects created outside Git are common (secrets from a vault, Services from a Helm release),
so a reference to an object the repository does not define is reported only when the
repository defines objects of that kind next to the referencing file (``nearby_objects``);
and a "wrong" target is judged only when it is applied together with (or next to) the
reference.
"""
from __future__ import annotations

from ...core.located import LMap, get_path
from ...core.model import RepoModel
from ...core.registry import check
from ...lib.k8s.kustomize import SAME_GROUP, nearest, sees_remote, template_labels
from ...lib.common.placeholders import is_placeholder
from ...lib.k8s.selectors import all_named, is_source, labels_of, nearby_objects, objects
from ...lib.k8s.partial import is_cluster_object


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
            if sees_remote(model, sts.file) or not nearby_objects(model, sts.file, "Service", ns):
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
