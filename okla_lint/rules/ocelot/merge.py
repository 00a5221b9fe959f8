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

import json
import posixpath
import re
from dataclasses import dataclass, field

from ...core.files import FileUnit
from ...core.located import LMap, LSeq
from ...core.model import RepoModel
from ...core.registry import check
from ...lib.ocelot import schema as S
from ...lib.ocelot.config import identity, overlap, verbs_text

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


def _root(unit: FileUnit):
    return unit.docs[0].root if unit.docs else None


@check("ocelot-duplicate-route", on="repository")
def merged_duplicates(ctx, model: RepoModel) -> None:
    done: set[tuple[int, int]] = set()
    for folder in folders(model):
        for group in folder.groups():
            seen: dict[tuple, list[tuple[FileUnit, int, LMap, str]]] = {}
            for unit in sorted(group, key=lambda u: u.rel):
                for i, route, sect in S.routes(_root(unit)):
                    ident = identity(route)
                    vs = S.verbs(route)
                    if not isinstance(ident[0], str) or not ident[0] or vs is None:
                        continue
                    for ounit, j, other, osect in seen.get(ident, []):
                        if ounit is unit:
                            continue
                        shared = overlap(S.verbs(other) or [], vs)
                        if not shared or (id(unit), i) in done:
                            continue
                        done.add((id(unit), i))
                        ospan = S.vspan(other, "UpstreamPathTemplate")
                        ctx.report(
                            "ocelot-duplicate-route",
                            S.vspan(route, "UpstreamPathTemplate"),
                            f"{sect}[{i}] duplicates {osect}[{j}] of {posixpath.basename(ounit.rel)} "
                            f"(line {ospan.line}), which AddOcelot merges into the same "
                            f"configuration: same UpstreamPathTemplate {ident[0]!r}"
                            + (f", UpstreamHost {ident[1]!r}" if ident[1] else "")
                            + f" and overlapping verbs ({verbs_text(shared)}); Ocelot's start-up "
                            "validation rejects the merged configuration ('route ... has "
                            "duplicate'); keep the route in one file only",
                            file=unit,
                            related=[(ounit, ospan, "the same route in the other merged file")],
                            context=f"merged-dup:{ident[0]}:{ident[1]}",
                        )
                        break
                    seen.setdefault(ident, []).append((unit, i, route, sect))


def _route_keys(unit: FileUnit) -> set[str]:
    keys = set()
    for _, route, _ in S.routes(_root(unit)):
        k = route.iget("Key")
        if isinstance(k, str) and k:
            keys.add(k)
    return keys


@check("ocelot-aggregate-unknown-route-key", on="repository")
def aggregate_keys(ctx, model: RepoModel) -> None:
    partners: dict[int, set[int]] = {}
    units = {id(u): u for u in model.ocelot}
    for folder in folders(model):
        for group in folder.groups():
            ids = {id(u) for u in group}
            for u in group:
                partners.setdefault(id(u), set()).update(ids)
    for unit in model.ocelot:
        root = _root(unit)
        aggs = list(S.aggregates(root))
        if not aggs:
            continue
        known = set(_route_keys(unit))
        for pid in partners.get(id(unit), ()):
            known |= _route_keys(units[pid])
        for i, agg in aggs:
            for name in ("RouteKeys", "ReRouteKeys"):
                k = agg.ikey(name)
                seq = agg.get(k) if k is not None else None
                if not isinstance(seq, LSeq):
                    continue
                for j, rk in enumerate(seq):
                    if not isinstance(rk, str) or rk in known:
                        continue
                    near = [x for x in known if x.lower() == rk.lower()]
                    hint = f" (a route has Key {near[0]!r}: keys are case-sensitive)" if near else ""
                    ctx.report(
                        seq.item_span(j),
                        f"Aggregates[{i}].{k}[{j}] {rk!r} names no route Key{hint}"
                        + (" in this file or the files merged with it" if id(unit) in partners else "")
                        + ": Ocelot's start-up validation rejects the configuration ('Routes for "
                        "aggregateRoute ... either do not exist'); add "
                        f"\"Key\": {json.dumps(rk)} to the route or fix the name",
                        file=unit,
                        context=f"agg-key:{rk}",
                    )


def _route_index(unit: FileUnit) -> dict[tuple, tuple[int, LMap, str]] | None:
    root = _root(unit)
    if not isinstance(root, LMap):
        return None
    out: dict[tuple, tuple[int, LMap, str]] = {}
    has = False
    for i, route, sect in S.routes(root):
        has = True
        up = route.iget("UpstreamPathTemplate")
        if isinstance(up, str):
            out.setdefault((up.lower(), (S.sget(route, "UpstreamHost") or "").lower()), (i, route, sect))
    return out if has else None


def _routes_key_span(unit: FileUnit):
    root = _root(unit)
    for name in ("Routes", "ReRoutes"):
        k = root.ikey(name) if isinstance(root, LMap) else None
        if k is not None:
            return root.key_span(k)
    return unit.docs[0].span


@check("ocelot-env-route-missing", on="repository")
def env_siblings(ctx, model: RepoModel) -> None:
    for folder in folders(model):
        families: list[list[FileUnit]] = []
        full = list(folder.env_files.values())
        if folder.primary is not None and not folder.merges:
            full.append(folder.primary)
        families.append(full)
        areas: dict[str, list[FileUnit]] = {}
        for env, frs in folder.env_fragments.items():
            for area, unit in frs.items():
                areas.setdefault(area, []).append(unit)
        families.extend(areas.values())
        for fam in families:
            indexed = [(u, _route_index(u)) for u in sorted(fam, key=lambda u: u.rel)]
            indexed = [(u, ix) for u, ix in indexed if ix]
            if len(indexed) < 2:
                continue
            for unit, ix in indexed:
                for ident, (i, route, sect) in ix.items():
                    missing = [u for u, oix in indexed if u is not unit and ident not in oix]
                    if not missing:
                        continue
                    names = ", ".join(posixpath.basename(u.rel) for u in missing)
                    ctx.report(
                        S.vspan(route, "UpstreamPathTemplate"),
                        f"{sect}[{i}] {route.iget('UpstreamPathTemplate')!r} exists in "
                        f"{posixpath.basename(unit.rel)} but not in its sibling {names}: in that "
                        "environment the gateway answers 404 for this path; add the route there "
                        "too if the omission is not deliberate",
                        file=unit,
                        related=[(u, _routes_key_span(u), "the sibling without this route") for u in missing],
                        context=f"env-missing:{ident[0]}:{ident[1]}:{names}",
                    )


@check("ocelot-global-config-ignored", on="repository")
def global_in_fragment(ctx, model: RepoModel) -> None:
    """AddOcelot's merge takes GlobalConfiguration from ocelot.global.json only; in a folder
    that has ocelot.global.json (so it is merged), a GlobalConfiguration in another fragment
    is dropped."""
    for folder in folders(model):
        if folder.global_file is None:
            continue
        frags = list(folder.shared) + [u for areas in folder.env_fragments.values() for u in areas.values()]
        for unit in frags:
            root = _root(unit)
            k = root.ikey("GlobalConfiguration") if isinstance(root, LMap) else None
            if k is None or not root[k]:
                continue
            ctx.report(
                root.key_span(k),
                f"GlobalConfiguration in {posixpath.basename(unit.rel)} is dropped: AddOcelot merges "
                f"the ocelot.*.json files of this folder and takes GlobalConfiguration only from "
                f"{posixpath.basename(folder.global_file.rel)}, so these settings never apply; move "
                "them there",
                file=unit,
                related=[(folder.global_file, _global_span(folder.global_file), "the file whose GlobalConfiguration is used")],
                context=f"global-ignored:{posixpath.basename(unit.rel)}",
            )


def _global_span(unit: FileUnit):
    root = _root(unit)
    k = root.ikey("GlobalConfiguration") if isinstance(root, LMap) else None
    return root.key_span(k) if k is not None else unit.docs[0].span
