"""`config-key-missing`: A reference to a key of a ConfigMap or Secret that is defined in the
repository without that key.

Objects created outside Git are common (secrets from a vault, Services from a Helm release),
so a reference to an object the repository does not define is reported only when the
repository defines objects of that kind next to the referencing file (``nearby_objects``);
and a "wrong" target is judged only when it is applied together with (or next to) the
reference.
"""
from __future__ import annotations

from typing import Any, Iterator

from ...core.files import FileUnit
from ...core.located import LMap, LSeq, Span, get_path
from ...core.model import K8sObject, PodSpec, RepoModel
from ...core.registry import check
from ...lib.k8s.kustomize import SAME_GROUP, generated, is_patch, nearest
from ...lib.k8s.podutil import env_key_refs
from ...lib.common.placeholders import is_placeholder
from ...lib.k8s.names import is_config_key
from ...lib.k8s.selectors import all_named, is_source, ns_compatible, pod_specs
from ...lib.gha.secrets_created import created_names_match, created_secrets


def _key_refs(p: PodSpec) -> Iterator[tuple[str, str, LMap, str, str]]:
    """(kind, object name, holder of the key, key, where) for each reference to one key."""
    for c in p.containers():
        for kind, ref, e in env_key_refs(c):
            if isinstance(ref.get("key"), str):
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
            if is_placeholder(name) or is_placeholder(key, is_config_key) or kind == "Secret" and created_names_match(created, name):
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
                once=f"{kind}/{name}:{key}",
            )
