"""``github.actor`` as the username of a registry credential that outlives the job.

``github.actor`` (and ``$GITHUB_ACTOR``) is whoever triggered this run: a different person,
or ``dependabot[bot]``, on the next run. Inside the job, with the job's own token, that is
the documented pattern (``docker login -u ${{ github.actor }}``). A stored pull secret,
though, keeps the username of whoever deployed last, which is not the owner of a
long-lived password: registries that check the username against the token's owner
(Docker Hub, for example) reject the pulls, and the secret changes on every deploy.
"""
from __future__ import annotations

import re
from typing import Any

from ...core.located import LMap, Span
from ...core.model import Step
from ...core.registry import check
from ...lib.gha.shell import Command, parse_script, pipelines
from ...lib.gha.taint import (
    env_origins,
    DOCKER_CONFIG,
    LOGIN_ACTIONS,
    SECRET_ACTIONS,
    Origin,
    Scope,
    Taint,
    assign,
    from_file_words,
    starts_local_cluster,
    secret_type,
    shown,
    uses_of,
    word_taints,
    kube_verbs,
    local_cluster_before,
)

_ACTOR = re.compile(r"\bgithub\s*(?:\.\s*(triggering_actor|actor)\b(?!\s*_)|\[\s*'(triggering_actor|actor)'\s*\])", re.I)
_LIFE = "the user who triggered the run"


class ActorScope(Scope):
    """Names that hold ``github.actor`` at one point of a job."""

    def source_origin(self, inner: str) -> Origin | None:
        m = _ACTOR.search(inner)
        if m:
            return Origin(f"github.{(m.group(1) or m.group(2)).lower()}", _LIFE)
        return None


def actor_scope(step: Step) -> ActorScope:
    base = {
        "GITHUB_ACTOR": Origin("github.actor", _LIFE),
        "GITHUB_TRIGGERING_ACTOR": Origin("github.triggering_actor", _LIFE),
    }
    env = env_origins(base, step.root.get("env"), scope_type=ActorScope)
    if step.job is not None:
        env = env_origins(env, step.job.node.get("env"), scope_type=ActorScope)
    inputs = _actor_inputs(step.root) if step.job is None else {}
    scope = ActorScope(env_origins(env, step.node.get("env"), inputs, scope_type=ActorScope), {})
    scope.inputs = inputs
    return scope


def _actor_inputs(root: Any) -> dict[str, Origin]:
    """Composite-action inputs whose default is ``github.actor``."""
    out: dict[str, Origin] = {}
    inputs = root.get("inputs") if isinstance(root, LMap) else None
    if isinstance(inputs, LMap):
        for name, spec in inputs.items():
            d = spec.get("default") if isinstance(spec, LMap) else None
            if isinstance(d, str):
                m = _ACTOR.search(d) if "${{" in d else None
                if m:
                    actor = (m.group(1) or m.group(2)).lower()
                    out[str(name).lower()] = Origin(f"inputs.{name} (which defaults to github.{actor})", _LIFE)
    return out


_USER_KEY = re.compile(r"user(name)?|login", re.I)


def _sinks(cmd: Command, scope: ActorScope) -> list[tuple[Taint, str]]:
    args = cmd.args
    argv = [w.text for w in args]
    if not argv:
        return []
    prog = argv[0].rsplit("/", 1)[-1]
    out: list[tuple[Taint, str]] = []
    if prog in ("kubectl", "oc") and kube_verbs(argv)[:2] == ["create", "secret"]:
        stype = secret_type(argv)
        for k, w in enumerate(args):
            t = w.text
            target = None
            if stype == "docker-registry":
                if t == "--docker-username" and k + 1 < len(args):
                    target = args[k + 1]
                elif t.startswith("--docker-username="):
                    target = w
            elif t.startswith("--from-literal="):
                key = t.split("=", 2)[1] if t.count("=") >= 2 else ""
                if _USER_KEY.search(key):
                    target = w
            if target is not None:
                for ta in word_taints([target], scope):
                    out.append((ta, f"the Kubernetes Secret created by `{prog} create secret {stype}`"))
    elif prog == "helm" and any(a in ("install", "upgrade") for a in argv[1:3]):
        for k, w in enumerate(args):
            opt, eq, rest = w.text.partition("=")
            if opt not in ("--set", "--set-string"):
                continue
            target = w if eq else (args[k + 1] if k + 1 < len(args) else None)
            if target is None:
                continue
            key = (rest if eq else target.text).split("=", 1)[0]
            if _USER_KEY.search(key.rsplit(".", 1)[-1]):
                for ta in word_taints([target], scope):
                    out.append((ta, "Helm release values (`helm --set`)"))
    return out


def _login_user(cmd: Command, scope: ActorScope) -> Taint | bool | None:
    """For a registry login (docker, podman, helm registry...): the actor taint of its
    username, or False when the username is something else; None for other commands."""
    args = cmd.args
    argv = [w.text for w in args]
    if not argv:
        return None
    prog = argv[0].rsplit("/", 1)[-1]
    if not ((prog in ("docker", "podman", "buildah", "skopeo", "oras", "crane") and "login" in argv[1:3]) or (prog == "helm" and argv[1:3] == ["registry", "login"])):
        return None
    for k, w in enumerate(args):
        target = None
        if w.text in ("-u", "--username") and k + 1 < len(args):
            target = args[k + 1]
        elif w.text.startswith("--username=") or (w.text.startswith("-u") and len(w.text) > 2 and not w.text.startswith("--")):
            target = w
        if target is not None:
            ts = word_taints([target], scope)
            if ts:
                return ts[0]
    return False


def _earlier_actor_logins(step: Step) -> list[str]:
    """Where earlier steps of the job log in to a registry as github.actor (empty when
    the latest login used another name)."""
    out: list[str] = []
    for i, st in enumerate(step.parent):
        if i >= step.index or not isinstance(st, LMap):
            continue
        sub = Step(step.file, step.root, step.job, st, i, step.parent)
        line = step.parent.item_span(i).line
        if uses_of(st) in LOGIN_ACTIONS and isinstance(st.get("with"), LMap):
            u = st["with"].get("username")
            if isinstance(u, str):
                out = [f"the {uses_of(st)} step at line {line}"] if actor_scope(sub).taints(u) else []
        run = st.get("run")
        if isinstance(run, str) and "login" in run:
            scope = actor_scope(sub)
            for cmd in parse_script(run):
                assign(cmd, scope)
                t = _login_user(cmd, scope)
                if t is not None:
                    out = [f"the registry login at line {line}"] if t else []
    return out


def _report(ctx, span: Span, text: str, t: Taint, sink: str, ident: str) -> None:
    ctx.report(
        ctx.sub_span(span, text, t.start, t.end),
        f"{shown(t.origin.what)} is the username of a registry credential kept in {sink}, but it "
        "names whoever triggered this run (another person, or dependabot[bot], next time), "
        "not the owner of the password: the stored secret changes user on every deploy, and "
        "registries that check the username against the token's owner reject the pulls; "
        "use the account that owns the credential instead (`github.repository_owner` for a "
        "PAT of the organisation's machine user, or the robot account's name)",
        context=f"{ident}:{sink}:{t.origin.what}",
    )


@check("registry-username-actor", on="step")
def registry_username_actor(ctx, step: Step) -> None:
    node = step.node
    run = node.get("run")
    uses = uses_of(node)
    if isinstance(run, str) and ("secret" in run or "helm" in run):
        scope = actor_scope(step)
        logins: list[str] | None = None
        local = local_cluster_before(step)  # a kind/k3d cluster dies with the job
        for pipe in pipelines(parse_script(run)):
            for cmd in pipe:
                if starts_local_cluster(cmd.argv):
                    local = True
                if local:
                    continue
                assign(cmd, scope)
                t = _login_user(cmd, scope)
                if t is not None:
                    logins = ["the registry login earlier in this script"] if t else []
                    continue
                for t, sink in _sinks(cmd, scope):
                    _report(ctx, node.value_span("run"), run, t, sink, step.ident)
                argv = [w.text for w in cmd.args]
                if len(argv) > 3 and argv[0].rsplit("/", 1)[-1] in ("kubectl", "oc") and kube_verbs(argv)[:2] == ["create", "secret"]:
                    for w in from_file_words(cmd.args):
                        if DOCKER_CONFIG.search(w.text):
                            if logins is None:
                                logins = _earlier_actor_logins(step)
                            if logins:
                                origin = Origin("github.actor", _LIFE)
                                sink = f"the docker config written by {logins[-1]} and copied into this Kubernetes Secret"
                                _report(ctx, node.value_span("run"), run, Taint(w.start, w.end, origin), sink, step.ident)
    if uses in SECRET_ACTIONS and isinstance(node.get("with"), LMap):
        w = node["with"]
        scope = actor_scope(step)
        for key, val in w.items():
            if isinstance(val, str) and _USER_KEY.search(str(key)):
                for t in scope.taints(val):
                    _report(ctx, w.value_span(key), val, t, f"the pull secret created by `{node['uses']}`", step.ident)
