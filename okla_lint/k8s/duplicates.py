"""The same object defined twice in what is applied together: one file, the resources of
one kustomization (``kubectl apply -k``), or one directory that a workflow applies as a
whole (``kubectl apply -f dir/``). Kustomize patches are partial objects and
bases/overlays live in different builds, so neither counts.

Directories are judged only when something applies them as a whole (param
``directories: applied``, the default): repositories commonly keep alternative variants of
the same objects side by side (``app.yaml`` / ``app-istio.yaml``, an all-in-one bundle
next to the single files) and apply one file at a time. ``directories: all`` treats every
directory as applied together."""
from __future__ import annotations

import posixpath
from collections import defaultdict

from ..files import FileUnit, KUBERNETES
from ..gha.shell import parse_script
from ..located import LMap, LSeq, Span, get_path
from ..model import K8sObject, RepoModel, Step
from ..registry import check
from .kustomize import is_cluster_object, kustomizations


def _group(api_version: str) -> str:
    return api_version.split("/", 1)[0] if "/" in api_version else ""


def _name_span(obj: K8sObject):
    md = obj.root.get("metadata")
    return md.value_span("name") if isinstance(md, LMap) and "name" in md else obj.span


APPLY_VERBS = ("apply", "create", "replace")


def _steps(model: RepoModel):
    for wf in model.workflows:
        for job in wf.jobs():
            for step in job.steps():
                wd = step.node.get("working-directory")
                if not isinstance(wd, str):
                    wd = get_path(job.node, "defaults", "run", "working-directory")
                if not isinstance(wd, str):
                    wd = get_path(wf.root, "defaults", "run", "working-directory")
                yield step, wd if isinstance(wd, str) else ""
    for unit in model.actions:
        steps = get_path(unit.docs[0].root, "runs", "steps") if unit.docs else None
        if isinstance(steps, LSeq):
            for i, st in enumerate(steps):
                if isinstance(st, LMap):
                    yield Step(unit, unit.docs[0].root, None, st, i, steps), ""


def applied_dirs(model: RepoModel, ctx) -> dict[str, tuple[bool, FileUnit, Span]]:
    """Directories (rel) that a workflow or action applies as a whole with ``kubectl
    apply/create/replace -f DIR`` -> (recursive, file, span of the DIR word)."""
    cached = model.extra.get("k8s.applied_dirs")
    if cached is not None:
        return cached
    dirs = {posixpath.dirname(u.rel) for u in model.files if u.kind == KUBERNETES}
    out: dict[str, tuple[bool, FileUnit, Span]] = {}
    for step, wd in _steps(model):
        run = step.node.get("run")
        if not isinstance(run, str) or "-f" not in run and "--filename" not in run:
            continue
        for cmd in parse_script(run):
            args = cmd.args
            argv = [w.text for w in args]
            if not argv or argv[0].rsplit("/", 1)[-1] not in ("kubectl", "oc"):
                continue
            if not any(v in argv[1:4] for v in APPLY_VERBS):
                continue
            recursive = "-R" in argv or "--recursive" in argv or "--recursive=true" in argv
            for i, w in enumerate(args):
                val, word = None, None
                if w.text in ("-f", "--filename") and i + 1 < len(args):
                    val, word = args[i + 1].text, args[i + 1]
                elif w.text.startswith(("--filename=", "-f=")):
                    val, word = w.text.split("=", 1)[1], w
                if not val or val == "-" or "://" in val or "$" in val or "{" in val:
                    continue
                target = posixpath.normpath(posixpath.join(wd, val)) if wd else posixpath.normpath(val)
                if "$" in wd or target.startswith("/"):
                    continue
                target = "" if target == "." else target
                if target in dirs or recursive and any(d.startswith(target + "/") for d in dirs):
                    span = ctx.sub_span(step.node.value_span("run"), run, word.start, word.end, unit=step.file)
                    for d in dirs:
                        if d == target or recursive and d.startswith(target + "/"):
                            out.setdefault(d, (recursive, step.file, span))
    model.extra["k8s.applied_dirs"] = out
    return out


@check("duplicate-object", on="repository")
def duplicates(ctx, model: RepoModel) -> None:
    ks = kustomizations(model)
    every_dir = ctx.params("duplicate-object").get("directories", "applied") == "all"
    applied = applied_dirs(model, ctx)
    # (description of how they are applied, objects in order, namespace override, where)
    groups: list[tuple[str, list[K8sObject], str | None, list]] = []
    by_dir: dict[str, list] = defaultdict(list)
    for unit in model.files:
        if unit.kind == KUBERNETES:
            by_dir[posixpath.dirname(unit.rel)].append(unit)
    for d, units in by_dir.items():
        if d in ks:
            # a kustomize directory is applied with -k: its resources list counts; files it
            # does not list are still compared with themselves
            listed = set(ks[d].files)
            for u in sorted(units, key=lambda u: u.rel):
                if u.rel not in listed:
                    groups.append(("applying the file", model.objects_in(u), None, []))
            continue
        units = sorted(units, key=lambda u: u.rel)
        if d in applied or every_dir:
            objs = [o for u in units for o in model.objects_in(u)]
            rel = []
            if d in applied:
                _, wf_unit, wf_span = applied[d]
                rel = [(wf_unit, wf_span, f"a workflow applies {d or '.'}/ as a whole")]
            groups.append((f"`kubectl apply -f {d or '.'}/`", objs, None, rel))
        else:
            for u in units:
                groups.append(("applying the file", model.objects_in(u), None, []))
    for d, k in ks.items():
        objs = [o for rel in k.files if rel in model.by_rel for o in model.objects_in(model.by_rel[rel])]
        groups.append((f"`kustomize build {d or '.'}`", objs, k.namespace, []))
    seen_pairs: set[tuple[int, int]] = set()
    for how, objs, ns_override, extra_rel in groups:
        first: dict[tuple, K8sObject] = {}
        for o in objs:
            if not o.name or not is_cluster_object(ctx.model, o):
                continue
            key = (_group(o.api_version), o.kind, ns_override or o.namespace, o.name)
            prev = first.get(key)
            if prev is None:
                first[key] = o
                continue
            pair = (id(prev), id(o))
            if pair in seen_pairs:
                continue
            seen_pairs.add(pair)
            prev_span = _name_span(prev)
            same_file = prev.file is o.file
            where = "earlier in this file" if same_file else f"in {prev.file.rel}"
            effect = (
                "kustomize refuses to build (\"may not add resource with an already registered id\")"
                if how.startswith("`kustomize")
                else "the later definition silently replaces the earlier one (fields set only "
                "in the first are dropped on the next apply)"
            )
            ctx.report(
                "duplicate-object",
                _name_span(o),
                f"{o.ident} is defined twice: {where} (line {prev_span.line}) and here; with "
                f"{how} {effect}. Keep one definition, or move variants to separate "
                "directories or kustomize overlays",
                file=o.file,
                related=[(prev.file, prev_span, f"first definition of {o.ident}")] + extra_rel,
                context=f"duplicate:{o.ident}",
            )
