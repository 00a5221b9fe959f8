"""imagePullSecrets that nothing in the repository provides, and pull secrets that a
workflow creates from a short-lived token (they stop working when the token expires).

A family: one index of where each pull secret comes from decides between the two: from
nowhere in the repository, or from a workflow's short-lived token.
"""
from __future__ import annotations

import re
from typing import Iterator

from ...core.files import FileUnit
from ...lib.gha.expr import JOB_TOKEN
from ...lib.gha.taint import shown
from ...lib.gha.secrets_created import (
    CreatedSecret,
    created_names_match,
    created_secrets,
    other_ci_mentions,
    sees_workflows,
)
from ...core.located import LMap, LSeq, Span
from ...core.model import K8sObject, RepoModel
from ...core.registry import check
from ...post.merge import fold
from ...lib.k8s.kustomize import generated
from ...lib.common.placeholders import is_placeholder
from ...lib.k8s.selectors import all_named, is_source, ns_compatible, objects, pod_specs

# actions that create a Kubernetes Secret, and the input naming it
SECRET_ACTIONS = {"azure/k8s-create-secret": "secret-name"}


def _pull_secret_refs(model: RepoModel) -> Iterator[tuple[K8sObject, LSeq, int, LMap, str]]:
    """(object, the imagePullSecrets list, index, item, name) for pod specs and
    ServiceAccounts (whose pull secrets every pod using them inherits)."""
    holders: list[tuple[K8sObject, LMap]] = []
    for p in pod_specs(model):
        if is_source(model, p.obj):
            holders.append((p.obj, p.spec))
    for sa in objects(model, "ServiceAccount"):
        if is_source(model, sa):
            holders.append((sa, sa.root))
    for obj, holder in holders:
        seq = holder.get("imagePullSecrets")
        if not isinstance(seq, LSeq):
            continue
        for i, item in enumerate(seq):
            if isinstance(item, LMap) and isinstance(item.get("name"), str) and item["name"] and not is_placeholder(item["name"]):
                yield obj, seq, i, item, item["name"]


def _ns(cs: CreatedSecret) -> str | None:
    ns = cs.namespace
    return None if ns is None or is_placeholder(ns) else ns


def _action_created(model: RepoModel) -> dict[str, tuple[FileUnit, Span, str | None, tuple[int, int]]]:
    """Secrets that secret-creating actions make: name -> (file, span of the name, the
    short-lived token their inputs carry, if any, the lines of the step's `with`)."""
    out: dict[str, tuple[FileUnit, Span, str | None, tuple[int, int]]] = {}
    for wf in model.workflows:
        for job in wf.jobs():
            for step in job.steps():
                uses = step.node.get("uses")
                with_ = step.node.get("with")
                if not isinstance(uses, str) or not isinstance(with_, LMap):
                    continue
                inp = SECRET_ACTIONS.get(uses.split("@", 1)[0].lower())
                name = with_.get(inp) if inp else None
                if not isinstance(name, str):
                    continue
                eph = None
                for v in with_.values():
                    m = JOB_TOKEN.search(v) if isinstance(v, str) else None
                    if m:
                        eph = re.sub(r"\s+", "", m.group(0))
                        break
                lines = (with_.span.line, with_.span.end_line or with_.span.line)
                out.setdefault(name, (step.file, with_.value_span(inp), eph, lines))
    return out


@check("image-pull-secret-undefined", "pull-secret-from-ephemeral-token", on="repository")
def pull_secrets(ctx, model: RepoModel) -> None:
    created = created_secrets(model, ctx)
    complete = sees_workflows(model)
    by_action = _action_created(model)
    gens = generated(model)
    # one job token stored in one pull secret is one root cause, whatever the number of
    # workloads that pull with it (issue 10, family 2): group them by the creation
    chains: dict[tuple, tuple[tuple, str, list]] = {}
    for obj, seq, i, item, name in _pull_secret_refs(model):
        ns = obj.namespace
        made = [cs for cs in created if created_names_match([cs], name) and ns_compatible(ns, _ns(cs))]
        eph = [(cs.file, cs.span, cs.ephemeral, cs.lines) for cs in made if cs.ephemeral]
        if name in by_action and by_action[name][2]:
            eph.append(by_action[name])
        span = item.value_span("name")
        if eph:
            unit, cspan, what, lines = eph[0]
            key = (id(unit), cspan.line, cspan.col)
            chains.setdefault(key, ((unit, cspan, what, lines), name, []))[2].append(
                (obj.file, span, f"{obj.ident} pulls its images with Secret {name!r}")
            )
            continue
        if made or name in by_action or all_named(model, "Secret", name, ns) or not complete:
            continue
        if other_ci_mentions(model, name):
            continue
        if any(g.kind == "Secret" and g.name == name and ns_compatible(ns, g.namespace) for g in gens):
            continue
        ctx.report(
            "image-pull-secret-undefined",
            span,
            f"{obj.ident} pulls images with Secret {name!r}, which neither the manifests nor "
            "the workflows of the repository create; if it does not exist in the namespace "
            "the kubelet pulls anonymously and private images fail with ImagePullBackOff. "
            "Make sure it is created (and documented), or add it to the deployment",
            file=obj.file,
            context=f"{obj.ident}:imagePullSecrets:{name}",
            once=f"imagePullSecrets:{name}",
        )
    for (unit, cspan, what, lines), name, users in chains.values():
        _token_chain(ctx, unit, cspan, what, lines, name, users)


def _token_chain(ctx, unit: FileUnit, cspan: Span, what: str, lines: tuple[int, int], name: str, users: list) -> None:
    """One finding for the pull secret made from a short-lived token, at the place to fix:
    folded into ephemeral-registry-token's finding on the command that stores the token, or,
    when that rule does not report it, at the Secret's name in that command; the workloads
    that pull with it are related locations."""
    what_users = "workloads that pull their images with it"
    if ctx.enabled("ephemeral-registry-token"):
        lo, hi = lines if lines != (0, 0) else (cspan.line, cspan.line)
        near = [f for f in ctx.engine.pending(unit) if f.rule == "ephemeral-registry-token" and lo <= f.line <= hi]
        if near:
            fold(ctx, min(near, key=lambda f: abs(f.line - cspan.line)), users, what_users)
            return
    first = users[0][2].split(" pulls", 1)[0]
    more = f" and {len(users) - 1} more workload{'s' if len(users) > 2 else ''}" if len(users) > 1 else ""
    at, span, related = unit, cspan, users
    if not ctx.engine.reports_on(unit):
        # the workflow is read for context only (a subfolder or files were given): the
        # finding goes to the first workload in scope, with the workflow line related
        inside = [u for u in users if ctx.engine.reports_on(u[0])]
        if not inside:
            return
        at, span = inside[0][0], inside[0][1]
        related = [(unit, cspan, f"Secret {name!r} created from {shown(what)}")] + [u for u in users if u is not inside[0]]
    ctx.report(
        "pull-secret-from-ephemeral-token",
        span,
        f"Secret {name!r} is created from {shown(what)}, and {first}{more} pull{'s' if len(users) == 1 else ''} "
        "their images with it; "
        "that token expires (the job token when the job ends, an App token after one hour), so "
        "the first rollout works and every pod started later (reschedule, scale-up, new node) "
        "fails with ImagePullBackOff. Create the Secret from a long-lived read-only credential "
        "(a PAT with `read:packages` or a registry robot account)",
        file=at,
        related=related,
        context=f"pull-secret-chain:{name}",
    )
