"""Values that an outsider chooses, written to ``$GITHUB_ENV`` or ``$GITHUB_PATH`` in a
workflow that runs with the base repository's secrets and token.

Every later step of the job reads ``$GITHUB_ENV`` as ``NAME=value`` lines (or ``NAME<<DELIM``
blocks) and ``$GITHUB_PATH`` as one folder per line. A pull request title, a comment body or
the contents of an artifact a pull request's run uploaded can hold a line break: the next
line then sets any variable (``LD_PRELOAD``, ``NODE_OPTIONS``, ``BASH_ENV``) or puts any folder
first in ``PATH``, and the next step runs the author's code with the job's secrets. A value
that cannot hold a line break (a branch name) can still name the variable when it starts the
line. zizmor's github-env reports every write in such workflows that is not a literal echo;
this rule follows the data: deny-listed event values (lib/gha/untrusted.py), the env and
shell variables set from them, and files of artifacts downloaded from another run.
"""
from __future__ import annotations

import re
from typing import Any

from ...core.located import LMap
from ...core.model import Step
from ...lib.gha.reusable import called_workflow, local_action
from ...lib.gha.shell import PASS_THROUGH, Command, Word, parse_script, pipelines, substitutions
from ...lib.gha.taint import Origin, Scope, Taint, assign, env_origins, uses_of, word_taints
from ...lib.gha.untrusted import (
    MULTI_LINE,
    PRIVILEGED_TRIGGERS,
    SINGLE_LINE,
    SINGLE_LINE_VALUE,
    insiders_only,
    privileged_triggers,
    step_shell,
    untrusted_refs,
)
from ...lib.gha.webhooks import triggers
from ...core.registry import check

RULE = "github-env-injection"

# `$GITHUB_ENV`, `${GITHUB_PATH}` (sh, bash) and `$env:GITHUB_ENV` (PowerShell), quoted or not
_DEST = re.compile(r"""^["']?\$(\{)?(env:)?(GITHUB_ENV|GITHUB_PATH|GITHUB_OUTPUT)(?(1)\})["']?$""", re.I)
# commands that print what they read (files named in their arguments, or stdin)
_FILE_READERS = ("cat", "head", "tail", "jq", "yq", "base64")
_ARGS_ONLY = ("echo", "printf")  # pass their arguments through, never their standard input
_PWSH_SINKS = ("out-file", "tee-object", "add-content", "set-content")
_GROUP_OPEN = {"{": "}", "while": "done", "until": "done", "for": "done", "if": "fi", "(": ")"}
_ARTIFACT_ACTIONS = ("dawidd6/action-download-artifact",)


class UntrustedScope(Scope):
    """Names that hold a value an outsider chose, at one point of a job. ``Origin.lifetime``
    says whether the value can hold a line break (."""

    def __init__(self, env: dict[str, Origin], app_steps: dict[str, str]):
        super().__init__(env, app_steps)
        self.artifacts: list[tuple[str, str]] = []  # (folder, where it was downloaded)

    def source_origin(self, inner: str) -> Origin | None:
        refs = untrusted_refs(inner)
        if not refs:
            return None
        multi = [r for r in refs if r not in SINGLE_LINE]
        value = (multi or refs)[0]
        return Origin(f"`{value}`", MULTI_LINE if multi else SINGLE_LINE_VALUE)

    def artifact_file(self, path: str) -> Origin | None:
        """The origin of a file at ``path`` when an artifact of another run may have put it
        there."""
        p = _norm(path)
        if p is None:
            return None
        for folder, where in reversed(self.artifacts):
            if folder == "" or p == folder or p.startswith(folder + "/"):
                return Origin(f"the contents of `{path}` (from the artifact {where})", MULTI_LINE)
        return None

    def taints(self, text: str, shell: bool = False) -> list[Taint]:
        out = super().taints(text, shell)
        if shell and self.artifacts and ("$(" in text or "`" in text):
            for a, b in substitutions(text):
                inner = text[a + (2 if text[a] == "$" else 1) : b - 1]
                if any(a <= t.start < b for t in out):
                    continue
                o = self.read_origin(inner)
                if o:
                    out.append(Taint(a, b, o))
        return out

    def read_origin(self, inner: str) -> Origin | None:
        """``$(cat f)``, ``$(<f)``, ``$(jq -r .x f | tr -d x)``: the file an artifact put there."""
        s = inner.strip()
        if s.startswith("<") and not s.startswith("<<"):
            return self.artifact_file(s[1:].strip())
        pipe = pipelines(parse_script(inner))
        if len(pipe) != 1 or not pipe[0] or any(c.prog().lower() not in PASS_THROUGH for c in pipe[0]):
            return None
        return _reads(pipe[0][0], self)


def _norm(path: str) -> str | None:
    """A workspace-relative path ('' for the workspace itself); None when the file is outside
    the workspace or its name is computed."""
    p = path.strip().strip("'\"")
    p = re.sub(r"^(?:\$\{\{\s*github\s*\.\s*workspace\s*\}\}|\$\{?GITHUB_WORKSPACE\}?)(?:/|$)", "", p, flags=re.I)
    if not p or p in (".", "./"):
        return ""
    if p.startswith(("/", "~", "$", "-")) or "${{" in p:
        return None
    while p.startswith("./"):
        p = p[2:]
    return p.rstrip("/")


def _reads(cmd: Command, scope: UntrustedScope) -> Origin | None:
    """What a command prints from files an artifact put there: its ``<`` redirect, or the
    files named by ``cat``/``head``/``tail``/``jq``/``yq``/``base64``."""
    for op, w in cmd.redirects:
        if op == "<":
            o = scope.artifact_file(w.text)
            if o:
                return o
    prog = cmd.prog().lower()
    if prog not in _FILE_READERS:
        return None
    args = [w for w in cmd.args[1:] if not w.text.startswith("-") and not w.text.isdigit()]
    if prog in ("jq", "yq") and args:
        args = args[1:]  # the filter
    for w in args:
        o = scope.artifact_file(w.text)
        if o:
            return o
    return None


def _artifact_download(st: LMap) -> str | None:
    """The folder (workspace-relative, '' for the workspace) where a step puts an artifact
    of another workflow run; None for other steps."""
    u = uses_of(st)
    w = st.get("with") if isinstance(st.get("with"), LMap) else LMap()
    path = w.get("path")
    if u == "actions/download-artifact" and "run-id" in w:
        return _norm(path) if isinstance(path, str) else ""
    if u in _ARTIFACT_ACTIONS:
        return _norm(path) if isinstance(path, str) else ""
    if u == "actions/github-script" and isinstance(w.get("script"), str) and "downloadArtifact" in w["script"]:
        return ""
    run = st.get("run")
    if isinstance(run, str) and "gh run download" in run:
        for cmd in parse_script(run):
            argv = cmd.argv
            if argv[:3] == ["gh", "run", "download"]:
                for i, a in enumerate(argv):
                    if a in ("-D", "--dir") and i + 1 < len(argv):
                        return _norm(argv[i + 1])
                    if a.startswith("--dir="):
                        return _norm(a[6:])
                return ""
    return None


def _job_artifacts(step: Step) -> list[tuple[str, str]]:
    """(folder, where) of the artifacts of other runs that earlier steps of the job
    downloaded; a checkout into the workspace afterwards removes those in it."""
    out: list[tuple[str, str]] = []
    for i, st in enumerate(step.parent):
        if i >= step.index:
            break
        if not isinstance(st, LMap):
            continue
        if uses_of(st) == "actions/checkout":
            w = st.get("with") if isinstance(st.get("with"), LMap) else LMap()
            target = _norm(w["path"]) if isinstance(w.get("path"), str) else ""
            if target is not None:
                out = [(f, wh) for f, wh in out if not (target == "" or f == target or f.startswith(target + "/"))]
            continue
        folder = _artifact_download(st)
        if folder is not None:
            out.append((folder, f"downloaded by the step at line {step.parent.item_span(i).line}"))
        run = st.get("run")
        if isinstance(run, str) and "unzip" in run and out:
            for cmd in parse_script(run):
                argv = cmd.argv
                if argv[:1] == ["unzip"] and "-d" in argv[:-1]:
                    d = _norm(argv[argv.index("-d") + 1])
                    if d is not None:
                        out.append((d, out[-1][1]))
    return out


def _scope(step: Step, outputs: bool = True) -> UntrustedScope:
    env = env_origins({}, step.root.get("env"), scope_type=UntrustedScope)
    if step.job is not None:
        env = env_origins(env, step.job.node.get("env"), scope_type=UntrustedScope)
    scope = UntrustedScope(env, {})
    scope.artifacts = _job_artifacts(step)
    if outputs:
        scope.outputs = _job_outputs(step)
    step_env = step.node.get("env")
    if isinstance(step_env, LMap):
        # the step's env can read earlier steps' outputs: taint it with this scope
        base = dict(scope.env)
        for k, v in step_env.items():
            ts = scope.taints(v) if isinstance(v, str) else []
            if ts:
                base[str(k)] = ts[0].origin
            else:
                base.pop(str(k), None)
        scope.env = base
    return scope


def _job_outputs(step: Step) -> dict[tuple[str, str], Origin]:
    """(step id, output name) -> origin, for the outputs that earlier steps of the job wrote
    a value an outsider chooses to (``echo "pr=$(cat pr/n)" >> "$GITHUB_OUTPUT"``)."""
    flow = step.memo.get("github_env.outputs")
    if flow is None:
        flow = []
        acc: dict[tuple[str, str], Origin] = {}
        for i, st in enumerate(step.parent):
            flow.append(dict(acc))
            if not isinstance(st, LMap) or not isinstance(st.get("id"), str) or not isinstance(st.get("run"), str):
                continue
            run = st["run"]
            if "GITHUB_OUTPUT" not in run.upper():
                continue
            sub = Step(step.file, step.root, step.job, st, i, step.parent)
            shell = step_shell(sub)
            if shell not in ("bash", "sh", "pwsh", "powershell"):
                continue
            pwsh = shell in ("pwsh", "powershell")
            scope = _scope(sub, outputs=False)
            scope.outputs = dict(acc)
            for cmd in parse_script(run):
                assign(cmd, scope)
                if _dest(cmd, pwsh, output=True) is None:
                    continue
                first = _first_arg(cmd) or (cmd.args[0] if pwsh and cmd.args else None)
                name = first.text.partition("=")[0].strip() if first is not None and "=" in first.text else ""
                if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_-]*", name):
                    continue
                ts = _emitted(cmd, scope, pwsh)
                if ts:
                    o = ts[0].origin
                    acc[(st["id"], name)] = o
                else:
                    acc.pop((st["id"], name), None)
        step.memo["github_env.outputs"] = flow
    return flow[step.index] if step.index < len(flow) else {}


def _emitted(cmd: Command, scope: UntrustedScope, pwsh: bool) -> list[Taint]:
    """Values a command prints: echo/printf (and a bare PowerShell string) arguments,
    heredocs and here-strings, files an artifact put there."""
    prog = cmd.prog().lower()
    out: list[Taint] = []
    args = cmd.args
    if prog in ("echo", "printf", "write-output"):
        out += word_taints([w for w in args[1:] if not (prog == "echo" and w.text in ("-n", "-e", "-E", "-ne", "-en"))], scope)
    elif pwsh and args and args[0].raw[:1] in ('"', "$", "'"):
        out += word_taints(args, scope)  # "X=$env:T" | Out-File ...
    elif pwsh and prog in ("add-content", "set-content"):
        vals = [args[i + 1] for i, w in enumerate(args[:-1]) if w.text.lower() == "-value"]
        out += word_taints(vals, scope)
    if cmd.heredoc:
        body, off = cmd.heredoc
        out += [Taint(off + t.start, off + t.end, t.origin) for t in scope.taints(body, shell=not cmd.heredoc_quoted)]
    out += word_taints([w for op, w in cmd.redirects if op == "<<<"], scope)
    o = _reads(cmd, scope)
    if o:
        w = args[0] if args else cmd.words[0]
        out.append(Taint(w.start, cmd.words[-1].end, o))
    return out


def _dest(cmd: Command, pwsh: bool, output: bool = False) -> Word | None:
    """The ``$GITHUB_ENV`` / ``$GITHUB_PATH`` word a command writes to: a ``>``/``>>``
    redirect, a ``tee`` argument, or a PowerShell ``Out-File``/``Add-Content``... path."""
    cands = [w for op, w in cmd.redirects if ">" in op]
    prog = cmd.prog().lower()
    if prog == "tee" or (pwsh and prog in _PWSH_SINKS):
        cands += [w for w in cmd.args[1:] if not w.text.startswith("-")]
    for w in cands:
        m = _DEST.match(w.raw)
        if m and bool(m.group(2)) == pwsh and (m.group(3).upper() == "GITHUB_OUTPUT") == output:
            return w
    return None


def _line_start(script: str, first: int, t: Taint) -> bool:
    """Nothing but quotes between the start of the written line (the first word written, or
    a line break before the value) and the value: the value names the variable."""
    begin = max(first, script.rfind("\n", 0, t.start) + 1)
    return not script[begin : t.start].strip(" \t'\"")


_HEADER = re.compile(r"^\s*[A-Za-z_][A-Za-z0-9_]*<<\s*(\S+)\s*$")


def _random_header(text: str) -> str | None:
    """The delimiter of a ``NAME<<$DELIM`` line whose delimiter the shell computes (a random
    string the writer of the value cannot guess, as GitHub recommends)."""
    m = _HEADER.match(text)
    return m.group(1) if m and m.group(1).startswith("$") else None


def _in_random_block(body: str, pos: int) -> bool:
    """Whether offset ``pos`` of a heredoc body is inside a ``NAME<<$DELIM`` ... ``$DELIM``
    block."""
    delim = None
    for line in body[:pos].split("\n")[:-1]:
        if delim is not None:
            if line.strip() == delim:
                delim = None
        else:
            delim = _random_header(line)
    return delim is not None


_VAR_WORD = re.compile(r"^\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?$")


def _validated(cmd: Command) -> list[str]:
    """Variables a ``[[ $X =~ regex ]]`` test (or ``grep -qE``/``grep -xE`` on a here-string)
    checks: scripts validate a value before they write it (``^[0-9]+$``); the check is
    trusted to reject line breaks."""
    ws = [w.text for w in cmd.words]
    out = []
    for i, t in enumerate(ws[:-1]):
        if ws[i + 1] == "=~":
            m = _VAR_WORD.match(cmd.words[i].raw.strip("\"'"))
            if m:
                out.append(m.group(1))
    return out


def _first_arg(cmd: Command) -> Word | None:
    args = [w for w in cmd.args[1:] if not w.text.startswith("-")] if cmd.prog() in ("echo", "printf") else []
    return args[0] if args else None


def _findings(script: str, scope: UntrustedScope, pwsh: bool) -> list[tuple[Word, str, Taint]]:
    cmds = parse_script(script)
    out: list[tuple[Word, str, Taint]] = []
    opened: list[tuple[str, int]] = []  # (closing word, index) of open groups and loops
    delim: str | None = None  # the delimiter of an open NAME<<$DELIM block
    position = {id(c): i for i, c in enumerate(cmds)}
    depth = 0  # inside if/case/loops: an assignment in one branch does not undo another's
    for pipe in pipelines(cmds):
        for ci, cmd in enumerate(pipe):
            words = cmd.words
            head = words[0].text if words else ""
            depth += head in ("if", "case", "while", "until", "for")
            depth -= head in ("fi", "esac", "done")
            before = dict(scope.shell)
            assign(cmd, scope)
            if depth > 0:
                for k, v in before.items():
                    scope.shell.setdefault(k, v)
            else:
                for w in words[1:] if head in ("export", "local", "declare", "readonly") else words:
                    a = w.assignment()
                    if a is None:
                        break
                    if a[0] not in scope.shell:
                        scope.env.pop(a[0], None)  # the script replaced the env var's value
            for name in _validated(cmd):
                scope.shell.pop(name, None)
                scope.env.pop(name, None)
            idx = position.get(id(cmd), -1)
            if head in _GROUP_OPEN:
                opened.append((_GROUP_OPEN[head], idx))
            writers = [cmd]
            if head in ("}", "done", "fi", ")") and opened:
                while opened and opened[-1][0] != head:
                    opened.pop()
                if opened:
                    writers = cmds[opened.pop()[1] : idx + 1]
            dest = _dest(cmd, pwsh)
            if dest is None:
                continue
            which = "GITHUB_PATH" if "PATH" in dest.raw.upper() else "GITHUB_ENV"
            ts: list[Taint] = []
            for w in writers:
                first = _first_arg(w)
                if first is not None and delim is not None and first.text == delim:
                    delim = None
                    continue
                if first is not None and delim is None and _random_header(first.text):
                    delim = _random_header(first.text)
                    continue
                if delim is not None:
                    continue  # inside a block with a random delimiter: a line break cannot end it
                got = _emitted(w, scope, pwsh)
                if w.heredoc:
                    body, off = w.heredoc
                    got = [t for t in got if not (off <= t.start < off + len(body) and _in_random_block(body, t.start - off))]
                ts += got
            prog = cmd.prog().lower()
            if ci > 0 and (prog in PASS_THROUGH and prog not in _ARGS_ONLY or pwsh):
                # what the earlier commands of the pipeline print reaches this one's stdin
                for prev in pipe[:ci]:
                    if prev.prog().lower() not in PASS_THROUGH and not (pwsh and prev.args and prev.args[0].raw[:1] in ('"', "$", "'")):
                        ts = []
                        continue
                    ts += _emitted(prev, scope, pwsh)
            start = min((w.start for w in writers[0].args[1:2]), default=writers[0].words[0].start if writers[0].words else 0)
            for t in ts:
                if script[t.end : t.end + 2] in ("//", "%%"):
                    continue  # ${X//[^0-9]/}, ${X%%$'\n'*}: the script strips what it does not want
                if t.origin.lifetime == SINGLE_LINE_VALUE and not _line_start(script, start, t):
                    continue
                out.append((dest, which, t))
                break
    return out


def _callers_triggers(ctx: Any, step: Step) -> list[str]:
    """The privileged triggers of this step's workflow, of the local workflows that call it
    (``workflow_call``), or of the local workflows whose steps use this composite action.
    The repository model is read only when other files can change the answer (so the file
    cache can replay the check otherwise)."""
    if step.job is not None:
        own = triggers(step.root)
        if "workflow_call" not in own and "workflow_run" not in own:
            return sorted(t for t in own if t in PRIVILEGED_TRIGGERS)
    model = ctx.model
    key = "gha.github_env.triggers"
    cache = model.extra.get(key) if model is not None else None
    if cache is None:
        cache = {}
        if model is not None:
            model.extra[key] = cache
            for wf in model.workflows:
                own = privileged_triggers(wf, model)
                cache.setdefault(wf.file.rel, set()).update(own)
            for wf in model.workflows:
                own = cache.get(wf.file.rel, set())
                for job in wf.jobs():
                    called = called_workflow(job, model)
                    if called is not None:
                        cache.setdefault(called.file.rel, set()).update(own)
                    for st in job.steps():
                        unit = local_action(st, model)
                        if unit is not None:
                            cache.setdefault(unit.rel, set()).update(own)
    return sorted(cache.get(step.file.rel, set()))


@check(RULE, on="step")
def github_env_injection(ctx: Any, step: Step) -> None:
    run = step.node.get("run")
    if not isinstance(run, str) or "GITHUB_ENV" not in run.upper() and "GITHUB_PATH" not in run.upper():
        return
    trig = _callers_triggers(ctx, step)
    if not trig or insiders_only(step.job.node if step.job is not None else None, step.node):
        return
    shell = step_shell(step)
    if shell not in ("bash", "sh", "pwsh", "powershell"):
        return
    pwsh = shell in ("pwsh", "powershell")
    scope = _scope(step)
    span = step.node.value_span("run")
    events = " and ".join(f"`{t}`" for t in trig)
    for dest, which, t in _findings(run, scope, pwsh):
        lq = len(dest.raw) - len(dest.raw.lstrip("'\""))
        rq = len(dest.raw) - len(dest.raw.rstrip("'\""))
        what = t.origin.what
        var = re.match(r"\$(?:env:)?([A-Za-z_][A-Za-z0-9_]*)|steps\.[\w-]+\.outputs\.[\w-]+|env\.[\w-]+", what)
        if var:
            what = f"`{var.group(0)}`{what[var.end():]}"
        name = var.group(1) if var and var.group(1) else "X"
        check_hint = f"`if ($env:{name} -notmatch '^[0-9]+$') {{ exit 1 }}`" if pwsh else f"`[[ ${name} =~ ^[0-9]+$ ]]`"
        if which == "GITHUB_PATH":
            effect = (
                "it puts a folder of their choice first in `PATH` for the later steps of this job, so "
                "a program placed there replaces `git`, `node` or `bash`"
            )
        elif t.origin.lifetime == SINGLE_LINE_VALUE:
            effect = "it starts the line, so it names the variable too (`LD_PRELOAD=...`, `NODE_OPTIONS=...`)"
        else:
            effect = (
                "a line break in it sets any variable for the later steps of this job "
                "(`LD_PRELOAD`, `NODE_OPTIONS`, `BASH_ENV`)"
            )
        ctx.report(
            ctx.sub_span(span, run, dest.start + lq, dest.end - rq),
            f"{what} is written to `${which}`, but an outsider (whoever opens the pull request, "
            f"issue or comment) chooses it: {effect}, which then run their code with the secrets "
            f"and token of this workflow (it runs on {events}); check the value first "
            f"({check_hint}), or hand it to the steps that need it through `env:` or a "
            "step output (`$GITHUB_OUTPUT`) instead",
            context=f"{step.ident}:{which}:{what}",
            once="",
        )
