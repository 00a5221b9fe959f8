"""Which Ocelot version a gateway runs, and what depends on it.

The version is read the way NuGet resolves it, from the project files of the repository
(read as text, never built):

1. the ``ocelot-version`` setting, when set, wins;
2. otherwise the nearest folder at or above the configuration file that holds a ``*.csproj``
   with ``<PackageReference Include="Ocelot" ...>``: its ``Version`` attribute or element, or
   (central package management) the ``<PackageVersion Include="Ocelot" Version=...>`` of the
   nearest ``Directory.Packages.props`` above it; ``$(Property)`` values are looked up in the
   project and the ``Directory.Build.props`` / ``Directory.Packages.props`` above it;
3. for a configuration outside any project (a ConfigMap in ``k8s/``), the version every
   Ocelot project of the repository agrees on, if they agree.

A floating version (``23.*``) is a range; an exact one or a range with a lower bound (NuGet
picks the lowest version that satisfies it) is that version. Rules ask
``OcelotVersion.at_least((24, 1))``, which is None when the range straddles the answer, and
say only what holds for every version when the version is unknown.

What changed when (read from ThreeMammals/Ocelot at each release tag, ``src/Ocelot/
Configuration/File/*.cs``, the validators and ``Ocelot.Provider.Polly``): ``INTRODUCED``.
"""
from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ...core.local import query

V = tuple[int, int, int]

# -- what changed when ----------------------------------------------------------------------

# keys of the schema (lib/ocelot/schema.py) that a release added: (object kind, key) -> the
# first release that reads it. Keys not listed here were read by 16.0 already (or are read
# only by forks and extensions: never reported as version-dependent).
INTRODUCED: dict[tuple[str, str], V] = {
    ("GlobalConfiguration", "SecurityOptions"): (24, 0, 0),
    ("Aggregate", "UpstreamHttpMethod"): (24, 0, 0),
    ("SecurityOptions", "ExcludeAllowedFromBlocked"): (20, 0, 0),
    ("AuthenticationOptions", "AuthenticationProviderKeys"): (23, 0, 0),
    ("CacheOptions", "Header"): (23, 0, 0),
    ("HttpHandlerOptions", "PooledConnectionLifetimeSeconds"): (23, 0, 0),
    ("Route", "DownstreamHttpVersionPolicy"): (23, 3, 0),
    ("Route", "Metadata"): (23, 3, 0),
    ("Route", "UpstreamHeaderTemplates"): (23, 3, 0),
    ("Aggregate", "UpstreamHeaderTemplates"): (23, 3, 0),
    ("CacheOptions", "EnableContentHashing"): (23, 3, 0),
    ("DynamicRoute", "DownstreamHttpVersionPolicy"): (23, 3, 0),
    ("DynamicRoute", "Metadata"): (23, 3, 0),
    ("GlobalConfiguration", "CacheOptions"): (23, 3, 0),
    ("GlobalConfiguration", "DownstreamHttpVersionPolicy"): (23, 3, 0),
    ("GlobalConfiguration", "MetadataOptions"): (23, 3, 0),
    ("Route", "CacheOptions"): (24, 1, 0),
    ("Route", "RateLimiting"): (24, 1, 0),
    ("AuthenticationOptions", "AllowAnonymous"): (24, 1, 0),
    ("GlobalConfiguration", "AuthenticationOptions"): (24, 1, 0),
    ("GlobalConfiguration", "DownstreamHeaderTransform"): (24, 1, 0),
    ("GlobalConfiguration", "Metadata"): (24, 1, 0),
    ("GlobalConfiguration", "Timeout"): (24, 1, 0),
    ("GlobalConfiguration", "UpstreamHeaderTransform"): (24, 1, 0),
    ("GlobalConfiguration", "RateLimiting"): (24, 1, 0),
    ("QoSOptions", "BreakDuration"): (24, 1, 0),
    ("QoSOptions", "FailureRatio"): (24, 1, 0),
    ("QoSOptions", "MinimumThroughput"): (24, 1, 0),
    ("QoSOptions", "SamplingDuration"): (24, 1, 0),
    ("QoSOptions", "Timeout"): (24, 1, 0),
    ("RateLimitOptions", "EnableHeaders"): (24, 1, 0),
    ("RateLimitOptions", "KeyPrefix"): (24, 1, 0),
    ("RateLimitOptions", "QuotaMessage"): (24, 1, 0),
    ("RateLimitOptions", "StatusCode"): (24, 1, 0),
    ("RateLimitOptions", "Wait"): (24, 1, 0),
}
# dynamic routes had only these keys before 24.1 moved the shared route keys to FileRouteBase
DYNAMIC_BEFORE_24_1 = {"downstreamhttpversion", "ratelimitrule", "servicename", "downstreamhttpversionpolicy", "metadata"}
# before 24.1 a route's RateLimitOptions (FileRateLimitRule) and GlobalConfiguration's
# (FileRateLimitOptions) were different classes with disjoint keys
ROUTE_RATE_BEFORE_24_1 = {"clientwhitelist", "enableratelimiting", "limit", "period", "periodtimespan"}
GLOBAL_RATE_BEFORE_24_1 = {"clientidheader", "disableratelimitheaders", "httpstatuscode", "quotaexceededmessage", "ratelimitcounterprefix"}

# deprecated keys: (object kind, key) -> the release that marked it [Obsolete] (its
# replacement exists from then on). Ocelot 25.0 still reads all of them.
DEPRECATED_SINCE: dict[tuple[str, str], V] = {
    ("AuthenticationOptions", "AuthenticationProviderKey"): (23, 0, 0),
    ("Route", "FileCacheOptions"): (24, 1, 0),
    ("DynamicRoute", "RateLimitRule"): (24, 1, 0),
    ("QoSOptions", "ExceptionsAllowedBeforeBreaking"): (24, 1, 0),
    ("QoSOptions", "DurationOfBreak"): (24, 1, 0),
    ("QoSOptions", "TimeoutValue"): (24, 1, 0),
    ("RateLimitOptions", "PeriodTimespan"): (24, 1, 0),
    ("RateLimitOptions", "HttpStatusCode"): (24, 1, 0),
    ("RateLimitOptions", "QuotaExceededMessage"): (24, 1, 0),
    ("RateLimitOptions", "RateLimitCounterPrefix"): (24, 1, 0),
    ("RateLimitOptions", "DisableRateLimitHeaders"): (24, 1, 0),
}

# start-up validation that changed: the release from which Ocelot rejects ...
DOWNSTREAM_DUPLICATE_PLACEHOLDER = (23, 2, 0)  # ... a DownstreamPathTemplate with a placeholder twice
ROUTES_RENAMED = (16, 0, 0)  # ... reads Routes, RouteKeys, ... (before: ReRoutes, ReRouteKeys, ...)
UPSTREAM_HEADER_ROUTING = (23, 3, 0)  # ... tells routes apart by UpstreamHeaderTemplates too
HTTP_VERSION_POLICY = (23, 3, 0)  # ... reads and validates DownstreamHttpVersionPolicy
RATE_LIMIT_LIMIT_POSITIVE = (24, 1, 0)  # ... RateLimitOptions.Limit <= 0
RATE_LIMIT_PERIOD_DECIMAL = (24, 1, 0)  # ... accepts "1.5s" and "100ms" (before: ^[0-9]+[smhd])
RATE_LIMIT_PERIOD_TRIMMED = (23, 0, 0)  # ... trims the Period before matching it
RATE_LIMIT_ENABLED_BY_DEFAULT = (24, 1, 0)  # ... a RateLimitOptions without EnableRateLimiting is on
UPSTREAM_PLACEHOLDER_WORDS = (23, 2, 0)  # ... a placeholder is \{\w+\} (before: {[^}]+})
# 23.2.0 and 23.2.1 only: the upstream and downstream templates must hold the same placeholders
PLACEHOLDERS_MUST_MATCH = ((23, 2, 0), (23, 2, 2))
# Ocelot.Provider.Polly: Polly v8 from 23.2 (options validated when a route's pipeline is
# built); 23.3 substitutes a break under 500 ms and adds the breaker only from 2 failures;
# 24.1 substitutes every out-of-range value and logs a warning
POLLY_V8 = (23, 2, 0)
POLLY_GUARDS = (23, 3, 0)
POLLY_SUBSTITUTES = (24, 1, 0)


def eras(version: "OcelotVersion | None", bounds: tuple[V, ...]) -> list[int]:
    """The eras a version may fall in, for the releases ``bounds`` (sorted) that changed a
    behaviour: era 0 is before ``bounds[0]``, era i is from ``bounds[i-1]`` on. Every era when
    the version is unknown."""
    if version is None:
        return list(range(len(bounds) + 1))

    def era(v: V) -> int:
        return sum(1 for b in bounds if v >= b)

    return list(range(era(version.lo), era(version.hi) + 1))


def fmt(v: V) -> str:
    return f"{v[0]}.{v[1]}" if v[2] == 0 else f"{v[0]}.{v[1]}.{v[2]}"


# -- the version of a gateway ------------------------------------------------------------------


@dataclass(frozen=True)
class OcelotVersion:
    lo: V
    hi: V  # inclusive; == lo for an exact version
    text: str  # as written: "22.0.1", "23.*"
    source: str  # "backend/Gateway/Gateway.Api.csproj", "the `ocelot-version` setting"

    def at_least(self, v: V) -> bool | None:
        """True when every version in the range is >= v, False when none is, else None."""
        if self.lo >= v:
            return True
        if self.hi < v:
            return False
        return None

    def between(self, lo: V, hi: V) -> bool | None:
        """lo <= version < hi for every version in the range (True), none (False), or unsure."""
        a, b = self.at_least(lo), self.at_least(hi)
        if a is True and b is False:
            return True
        if a is False or b is True:
            return False
        return None

    @property
    def label(self) -> str:
        return f"Ocelot {self.text} ({self.source})"


_NUM = re.compile(r"^\s*(\d+)(?:\.(\d+|\*))?(?:\.(\d+|\*))?(?:\.(?:\d+|\*))?(?:-[0-9A-Za-z.-]+)?\s*$")


def parse_version(text: str, source: str) -> OcelotVersion | None:
    """A NuGet version or version range as written in a project file."""
    t = text.strip()
    if not t:
        return None
    if t[0] in "[(":
        inner = t[1:-1] if t[-1] in ")]" else t[1:]
        lo_txt = inner.split(",", 1)[0].strip()
        if not lo_txt:
            return None  # "(,23.0]": no lower bound, the lowest version is unknown
        v = parse_version(lo_txt, source)
        return OcelotVersion(v.lo, v.lo, lo_txt, source) if v else None
    if t == "*":
        return None
    m = _NUM.match(t)
    if not m:
        return None
    major = int(m.group(1))
    minor, patch = m.group(2), m.group(3)
    if minor == "*":
        return OcelotVersion((major, 0, 0), (major, 999, 999), t, source)
    if patch == "*":
        return OcelotVersion((major, int(minor), 0), (major, int(minor), 999), t, source)
    if "*" in t:
        return None
    v = (major, int(minor or 0), int(patch or 0))
    return OcelotVersion(v, v, t, source)


_SKIP_DIRS = {".git", "node_modules", "bin", "obj", ".venv", "venv", "vendor", "packages", "dist", "build"}
_MAX_PROJECT_BYTES = 1_000_000
_MAX_CS_FILES = 3000
_CS_WORD = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


def _read(p: Path) -> str | None:
    try:
        if p.stat().st_size > _MAX_PROJECT_BYTES:
            return None
        return p.read_text(encoding="utf-8-sig", errors="replace")
    except OSError:
        return None


def _strip_comments(xml: str) -> str:
    return re.sub(r"<!--.*?-->", "", xml, flags=re.DOTALL)


_REF = re.compile(r"<PackageReference\b([^>]*?)(/>|>(.*?)</PackageReference\s*>)", re.DOTALL | re.IGNORECASE)
_PKGVER = re.compile(r"<PackageVersion\b([^>]*?)(/>|>(.*?)</PackageVersion\s*>)", re.DOTALL | re.IGNORECASE)


def _attr(attrs: str, name: str) -> str | None:
    m = re.search(rf"\b{name}\s*=\s*(\"([^\"]*)\"|'([^']*)')", attrs, re.IGNORECASE)
    if not m:
        return None
    return m.group(2) if m.group(2) is not None else m.group(3)


def _element(body: str | None, name: str) -> str | None:
    if not body:
        return None
    m = re.search(rf"<{name}\s*>(.*?)</{name}\s*>", body, re.DOTALL | re.IGNORECASE)
    return m.group(1).strip() if m else None


def _ocelot_refs(xml: str, pattern: re.Pattern) -> list[tuple[str | None, str | None]]:
    """(Version, VersionOverride) of each reference to the package Ocelot itself."""
    out = []
    for m in pattern.finditer(_strip_comments(xml)):
        attrs, body = m.group(1), m.group(3)
        name = _attr(attrs, "Include") or _attr(attrs, "Update")
        if name is None or name.strip().lower() != "ocelot":
            continue
        ver = _attr(attrs, "Version") or _element(body, "Version")
        over = _attr(attrs, "VersionOverride") or _element(body, "VersionOverride")
        out.append((ver, over))
    return out


def _property(xml_texts: list[str], name: str) -> str | None:
    for xml in xml_texts:
        m = re.search(rf"<{re.escape(name)}(\s[^>]*)?>([^<]*)</{re.escape(name)}\s*>", _strip_comments(xml), re.IGNORECASE)
        if m:
            return m.group(2).strip()
    return None


class _Finder:
    """Reads project files under one repository root (cached per model)."""

    def __init__(self, root: Path):
        self.root = root.resolve()
        self._dir_cache: dict[Path, OcelotVersion | None | bool] = {}
        self._props_cache: dict[tuple[Path, str], Path | None] = {}
        self._all: list[tuple[Path, OcelotVersion | None]] | None = None
        self._words: dict[Path, frozenset[str]] = {}

    def _up(self, folder: Path):
        cur = folder
        while True:
            yield cur
            if cur == self.root or cur.parent == cur:
                return
            cur = cur.parent

    def _nearest(self, folder: Path, name: str) -> Path | None:
        key = (folder, name.lower())
        if key not in self._props_cache:
            found = None
            for d in self._up(folder):
                p = d / name
                if p.is_file():
                    found = p
                    break
            self._props_cache[key] = found
        return self._props_cache[key]

    def _rel(self, p: Path) -> str:
        try:
            return p.resolve().relative_to(self.root).as_posix()
        except ValueError:
            return p.name

    def project_version(self, csproj: Path) -> OcelotVersion | None | bool:
        """The Ocelot version a project references; False when it does not reference Ocelot."""
        xml = _read(csproj)
        if xml is None:
            return False
        refs = _ocelot_refs(xml, _REF)
        if not refs:
            return False
        props_texts = [xml]
        for name in ("Directory.Build.props", "Directory.Packages.props"):
            p = self._nearest(csproj.parent, name)
            t = _read(p) if p else None
            if t:
                props_texts.append(t)
        ver, over = refs[0]
        text, source = over or ver, csproj
        if not text:
            central = self._nearest(csproj.parent, "Directory.Packages.props")
            ctext = _read(central) if central else None
            cref = _ocelot_refs(ctext, _PKGVER) if ctext else []
            if not cref or not cref[0][0]:
                return None
            text, source = cref[0][0], central
        m = re.fullmatch(r"\s*\$\(([\w.]+)\)\s*", text)
        if m:
            text = _property(props_texts, m.group(1)) or ""
        return parse_version(text, self._rel(source)) if text else None

    def for_folder(self, folder: Path) -> OcelotVersion | None | bool:
        """The version of the nearest project at or above ``folder``; False when no folder up
        to the root has a project referencing Ocelot."""
        for d in self._up(folder):
            cached = self._dir_cache.get(d, "miss")
            if cached != "miss":
                if cached is not False:
                    return cached
                continue
            result: OcelotVersion | None | bool = False
            try:
                projects = sorted(p for p in d.iterdir() if p.suffix.lower() == ".csproj" and p.is_file())
            except OSError:
                projects = []
            for proj in projects:
                v = self.project_version(proj)
                if v is not False:
                    result = v
                    break
            self._dir_cache[d] = result
            if result is not False:
                return result
        return False

    def repository_versions(self) -> list[OcelotVersion | None]:
        """The Ocelot version of every project of the repository that references Ocelot."""
        return [v for _, v in self._ocelot_projects()]

    def _ocelot_projects(self) -> list[tuple[Path, OcelotVersion | None]]:
        """(folder, version) of every project of the repository that references Ocelot."""
        if self._all is None:
            out: list = []
            for dirpath, dirnames, filenames in os.walk(self.root):
                dirnames[:] = [d for d in dirnames if d not in _SKIP_DIRS and not d.startswith(".")]
                for fn in filenames:
                    if fn.lower().endswith(".csproj"):
                        v = self.project_version(Path(dirpath) / fn)
                        if v is not False:
                            out.append((Path(dirpath), v))
            self._all = out
        return self._all

    def code_folders(self, folder: Path) -> list[Path]:
        """The folders of the code that reads a configuration in ``folder``: the nearest
        project at or above it (any ``*.csproj``: Ocelot's own samples reference its source
        project, not the package), else every project of the repository that references
        Ocelot (a ConfigMap in ``k8s/``)."""
        for d in self._up(folder):
            try:
                if any(p.suffix.lower() == ".csproj" and p.is_file() for p in d.iterdir()):
                    return [d]
            except OSError:
                continue
        return [d for d, _ in self._ocelot_projects()]

    def code_words(self, folder: Path) -> frozenset[str]:
        """Every word (identifier, or word of a string) of the C# files under ``folder``,
        lower-cased; at most _MAX_CS_FILES files of at most _MAX_PROJECT_BYTES each."""
        words = self._words.get(folder)
        if words is None:
            found: set[str] = set()
            count = 0
            for dirpath, dirnames, filenames in os.walk(folder):
                dirnames[:] = sorted(d for d in dirnames if d not in _SKIP_DIRS and not d.startswith("."))
                for fn in sorted(filenames):
                    if not fn.lower().endswith(".cs") or count >= _MAX_CS_FILES:
                        continue
                    count += 1
                    text = _read(Path(dirpath) / fn)
                    if text:
                        found.update(w.lower() for w in _CS_WORD.findall(text))
            words = self._words[folder] = frozenset(found)
        return words


def _finder(ctx) -> "_Finder | None":
    model = getattr(ctx, "model", None)
    root = model.extra.get("root") if model is not None else None
    if root is None:
        return None
    finder = model.extra.get("ocelot.version-finder")
    if finder is None:
        finder = model.extra["ocelot.version-finder"] = _Finder(Path(root))
    return finder


def _located(ctx, unit: Any) -> "tuple[_Finder, Path] | None":
    """The finder of the project and the folder of ``unit`` in it (None: no project root,
    no file on disk, or a file outside the project)."""
    finder = _finder(ctx)
    if finder is None or unit is None or getattr(unit, "path", None) is None:
        return None
    try:
        folder = Path(unit.path).resolve().parent
        folder.relative_to(finder.root)
    except (OSError, ValueError):
        return None
    return finder, folder


def gateway_project_above(ctx, unit: Any) -> bool:
    """A .NET project that references Ocelot sits at or above the configuration: the file is
    the gateway's, read by ASP.NET's configuration provider."""
    got = _located(ctx, unit)
    return got is not None and got[0].for_folder(got[1]) is not False


@query("ocelot.gateway_version", first="ctx")
def gateway_version(ctx, unit: Any) -> OcelotVersion | None:
    """The Ocelot version that reads the configuration ``unit`` (a FileUnit), or None."""
    settings = getattr(getattr(ctx, "engine", None), "settings", None)
    forced = getattr(settings, "ocelot_version", None)
    if forced:
        return parse_version(str(forced), "the `ocelot-version` setting")
    got = _located(ctx, unit)
    if got is None:
        return None
    finder, folder = got
    v = finder.for_folder(folder)
    if v is not False:
        return v
    every = finder.repository_versions()
    if every and all(x is not None for x in every) and len({(x.lo, x.hi) for x in every}) == 1:
        first = every[0]
        return OcelotVersion(first.lo, first.hi, first.text, first.source)
    return None


@query("ocelot.gateway_code_names", first="ctx")
def gateway_code_names(ctx, unit: Any, key: str) -> bool:
    """Whether the C# code of the gateway that reads the configuration ``unit`` names
    ``key`` (a word of its sources, compared case-insensitively as .NET's configuration
    does): a custom property of a route or of GlobalConfiguration that the gateway's own
    code reads through IConfiguration (Ocelot 25.0 documents them: "Extend with Custom
    Properties"; any version's configuration hands them to the application)."""
    got = _located(ctx, unit) if _CS_WORD.fullmatch(key) else None
    if got is None:
        return False
    finder, folder = got
    low = key.lower()
    return any(low in finder.code_words(d) for d in finder.code_folders(folder))
