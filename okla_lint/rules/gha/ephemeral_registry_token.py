"""ephemeral-registry-token: a short-lived GitHub token (job token, GitHub App token) stored
where it outlives the job (a Kubernetes pull secret, a cloud secret store, a committed or
uploaded file). The taint tracking is lib/gha/taint.py."""
from __future__ import annotations

import posixpath

from ...core.located import LMap, Span
from ...core.model import Step
from ...core.registry import check
from ...lib.gha.workdir import step_working_dir
from ...lib.gha.taint import (
    FIX,
    SECRET_ACTIONS,
    SSH_ACTIONS,
    RemoteScope,
    Taint,
    earlier_logins,
    envsubst_sinks,
    file_sinks,
    local_cluster_before,
    script_sinks,
    shown,
    step_scope,
    uses_of,
)


def _report(ctx, rule: str, span: Span, value: str, t: Taint, sink: str, conseq: str, ident: str, fix: str = FIX) -> None:
    where = ctx.sub_span(span, value, t.start, t.end)
    what = t.origin.what
    ctx.report(
        rule,
        where,
        f"{shown(what)} is stored in {sink}, but {t.origin.lifetime}; after that, {conseq}. {fix[:1].upper()}{fix[1:]}",
        context=f"{ident}:{sink}:{what}",
    )


def _reader(ctx, step: Step):
    """Reads a script file a step runs, by its path from the step's working directory,
    through the model (None when the folder or the file is not known)."""
    wd = step_working_dir(step)

    def read(path: str) -> str | None:
        if wd is None or ctx.model is None or path.startswith(("/", "~")):
            return None
        rel = posixpath.normpath(posixpath.join(wd or ".", path))
        if rel.startswith(".."):
            return None
        unit = ctx.model.project_file(rel)
        return unit.src.text if unit is not None and unit.src is not None else None

    return read


@check("ephemeral-registry-token", on="step")
def ephemeral_registry_token(ctx, step: Step) -> None:
    node = step.node
    run = node.get("run")
    uses = uses_of(node)
    if not isinstance(run, str) and uses not in SECRET_ACTIONS and uses not in SSH_ACTIONS:
        return
    scope = step_scope(step, ctx.model)
    if uses in SSH_ACTIONS and isinstance(node.get("with"), LMap):
        # appleboy/ssh-action: `script` runs on the host, with the env named in `envs`
        w = node["with"]
        script = w.get(SSH_ACTIONS[uses])
        envs = w.get("envs")
        names = {n.strip() for n in envs.split(",")} if isinstance(envs, str) else set()
        if isinstance(script, str):
            remote = RemoteScope(scope, {n: o for n, o in scope.env.items() if n in names})
            for t, sink, conseq in script_sinks(script, remote, []):
                _report(ctx, "ephemeral-registry-token", w.value_span(SSH_ACTIONS[uses]), script, t, sink, conseq, step.ident)
    if isinstance(run, str):
        logins = earlier_logins(step)
        writes: list[tuple[str, list[Taint], int]] = []
        for t, sink, conseq in script_sinks(run, scope, logins, writes, local_cluster_before(step), _reader(ctx, step)):
            _report(ctx, "ephemeral-registry-token", node.value_span("run"), run, t, sink, conseq, step.ident)
        for t, sink, conseq, fix in file_sinks(step, run, writes):
            _report(ctx, "ephemeral-registry-token", node.value_span("run"), run, t, sink, conseq, step.ident, fix)
        if "envsubst" in run and not local_cluster_before(step):
            for t in envsubst_sinks(ctx.model.extra.get("root") if ctx.model is not None else None, step, run, step_scope(step, ctx.model)):
                _report(ctx, "ephemeral-registry-token", node.value_span("run"), run, t, "a manifest applied to the cluster", "the object keeps the dead token", step.ident)
    if uses in SECRET_ACTIONS and isinstance(node.get("with"), LMap):
        w = node["with"]
        stype = w.get("secret-type")
        generic = isinstance(stype, str) and stype.strip().lower() not in ("", "docker-registry", "kubernetes.io/dockerconfigjson")
        for key, val in w.items():
            if isinstance(val, str):
                for t in scope.taints(val):
                    _report(
                        ctx,
                        "ephemeral-registry-token",
                        w.value_span(key),
                        val,
                        t,
                        f"a Kubernetes {'Secret' if generic else 'pull secret'} (`{node['uses']}` input `{key}`)",
                        "whatever reads this Secret later gets a dead token (401/403)"
                        if generic
                        else "every pod that starts later cannot pull its image and stays in ImagePullBackOff",
                        step.ident,
                    )
