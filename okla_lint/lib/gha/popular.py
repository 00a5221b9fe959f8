"""What okla-lint knows, offline, about popular GitHub Actions: the inputs and runtime of each
major version, the commits of their release tags, which repositories are archived and which
versions GitHub no longer runs. The facts live in ``okla_lint/data/popular_actions.json``
(where each came from is recorded there) and are read once, on first use."""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from .uses import is_full_sha, parse_uses

DATA = Path(__file__).resolve().parent.parent.parent / "data" / "popular_actions.json"
_VERSION = re.compile(r"^v?(\d+)(?:\.(\d+))?(?:\.(\d+))?$")


@lru_cache(maxsize=1)
def table() -> dict[str, Any]:
    """The data file, parsed (once per process)."""
    return json.loads(DATA.read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def _indexes() -> tuple[dict[str, str], dict[str, dict[str, list[str]]], dict[str, str]]:
    data = table()
    actions = {k.lower(): k for k in data["actions"]}
    by_sha: dict[str, dict[str, list[str]]] = {}
    for repo, info in data["repos"].items():
        shas: dict[str, list[str]] = {}
        for tag, sha in info["tags"].items():
            shas.setdefault(sha, []).append(tag)
        by_sha[repo.lower()] = shas
    repos = {k.lower(): k for k in data["repos"]}
    return actions, by_sha, repos


def version_key(tag: str) -> tuple[int, int, int]:
    """Sort key of a version tag; a floating tag (`v4`, `v4.1`) sorts after every release it
    stands for."""
    m = _VERSION.match(tag)
    if not m:
        return (-1, -1, -1)
    big = 10**9
    return tuple(int(x) if x is not None else big for x in m.groups())  # type: ignore[return-value]


def major_of(tag: str) -> str | None:
    """The table's major-version key of a version tag: `v4.2.1` -> `4`; `0.x` releases are
    each their own major (`v0.28.0` -> `0.28`)."""
    m = _VERSION.match(tag)
    if not m:
        return None
    if m.group(1) == "0" and m.group(2) is not None:
        return f"0.{int(m.group(2))}"
    return str(int(m.group(1)))


@dataclass(frozen=True)
class Resolved:
    """A `uses:` reference of an action in the table, at a known version."""

    key: str  # `owner/repo[/path]` as the table spells it
    repo: str  # `owner/repo` as the table spells it
    ref: str  # as written after `@`
    major: str  # the table's major key (`4`, `0.28`)
    tag: str | None  # the release the ref names or a SHA pins (`v4.2.1`, `v4`); None: unknown tag
    spec: dict  # the major version's facts: latest, using, inputs[, using_by_tag]

    @property
    def floating(self) -> bool:
        """The ref follows the newest release of the major version (`v4`, a `v4` branch)."""
        return self.tag is None or self.tag == self.spec["latest"] or self.tag.lstrip("v") == self.major

    @property
    def using(self) -> str:
        """`runs.using` of the release in use."""
        if self.tag and not self.floating:
            return self.spec.get("using_by_tag", {}).get(self.tag, self.spec["using"])
        return self.spec["using"]

    @property
    def inputs(self) -> dict[str, dict]:
        return self.spec["inputs"]

    def label(self) -> str:
        """`actions/checkout@v4` (a SHA pin is named with the release it is)."""
        if is_full_sha(self.ref) and self.tag:
            return f"{self.key}@{self.ref[:12]}… ({self.tag})"
        return f"{self.key}@{self.ref}"

    @property
    def settled(self) -> bool:
        """The table knows every input of what runs: an exact release, or a floating ref of a
        major version older than the newest one in the table (newer releases of the newest
        major, published after the table's snapshot, may add inputs)."""
        if not self.floating:
            return True
        return self.major != newest_major(self.key)

    def before(self, tag: str) -> bool:
        """The release in use is known and older than ``tag`` (same major version)."""
        return self.tag is not None and not self.floating and version_key(self.tag) < version_key(tag)


def action_key(uses: str) -> tuple[str, str] | None:
    """(table key, ref) of a remote `uses:` whose action is in the table (owner and
    repository matched ignoring case, as GitHub does); None otherwise."""
    parsed = parse_uses(uses)
    if parsed is None:
        return None
    owner, repo, path, ref = parsed
    actions, _, _ = _indexes()
    key = actions.get(f"{owner}/{repo}".lower() + path.rstrip("/"))
    return (key, ref.strip()) if key else None


def resolve(uses: str) -> Resolved | None:
    """The table's facts for a `uses:` of a known action at a known version: a version tag
    or `vN` branch that exists, or a commit SHA of a release tag. None when the action, the
    ref or the SHA is not in the table (a branch, a newer release, a fork's commit)."""
    found = action_key(uses)
    if found is None:
        return None
    key, ref = found
    data = table()
    entry = data["actions"][key]
    repo = entry["repo"]
    info = data["repos"][repo]
    tag: str | None
    if is_full_sha(ref):
        tags = _indexes()[1][repo.lower()].get(ref.lower())
        if not tags:
            return None
        # the most specific release tag on that commit (`v4.2.1` rather than `v4`)
        tag = max(tags, key=lambda t: (t.count("."), version_key(t)))
    elif ref in info["tags"] or ref in info.get("branches", ()):
        tag = ref
    else:
        return None
    major = major_of(tag)
    spec = entry["majors"].get(major) if major else None
    if spec is None:
        return None
    return Resolved(key, repo, ref, major, tag, spec)


def tags_of(repo: str) -> dict[str, str]:
    """Release tag -> commit of a repository in the table (``owner/repo``, any case)."""
    _, _, repos = _indexes()
    name = repos.get(repo.lower())
    return table()["repos"][name]["tags"] if name else {}


def tags_at(repo: str, sha: str) -> list[str]:
    """The release tags of ``repo`` that point at commit ``sha``."""
    return list(_indexes()[1].get(repo.lower(), {}).get(sha.lower(), ()))


def newest_major(key: str) -> str | None:
    """The table's key of the newest major version of an action (by its newest release; a
    floating `v0` is newer than every `v0.x` release)."""
    entry = table()["actions"].get(key)
    if not entry:
        return None
    return max(entry["majors"], key=lambda m: version_key(entry["majors"][m]["latest"]))


def latest_major(key: str) -> str | None:
    """The ref of the newest major version of an action in the table (`v4`, or its newest
    release when it has no floating tag)."""
    best = newest_major(key)
    return table()["actions"][key]["majors"][best]["latest"] if best else None


def archived(owner_repo: str) -> dict | None:
    """What the table knows of an archived repository (``successor``, ``last_commit``), or
    None when ``owner/repo`` is not known to be archived."""
    return table()["archived"].get(owner_repo.lower())


def retirement(res: Resolved) -> dict | None:
    """The table's entry when GitHub fails every run of this version of the action."""
    for r in table()["retired"]:
        if r["action"] != res.key:
            continue
        if res.major in r["majors"] or (res.tag is not None and res.tag in r.get("tags", ())):
            return r
        below = r.get("below", {}).get(res.major)
        if below and res.before(below):
            return r
    return None


def runtime_gone(using: str) -> bool:
    """Whether GitHub's runners no longer ship the runtime ``runs.using`` names (lower case)."""
    return using in table()["outdated_runtimes"]


def outdated_runtime(res: Resolved) -> str | None:
    """`runs.using` of the version in use when GitHub's runners no longer ship it."""
    using = res.using
    return using if runtime_gone(using) else None


@lru_cache(maxsize=1)
def popular_names() -> dict[str, str]:
    """Lower-case `owner/repo` -> spelling, of the actions the typosquat check protects
    and of every repository the table knows (known names are never typosquats)."""
    data = table()
    names = {n.lower(): n for n in data["popular"]}
    names.update((n.lower(), n) for n in data["repos"])  # the repository's own spelling
    return names


@lru_cache(maxsize=1)
def known_names() -> frozenset[str]:
    """Every `owner/repo` the table names (lower case): popular, archived, table repos."""
    data = table()
    known = {n.lower() for n in data["popular"]} | set(data["archived"]) | {r.lower() for r in data["repos"]}
    return frozenset(known)
