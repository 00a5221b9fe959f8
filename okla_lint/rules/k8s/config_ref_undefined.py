"""config-ref-undefined: a container reads a ConfigMap or Secret (``env[].valueFrom``,
``envFrom``) that nothing in the repository creates. Advice: such objects are often made
outside Git (a vault, Terraform, a Helm release), so the rule stays quiet whenever the
repository could be creating it (a manifest, a kustomize generator, a SealedSecret or
ExternalSecret, a workflow's `kubectl create`, another CI file naming it)."""
from __future__ import annotations

import re
from typing import Iterator

from ...core.located import LMap, LSeq
from ...core.model import Container, RepoModel
from ...core.registry import check
from ...lib.gha.secrets_created import created_names_match, created_secrets, other_ci_mentions, sees_workflows
from ...lib.k8s.kustomize import generated
from ...lib.k8s.podutil import env_key_refs
from ...lib.common.placeholders import is_placeholder
from ...lib.k8s.selectors import all_named, is_source, ns_compatible, objects, pod_specs

RULE = "config-ref-undefined"


def _refs(c: Container) -> Iterator[tuple[str, str, LMap, str]]:
    """(kind, name, holder of `name`, what reads it) of every required reference."""
    for kind, ref, e in env_key_refs(c):
        yield kind, ref["name"], ref, f"env {e.get('name')!r} of {c.ident}"
    env_from = c.node.get("envFrom")
    if isinstance(env_from, LSeq):
        for e in env_from:
            if not isinstance(e, LMap):
                continue
            for rkey, kind in (("secretRef", "Secret"), ("configMapRef", "ConfigMap")):
                ref = e.get(rkey)
                if isinstance(ref, LMap) and ref.get("optional") is not True and isinstance(ref.get("name"), str):
                    yield kind, ref["name"], ref, f"envFrom of {c.ident}"


def _made_by_operators(model: RepoModel) -> set[str]:
    """Secret names that a SealedSecret or an ExternalSecret of the repository produces."""
    names: set[str] = set()
    for o in objects(model, "SealedSecret", "ExternalSecret", "ClusterExternalSecret"):
        md = o.metadata
        if isinstance(md.get("name"), str):
            names.add(md["name"])
        spec = o.root.get("spec")
        for path in (("target", "name"), ("template", "metadata", "name"), ("externalSecretName",)):
            cur = spec
            for p in path:
                cur = cur.get(p) if isinstance(cur, LMap) else None
            if isinstance(cur, str):
                names.add(cur)
    return names


_CREATE = re.compile(r"kubectl\s+create\s+(?:secret\s+[a-z-]+|configmap)\s+([A-Za-z0-9.-]+)")


def _documented(model: RepoModel) -> set[str]:
    """Names a `kubectl create secret|configmap NAME` names anywhere in the files read
    (a comment next to the workload saying how to create it counts: it is documented)."""
    names: set[str] = set()
    for u in model.files:
        if u.src is not None and "kubectl" in u.src.text:
            names.update(m.group(1) for m in _CREATE.finditer(u.src.text))
    return names


@check(RULE, on="repository")
def config_refs(ctx, model: RepoModel) -> None:
    if not sees_workflows(model):
        return
    created = created_secrets(model, ctx)
    gens = generated(model)
    operated = _made_by_operators(model)
    documented = _documented(model)
    for p in pod_specs(model):
        if not is_source(model, p.obj):
            continue
        ns = p.obj.namespace
        for c in p.containers():
            for kind, name, ref, where in _refs(c):
                if not name or is_placeholder(name) or all_named(model, kind, name, ns):
                    continue
                if name in documented or (kind == "Secret" and (name in operated or created_names_match(created, name))):
                    continue
                if any(g.kind == kind and g.name == name and ns_compatible(ns, g.namespace) for g in gens):
                    continue
                if other_ci_mentions(model, name):
                    continue
                ctx.report(
                    ref.value_span("name"),
                    f"{where} reads {kind} {name!r}, which no manifest, kustomize generator or workflow of the "
                    f"repository creates; if it does not exist in the namespace the kubelet cannot start the "
                    f"container (CreateContainerConfigError: {kind.lower()} {name!r} not found). Make sure it is "
                    "created where the workload runs (and document how), or mark the reference `optional: true`",
                    file=p.obj.file,
                    context=f"{p.obj.ident}:{c.name}:{kind}/{name}",
                    once=f"{kind}/{name}",
                )
