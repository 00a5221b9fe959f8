"""Repository wiring: paths that workflows hand to kubectl, and local actions, must exist
in the repository; JSON that a workflow ships in a ConfigMap must be strict JSON.

Paths are resolved against the repository root (the project root), the step's
``working-directory`` (or ``defaults.run.working-directory``) and ``cd`` in the script.
A path is only reported when it can be resolved completely (no unresolved variables,
expressions or globs), the job checks out this repository, and nothing earlier in the job
could have created it (the path is not mentioned by an earlier command or step).

A family: both rules judge the files a workflow's commands name, found by one resolution
of every step's paths: a path that does not exist, or a JSON file with comments shipped
into a ConfigMap.
"""
from __future__ import annotations

import bisect

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator

from ...core.files import KUSTOMIZATION_FILES, FileUnit
from ...core.located import LMap, LSeq, Span
from ...core.model import RepoModel, Step
from ...core.registry import check
from ...lib.gha.shell import Command, Word, parse_script
from ...lib.gha.taint import kube_verbs
from ...lib.gha.workdir import expand, literal_env, norm_path, step_working_dir



@dataclass
class PathRef:
    step: Step | None  # None for a job-level `uses:` (reusable workflow)
    file: FileUnit
    ident: str
    holder: LMap
    key: str  # "run" or "uses"
    text: str  # the scalar holding the path
    start: int  # offsets of the path inside ``text``
    end: int
    path: str  # as written, variables expanded
    bases: list[str]  # candidate directories (relative to the root) it is resolved from
    what: str  # "kubectl apply -f", "--from-file", "uses"
    before: str  # text of the job before this command (things that may create the path)
    prefix: str = ""  # where this repository is checked out in the workspace
    others: tuple[str, ...] = ()  # folders holding other checkouts


# -- helpers -----------------------------------------------------------------------------
def _checkout_base(steps: LSeq, upto: int) -> tuple[str | None, list[str]]:
    """(where this repository is checked out in the workspace: '' for the root, a folder,
    or None when it is not (or another repository sits at the root); folders holding other
    checkouts), from the steps before ``upto``."""
    ours: str | None = None
    others: list[str] = []
    other_root = False
    for i, st in enumerate(steps):
        if i >= upto or not isinstance(st, LMap):
            continue
        u = st.get("uses")
        if not (isinstance(u, str) and u.split("@", 1)[0].lower() == "actions/checkout"):
            continue
        w = st.get("with") if isinstance(st.get("with"), LMap) else LMap()
        repo = w.get("repository")
        path = w.get("path")
        path = expand(path.strip(), {}) if isinstance(path, str) else ""
        if path is None:
            others.append("\0")  # unknown folder: give up on paths outside ours
            continue
        path = norm_path("", path) or ""
        path = "" if path == "." else path
        same = repo is None or (isinstance(repo, str) and re.fullmatch(r"\$\{\{\s*github\s*\.\s*repository\s*\}\}", repo.strip()))
        if same:
            ours = path
        elif not path:
            other_root = True
        else:
            others.append(path)
    if other_root:
        return None, others
    return ours, others


def _checkout_base_of(step: Any) -> tuple[str | None, list[str]]:
    """``_checkout_base(step.parent, step.index)``, from the checkouts of the job found once
    per job (every step asks: issue 11, quadratic in a job's steps)."""
    marks = step.memo.get("wiring.checkout_marks")
    if marks is None:
        steps = step.parent
        marks = step.memo["wiring.checkout_marks"] = [
            i + 1 for i, st in enumerate(steps) if isinstance(st, LMap) and isinstance(st.get("uses"), str)
            and st["uses"].split("@", 1)[0].lower() == "actions/checkout"
        ]
    # the answer changes only after a checkout step: the one for the last checkout before
    # this step, computed once
    k = bisect.bisect_right(marks, step.index)
    upto = marks[k - 1] if k else 0
    cache = step.memo.setdefault("wiring.checkout_base", {})
    if upto not in cache:
        cache[upto] = _checkout_base(step.parent, upto)
    ours, others = cache[upto]
    return ours, list(others)


class _BeforeSteps:
    """The text of the steps of a job before ``step`` (what may create a path), joined when
    a path reference needs it; each step's text is computed once per job."""

    def __init__(self, step: Any):
        self.step = step
        self._text: str | None = None

    def text(self) -> str:
        if self._text is None:
            texts = self.step.memo.get("wiring.step_texts")
            if texts is None:
                texts = self.step.memo["wiring.step_texts"] = [_step_text(st) for st in self.step.parent]
            self._text = "\n".join(texts[: self.step.index])
        return self._text


def _to_repo(ws_path: str, prefix: str, others: list[str]) -> str | None:
    """A workspace-relative path as a repository-relative one; None when it lies outside
    this repository's checkout (or in another checkout)."""
    if any(ws_path == o or ws_path.startswith(o + "/") or o == "\0" for o in others):
        return None
    if not prefix:
        return ws_path
    if ws_path == prefix:
        return "."
    if ws_path.startswith(prefix + "/"):
        return ws_path[len(prefix) + 1 :]
    return None


def _step_text(st: Any) -> str:
    if not isinstance(st, LMap):
        return ""
    parts = []
    for k in ("run", "with", "uses"):
        v = st.get(k)
        if isinstance(v, str):
            parts.append(v)
        elif isinstance(v, LMap):
            parts.extend(str(x) for x in v.values())
    return "\n".join(parts)


def _kubectl_paths(cmd: Command) -> Iterator[tuple[str, Word, int, str]]:
    """(what, word, offset of the path inside the word's raw text, path as written)."""
    args = cmd.args
    if not args or args[0].text.rsplit("/", 1)[-1] not in ("kubectl", "oc"):
        return
    argv = [w.text for w in args]
    verbs = kube_verbs(argv)  # skips global flags: `kubectl -n prod apply -f x`
    verb = verbs[0] if verbs else ""
    if verb in ("apply", "create", "replace", "diff"):
        for i, w in enumerate(args):
            t = w.text
            for opt in ("-f", "--filename", "-k", "--kustomize"):
                word, cut = None, 0
                if t == opt and i + 1 < len(args):
                    word = args[i + 1]
                elif t.startswith(opt + "=") or (opt in ("-f", "-k") and t.startswith(opt) and len(t) > 2 and not t.startswith("--")):
                    word, cut = w, len(opt) + (1 if t[len(opt) : len(opt) + 1] == "=" else 0)
                if word is None:
                    continue
                # -f is a list flag: `-f a.yaml,b.yaml` names two files (-k takes one folder)
                parts = _split_list(word.text, cut) if opt in ("-f", "--filename") else [(cut, word.text[cut:])]
                for at, val in parts:
                    yield f"kubectl {verb} {opt}", word, _raw_offset(word, at), val
    if verb == "create" and len(verbs) > 1 and verbs[1] in ("configmap", "cm", "secret"):
        for i, w in enumerate(args):
            t = w.text
            for opt in ("--from-file", "--from-env-file"):
                word, cut = None, 0
                if t == opt and i + 1 < len(args):
                    word, cut = args[i + 1], 0
                elif t.startswith(opt + "="):
                    word, cut = w, len(opt) + 1
                if word is None:
                    continue
                # list flags too: `--from-file=a.json,b.json`
                for at, val in _split_list(word.text, cut):
                    if opt == "--from-file" and "=" in val:
                        k = val.index("=") + 1
                        val, at = val[k:], at + k
                    yield opt, word, _raw_offset(word, at), val


def _split_list(text: str, start: int) -> list[tuple[int, str]]:
    """(offset, item) of the comma-separated items of ``text[start:]``."""
    out = []
    pos = start
    for item in text[start:].split(","):
        if item:
            out.append((pos, item))
        pos += len(item) + 1
    return out


def _raw_offset(w: Word, text_index: int) -> int:
    """Offset in ``w.raw`` of character ``text_index`` of ``w.text`` (quotes removed)."""
    raw = w.raw
    ti = 0
    ri = 0
    while ri < len(raw) and ti < text_index:
        c = raw[ri]
        if c in "'\"":
            ri += 1
            continue
        if c == "\\" and ri + 1 < len(raw):
            ri += 1
        ri += 1
        ti += 1
    while ri < len(raw) and raw[ri] in "'\"":
        ri += 1
    return ri


def path_refs(model: RepoModel) -> list[PathRef]:
    cached = model.extra.get("wiring_path_refs")
    if cached is not None:
        return cached
    out: list[PathRef] = []
    for step in model.steps():
        node = step.node
        if step.job is not None:
            prefix, others = _checkout_base_of(step)
            if prefix is None:
                continue
        else:
            # a composite action runs in the caller's workspace: only actions kept under
            # .github/ are this repository's own helpers; others are published for other
            # repositories, whose files they name
            if not step.file.rel.startswith(".github/"):
                continue
            prefix, others = "", []
        before_steps = _BeforeSteps(step)
        run = node.get("run")
        wd = step_working_dir(step)
        if isinstance(run, str) and wd is not None and ("kubectl" in run or " oc " in run):
            env = literal_env(step.root.get("env"), step.job.node.get("env") if step.job else None, node.get("env"))
            bases = [wd]
            done = False
            seen: list[str] = []  # earlier commands of this script, without assignments
            for cmd in parse_script(run):
                if done:
                    break
                if cmd.words and not all(w.assignment() for w in cmd.words):
                    seen.append(run[cmd.words[0].start : cmd.words[-1].end])
                    if cmd.heredoc:
                        seen.append(cmd.heredoc[0])
                args = cmd.args
                # shell variables with literal values
                for w in cmd.words:
                    a = w.assignment()
                    if a is None:
                        continue
                    val = expand(a[1].strip("'\""), env)
                    env[a[0]] = "\0" if val is None else val
                if args and args[0].text in ("cd", "pushd"):
                    target = expand(args[1].text, env) if len(args) > 1 else None
                    new = norm_path(bases[-1], target) if target else None
                    if new is None:
                        done = True  # unknown directory from here on
                        continue
                    bases.append(new)
                    continue
                for what, word, off, raw_path in _kubectl_paths(cmd):
                    if raw_path in ("-", "") or "://" in raw_path:
                        continue
                    path = expand(raw_path, env)
                    if path is None:
                        continue
                    start = word.start + off
                    end = min(word.end, start + len(raw_path))
                    while end > start and run[end - 1] in "'\"":
                        end -= 1
                    before = before_steps.text() + "\n" + "\n".join(seen[:-1])
                    out.append(PathRef(step, step.file, step.ident, node, "run", run, start, end, path, list(bases), what, before, prefix, tuple(others)))
        uses = node.get("uses")
        if isinstance(uses, str) and uses.startswith("./"):
            path = uses.split("@", 1)[0]
            if "${{" not in path:
                out.append(PathRef(step, step.file, step.ident, node, "uses", uses, 0, len(path), path, [""], "uses", before_steps.text(), prefix, tuple(others)))
    for wf in model.workflows:
        for job in wf.jobs():
            uses = job.node.get("uses")
            if isinstance(uses, str) and uses.startswith("./") and "${{" not in uses:
                path = uses.split("@", 1)[0]
                out.append(PathRef(None, wf.file, f"job {job.id!r}", job.node, "uses", uses, 0, len(path), path, [""], "uses", ""))
    model.extra["wiring_path_refs"] = out
    return out


def _exists(root: Path, rel: str) -> bool:
    try:
        return (root / rel).exists()
    except (OSError, ValueError):  # a name too long (or with a NUL) cannot be in the checkout
        return False


def _mentioned(before: str, path: str) -> bool:
    """The path (or its last component) appears in earlier commands: it may be created
    there (a redirect, `cp`, `helm template > x`, a download)."""
    p = path.strip("/")
    if not p or p == ".":
        return True
    name = p.rsplit("/", 1)[-1]
    return name in before


@check("workflow-missing-path", "configmap-json-comments", on="repository")
def wiring(ctx, model: RepoModel) -> None:
    root = model.extra.get("root")
    if root is None:
        return
    root = Path(root)
    for ref in path_refs(model):
        if ref.key == "uses":
            _check_local_uses(ctx, model, root, ref)
            continue
        ws = [c for c in (norm_path(b, ref.path) for b in ref.bases) if c is not None]
        cands = [c for c in (_to_repo(w, ref.prefix, list(ref.others)) for w in ws) if c is not None]
        if not cands or len(cands) < len(ws):
            continue  # (partly) outside this repository's checkout
        found = [c for c in cands if _exists(root, c)]
        span = ctx.sub_span(ref.holder.value_span(ref.key), ref.text, ref.start, ref.end, unit=ref.file)
        if not found:
            if _mentioned(ref.before, ref.path):
                continue
            where = f" (from the working directory `{ref.bases[0]}`)" if ref.bases[0] else ""
            ctx.report(
                "workflow-missing-path",
                span,
                f"`{ref.what}` names `{ref.path}`{where}, which does not exist in the repository "
                f"(looked for `{cands[-1]}`), and no earlier step creates it: the step fails "
                "(`the path ... does not exist`) and the deploy stops half-way. Correct the "
                "path (it is relative to the repository root, or to `working-directory`), or add "
                "the missing file",
                file=ref.file,
                context=f"{ref.ident}:missing:{ref.path}",
            )
            continue
        if ref.what.endswith(("-k", "--kustomize")):
            d = root / found[-1]
            if d.is_dir() and not any((d / n).is_file() for n in KUSTOMIZATION_FILES):
                ctx.report(
                    "workflow-missing-path",
                    span,
                    f"`{ref.what}` names `{ref.path}`, but that folder has no kustomization.yaml "
                    "(or kustomization.yml, Kustomization): kubectl fails with `unable to find one "
                    "of 'kustomization.yaml', 'kustomization.yml' or 'Kustomization'`. Point "
                    "at the overlay folder that holds the kustomization, or use `-f` for plain "
                    "manifests",
                    file=ref.file,
                    context=f"{ref.ident}:no-kustomization:{ref.path}",
                )
        if ref.what == "--from-file":
            _check_json_comments(ctx, model, root, ref, found[-1], span)


def _json_units(model: RepoModel, root: Path, rel: str) -> Iterator[FileUnit]:
    p = root / rel
    rels = []
    if p.is_dir():
        for child in sorted(p.iterdir()):
            if child.is_file() and child.suffix.lower() == ".json":
                rels.append(f"{rel.rstrip('/')}/{child.name}")
    elif p.suffix.lower() == ".json":
        rels.append(rel)
    for r in rels:
        unit = model.project_file(r)
        if unit is not None:
            yield unit


def _check_json_comments(ctx, model: RepoModel, root: Path, ref: PathRef, rel: str, span: Span) -> None:
    for unit in _json_units(model, root, rel):
        doc = unit.json
        if doc is None or not doc.comments or unit.src is None:
            continue
        related = []
        for start, end, style in doc.comments[:5]:
            line, col = unit.src.position(start)
            related.append((unit, Span(line, col, line, col + 1), f"{'line' if style == '//' else 'block'} comment"))
        first = related[0][1]
        n = len(doc.comments)
        ctx.report(
            "configmap-json-comments",
            span,
            f"this step ships `{unit.rel}` into a ConfigMap, but that file has {n} comment"
            f"{'s' if n > 1 else ''} (first at line {first.line}, column {first.col}) and is "
            "not valid JSON: readers that parse the mounted file strictly (jq, kubectl, "
            "schema validation, many config loaders) fail on it, as the incident's "
            "`gateway-config` update did. Delete the comments from the JSON file "
            "(json-comments reports each one)",
            file=ref.file,
            related=related,
            context=f"{ref.ident}:json-comments:{unit.rel}",
        )


def _check_local_uses(ctx, model: RepoModel, root: Path, ref: PathRef) -> None:
    rel = norm_path("", ref.path[2:] or ".")
    if rel is None:
        return
    if ref.step is not None:
        rel = _to_repo(rel, ref.prefix, list(ref.others))
        if rel is None:
            return
    span = ctx.sub_span(ref.holder.value_span("uses"), ref.text, ref.start, ref.end, unit=ref.file)
    p = root / rel
    if ref.step is None:  # reusable workflow: a file in .github/workflows
        if p.is_file():
            return
        if not rel.endswith((".yml", ".yaml")) and ctx.enabled("workflow-schema"):
            return  # not a workflow file name at all: workflow-schema reports the value
        ctx.report(
            "workflow-missing-path",
            span,
            f"`uses: {ref.path}` calls a reusable workflow, but `{rel}` does not exist in the "
            "repository: GitHub rejects the whole workflow run. Correct the path (it must "
            "be `./.github/workflows/<file>.yml`) or add the workflow",
            file=ref.file,
            context=f"{ref.ident}:missing-workflow:{rel}",
        )
        return
    if _mentioned(ref.before, rel):
        return
    if p.is_dir():
        if any((p / n).is_file() for n in ("action.yml", "action.yaml", "Dockerfile")):
            return
        problem = f"the folder `{rel}` has no action.yml or action.yaml"
    elif p.is_file():
        problem = (
            f"`{rel}` is a file, not an action's folder (a step's `uses:` names the folder that "
            "holds action.yml; a reusable workflow is called by a job's `uses:`)"
        )
    else:
        problem = f"`{rel}` does not exist in the repository"
    ctx.report(
        "workflow-missing-path",
        span,
        f"`uses: {ref.path}` names a local action, but {problem}: the job fails with "
        "\"Can't find 'action.yml', 'action.yaml' or 'Dockerfile'\". Correct the path "
        "(relative to the repository root) or add the action's metadata file",
        file=ref.file,
        context=f"{ref.ident}:missing-action:{rel}",
    )
