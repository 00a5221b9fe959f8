"""The merged view of a gateway's Ocelot files.

``AddOcelot(folder, env)`` (ConfigurationBuilderExtensions.GetMergedOcelotJson) merges every
file of one folder whose name matches ``^ocelot\\.(.*?)\\.json$`` (case-insensitive; plain
``ocelot.json`` does not match, it is the merge output) except the environment file
``ocelot.{Environment}.json``; ``GlobalConfiguration`` comes only from ``ocelot.global.json``.
Environment files such as ``ocelot.Development.json`` / ``ocelot.prod.json`` are instead used
one per environment (``AddJsonFile($"ocelot.{env}.json")``).

Here a folder's files are classified by name:
- ``ocelot.json``: primary file (a full configuration, or the merge output);
- ``ocelot.global.json``: the global fragment;
- ``ocelot.<Env>.json`` with a well-known environment name: an environment file;
- ``ocelot.<Env>.<Area>.json``: a fragment belonging to environment ``<Env>``;
- any other ``ocelot.<name>.json``: a fragment merged in every environment.
Merge groups are the shared fragments plus the fragments of one environment; environment
files are compared with their siblings instead.
"""
from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass, field

from ...core.files import FileUnit
from ...core.model import RepoModel


SUB_CONFIG = re.compile(r"^ocelot\.(.*?)\.json$", re.IGNORECASE | re.DOTALL)


ENV_NAMES = {
    "development", "dev", "develop", "staging", "stage", "production", "prod", "release",
    "test", "testing", "qa", "uat", "local", "docker", "compose", "k8s", "kubernetes", "kube",
    "aks", "eks", "gke", "preprod", "sandbox", "demo", "ci", "debug", "cloud", "azure", "aws",
    "live", "integration", "perf", "preview",
}


@dataclass
class Folder:
    path: str
    primary: FileUnit | None = None
    global_file: FileUnit | None = None
    env_files: dict[str, FileUnit] = field(default_factory=dict)  # env (lower) -> unit
    shared: list[FileUnit] = field(default_factory=list)
    env_fragments: dict[str, dict[str, FileUnit]] = field(default_factory=dict)  # env -> area -> unit

    def groups(self) -> list[list[FileUnit]]:
        """The sets of files merged together (one per environment that has fragments)."""
        base = list(self.shared) + ([self.global_file] if self.global_file else [])
        if self.env_fragments:
            return [base + list(areas.values()) for _, areas in sorted(self.env_fragments.items())]
        return [base] if self.shared else []

    @property
    def merges(self) -> bool:
        return bool(self.shared or self.env_fragments or self.global_file)


def folders(model: RepoModel) -> list[Folder]:
    cached = model.extra.get("ocelot.folders")
    if cached is not None:
        return cached
    by_dir: dict[str, Folder] = {}
    for unit in sorted(model.ocelot, key=lambda u: u.rel):
        name = posixpath.basename(unit.rel)
        d = posixpath.dirname(unit.rel)
        f = by_dir.setdefault(d, Folder(d))
        if name.lower() == "ocelot.json":
            f.primary = unit
            continue
        m = SUB_CONFIG.match(name)
        if not m:
            continue
        middle = m.group(1)
        parts = middle.split(".")
        if middle.lower() == "global":
            f.global_file = unit
        elif parts[0].lower() in ENV_NAMES and len(parts) == 1:
            f.env_files[parts[0].lower()] = unit
        elif parts[0].lower() in ENV_NAMES:
            f.env_fragments.setdefault(parts[0].lower(), {})[".".join(parts[1:]).lower()] = unit
        else:
            f.shared.append(unit)
    out = [by_dir[k] for k in sorted(by_dir)]
    model.extra["ocelot.folders"] = out
    return out
