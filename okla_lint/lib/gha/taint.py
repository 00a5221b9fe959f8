"""Taint tracking of short-lived GitHub tokens in workflows: where a job token or a GitHub App
token flows (env, shell variables, step outputs, files) and the sinks that keep it after
the job ends. The rule is rules/gha/ephemeral_registry_token.py.

Short-lived GitHub tokens stored where they outlive the job.

Sources (the taint): ``secrets.GITHUB_TOKEN``, ``github.token``, GitHub App installation
tokens minted in the job, and any ``env`` variable (workflow, job or step level) or shell
variable set from them. Sinks: places that keep a credential after the job ends: Kubernetes
Secrets (``kubectl create secret ...``, manifests applied from a heredoc, actions that
create pull secrets), a docker config written by a login and then copied into a Secret,
other cluster objects (``kubectl create configmap``, ``set env``, ``patch``), cloud secret
stores, ``gh secret set`` / ``gh variable set``, Helm ``--set`` values (kept in the
release), and files written with the token (``echo > f``, ``sed -i``/``perl -pi``/``yq -i``
edits) that are applied to the cluster, uploaded as artifacts or committed and pushed. A
script run on another host (``ssh host "..."``, ``appleboy/ssh-action``) is read as well.
Using the token inside the job (``docker login`` to push, ``gh`` calls) is not a sink.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable

from ...core.located import LMap, LSeq
from ...core.model import Step
from .expr import JOB_TOKEN, env_refs, expressions, step_output_refs
from .reusable import called_workflow, local_action
from .shell import PASS_THROUGH, Command, Word, option_values, parse_script, pipelines, substitutions
from .workdir import step_working_dir
import fnmatch

APP_TOKEN_ACTIONS = (
    "actions/create-github-app-token",
    "tibdex/github-app-token",
    "peter-murray/workflow-application-token-action",
    "getsentry/action-github-app-token",
)
SECRET_ACTIONS = ("azure/k8s-create-secret",)  # actions that create a Kubernetes Secret
# actions that run a script on another host over ssh: the input holding the script
SSH_ACTIONS = {"appleboy/ssh-action": "script"}
LOGIN_ACTIONS = ("docker/login-action", "azure/docker-login")
JOB_LIFETIME = "the job token expires when the job ends (after at most 24 hours)"
APP_LIFETIME = "a GitHub App installation token expires one hour after it is minted"
FIX = (
    "store a dedicated long-lived, read-only credential instead: a personal access token "
    "with only the `read:packages` scope (saved as a repository secret such as "
    "`secrets.GHCR_PAT`) or a registry robot account"
)
# $NAME, ${NAME}, and PowerShell's $env:NAME
# (and ${NAME:-default}, ${NAME%suffix}...: only the name part is matched, so that a
# $OTHER inside the default is found too)
SHELL_VAR = re.compile(
    r"\$(?:\{([A-Za-z_][A-Za-z0-9_]*)(?:\}|(?=[:#%/^,@]))|env:([A-Za-z_][A-Za-z0-9_]*)|([A-Za-z_][A-Za-z0-9_]*))"
)


@dataclass(frozen=True)
class Origin:
    what: str  # how the token is named in the message
    lifetime: str


# an expression (`secrets.GITHUB_TOKEN`, `env.REG`, `inputs['x']`) or a shell variable
# (`$REG`, `${REG}`, `$env:REG`) inside an Origin phrase
_CODE = re.compile(
    r"(?<![\w./$-])(?:secrets|github|env|steps|inputs|needs|vars)(?:\.[A-Za-z0-9_-]+|\['[^'`]*'\])+"
    r"|\$(?:\{[A-Za-z_][A-Za-z0-9_]*\}|env:[A-Za-z_][A-Za-z0-9_]*|[A-Za-z_][A-Za-z0-9_]*)"
)


def shown(what: str) -> str:
    """``Origin.what`` as a message shows it: the expressions and shell variables in
    backticks (docs/CONTRIBUTING.md, "Message style"), the parts already in backticks
    untouched. ``Origin.what`` itself stays plain: finding contexts (fingerprints) use it."""
    parts = what.split("`")
    for i in range(0, len(parts), 2):  # the even parts are outside backticks
        parts[i] = _CODE.sub(lambda m: f"`{m.group(0)}`", parts[i])
    return "`".join(parts)


@dataclass(frozen=True)
class Taint:
    start: int
    end: int
    origin: Origin


class Scope:
    """Which names carry a short-lived token at one point of a job."""

    def __init__(self, env: dict[str, Origin], app_steps: dict[str, str]):
        self.env = dict(env)
        self.shell: dict[str, Origin] = {}
        self.app_steps = app_steps  # step id -> action
        # (step id, output name) -> origin, for outputs earlier steps wrote the token to
        self.outputs: dict[tuple[str, str], Origin] = {}
        # composite action inputs whose default is the job token, and inputs of a reusable
        # workflow that a local caller passes it in (lower-cased names)
        self.inputs: dict[str, Origin] = {}
        # secrets of a reusable workflow that a local caller passes the job token in
        self.secrets: dict[str, Origin] = {}
        # (origin, where) of the latest registry login with a token, while reading a script
        self.docker_login: tuple[Origin, str] | None = None
        # every variable name the env (any level) or the script sets, tainted or not
        self.declared: set[str] = set()
        # shell variables the script exported (a script file it runs inherits them)
        self.exported: set[str] = set()

    def source_origin(self, inner: str) -> Origin | None:
        """The taint source itself in an expression: here, the job token."""
        m = JOB_TOKEN.search(inner)
        if m:
            return Origin(re.sub(r"\s+", "", m.group(0)), JOB_LIFETIME)
        return None

    def expr_origin(self, inner: str) -> Origin | None:
        o = self.source_origin(inner)
        if o:
            return o
        for name in env_refs(inner) or ():
            if name in self.env:
                o = self.env[name]
                return Origin(f"env.{name} (set from {o.what})", o.lifetime)
        for sid, out in step_output_refs(inner):
            if sid in self.app_steps and out == "token":
                return Origin(f"steps.{sid}.outputs.token (from {self.app_steps[sid]})", APP_LIFETIME)
            o = self.outputs.get((sid, out))
            if o:
                return Origin(f"steps.{sid}.outputs.{out} (set from {o.what})", o.lifetime)
        if self.inputs:
            for a, b in _INPUT_REF.findall(inner):
                o = self.inputs.get((a or b).lower())
                if o:
                    return o
        if self.secrets:
            for a, b in _SECRET_REF.findall(inner):
                o = self.secrets.get((a or b).lower())
                if o:
                    return o
        return None

    def taints(self, text: str, shell: bool = False) -> list[Taint]:
        out: list[Taint] = []
        for start, end, inner in expressions(text):
            o = self.expr_origin(inner)
            if o:
                out.append(Taint(start, end, o))
        if shell:
            for m in SHELL_VAR.finditer(text):
                name = m.group(1) or m.group(2) or m.group(3)
                o = self.shell.get(name) or self.env.get(name)
                if o and not any(t.start <= m.start() < t.end for t in out):
                    shown = f"$env:{name}" if m.group(2) else f"${name}"
                    label = o.what if name in self.shell else f"{shown} (set from {o.what})"
                    out.append(Taint(m.start(), m.end(), Origin(label, o.lifetime)))
            opaque = _opaque_substitutions(text)
            if opaque:
                out = [t for t in out if not any(a <= t.start < b for a, b in opaque)]
            if "gh auth token" in text:
                # $(gh auth token) prints the token gh uses: GH_TOKEN, else GITHUB_TOKEN
                for a, b in substitutions(text):
                    if not _GH_AUTH_TOKEN.match(text, a, b) or any(t.start <= a < t.end for t in out):
                        continue
                    for name in ("GH_TOKEN", "GITHUB_TOKEN"):
                        o = self.shell.get(name) or self.env.get(name)
                        if o:
                            out.append(Taint(a, b, Origin(f"`gh auth token` (${name}, set from {o.what})", o.lifetime)))
                        if name in self.shell or name in self.env or name in self.declared:
                            break  # gh reads the first one that is set
            if self.docker_login and _DOCKER_CONFIG_READ.search(text):
                # $(cat ~/.docker/config.json | base64) after a login with the token
                origin, where = self.docker_login
                for a, b in substitutions(text):
                    if _DOCKER_CONFIG_READ.search(text, a, b) and not any(t.start <= a < t.end for t in out):
                        out.append(Taint(a, b, Origin(f"the docker config written by {where} with {origin.what}", origin.lifetime)))
        return out


class RemoteScope(Scope):
    """The scope of a script that runs on another host (``ssh host '...'``, an ssh action's
    ``script``): GitHub substitutes ``${{ }}`` expressions before anything runs, but its
    shell variables are the remote shell's: only those the job passes on (``passed``) and
    those the script sets itself."""

    def __init__(self, outer: Scope, passed: dict[str, Origin] | None = None):
        super().__init__(dict(passed or {}), outer.app_steps)
        self.expr_env = outer.env
        self.outputs, self.inputs, self.secrets = outer.outputs, outer.inputs, outer.secrets

    def expr_origin(self, inner: str) -> Origin | None:
        env = self.env
        self.env = self.expr_env  # ${{ env.X }} is the job's X
        try:
            return super().expr_origin(inner)
        finally:
            self.env = env


# ssh options that take the next word as their value
_SSH_VALUE_OPTS = frozenset("BbcDEeFIiJLlmOoPpQRSWw")


def ssh_remote_script(cmd: Command, scope: Scope) -> tuple[str, int, Scope] | None:
    """The script that ``ssh [options] host CMD`` runs on the host (or the heredoc fed to
    ``ssh host`` / ``ssh host bash -s``), its offset in the local script, and the scope it
    reads the token in: the local one where the local shell expands the text first (an
    unquoted or double-quoted command, an unquoted heredoc), else the remote one."""
    args = cmd.args[1:]
    k = 0
    while k < len(args) and args[k].text.startswith("-"):
        t = args[k].text
        k += 2 if len(t) == 2 and t[1] in _SSH_VALUE_OPTS else 1
    rest = args[k + 1 :]  # after the destination
    if k >= len(args):
        return None
    if not rest or [w.text for w in rest] in (["bash", "-s"], ["sh", "-s"], ["bash"], ["sh"]):
        if not cmd.heredoc:
            return None
        body, off = cmd.heredoc
        return body, off, (RemoteScope(scope) if cmd.heredoc_quoted else scope)
    if len(rest) == 1:
        w = rest[0]
        if len(w.raw) >= 2 and w.raw[0] in "'\"" and w.raw[-1] == w.raw[0] and w.raw[1:-1] == w.text:
            return w.text, w.start + 1, (scope if w.raw[0] == '"' else RemoteScope(scope))
    if cmd.heredoc or any(w.raw != w.text for w in rest):
        return None  # quoting the local shell removes: offsets would not be exact
    return _joined(rest), rest[0].start, scope


def _joined(words: list[Word]) -> str:
    """The words as one script, spaced as written from the first word's offset (unquoted
    words only: their text is their raw text)."""
    out = ""
    base = words[0].start
    for w in words:
        out += " " * (w.start - base - len(out)) + w.raw
    return out


# and `od`, which prints bytes as numbers or escapes: a token that goes through it is still
# disclosed (an outsider's line break does not reach $GITHUB_ENV as one: not in PASS_THROUGH)
_FILTERS = PASS_THROUGH | {"od"}


def _emits_input(inner: str) -> bool:
    """Does the command substitution ``$(inner)`` print what its commands were given (``echo
    $T``, ``printf %s $T | base64``, ``jq -n --arg t $T``) rather than what a program
    fetched with it (``curl -H "Authorization: token $T" ...``)?"""
    pipes = pipelines(parse_script(inner))
    if not pipes:
        return False
    return all(c.prog() in _FILTERS for c in pipes[-1])


def _opaque_substitutions(text: str) -> list[tuple[int, int]]:
    """Spans of the ``$(...)`` / backtick substitutions in ``text`` whose output is not the
    text they were given: a token in their arguments authenticates a call, it does not
    flow into the value. Substitutions that echo their input are searched inside."""
    if "$(" not in text and "`" not in text:
        return []
    out = []
    for i, end in substitutions(text):
        off = i + (2 if text[i] == "$" else 1)
        inner = text[off : end - 1]
        if not _emits_input(inner):
            out.append((i, end))
        else:
            out += [(off + a, off + b) for a, b in _opaque_substitutions(inner)]
    return out


# $(gh auth token) / `gh auth token`, with its own flags (-h HOST, --hostname HOST, -u USER)
_GH_AUTH_TOKEN = re.compile(r"(?:\$\(|`)\s*gh\s+auth\s+token(?:\s+-[-\w]+(?:[\s=][\w.-]+)?)*\s*(?:\)|`)")


def uses_of(step: LMap) -> str:
    u = step.get("uses")
    return u.split("@", 1)[0].lower() if isinstance(u, str) else ""


def env_origins(
    scope_env: dict[str, Origin],
    env: Any,
    inputs: dict[str, Origin] | None = None,
    secrets: dict[str, Origin] | None = None,
    scope_type: type | None = None,
) -> dict[str, Origin]:
    """``scope_env`` updated by an ``env:`` mapping: each variable set from a tainted value
    gets its origin, each one set from anything else loses it. ``scope_type`` (a Scope
    subclass) decides what is tainted."""
    out = dict(scope_env)
    if isinstance(env, LMap):
        probe = (scope_type or Scope)(out, {})
        probe.inputs = inputs or {}
        probe.secrets = secrets or {}
        for k, v in env.items():
            if isinstance(v, str):
                ts = probe.taints(v)
                if ts:
                    out[str(k)] = ts[0].origin
                elif str(k) in out:
                    del out[str(k)]
    return out


def _app_steps(steps: Any) -> dict[str, str]:
    out = {}
    if isinstance(steps, LSeq):
        for st in steps:
            if isinstance(st, LMap) and isinstance(st.get("id"), str) and uses_of(st) in APP_TOKEN_ACTIONS:
                out[st["id"]] = uses_of(st)
    return out


def _base_env(step: Step) -> dict[str, Origin]:
    env = env_origins({}, step.root.get("env"))
    if step.job is not None:
        env = env_origins(env, step.job.node.get("env"))
    return env


def caller_taints(step: Step, model: Any) -> tuple[dict[str, Origin], dict[str, Origin]]:
    """(inputs, secrets) of the reusable workflow that holds ``step`` which a local caller
    passes the job token in (``secrets: {registry-token: ${{ secrets.GITHUB_TOKEN }}}``,
    ``with: {token: ${{ github.token }}}``); the caller's token expires with the called job."""
    if model is None or step.job is None:
        return {}, {}
    index = model.extra.get("gha.token_callers")
    if index is None:
        index = model.extra["gha.token_callers"] = {}
        for wf in model.workflows:
            for job in wf.jobs():
                called = called_workflow(job, model)
                if called is None:
                    continue
                ins, secs = index.setdefault(called.file.rel, ({}, {}))
                for key, ctxname, out in (("with", "inputs", ins), ("secrets", "secrets", secs)):
                    given = job.node.get(key)
                    if not isinstance(given, LMap):
                        continue
                    for k, v in given.items():
                        if not isinstance(v, str):
                            continue
                        for _s, _e, inner in expressions(v):
                            m = JOB_TOKEN.search(inner)
                            if m:
                                what = re.sub(r"\s+", "", m.group(0))
                                out[str(k).lower()] = Origin(
                                    f"{ctxname}.{k} (passed {what} by job `{job.id}` of {wf.file.rel})", JOB_LIFETIME
                                )
                                break
    return index.get(step.file.rel, ({}, {}))


def action_caller_taints(step: Step, model: Any) -> dict[str, Origin]:
    """Inputs of the local composite action that holds ``step`` which a step of the project
    (``uses: ./.github/actions/x`` with ``with: {password: ${{ secrets.GITHUB_TOKEN }}}``,
    or an env variable or step output that carries it) passes a short-lived token in."""
    if model is None or step.job is not None:
        return {}
    index = model.extra.get("gha.action_token_callers")
    if index is None:
        index = model.extra["gha.action_token_callers"] = {}
        for caller in model.steps():
            given = caller.node.get("with")
            uses = caller.node.get("uses")
            if not isinstance(given, LMap) or not isinstance(uses, str) or not uses.startswith(("./", "$/")):
                continue
            unit = local_action(caller, model)
            if unit is None:
                continue
            scope = step_scope(caller)  # no model: callers of callers are not followed
            ins = index.setdefault(unit.rel, {})
            for k, v in given.items():
                if isinstance(v, str) and str(k).lower() not in ins:
                    ts = scope.taints(v)
                    if ts:
                        ins[str(k).lower()] = Origin(
                            f"inputs.{k} (passed {ts[0].origin.what} by the step at line "
                            f"{caller.span.line} of {caller.file.rel})",
                            ts[0].origin.lifetime,
                        )
    return index.get(step.file.rel, {})


def step_scope(step: Step, model: Any = None) -> Scope:
    env = _base_env(step)
    steps = step.parent
    flow = _job_flow(step)
    env_written, outputs = flow[step.index] if step.index < len(flow) else ({}, {})
    for name, o in env_written.items():
        if o is None:
            env.pop(name, None)
        else:
            env[name] = o
    app = step.memo.get("taint.app_steps")
    if app is None:  # once per job: every step asks (issue 11: quadratic in a job's steps)
        app = step.memo["taint.app_steps"] = _app_steps(steps)
    inputs, secrets = caller_taints(step, model) if step.job is not None else ({**_token_inputs(step.root), **action_caller_taints(step, model)}, {})
    if secrets or (inputs and step.job is not None):
        # the caller's token reaches the workflow and job env of the called workflow too
        env = env_origins({}, step.root.get("env"), inputs, secrets)
        env = env_origins(env, step.job.node.get("env"), inputs, secrets)
        for name, o in env_written.items():
            if o is None:
                env.pop(name, None)
            else:
                env[name] = o
    scope = Scope(env_origins(env, step.node.get("env"), inputs, secrets), app)
    for holder in (step.root, step.job.node if step.job is not None else None, step.node):
        e = holder.get("env") if isinstance(holder, LMap) else None
        if isinstance(e, LMap):
            scope.declared.update(str(k) for k in e)
    scope.declared.update(env_written)
    # app-token steps only exist after they ran
    scope.app_steps = {sid: a for sid, a in app.items() if _step_index(steps, sid) < step.index}
    scope.outputs = outputs
    scope.inputs = inputs
    scope.secrets = secrets
    return scope


_SECRET_REF = re.compile(r"\bsecrets\s*(?:\.\s*([A-Za-z_][A-Za-z0-9_-]*)|\[\s*'([^']+)'\s*\])", re.I)
_INPUT_REF = re.compile(r"\binputs\s*(?:\.\s*([A-Za-z_][A-Za-z0-9_-]*)|\[\s*'([^']+)'\s*\])", re.I)


def _token_inputs(root: Any) -> dict[str, Origin]:
    """Inputs of a composite action whose default is the job token
    (``default: ${{ github.token }}``): callers that rely on the default pass it."""
    out: dict[str, Origin] = {}
    inputs = root.get("inputs") if isinstance(root, LMap) else None
    if not isinstance(inputs, LMap):
        return out
    for name, spec in inputs.items():
        d = spec.get("default") if isinstance(spec, LMap) else None
        if isinstance(d, str):
            for _s, _e, inner in expressions(d):
                m = JOB_TOKEN.search(inner)
                if m:
                    what = re.sub(r"\s+", "", m.group(0))
                    out[str(name).lower()] = Origin(f"inputs.{name} (which defaults to {what})", JOB_LIFETIME)
                    break
    return out


_GH_FILE = re.compile(r"^\$\{?(GITHUB_ENV|GITHUB_OUTPUT)\}?$")


def _job_flow(step: Step) -> list[tuple[dict[str, Origin | None], dict[tuple[str, str], Origin]]]:
    """For each step index of the job (or composite action) of ``step``: the variables that
    earlier steps wrote to ``$GITHUB_ENV`` (None when the value is not a token) and the
    step outputs they wrote the token to (``$GITHUB_OUTPUT``, ``::set-output``). Computed
    once per job."""
    steps = step.parent
    cached = step.memo.get("taint.flow")
    if cached is not None:
        return cached
    base = _base_env(step)
    env_acc: dict[str, Origin | None] = {}
    out_acc: dict[tuple[str, str], Origin] = {}
    result = []
    for i, st in enumerate(steps):
        result.append((dict(env_acc), dict(out_acc)))
        if not isinstance(st, LMap) or not isinstance(st.get("run"), str):
            continue
        run = st["run"]
        if "GITHUB_ENV" not in run and "GITHUB_OUTPUT" not in run and "::set-output" not in run:
            continue
        env = dict(base)
        for name, o in env_acc.items():
            if o is None:
                env.pop(name, None)
            else:
                env[name] = o
        inputs = _token_inputs(step.root) if step.job is None else {}
        scope = Scope(env_origins(env, st.get("env"), inputs), {})
        scope.outputs = dict(out_acc)
        scope.inputs = inputs
        line = steps.item_span(i).line
        sid = st.get("id") if isinstance(st.get("id"), str) else None
        for kind, name, o in _file_writes(run, scope):
            if kind == "GITHUB_ENV":
                env_acc[name] = Origin(f"{o.what}, written to $GITHUB_ENV by the step at line {line}", o.lifetime) if o else None
            elif sid and o:
                out_acc[(sid, name)] = o
            elif sid:
                out_acc.pop((sid, name), None)
    step.memo["taint.flow"] = result
    return result


def _file_writes(script: str, scope: Scope) -> list[tuple[str, str, Origin | None]]:
    """("GITHUB_ENV" or "GITHUB_OUTPUT", name, token origin or None) for each
    ``echo "NAME=value" >> $GITHUB_ENV`` (or ``$GITHUB_OUTPUT``, ``printf``,
    ``::set-output name=NAME::value``) of a script."""
    out: list[tuple[str, str, Origin | None]] = []
    for cmd in parse_script(script):
        assign(cmd, scope)
        prog = cmd.prog()
        if prog not in ("echo", "printf"):
            continue
        words = [w for w in cmd.args[1:] if not (prog == "echo" and w.text in ("-n", "-e", "-E", "-ne", "-en"))]
        if not words:
            continue
        targets = [m.group(1) for op, w in cmd.redirects if ">" in op for m in [_GH_FILE.match(w.raw.strip("\"'"))] if m]
        first = words[0].text
        ts = word_taints(words, scope)
        o = ts[0].origin if ts else None
        if first.startswith("::set-output name="):
            name = first[len("::set-output name=") :].split("::", 1)[0]
            out.append(("GITHUB_OUTPUT", name, o))
            continue
        if not targets:
            continue
        name, eq, _ = first.partition("=")
        if eq and re.fullmatch(r"[A-Za-z_][A-Za-z0-9_-]*", name):
            out.append((targets[0], name, o))
    return out


def _step_index(steps: LSeq, sid: str) -> int:
    for i, st in enumerate(steps):
        if isinstance(st, LMap) and st.get("id") == sid:
            return i
    return 1 << 30


def earlier_logins(step: Step) -> list[tuple[Origin, str]]:
    """Registry logins with a short-lived token in earlier steps of the same job."""
    return [login for i, login in _job_logins(step) if i < step.index]


def _job_logins(step: Step) -> list[tuple[int, tuple[Origin, str]]]:
    """(step index, login) for every step of the job of ``step``, computed once per job
    (every run step asks, so recomputing per step would be quadratic)."""
    cached = step.memo.get("taint.logins")
    if cached is not None:
        return cached
    out: list[tuple[int, tuple[Origin, str]]] = []
    for i, st in enumerate(step.parent):
        if not isinstance(st, LMap):
            continue
        sub = Step(step.file, step.root, step.job, st, i, step.parent)
        scope = step_scope(sub)
        if uses_of(st) in LOGIN_ACTIONS and isinstance(st.get("with"), LMap):
            pw = st["with"].get("password")
            if isinstance(pw, str):
                ts = scope.taints(pw)
                if ts:
                    out.append((i, (ts[0].origin, f"the {uses_of(st)} step at line {sub.span.line}")))
        run = st.get("run")
        if isinstance(run, str):
            for o, _ in _script_logins(run, scope):
                out.append((i, (o, f"the registry login in the step at line {sub.span.line}")))
    step.memo["taint.logins"] = out
    return out


def _script_logins(script: str, scope: Scope) -> list[tuple[Origin, int]]:
    out = []
    for pipe in pipelines(parse_script(script)):
        for ci, cmd in enumerate(pipe):
            assign(cmd, scope)
            o = _login_origin(cmd, pipe[:ci], scope)
            if o:
                out.append((o, cmd.words[0].start))
    return out


def assign(cmd: Command, scope: Scope) -> None:
    words = cmd.words
    if words and words[0].text == "export":
        scope.exported.update(w.text.split("=", 1)[0] for w in words[1:])
    if words and words[0].text in ("export", "local", "declare", "readonly"):
        words = words[1:]
    if not words or words[0].assignment() is None:
        return
    for w in words:
        a = w.assignment()
        if a is None:
            break
        name, value, _ = a
        scope.declared.add(name)
        ts = scope.taints(value, shell=True)
        login = getattr(scope, "docker_login", None)
        if ts:
            scope.shell[name] = Origin(f"${name} (set from {ts[0].origin.what})", ts[0].origin.lifetime)
        elif login and _DOCKER_CONFIG_READ.search(value):
            # DOCKERCFG=$(base64 -w0 ~/.docker/config.json) after a login with the token
            origin, where = login
            scope.shell[name] = Origin(f"${name} (the docker config written by {where} with {origin.what})", origin.lifetime)
        else:
            scope.shell.pop(name, None)


def _single_quoted(raw: str) -> list[tuple[int, int]]:
    """Spans of the single-quoted parts of a shell word (where ``$VAR`` stays literal)."""
    out = []
    i = 0
    dq = False
    n = len(raw)
    while i < n:
        c = raw[i]
        if raw.startswith("${{", i):
            j = raw.find("}}", i + 3)
            i = n if j == -1 else j + 2
            continue
        if c == "\\" and not dq:
            i += 2
            continue
        if c == '"':
            dq = not dq
        elif c == "'" and not dq:
            j = raw.find("'", i + 1)
            j = n if j == -1 else j
            out.append((i, j))
            i = j + 1
            continue
        i += 1
    return out


def word_taints(words: Iterable[Word], scope: Scope) -> list[Taint]:
    out = []
    for w in words:
        quoted = _single_quoted(w.raw) if "'" in w.raw else []
        for t in scope.taints(w.raw, shell=True):
            if quoted and not w.raw.startswith("${{", t.start) and any(a < t.start < b for a, b in quoted):
                continue  # '$T' is the literal text $T
            out.append(Taint(w.start + t.start, w.start + t.end, t.origin))
    return out


def _login_origin(cmd: Command, before: list[Command], scope: Scope) -> Origin | None:
    argv = cmd.argv
    if not argv:
        return None
    prog = cmd.prog()
    is_login = (prog in ("docker", "podman", "buildah", "oras", "skopeo", "crane") and "login" in argv[1:3]) or (
        prog == "helm" and argv[1:3] == ["registry", "login"]
    )
    if not is_login:
        return None
    ts = word_taints(cmd.args, scope)
    if not ts and "--password-stdin" in argv:
        ts = [t for c in before for t in word_taints(c.args, scope)]
        if not ts:
            ts = _heredoc_taints(cmd, scope) + _herestring_taints(cmd, scope)
    return ts[0].origin if ts else None


# -- sinks in scripts --------------------------------------------------------------------
def secret_type(argv: list[str]) -> str:
    # kubectl create secret <type> NAME
    v = kube_verbs(argv)
    return v[2] if len(v) > 2 and v[:2] == ["create", "secret"] else ""


# kubectl / oc global flags that take a value in the next word (``-n prod``)
_KUBE_VALUE_FLAGS = frozenset((
    "-n", "--namespace", "--context", "--kubeconfig", "--cluster", "--user", "-s", "--server",
    "--token", "--as", "--as-group", "--as-uid", "--request-timeout", "--certificate-authority",
    "--client-certificate", "--client-key", "--tls-server-name", "--cache-dir", "--profile",
    "--username", "--password", "-v", "--v",
))


def kube_verbs(argv: list[str]) -> list[str]:
    """The positional words of a kubectl/oc command line after the program, skipping
    global flags and their values (``kubectl -n prod --context x create secret``)."""
    out = []
    skip = False
    for a in argv[1:]:
        if skip:
            skip = False
            continue
        if a.startswith("-"):
            skip = a in _KUBE_VALUE_FLAGS
            continue
        out.append(a)
    return out


def _is_create_secret(argv: list[str]) -> bool:
    return len(argv) > 2 and argv[0] in ("kubectl", "oc") and kube_verbs(argv)[:2] == ["create", "secret"]


DOCKER_CONFIG = re.compile(r"(\.dockerconfigjson|\.dockercfg|config\.json|auth\.json)")
# a command substitution that reads the docker config a login wrote
_DOCKER_CONFIG_READ = re.compile(r"(\.docker/config\.json|\$\{?DOCKER_CONFIG\b|containers/auth\.json)")


_SECRET_STORES = (
    (("flux", "create", "secret"), "a Flux secret in the cluster (`flux create secret`)"),
    (("argocd", "repo", "add"), "Argo CD repository credentials (`argocd repo add`)"),
    (("argocd", "repocreds", "add"), "Argo CD repository credentials (`argocd repocreds add`)"),
    (("kustomize", "edit", "add", "secret"), "a kustomize secretGenerator (`kustomize edit add secret`)"),
    (("docker", "secret", "create"), "a Docker Swarm secret (`docker secret create`)"),
    (("heroku", "config:set"), "Heroku config vars (`heroku config:set`)"),
    (("fly", "secrets", "set"), "Fly.io secrets (`fly secrets set`)"),
    (("flyctl", "secrets", "set"), "Fly.io secrets (`flyctl secrets set`)"),
    (("doppler", "secrets", "set"), "Doppler (`doppler secrets set`)"),
    (("az", "keyvault", "secret", "set"), "Azure Key Vault (`az keyvault secret set`)"),
    (("aws", "secretsmanager", "create-secret"), "AWS Secrets Manager"),
    (("aws", "secretsmanager", "put-secret-value"), "AWS Secrets Manager"),
    (("aws", "ssm", "put-parameter"), "AWS SSM Parameter Store"),
    (("gcloud", "secrets", "create"), "Google Secret Manager"),
    (("gcloud", "secrets", "versions", "add"), "Google Secret Manager"),
    (("vault", "kv", "put"), "HashiCorp Vault"),
    (("vault", "write"), "HashiCorp Vault"),
)


def _secret_store(argv: list[str]) -> str | None:
    words = [a for a in argv if not a.startswith("-")]
    if words:
        words[0] = words[0].rsplit("/", 1)[-1]
    for prefix, name in _SECRET_STORES:
        if tuple(words[: len(prefix)]) == prefix:
            return name if name.startswith("a ") or name.startswith("Argo") else f"a secret store ({name})"
    return None


_KUBE_AUTH = ("--token", "--password", "--username")  # credentials kubectl itself uses


def _without_kube_auth(args: list[Word]) -> list[Word]:
    """Arguments of a kubectl command without the credentials kubectl uses to connect
    (``--token $T`` authenticates the call, it is not stored)."""
    return [
        w
        for k, w in enumerate(args)
        if not w.text.startswith(_KUBE_AUTH) and not (k and args[k - 1].text in _KUBE_AUTH)
    ]


def from_file_words(args: list[Word]) -> list[Word]:
    """The words holding the values of ``--from-file`` / ``--from-env-file`` options, in
    both spellings (``--from-file=k=path`` and ``--from-file k=path``)."""
    out = []
    for k, w in enumerate(args):
        for opt in ("--from-file", "--from-env-file"):
            if w.text.startswith(opt + "="):
                out.append(w)
            elif w.text == opt and k + 1 < len(args):
                out.append(args[k + 1])
    return out


def reads_stdin_manifest(args: list[Word]) -> bool:
    for k, w in enumerate(args):
        t = w.text
        if t in ("-f", "--filename") and k + 1 < len(args) and args[k + 1].text in ("-", "/dev/stdin"):
            return True
        if t in ("-f-", "--filename=-", "-f=-", "--filename=/dev/stdin", "-f/dev/stdin"):
            return True
    return False


def _heredoc_taints(cmd: Command, scope: Scope) -> list[Taint]:
    if not cmd.heredoc:
        return []
    body, off = cmd.heredoc
    # a quoted delimiter (<<'EOF') keeps $VAR literal; ${{ }} is substituted before the shell
    return [Taint(off + t.start, off + t.end, t.origin) for t in scope.taints(body, shell=not cmd.heredoc_quoted)]


def _herestring_taints(cmd: Command, scope: Scope) -> list[Taint]:
    return word_taints([w for op, w in cmd.redirects if op == "<<<"], scope)


def _stdin_taints(pipe: list[Command], ci: int, scope: Scope) -> list[Taint]:
    """Tokens in what ``pipe[ci]`` reads on stdin: its own heredoc or here-string, or what
    earlier commands of its pipeline emit (``echo``/``printf`` arguments, heredocs and
    here-strings fed through ``cat``, ``base64``, ``envsubst``...). Arguments of other
    commands (``curl -H "Authorization: $T" ... |``) only authenticate the call."""
    ts = _heredoc_taints(pipe[ci], scope) + _herestring_taints(pipe[ci], scope)
    for c in pipe[:ci]:
        if c.prog() in ("echo", "printf"):
            ts += word_taints(c.args[1:], scope)
        elif c.prog() in _IN_PLACE:
            # sed "s/__TOKEN__/$T/" regcred.yaml | kubectl apply -f -: the edit's text is output
            ts += _edit_script_taints(c, scope)
        elif c.prog() == "printenv":
            for w in c.args[1:]:
                o = scope.shell.get(w.text) or scope.env.get(w.text)
                if o:
                    ts.append(Taint(w.start, w.end, Origin(f"${w.text} (set from {o.what})", o.lifetime)))
        ts += _heredoc_taints(c, scope) + _herestring_taints(c, scope)
    return ts


_NOT_FILES = re.compile(r"^(/dev/|\$\{?(GITHUB_ENV|GITHUB_OUTPUT|GITHUB_PATH|GITHUB_STEP_SUMMARY|GITHUB_STATE)\b)")
_EMITTERS = ("echo", "printf", "cat")


# in-place editors: program -> (options that take the next word as their value, options
# whose value is the edit script itself, so that every positional word is a file)
_IN_PLACE = {
    "sed": (("-l", "--line-length"), ("-e", "--expression", "-f", "--file")),
    "gsed": (("-l", "--line-length"), ("-e", "--expression", "-f", "--file")),
    "perl": (("-I", "-M", "-m"), ("-e", "-E")),
    "yq": (("-o", "--output-format", "-p", "--input-format", "-I", "--indent"), ("--from-file",)),
}


def _in_place(cmd: Command, prog: str) -> bool:
    for w in cmd.args[1:]:
        t = w.text
        if t in ("--in-place", "--inplace") or t.startswith("--in-place="):
            return True
        if prog == "perl":
            if re.fullmatch(r"-[a-zA-Z]*i.*", t) and not t.startswith(("-I", "-M", "-m", "-e", "-E")):
                return True
        elif re.fullmatch(r"-[a-zA-Z]*i[^ ]*", t) and (prog != "yq" or t in ("-i", "-iP")):
            return True
    return False


def in_place_edits(cmd: Command, scope: Scope) -> list[tuple[str, Word, list[Taint]]]:
    """Files that ``sed -i``, ``perl -pi -e`` or ``yq -i`` edit with a token in the edit
    (``sed -i "s/__TOKEN__/${{ secrets.GITHUB_TOKEN }}/" k8s/regcred.yaml``): the
    positional words after the edit script."""
    prog = cmd.prog()
    if prog not in _IN_PLACE or not _in_place(cmd, prog):
        return []
    script, positional = _edit_words(cmd, prog)
    ts = word_taints(script, scope) + _yq_env_taints(prog, script, scope)
    if not ts:
        return []
    return [(w.text, w, ts) for w in positional if w.text and not _NOT_FILES.match(w.raw)]


# yq reads environment variables itself: strenv(NAME), env(NAME)
_YQ_ENV = re.compile(r"\b(?:str)?env\(\s*([A-Za-z_][A-Za-z0-9_]*)\s*\)")


def _yq_env_taints(prog: str, script: list[Word], scope: Scope) -> list[Taint]:
    """``yq '.password = strenv(T)'``: the variable's value goes into the output."""
    if prog != "yq":
        return []
    out = []
    for w in script:
        for m in _YQ_ENV.finditer(w.raw):
            name = m.group(1)
            o = scope.shell.get(name) or scope.env.get(name)
            if o:
                label = o.what if name in scope.shell else f"${name} (set from {o.what})"
                out.append(Taint(w.start + m.start(), w.start + m.end(), Origin(f"{label} through yq's `{m.group(0)}`", o.lifetime)))
    return out


def _edit_script_taints(cmd: Command, scope: Scope) -> list[Taint]:
    """Tokens in the edit script of ``sed``/``perl``/``yq`` (what they write into their
    output), not in the names of the files they read."""
    script = _edit_words(cmd, cmd.prog())[0]
    return word_taints(script, scope) + _yq_env_taints(cmd.prog(), script, scope)


def _edit_words(cmd: Command, prog: str) -> tuple[list[Word], list[Word]]:
    """(the words of the edit script, the file words) of an editor's command line."""
    value_opts, script_opts = _IN_PLACE[prog]
    args = cmd.args[1:]
    script: list[Word] = []
    positional: list[Word] = []
    k = 0
    while k < len(args):
        w = args[k]
        t = w.text
        if t in value_opts or t in script_opts:
            if k + 1 < len(args) and t in script_opts:
                script.append(args[k + 1])  # the value of a value option is neither
            k += 2
            continue
        if t.startswith("--") and "=" in t:
            if t.split("=", 1)[0] in script_opts:
                script.append(w)
        elif prog == "sed" and t == "-i" and k + 1 < len(args) and args[k + 1].raw in ("''", '""'):
            k += 1  # BSD sed: -i '' (no backup suffix)
        elif prog == "perl" and re.fullmatch(r"-[a-zA-Z]*e", t) and k + 1 < len(args):
            script.append(args[k + 1])  # -pie 's/../../'
            k += 2
            continue
        elif not t.startswith("-") or t == "-":
            positional.append(w)
        k += 1
    if prog == "yq" and positional and positional[0].text in ("e", "eval", "ea", "eval-all"):
        positional = positional[1:]
    if not script and positional:
        script, positional = positional[:1], positional[1:]
    return script, positional


def _written_files(pipe: list[Command], ci: int, scope: Scope) -> list[tuple[str, Word, list[Taint]]]:
    """Files that command ``pipe[ci]`` writes with a token in them: ``echo $T > f``,
    ``cat > f <<EOF ... $T``, ``echo $T | tee f``, ``printf %s $T | base64 >> f``, and the
    files an in-place editor changes (``sed -i "s/x/$T/" f``)."""
    cmd = pipe[ci]
    out: list[tuple[str, Word, list[Taint]]] = in_place_edits(cmd, scope)
    head = pipe[0]
    ts: list[Taint] = []
    if head.prog() in _EMITTERS:
        ts = word_taints(head.args[1:], scope)
        if not ts:
            ts = _heredoc_taints(head, scope) + _herestring_taints(head, scope)
    if not ts:
        return out
    targets = [w for op, w in cmd.redirects if ">" in op]
    if cmd.prog() == "tee" and ci > 0:
        targets += [w for w in cmd.args[1:] if not w.text.startswith("-")]
    for w in targets:
        if not _NOT_FILES.match(w.raw) and w.text:
            out.append((w.text, w, ts))
    return out


# actions and commands that start a throwaway cluster on the runner: objects created in it
# die with the job, so the job token stored there does not outlive it
LOCAL_CLUSTER_ACTIONS = (
    "helm/kind-action", "engineerd/setup-kind", "container-tools/kind-action", "absaoss/k3d-action",
    "nolar/setup-k3d-k3s", "medyagh/setup-minikube", "manusa/actions-setup-minikube",
    "debianmaster/actions-k3s", "balchua/microk8s-actions", "jupyterhub/action-k3s-helm",
)


def starts_local_cluster(argv: list[str]) -> bool:
    prog = argv[0].rsplit("/", 1)[-1] if argv else ""
    words = [a for a in argv[1:] if not a.startswith("-")]
    return (
        (prog in ("kind", "ctlptl") and words[:2] == ["create", "cluster"])
        or (prog == "k3d" and words[:2] == ["cluster", "create"])
        or (prog == "minikube" and words[:1] == ["start"])
        or (prog == "microk8s" and words[:1] in (["start"], ["install"]))
    )


def local_cluster_before(step: Step) -> bool:
    """Whether an earlier step of the job starts a throwaway cluster on the runner (kind,
    k3d, minikube): kubectl and helm then talk to a cluster that dies with the job."""
    first = step.memo.get("taint.local_cluster_first", False)
    if first is False:  # once per job: the first step that starts one (every step asks)
        first = step.memo["taint.local_cluster_first"] = _first_local_cluster(step.parent)
    return first is not None and first < step.index


def _first_local_cluster(steps: Any) -> int | None:
    for i, st in enumerate(steps):
        if not isinstance(st, LMap):
            continue
        if uses_of(st) in LOCAL_CLUSTER_ACTIONS:
            return i
        run = st.get("run")
        if isinstance(run, str) and any(starts_local_cluster(c.argv) for c in parse_script(run)):
            return i
    return None


class FileScope(Scope):
    """The scope of a script file a step runs (``./deploy.sh``): GitHub substitutes no
    ``${{ }}`` in files, and the script sees only the exported variables: the env and what
    the calling script exported."""

    def __init__(self, outer: Scope):
        env = dict(outer.env)
        env.update({k: o for k, o in outer.shell.items() if k in outer.exported})
        super().__init__(env, {})

    def expr_origin(self, inner: str) -> Origin | None:
        return None


def script_file_call(cmd: Command) -> Word | None:
    """The word naming the script file a command runs: ``./deploy.sh``, ``scripts/x.sh``,
    ``bash scripts/x.sh``, ``sh -e ./x``, ``source x.sh`` / ``. x.sh``; None otherwise (and
    for a path with a variable or an expression)."""
    args = cmd.args
    if not args:
        return None
    prog = args[0].text
    w = None
    if prog in ("bash", "sh", "zsh", "dash", "source", "."):
        rest = args[1:]
        if prog in ("bash", "sh", "zsh", "dash"):
            if any(a.text in ("-c", "-s") for a in rest):
                return None
            rest = [a for a in rest if not a.text.startswith("-")]
        w = rest[0] if rest else None
    elif prog.startswith("./") or ("/" in prog and not prog.startswith("/") and prog.endswith(".sh")):
        w = args[0]
    if w is None or "$" in w.raw or "`" in w.raw or not w.text:
        return None
    return w


def script_sinks(
    script: str,
    scope: Scope,
    logins: list[tuple[Origin, str]],
    writes: list[tuple[str, list[Taint], int]] | None = None,
    local_cluster: bool = False,
    read_file: Any = None,
) -> list[tuple[Taint, str, str]]:
    """(taint, sink description, consequence) for each token that a script stores.
    ``writes``, when given, receives (file path, taints, offset of the writing command) for
    each file the script writes the token into. With ``local_cluster`` (or once the script
    starts one), cluster objects and Helm releases are not sinks: the cluster dies with the
    job. ``read_file(path)``, when given, returns the text of a script file the script runs
    (``./deploy.sh``), read with the variables it inherits; its sinks are reported at the
    word that runs it."""
    out: list[tuple[Taint, str, str]] = []
    logins = list(logins)
    pull = (
        "every pod that starts later (a reschedule, a scale-up, a new node) cannot pull its "
        "image and stays in ImagePullBackOff"
    )
    for pipe in pipelines(parse_script(script)):
        for ci, cmd in enumerate(pipe):
            scope.docker_login = logins[-1] if logins else None
            assign(cmd, scope)
            if writes is not None:
                for path, _w, ts in _written_files(pipe, ci, scope):
                    writes.append((path, ts, cmd.words[0].start))
            argv = cmd.argv
            if not argv:
                continue
            prog = cmd.prog()
            o = _login_origin(cmd, pipe[:ci], scope)
            if o:
                logins.append((o, "the registry login earlier in this script"))
                continue
            if starts_local_cluster(argv):
                local_cluster = True
                continue
            if prog in ("sh", "bash", "zsh", "dash") and "-c" in argv[1:-1]:
                # bash -c "kubectl create secret ... $T": the inner script, at its offsets
                w = cmd.args[argv.index("-c", 1) + 1]
                if len(w.raw) >= 2 and w.raw[0] in "'\"" and w.raw[-1] == w.raw[0] and w.raw[1:-1] == w.text:
                    inner = Scope(scope.env, scope.app_steps)
                    inner.shell = {k: v for k, v in scope.shell.items() if k in scope.env}
                    inner.outputs, inner.inputs, inner.secrets = scope.outputs, scope.inputs, scope.secrets
                    for t, sink, conseq in script_sinks(w.text, inner, logins, None, local_cluster):
                        out.append((Taint(w.start + 1 + t.start, w.start + 1 + t.end, t.origin), sink, conseq))
                continue
            if read_file is not None:
                w = script_file_call(cmd)
                text = read_file(w.text) if w is not None else None
                if text:
                    for t, sink, conseq in script_sinks(text, FileScope(scope), logins, None, local_cluster):
                        line = text.count("\n", 0, t.start) + 1
                        what = f"{t.origin.what} in `{w.text}` line {line}"
                        out.append((Taint(w.start, w.end, Origin(what, t.origin.lifetime)), sink, conseq))
                    continue
            if prog == "ssh":
                # ssh host "kubectl create secret ... $T": the remote script, at its offsets
                remote = ssh_remote_script(cmd, scope)
                if remote is not None:
                    text, off, inner_scope = remote
                    if inner_scope is scope:
                        inner_scope = Scope(scope.env, scope.app_steps)
                        inner_scope.shell = dict(scope.shell)
                        inner_scope.outputs, inner_scope.inputs, inner_scope.secrets = scope.outputs, scope.inputs, scope.secrets
                    for t, sink, conseq in script_sinks(text, inner_scope, [], None, False):
                        out.append((Taint(off + t.start, off + t.end, t.origin), sink, conseq))
                continue
            if local_cluster and prog in ("kubectl", "oc", "helm", "flux", "argocd", "kustomize"):
                continue
            kube = kube_verbs(argv) if prog in ("kubectl", "oc") else []
            if prog in ("kubectl", "oc") and kube[:1] in (["apply"], ["create"], ["replace"]) and reads_stdin_manifest(cmd.args):
                # a manifest fed on stdin: a heredoc, a here-string, or `cat <<EOF |` / `echo |`
                for t in _stdin_taints(pipe, ci, scope):
                    out.append((t, "a manifest applied to the cluster", "the object keeps the dead token"))
                continue
            if _is_create_secret([prog] + argv[1:]):
                stype = secret_type(argv)
                sink = f"a Kubernetes Secret (`{prog} create secret {stype}`)"
                conseq = pull if stype == "docker-registry" else "whatever reads this Secret later gets a dead token (401/403)"
                ts = word_taints(_without_kube_auth(cmd.args), scope)
                if any("/dev/stdin" in w.text or "/dev/fd/0" in w.text for w in cmd.args):
                    ts += _stdin_taints(pipe, ci, scope)
                for t in ts:
                    out.append((t, sink, conseq))
                if logins:
                    for w in from_file_words(cmd.args):
                        if DOCKER_CONFIG.search(w.text):
                            origin, where = logins[-1]
                            out.append(
                                (
                                    Taint(w.start, w.end, Origin(f"the docker config written by {where} with {origin.what}", origin.lifetime)),
                                    sink,
                                    pull,
                                )
                            )
                continue
            if prog == "gh" and len(argv) > 2 and argv[1] in ("secret", "variable") and argv[2] == "set":
                sink = f"a repository {argv[1]} (`gh {argv[1]} set`)"
                conseq = "every later workflow that reads it gets a dead token"
                ts = word_taints(cmd.args, scope) or _stdin_taints(pipe, ci, scope)
                for t in ts:
                    out.append((t, sink, conseq))
                continue
            if prog in ("kubectl", "oc") and kube and (
                kube[0] in ("create", "patch", "annotate", "label") or kube[:2] == ["set", "env"]
            ):
                # any other cluster object that keeps the value (a ConfigMap, an env var of a
                # Deployment, an annotation)
                ts = word_taints(_without_kube_auth(cmd.args), scope)
                ts += _heredoc_taints(cmd, scope) + _herestring_taints(cmd, scope)
                for t in ts:
                    out.append((t, f"a Kubernetes object (`{prog} {' '.join(kube[:2])}`)", "whatever reads it later gets a dead token (401/403)"))
                continue
            store = _secret_store(argv)
            if store and not (prog == "flux" and "--export" in argv):  # --export only prints the YAML
                ts = word_taints(cmd.args, scope) or _stdin_taints(pipe, ci, scope)
                for t in ts:
                    out.append((t, store, "whatever reads the stored secret later gets a dead token (401/403)"))
                continue
            if prog == "helm" and any(a in ("install", "upgrade", "template") for a in argv[1:3]):
                args = cmd.args
                for i, w in enumerate(args):
                    opt, eq, _ = w.text.partition("=")
                    if opt not in ("--set", "--set-string", "--set-literal", "--set-json"):
                        continue
                    target = [w] if eq else args[i + 1 : i + 2]
                    for t in word_taints(target, scope):
                        out.append((t, "Helm release values (`helm --set`)", "the release keeps the dead token, and the pull secret or client it configures fails once it expires"))
                continue
    return out


# -- files that leave the job ------------------------------------------------------------
COMMIT_ACTIONS = (
    "stefanzweifel/git-auto-commit-action",
    "endbug/add-and-commit",
    "peter-evans/create-pull-request",
    "ad-m/github-push-action",
    "github-actions-x/commit",
)
UPLOAD_ACTIONS = ("actions/upload-artifact",)
FILE_FIX = (
    "do not write the token into files that leave the job; let whatever reads the file later "
    "use its own credential (a repository secret, a read-only PAT or a deploy key)"
)


_WORKSPACE = re.compile(r"^(?:\$\{\{\s*github\s*\.\s*workspace\s*\}\}|\$\{?GITHUB_WORKSPACE\}?)(?:/|$)", re.I)


def _norm_path(p: str) -> str:
    p = p.strip().strip("'\"")
    p = _WORKSPACE.sub("", p)  # the workspace is where relative paths start
    while p.startswith("./"):
        p = p[2:]
    return p.rstrip("/")


def _path_covers(entry: str, path: str) -> bool:
    """An upload-artifact ``path`` entry (file, folder or glob) includes ``path``."""
    e = _norm_path(entry)
    p = _norm_path(path)
    if not e or e.startswith("!"):
        return False
    if e in (".", "*", "**", "**/*"):
        return True
    if e == p or p.startswith(e + "/"):
        return True
    return fnmatch.fnmatch(p, e) or fnmatch.fnmatch(p.rsplit("/", 1)[-1], e)


def _uploaded(entries: list[str], path: str) -> bool:
    """upload-artifact ``path`` lines include ``path``: the last matching line wins, and a
    ``!pattern`` line excludes."""
    included = False
    for e in entries:
        if e.startswith("!"):
            if _path_covers(e[1:], path):
                included = False
        elif _path_covers(e, path):
            included = True
    return included


def _git_adds(cmds: list[Command], path: str) -> bool:
    p = _norm_path(path)
    for cmd in cmds:
        argv = [w.text for w in cmd.args]
        if len(argv) < 2 or argv[0] != "git":
            continue
        if argv[1] == "add":
            for a in argv[2:]:
                if a in ("-A", "--all", ".", "*", "-u") or _path_covers(a, p):
                    return True
        if argv[1] == "commit" and any(a in ("-a", "--all") or (a.startswith("-") and not a.startswith("--") and "a" in a) for a in argv[2:]):
            return True
    return False


def _pushes(cmds: list[Command]) -> bool:
    return any([w.text for w in c.args[:2]] == ["git", "push"] for c in cmds)


_OUTSIDE = re.compile(r"^(/|~|\$\{?(HOME|RUNNER_TEMP|TMPDIR|TEMP|TMP|RUNNER_TOOL_CACHE)\b)")


def _in_workspace(path: str) -> bool:
    """Could ``path`` be inside the checked-out repository (and so be committed)? Absolute
    paths, the home folder and the runner's temporary folders are not."""
    return not _OUTSIDE.match(_norm_path(path))


def _applies(entry: str, path: str, recursive: bool) -> bool:
    """``kubectl apply -f entry`` reads ``path``: the file itself, or a folder that holds it
    (its files directly, or at any depth with ``-R``)."""
    e = _norm_path(entry)
    if e == path:
        return True
    if e in ("", ".") and "$" not in path:
        rest = path
    elif path.startswith(e + "/"):
        rest = path[len(e) + 1 :]
    else:
        return False
    return (recursive or "/" not in rest) and rest.endswith((".yaml", ".yml", ".json"))


def _file_consumer(cmds: list[Command], path: str, cluster: bool = True) -> tuple[str, str, str] | None:
    """A command that stores the contents of ``path`` where it outlives the job: a
    Kubernetes Secret (``--from-file``, ``--from-env-file``), a manifest applied from the
    file (or from its folder), or a repository secret (``gh secret set < path``,
    ``--env-file path``). Without ``cluster`` (the job talks to a throwaway cluster on the
    runner), kubectl and helm store nothing that outlives the job."""
    p = _norm_path(path)
    for cmd in pipelines(cmds):
        for ci, c in enumerate(cmd):
            argv = c.argv
            if not argv:
                continue
            prog = c.prog()
            if not cluster and prog in ("kubectl", "oc", "helm"):
                continue
            reads = [w.text for op, w in c.redirects if op == "<"]
            if ci > 0 and cmd[0].prog() == "cat":
                reads += [w.text for w in cmd[0].args[1:] if not w.text.startswith("-")]
            if prog in ("kubectl", "oc"):
                verbs = kube_verbs(argv)
                if verbs[:2] == ["create", "secret"]:
                    for w in from_file_words(c.args):
                        value = w.text.split("=", 2)[-1] if w.text.startswith("--") else w.text
                        value = value.split("=", 1)[-1] if "=" in value else value
                        if _norm_path(value) == p:
                            return (
                                f"`{path}`, which `{prog} create secret {secret_type(argv)}` then stores in a Kubernetes Secret",
                                "whatever reads this Secret later gets a dead token (401/403)",
                                FIX,
                            )
                if verbs[:1] in (["apply"], ["create"], ["replace"]):
                    files = [v.text[len(n) + 1 :] if v.text.startswith(n + "=") else v.text
                             for n, v, _ in option_values(c.args, "-f", "--filename")]
                    recursive = any(w.text in ("-R", "--recursive") for w in c.args)
                    if any(_applies(f, p, recursive) for f in files):
                        return (
                            f"`{path}`, which `{prog} {verbs[0]} -f` applies to the cluster",
                            "the object keeps the dead token",
                            FIX,
                        )
            if prog == "helm" and any(a in ("install", "upgrade") for a in argv[1:3]):
                files = [v.text for _, v, _ in option_values(c.args, "-f", "--values")]
                files += [v.text.split("=", 1)[-1] for _, v, _ in option_values(c.args, "--set-file")]
                if any(_norm_path(f.split("=", 1)[-1] if f.startswith("--") else f) == p for f in files):
                    return (
                        f"`{path}`, which `helm {'install' if 'install' in argv[1:3] else 'upgrade'}` keeps in the release values",
                        "the release keeps the dead token, and the pull secret or client it configures fails once it expires",
                        FIX,
                    )
            if prog == "gh" and len(argv) > 2 and argv[1] in ("secret", "variable") and argv[2] == "set":
                files = reads + [v.text for _, v, _ in option_values(c.args, "-f", "--env-file")]
                if any(_norm_path(f) == p for f in files):
                    return (
                        f"`{path}`, which `gh {argv[1]} set` then stores as a repository {argv[1]}",
                        "every later workflow that reads it gets a dead token",
                        FIX,
                    )
    return None


def file_sinks(step: Step, script: str, writes: list[tuple[str, list[Taint], int]]) -> list[tuple[Taint, str, str, str]]:
    """Tokens written into files that are then uploaded as artifacts, or committed and
    pushed, by this script or a later step of the job."""
    if not writes:
        return []
    cmds = parse_script(script)
    cluster = not local_cluster_before(step) and not any(starts_local_cluster(c.argv) for c in cmds)
    later = [
        (i, st) for i, st in enumerate(step.parent) if i > step.index and isinstance(st, LMap)
    ]
    later_cmds: list[Command] = []
    for _, st in later:
        if isinstance(st.get("run"), str):
            later_cmds += parse_script(st["run"])
    out: list[tuple[Taint, str, str, str]] = []
    for path, ts, at in writes:
        after = [c for c in cmds if c.words and c.words[0].start > at]
        sink = _file_consumer(after, path, cluster) or _file_consumer(later_cmds, path, cluster)
        for i, st in ([] if sink else later):
            u = uses_of(st)
            w = st.get("with") if isinstance(st.get("with"), LMap) else LMap()
            line = step.parent.item_span(i).line
            if u in UPLOAD_ACTIONS and isinstance(w.get("path"), str):
                entries = [e.strip() for e in w["path"].splitlines() if e.strip()]
                if _uploaded(entries, path):
                    sink = (
                        f"`{path}`, which the {u} step at line {line} uploads as an artifact",
                        "whoever downloads the artifact gets a dead token, while until then "
                        "anyone who can read the workflow run can download and use it",
                    )
                    break
            if u in COMMIT_ACTIONS and _in_workspace(path):
                sink = (
                    f"`{path}`, which the {u} step at line {line} commits and pushes",
                    "the repository keeps a dead token in its history, readable by everyone "
                    "who can read the repository",
                )
                break
        if sink is None and _in_workspace(path) and (_git_adds(after, path) or _git_adds(later_cmds, path)) and (_pushes(after) or _pushes(later_cmds)):
            sink = (
                f"`{path}`, which is committed and pushed (`git add` / `git push`)",
                "the repository keeps a dead token in its history, readable by everyone who "
                "can read the repository",
            )
        if sink:
            for t in ts:
                out.append((t, sink[0], sink[1], sink[2] if len(sink) > 2 else FILE_FIX))
    return out


def envsubst_sinks(root: Any, step: Step, run: str, scope: Scope) -> list[Taint]:
    """``envsubst < k8s/regcred.yaml | kubectl apply -f -``: a manifest template of the
    repository whose ``$NAME`` envsubst fills from an environment variable that holds the
    token. Reported at the template's path."""
    if root is None:
        return []
    wd = step_working_dir(step)
    if wd is None:
        return []
    out: list[Taint] = []
    for pipe in pipelines(parse_script(run)):
        if not any(
            c.prog() in ("kubectl", "oc") and kube_verbs(c.argv)[:1] in (["apply"], ["create"], ["replace"]) and reads_stdin_manifest(c.args)
            for c in pipe
        ):
            continue
        for ci, c in enumerate(pipe):
            if c.prog() != "envsubst":
                continue
            sources = [w for op, w in c.redirects if op == "<"]
            if not sources and ci > 0 and pipe[ci - 1].prog() == "cat":
                sources = [w for w in pipe[ci - 1].args[1:] if not w.text.startswith("-")]
            shell_format = [w.text for w in c.args[1:] if not w.text.startswith("-")]
            allowed = {m.group(1) or m.group(2) or m.group(3) for f in shell_format for m in SHELL_VAR.finditer(f)}
            for w in sources:
                if "$" in w.text or "*" in w.text:
                    continue
                path = Path(root) / (wd or ".") / w.text
                try:
                    if not path.is_file() or path.stat().st_size > 1_000_000:
                        continue
                    text = path.read_text(encoding="utf-8", errors="replace")
                except OSError:
                    continue
                for m in SHELL_VAR.finditer(text):
                    name = m.group(1) or m.group(3)
                    if not name or (allowed and name not in allowed):
                        continue
                    o = scope.env.get(name)
                    if o:
                        label = f"${name} (set from {o.what}, substituted by envsubst into `{w.text}`)"
                        out.append(Taint(w.start, w.end, Origin(label, o.lifetime)))
                        break
    return out
