"""Kustomize awareness for cross-file rules: which files are patches, which objects are
applied together, and which ConfigMaps/Secrets generators make.

Other rules can ask:

- ``patch_files(model)`` -> frozenset of ``FileUnit.rel`` paths that a kustomization lists
  under ``patches`` / ``patchesStrategicMerge`` / ``patchesJson6902`` (partial objects:
  do not lint them as full objects, e.g. no "containers missing", no "no probe").
- ``is_patch(model, obj)`` -> whether a ``K8sObject`` comes from such a file
  (``partial.is_cluster_object`` says whether it is a whole object that is applied).
- ``config_files(model)`` -> rels of kustomize's own files (kustomization.yaml,
  transformer/generator configs) that carry apiVersion/kind but are not cluster objects.

The sets are computed once per project and cached in ``model.extra`` under
``"k8s.patch_files"`` and ``"k8s.kustomize_config_files"``.

Scoping (``tier``): two files are applied together when they sit in the same directory
(``kubectl apply -f dir/``) or in the resource closure of the same kustomization
(``kubectl apply -k``); a parent or child directory is "nearby" (``apply -R``); anything
else in the project may belong to another application (monorepos, example collections).
"""
from __future__ import annotations

import posixpath
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

from ...core.files import FileUnit
from ...core.located import LMap, LSeq, Span
from ...core.model import K8sObject, RepoModel
from ...core.render import is_remote

KUSTOMIZE_API = "kustomize.config.k8s.io"
# kustomize plugin/config kinds that are not cluster objects
CONFIG_API_PREFIXES = ("builtin", "kustomize.config.k8s.io")

SAME_FILE, SAME_GROUP, NEARBY, ELSEWHERE = 0, 1, 2, 3


@dataclass
class Generated:
    """A ConfigMap or Secret made by a configMapGenerator / secretGenerator."""

    kind: str  # ConfigMap | Secret
    name: str
    namespace: str | None
    keys: set[str] | None  # None: not known statically
    unit: FileUnit
    span: Span


@dataclass
class Kustomization:
    unit: FileUnit
    root: LMap
    dir: str
    files: list[str] = field(default_factory=list)  # resource files listed directly
    subdirs: list[str] = field(default_factory=list)  # directories (other kustomizations)
    patches: list[str] = field(default_factory=list)
    configs: list[str] = field(default_factory=list)  # transformers/generators files
    remote: bool = False  # pulls resources from a URL: objects we cannot see
    generated: list[Generated] = field(default_factory=list)

    @property
    def namespace(self) -> str | None:
        ns = self.root.get("namespace")
        return ns if isinstance(ns, str) else None


def _dir(rel: str) -> str:
    return posixpath.dirname(rel)


def _join(base: str, entry: str) -> str:
    return posixpath.normpath(posixpath.join(base, entry)) if base else posixpath.normpath(entry)


def _is_remote(entry: str) -> bool:
    return is_remote(entry)


def _strs(node: Any) -> list[str]:
    return [x for x in node if isinstance(x, str)] if isinstance(node, list) else []


def _env_keys(model: RepoModel, k: Kustomization, rel_path: str) -> set[str] | None:
    root = model.extra.get("root")
    if root is None:
        return None
    p = Path(root) / k.dir / rel_path
    try:
        text = p.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return None
    keys = set()
    for line in text.splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        keys.add(line.split("=", 1)[0].strip())
    return keys


def _generators(model: RepoModel, k: Kustomization) -> None:
    for field_name, kind in (("configMapGenerator", "ConfigMap"), ("secretGenerator", "Secret")):
        gens = k.root.get(field_name)
        if not isinstance(gens, LSeq):
            continue
        for i, g in enumerate(gens):
            if not isinstance(g, LMap) or not isinstance(g.get("name"), str):
                continue
            keys: set[str] | None = set()
            for lit in _strs(g.get("literals")):
                keys.add(lit.split("=", 1)[0].strip())
            for f in _strs(g.get("files")):
                keys.add(f.split("=", 1)[0].strip() if "=" in f else posixpath.basename(f))
            envs = _strs(g.get("envs")) + ([g["env"]] if isinstance(g.get("env"), str) else [])
            for e in envs:
                got = _env_keys(model, k, e)
                if got is None:
                    keys = None
                    break
                keys |= got
            ns = g.get("namespace") if isinstance(g.get("namespace"), str) else k.namespace
            k.generated.append(Generated(kind, g["name"], ns, keys, k.unit, g.value_span("name")))


def _parse(model: RepoModel, unit: FileUnit, root: LMap) -> Kustomization:
    k = Kustomization(unit, root, _dir(unit.rel))
    dirs_with_files = model.extra["k8s.dirs"]
    for field_name in ("resources", "bases", "components", "crds"):
        for entry in _strs(root.get(field_name)):
            if _is_remote(entry):
                k.remote = True
                continue
            target = _join(k.dir, entry)
            if target in model.by_rel:
                k.files.append(target)
            elif target in dirs_with_files:
                k.subdirs.append(target)
            else:
                # a directory we do not see (excluded, or only reachable outside the
                # project): treat as unknown content
                if not posixpath.splitext(entry)[1]:
                    k.remote = True
    for field_name in ("patchesStrategicMerge",):
        for entry in _strs(root.get(field_name)):
            if "\n" not in entry:  # a path, not an inline patch
                k.patches.append(_join(k.dir, entry))
    for field_name in ("patches", "patchesJson6902"):
        seq = root.get(field_name)
        if not isinstance(seq, list):
            continue
        for item in seq:
            if isinstance(item, LMap) and isinstance(item.get("path"), str):
                k.patches.append(_join(k.dir, item["path"]))
            elif isinstance(item, str) and "\n" not in item:
                k.patches.append(_join(k.dir, item))
    for field_name in ("transformers", "generators", "validators", "configurations"):
        for entry in _strs(root.get(field_name)):
            if "\n" not in entry:
                k.configs.append(_join(k.dir, entry))
    _generators(model, k)
    return k


def kustomizations(model: RepoModel) -> dict[str, Kustomization]:
    """Kustomization (or Component) files of the project, by directory."""
    cached = model.extra.get("k8s.kustomizations")
    if cached is not None:
        return cached
    dirs: set[str] = set()
    for unit in model.files:
        d = _dir(unit.rel)
        while True:
            dirs.add(d)
            if not d:
                break
            d = _dir(d)
    model.extra["k8s.dirs"] = dirs
    out: dict[str, Kustomization] = {}
    for unit, root in model.kustomization_files():
        out[_dir(unit.rel)] = _parse(model, unit, root)
    model.extra["k8s.kustomizations"] = out
    return out


def patch_files(model: RepoModel) -> frozenset[str]:
    cached = model.extra.get("k8s.patch_files")
    if cached is None:
        cached = frozenset(p for k in kustomizations(model).values() for p in k.patches)
        model.extra["k8s.patch_files"] = cached
    return cached


def config_files(model: RepoModel) -> frozenset[str]:
    cached = model.extra.get("k8s.kustomize_config_files")
    if cached is None:
        ks = kustomizations(model)
        cached = frozenset([k.unit.rel for k in ks.values()] + [c for k in ks.values() for c in k.configs])
        model.extra["k8s.kustomize_config_files"] = cached
    return cached


def is_rendered(obj: K8sObject) -> bool:
    """The object comes from a rendered overlay (``kustomize build``): what the cluster
    receives, with images, names and patches applied (okla_lint.core.render)."""
    return getattr(obj.file, "render", None) is not None


def is_patch(model: RepoModel, obj: K8sObject) -> bool:
    return obj.file.rel in patch_files(model)


def generated(model: RepoModel) -> list[Generated]:
    return [g for k in kustomizations(model).values() for g in k.generated]


# -- what is applied together -------------------------------------------------------------
def _closure(ks: dict[str, Kustomization], d: str, seen: set[str]) -> tuple[set[str], bool]:
    """Files reachable from the kustomization in directory ``d``, and whether any part of
    it comes from somewhere we cannot see."""
    if d in seen or d not in ks:
        return set(), False
    seen.add(d)
    k = ks[d]
    files = set(k.files) | {k.unit.rel}
    remote = k.remote
    for sub in k.subdirs:
        if sub not in ks:
            remote = True  # kustomize needs a kustomization there; be safe
            continue
        f, r = _closure(ks, sub, seen)
        files |= f
        remote = remote or r
    return files, remote


def _groups(model: RepoModel) -> dict[str, tuple[set[str], bool]]:
    """rel -> (files applied together with it through some kustomization, remote?)."""
    cached = model.extra.get("k8s.kustomize_groups")
    if cached is not None:
        return cached
    ks = kustomizations(model)
    out: dict[str, tuple[set[str], bool]] = {}
    for d in ks:
        files, remote = _closure(ks, d, set())
        for f in files:
            prev, prev_remote = out.get(f, (set(), False))
            out[f] = (prev | files, prev_remote or remote)
    model.extra["k8s.kustomize_groups"] = out
    return out


def tier(model: RepoModel, a: FileUnit, b: FileUnit) -> int:
    """How closely two files are applied together: SAME_FILE, SAME_GROUP (same directory or
    same kustomize build), NEARBY (one directory holds the other) or ELSEWHERE."""
    if a is b or a.rel == b.rel:
        return SAME_FILE
    da, db = _dir(a.rel), _dir(b.rel)
    if da == db:
        return SAME_GROUP
    groups = _groups(model)
    if b.rel in groups.get(a.rel, (set(), False))[0]:
        return SAME_GROUP
    if not da or not db or db.startswith(da + "/") or da.startswith(db + "/"):
        return NEARBY
    return ELSEWHERE


def kustomize_group(model: RepoModel, unit: FileUnit) -> set[str]:
    """Files (rel) applied together with ``unit`` through some kustomization."""
    return _groups(model).get(unit.rel, (set(), False))[0]


def sees_remote(model: RepoModel, unit: FileUnit) -> bool:
    """Whether a kustomization that applies this file also pulls resources we cannot see."""
    return _groups(model).get(unit.rel, (set(), False))[1]


def nearest(model: RepoModel, unit: FileUnit, objs: Iterable[Any], key=lambda o: o.file) -> tuple[int, list[Any]]:
    """The candidates closest to ``unit`` (by ``tier``; the same file counts as the same
    group), and that tier (ELSEWHERE + 1 when there are none)."""
    best, out = ELSEWHERE + 1, []
    for o in objs:
        # one file or one apply group: all of it ends up in the cluster together
        t = max(tier(model, unit, key(o)), SAME_GROUP)
        if t < best:
            best, out = t, [o]
        elif t == best:
            out.append(o)
    return best, out


def template_labels(model: RepoModel, unit: FileUnit) -> dict[str, str]:
    """Labels that kustomizations building this file add to pod templates (``commonLabels``,
    and ``labels`` with includeTemplates or includeSelectors): the templates carry them
    once built, so selectors may rely on them."""
    cached = model.extra.get("k8s.kustomize_template_labels")
    if cached is None:
        cached = {}
        ks = kustomizations(model)
        for d, k in ks.items():
            added: dict[str, str] = {}
            common = k.root.get("commonLabels")
            if isinstance(common, dict):
                added.update({str(a): str(b) for a, b in common.items() if b is not None})
            labels = k.root.get("labels")
            if isinstance(labels, list):
                for item in labels:
                    if isinstance(item, dict) and (item.get("includeTemplates") or item.get("includeSelectors")):
                        pairs = item.get("pairs")
                        if isinstance(pairs, dict):
                            added.update({str(a): str(b) for a, b in pairs.items() if b is not None})
            if not added:
                continue
            files, _ = _closure(ks, d, set())
            for f in files:
                cached.setdefault(f, {}).update(added)
        model.extra["k8s.kustomize_template_labels"] = cached
    return cached.get(unit.rel, {})
