"""The same object defined twice in what is applied together: one file, the resources of
one kustomization (``kubectl apply -k``), or one directory that a workflow applies as a
whole (``kubectl apply -f dir/``). Kustomize patches are partial objects and
bases/overlays live in different builds, so neither counts.

Directories are judged only when something applies them as a whole (param
``directories: applied``, the default: a workflow's ``kubectl apply -f DIR``, an Argo CD
Application or a Flux Kustomization path): repositories commonly keep alternative variants of
the same objects side by side (``app.yaml`` / ``app-istio.yaml``, an all-in-one bundle
next to the single files) and apply one file at a time. ``directories: all`` treats every
directory as applied together.

A family: one grouping of the objects by what is applied together reports a duplicate in
one file or kustomization (``duplicate-object``) or in one directory applied as a whole
(``duplicate-object-in-folder``).
"""
from __future__ import annotations

import posixpath
import re
from collections import defaultdict
from dataclasses import dataclass

from ...core.files import FileUnit, KUBERNETES
from ...lib.gha.shell import parse_script
from ...lib.gha.workdir import declared_working_dir
from ...core.located import LMap, Span, get_path
from ...core.model import K8sObject, RepoModel
from ...core.registry import check
from ...lib.k8s.kustomize import kustomizations
from ...lib.k8s.partial import is_cluster_object


def _group(api_version: str) -> str:
    return api_version.split("/", 1)[0] if "/" in api_version else ""


def _name_span(obj: K8sObject):
    md = obj.root.get("metadata")
    return md.value_span("name") if isinstance(md, LMap) and "name" in md else obj.span


APPLY_VERBS = ("apply", "create", "replace")


def _steps(model: RepoModel):
    """Each step with its working directory ('' for composite-action steps)."""
    for step in model.steps():
        wd = declared_working_dir(step) if step.job is not None else ""
        yield step, wd if isinstance(wd, str) else ""


@dataclass(frozen=True)
class Applied:
    """A directory that something in the repository applies as a whole."""

    dir: str  # rel, '' for the root
    recursive: bool
    unit: FileUnit
    span: Span
    what: str  # "a workflow", "Argo CD Application 'x'", ...


def _target(base: str, val: str) -> str | None:
    if not val or val == "-" or "://" in val or "$" in val or "{" in val or val.startswith("/"):
        return None
    if "$" in base or base.startswith("/"):
        return None
    t = posixpath.normpath(posixpath.join(base, val)) if base else posixpath.normpath(val)
    return "" if t == "." else t


def applied_dirs(model: RepoModel, ctx) -> list[Applied]:
    """Directories applied as a whole: ``kubectl apply/create/replace -f DIR`` (``-R``) in
    workflows and actions, Argo CD Applications (``spec.source.path``, plain directories)
    and Flux Kustomizations (``spec.path``, recursive)."""
    cached = model.extra.get("k8s.applied_dirs")
    if cached is not None:
        return cached
    dirs = {posixpath.dirname(u.rel) for u in model.files if u.kind == KUBERNETES}
    out: list[Applied] = []

    def add(target: str | None, recursive: bool, unit: FileUnit, span: Span, what: str) -> None:
        if target is None:
            return
        if target in dirs or recursive and any(d.startswith(target + "/") or not target for d in dirs):
            out.append(Applied(target, recursive, unit, span, what))

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
                word = None
                if w.text in ("-f", "--filename") and i + 1 < len(args):
                    val, word = args[i + 1].text, args[i + 1]
                elif w.text.startswith(("--filename=", "-f=")):
                    val, word = w.text.split("=", 1)[1], w
                if word is None:
                    continue
                span = ctx.sub_span(step.node.value_span("run"), run, word.start, word.end, unit=step.file)
                add(_target(wd, val), recursive, step.file, span, "a workflow")
    for o in model.objects:
        spec = o.root.get("spec")
        if not isinstance(spec, LMap):
            continue
        if o.kind == "Application" and o.api_version.startswith("argoproj.io/"):
            sources = [spec.get("source")] + list(spec.get("sources") or [])
            for src in sources:
                if isinstance(src, LMap) and isinstance(src.get("path"), str) and not src.get("chart"):
                    rec = get_path(src, "directory", "recurse") is True
                    add(_target("", src["path"]), rec, o.file, src.value_span("path"), f"Argo CD Application {o.name!r}")
        elif o.kind == "Kustomization" and o.api_version.startswith("kustomize.toolkit.fluxcd.io/"):
            if isinstance(spec.get("path"), str):
                add(_target("", spec["path"]), True, o.file, spec.value_span("path"), f"Flux Kustomization {o.name!r}")
    model.extra["k8s.applied_dirs"] = out
    return out


# folders of examples and bundles that repeat the single files (all-in-one.yaml) hold
# alternatives that are applied one file at a time
_VARIANT_DIRS = {"examples", "example", "samples", "sample", "_archived", "archived", "docs", "demo", "demos"}


def _looks_like_variants(rel: str) -> bool:
    parts = rel.lower().split("/")
    return bool(_VARIANT_DIRS.intersection(parts[:-1])) or any(
        "all-in-one" in p or "allinone" in p for p in parts
    )


# words that name a platform, an environment or a feature set in a file name: two files
# whose names differ by such words (mandatory.yaml / mandatory-istio.yaml, *-gke.yaml /
# *-generic.yaml, install.yaml / namespace-install.yaml / install-with-hydrator.yaml) are
# variants of one thing, applied one at a time
VARIANT_WORDS = {
    "istio", "linkerd", "gke", "eks", "aks", "gcp", "aws", "azure", "digitalocean", "openshift", "okd",
    "minikube", "kind", "k3s", "k3d", "microk8s", "dockerk8s", "docker", "local", "cloud", "generic",
    "nodeport", "loadbalancer", "baremetal", "metal", "hostnetwork", "namespaced", "namespace", "cluster",
    "core", "ha", "dev", "development", "prod", "production", "staging", "stage", "qa", "test", "with",
    "without", "no", "tls", "ssl", "ipv6", "dualstack", "arm", "arm64", "amd64", "windows", "linux",
}
_ALTERNATIVE_NOTE = re.compile(
    r"(?i)\b(alternative|instead of|use (this|it|one)( file)? (if|when|for|on|with)|only (if|when|for|on)|choose one|either)\b"
)


def _tokens(rel: str) -> set[str]:
    stem = posixpath.basename(rel).lower().rsplit(".", 1)[0]
    return {t for t in re.split(r"[-_.]+", stem) if t}


def _header(unit: FileUnit) -> str:
    text = unit.src.text if unit.src is not None else ""
    lines = []
    for line in text.splitlines()[:30]:
        if line.strip().startswith("#"):
            lines.append(line)
        elif line.strip():
            break
    return "\n".join(lines)


def alternatives(a: FileUnit, b: FileUnit) -> bool:
    """Two files of a folder that are variants of one another, applied one at a time: their
    names differ by platform/environment/feature words (on each side that has words of its
    own), or a leading comment of one says it is an alternative."""
    ta, tb = _tokens(a.rel), _tokens(b.rel)
    only_a, only_b = ta - tb, tb - ta
    if (only_a or only_b) and all(not side or side & VARIANT_WORDS for side in (only_a, only_b)):
        return True
    return any(_ALTERNATIVE_NOTE.search(_header(u)) for u in (a, b))


@check("duplicate-object", "duplicate-object-in-folder", on="repository")
def duplicates(ctx, model: RepoModel) -> None:
    ks = kustomizations(model)
    every_dir = ctx.params("duplicate-object").get("directories", "applied") == "all"
    # (description of how they are applied, objects in order, namespace override, where)
    groups: list[tuple[str, list[K8sObject], str | None, list]] = []
    by_dir: dict[str, list[FileUnit]] = defaultdict(list)
    for unit in model.files:
        if unit.kind == KUBERNETES:
            by_dir[posixpath.dirname(unit.rel)].append(unit)
    for d in by_dir:
        by_dir[d].sort(key=lambda u: u.rel)
    plain = sorted(d for d in by_dir if d not in ks)  # directories applied with -f, not -k
    for ap in applied_dirs(model, ctx):
        if ap.dir in ks:
            continue  # built by kustomize: its resources list counts
        covered = [d for d in plain if d == ap.dir or ap.recursive and (not ap.dir or d.startswith(ap.dir + "/"))]
        objs = [o for d in covered for u in by_dir[d] for o in model.objects_in(u)]
        flag = " -R" if ap.recursive else ""
        rel = [(ap.unit, ap.span, f"{ap.what} applies {ap.dir or '.'}/ as a whole")]
        groups.append((f"`kubectl apply{flag} -f {ap.dir or '.'}/`", objs, None, rel))
    covered_dirs = {
        d
        for ap in applied_dirs(model, ctx)
        for d in plain
        if d == ap.dir or ap.recursive and (not ap.dir or d.startswith(ap.dir + "/"))
    }
    for d in plain:
        objs = [o for u in by_dir[d] for o in model.objects_in(u)]
        if every_dir:
            groups.append((f"`kubectl apply -f {d or '.'}/`", objs, None, []))
        elif d not in covered_dirs:
            # nothing in the repository says this folder is applied as a whole: the same
            # hazard, reported as a warning of its own rule
            groups.append((f"folder:{d}", objs, None, []))
    for d, k in ks.items():
        objs = [o for rel in k.files if rel in model.by_rel for o in model.objects_in(model.by_rel[rel])]
        groups.append((f"`kustomize build {d or '.'}`", objs, k.namespace, []))
    for units in by_dir.values():
        for u in units:
            groups.append(("applying the file", model.objects_in(u), None, []))
    reported: set[K8sObject] = set()  # each extra definition is reported once
    # (first file, second file) -> duplicated objects, for duplicate-object-in-folder
    in_folder: dict[tuple[str, str], list] = {}
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
            if o in reported:
                continue
            prev_span = _name_span(prev)
            same_file = prev.file is o.file
            if how.startswith("folder:"):
                if same_file:
                    continue  # reported by the file's own group
                if _looks_like_variants(prev.file.rel) or _looks_like_variants(o.file.rel):
                    continue
                reported.add(o)
                in_folder.setdefault((prev.file.rel, o.file.rel), []).append((prev, o, how[len("folder:"):] or "."))
                continue
            reported.add(o)
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
    for pairs in in_folder.values():
        prev, o, folder = pairs[0]
        if alternatives(prev.file, o.file):
            continue  # variants side by side (app.yaml / app-istio.yaml), not an accident
        prev_span = _name_span(prev)
        more = f" (and {len(pairs) - 1} more object{'s' if len(pairs) > 2 else ''} of that file)" if len(pairs) > 1 else ""
        ctx.report(
            "duplicate-object-in-folder",
            _name_span(o),
            f"{o.ident} is also defined in {prev.file.rel} (line {prev_span.line}){more}, in the "
            f"same folder: `kubectl apply -f {folder}/` applies both files and the later "
            "definition silently replaces the earlier one. Keep one definition; if the "
            "files are alternatives applied one at a time, move them to separate folders "
            "or kustomize overlays",
            file=o.file,
            related=[(p.file, _name_span(p), f"other definition of {x.ident}") for p, x, _ in pairs],
            context=f"duplicate-in-folder:{o.ident}",
        )
