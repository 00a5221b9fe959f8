"""``okla-lint check --show-files``: what a run would read and how each file is classified
(Kubernetes, workflow, action, Ocelot), or why it is skipped, without linting anything."""
from __future__ import annotations

import os
from pathlib import Path

from ..core import files as F
from ..core.discover import SKIP_DIRS, TEST_DATA_DIRS, excluded, is_backup
from ..core.files import display_path
import json

LABEL = {
    F.KUBERNETES: "kubernetes",
    F.WORKFLOW: "workflow",
    F.ACTION: "action",
    F.OCELOT: "ocelot",
    F.YAML: "yaml",
    F.JSON: "json",
    F.HELM: "skipped",
    F.UNREADABLE: "unreadable",
}


def _describe(unit: F.FileUnit | None) -> tuple[str, str]:
    if unit is None:
        return "skipped", "JSON that is neither a Kubernetes manifest nor an Ocelot configuration"
    kind = unit.kind
    if kind == F.KUBERNETES:
        objs = []
        for d in unit.docs:
            if F.is_k8s_object(d.root):
                meta = d.root.get("metadata")
                name = meta.get("name") if isinstance(meta, dict) else None
                objs.append(f"{d.root['kind']}/{name if isinstance(name, str) else '?'}")
        shown = ", ".join(objs[:3]) + (f", +{len(objs) - 3} more" if len(objs) > 3 else "")
        return "kubernetes", f"{len(objs)} object{'s' if len(objs) != 1 else ''}: {shown}"
    if kind == F.WORKFLOW:
        return "workflow", "GitHub Actions workflow (.github/workflows/)"
    if kind == F.ACTION:
        return "action", "GitHub Actions action (action.yml with runs:)"
    if kind == F.OCELOT:
        return "ocelot", "Ocelot configuration"
    if kind == F.YAML:
        if unit.problems:
            return "yaml", "syntax error (reported as parse-error)"
        if os.path.basename(unit.rel) in F.KUSTOMIZATION_FILES:
            return "yaml", ("kustomization: rendered with kubectl kustomize (or kustomize build) when it is an "
                            "entry point, its objects linted at their source lines (--no-render: read for syntax only)")
        return "yaml", "YAML with no Kubernetes object, workflow or action: read for syntax only"
    if kind == F.JSON:
        return "json", "JSON that is neither Kubernetes nor Ocelot: read for syntax only"
    if kind == F.HELM:
        return "skipped", unit.note or "Helm/Go template"
    if kind == F.UNREADABLE:
        return "unreadable", unit.problems[0].message if unit.problems else "cannot be read"
    return kind, unit.note


_QUIET_DIRS = {"__pycache__", ".mypy_cache", ".pytest_cache", ".ruff_cache", ".okla-lint-cache"}


def _config_excluded(engine, path: Path) -> bool:
    root = engine.settings.root
    if not engine.settings.exclude or root is None:
        return False
    try:
        rel = Path(os.path.abspath(path)).resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return False
    patterns = list(engine.settings.exclude) + [p.replace("**/", "") for p in engine.settings.exclude if "**/" in p]
    return excluded(rel, patterns)


def _walk_skipped(engine, paths: list[str], read: set[str]) -> list[tuple[str, str, str]]:
    """YAML and JSON files under the folders given that discovery leaves out, with why."""
    out = []
    for raw in paths:
        p = Path(raw)
        if not p.is_dir():
            continue
        for dirpath, dirnames, filenames in os.walk(p, followlinks=False):
            keep = []
            for dn in sorted(dirnames):
                full = os.path.join(dirpath, dn)
                shown = display_path(Path(full)) + "/"
                if dn.startswith(".okla-lint-render-") or dn in _QUIET_DIRS:
                    continue  # caches: never hold manifests, not worth a line
                if dn in SKIP_DIRS:
                    out.append((shown, "skipped", f"folder {dn!r} is never read (VCS, dependencies, caches)"))
                elif os.path.exists(os.path.join(full, "pyvenv.cfg")):
                    out.append((shown, "skipped", "a Python virtual environment"))
                elif not engine.settings.test_data and dn.lower() in TEST_DATA_DIRS and not any(
                        k.startswith(os.path.abspath(full) + os.sep) for k in read):
                    out.append((shown, "skipped", "test data (read with --test-data, or name the folder)"))
                elif _config_excluded(engine, Path(full)):
                    out.append((shown, "skipped", "excluded by the configuration's `exclude`"))
                else:
                    keep.append(dn)
            dirnames[:] = keep
            for fn in sorted(filenames):
                low = fn.lower()
                if not low.endswith(F.YAML_EXT + F.JSON_EXT):
                    continue
                fp = os.path.abspath(os.path.join(dirpath, fn))
                if fp in read:
                    continue
                shown = display_path(Path(fp))
                if is_backup(fn):
                    out.append((shown, "skipped", "backup file (read only when named explicitly)"))
                elif _config_excluded(engine, Path(fp)):
                    out.append((shown, "skipped", "excluded by the configuration's `exclude`"))
                else:
                    out.append((shown, "skipped", "not a regular file, or not readable"))
    return out


def show_files(engine, paths: list[str], as_json: bool = False) -> str:
    cands = engine.candidates(paths)
    rows: list[tuple[str, str, str]] = []
    read: set[str] = set()
    for cand in cands:
        read.add(os.path.abspath(cand.path))
        unit = F.parse_file(cand.path, cand.rel, cand.explicit, engine.settings.max_file_size)
        kind, why = _describe(unit)
        rows.append((display_path(cand.path), kind, why))
    rows += _walk_skipped(engine, paths, read)
    rows.sort(key=lambda r: r[0])
    if as_json:
        return json.dumps({"files": [{"path": p, "kind": k, "reason": w} for p, k, w in rows]}, indent=2) + "\n"
    width = max((len(p) for p, _, _ in rows), default=0)
    return "".join(f"{p:<{width}}  {k:<10}  {w}".rstrip() + "\n" for p, k, w in rows)
