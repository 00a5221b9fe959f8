"""Actions that restore a GitHub Actions cache, the inputs that turn it on or off, and the
steps that publish what a job built (zizmor's cache-poisoning tables, with the defaults
checked against each action's action.yml and versions)."""
from __future__ import annotations

import re
from typing import Any

from ...core.located import LMap
from .shell import parse_script
from .uses import VersionComment, is_full_sha

OPT_IN = "opt-in"  # the input turns the cache on
OPT_OUT = "opt-out"  # the input turns the cache off
BOOL = "bool"
NONEMPTY = "non-empty"  # any non-empty value turns it on (`cache: npm`, `cache: maven`)
ALWAYS = "always"  # nothing turns it off

# action -> (input, toggle, kind, on when the input is missing); kind may also be a tuple
# of the values that count as true
CACHE_ACTIONS: dict[str, tuple[str, str, Any, bool]] = {
    "actions/cache": ("lookup-only", OPT_OUT, BOOL, True),
    "actions/cache/restore": ("lookup-only", OPT_OUT, BOOL, True),
    "actions/setup-java": ("cache", OPT_IN, NONEMPTY, False),
    "actions/setup-python": ("cache", OPT_IN, NONEMPTY, False),
    "actions/setup-dotnet": ("cache", OPT_IN, BOOL, False),
    "graalvm/setup-graalvm": ("cache", OPT_IN, NONEMPTY, False),
    "swatinem/rust-cache": ("lookup-only", OPT_OUT, BOOL, True),
    "ruby/setup-ruby": ("bundler-cache", OPT_IN, BOOL, False),
    "pyo3/maturin-action": ("sccache", OPT_IN, BOOL, False),
    "mlugg/setup-zig": ("use-cache", OPT_IN, BOOL, True),
    "oven-sh/setup-bun": ("no-cache", OPT_OUT, BOOL, True),
    "determinatesystems/magic-nix-cache-action": ("use-gha-cache", OPT_IN, BOOL, True),
    "gradle/actions/setup-gradle": ("cache-disabled", OPT_OUT, BOOL, True),
    "actions-rust-lang/setup-rust-toolchain": ("cache", OPT_IN, BOOL, True),
    "jdx/mise-action": ("cache", OPT_IN, BOOL, True),
    "ramsey/composer-install": ("ignore-cache", OPT_OUT, ("yes", "true", "1"), True),
    "mozilla-actions/sccache-action": ("", ALWAYS, None, True),
    "nix-community/cache-nix-action": ("", ALWAYS, None, True),
    "awalsh128/cache-apt-pkgs-action": ("", ALWAYS, None, True),
}

_MAJOR = re.compile(r"^v?(\d+)(?:\.|$)")


def major_version(uses: str, comment: VersionComment | None = None) -> int | None:
    """The major version a ``uses:`` reference names: its ref (``@v4``, ``@v4.1.0``), or for
    a commit SHA the version its comment names (``@<sha> # v4.1.0``: ``uses.version_comment``)."""
    ref = uses.rsplit("@", 1)[1].strip() if "@" in uses else ""
    m = _MAJOR.match(ref)
    if m:
        return int(m.group(1))
    if is_full_sha(ref) and comment is not None:
        return comment.major
    return None


def _literal(v: Any) -> str | None:
    """A scalar input as the runner passes it (a string); None for an expression."""
    if v is True:
        return "true"
    if v is False:
        return "false"
    if v is None:
        return ""
    s = str(v)
    return None if "${{" in s else s


def _field(w: LMap, key: str, toggle: str, kind: Any, default: bool) -> tuple[bool, str] | None:
    """(cache on?, why) for one control input; None when an expression decides."""
    if key not in w:
        return default, (f"`{key}` defaults to true" if toggle == OPT_IN else f"`{key}` is not set")
    raw = _literal(w.get(key))
    if raw is None:
        return None
    if kind == BOOL:
        val = raw.strip().lower() == "true" if raw.strip().lower() in ("true", "false") else True
    elif kind == NONEMPTY:
        val = bool(raw.strip())
    else:
        val = raw.strip() in kind
    on = val if toggle == OPT_IN else not val
    return on, f"`{key}: {raw}`"


def cache_restore(name: str, w: LMap, version: int | None, package_json: Any = None) -> tuple[str, str] | None:
    """(input that turns the cache on, or '' for a default, why) when a step of action
    ``name`` (lower-case, without ref) restores a cache; None when it does not or when an
    expression or an unknown version decides."""
    if name == "actions/setup-go":
        # `cache` defaults to true from v4 (false before)
        if version is None and "cache" not in w:
            return None
        got = _field(w, "cache", OPT_IN, BOOL, version is not None and version >= 4)
        return ("cache" if "cache" in w else "", got[1]) if got and got[0] else None
    if name == "actions/setup-node":
        if "cache" in w:
            raw = _literal(w.get("cache"))
            if raw is None:
                return None
            if raw.strip() in ("npm", "yarn", "pnpm"):
                return "cache", f"`cache: {raw.strip()}`"
            return None
        if version is None or version < 5:
            return None
        got = _field(w, "package-manager-cache", OPT_IN, BOOL, True)
        if not got or not got[0]:
            return None
        # v5 caches for the `packageManager` of package.json, v6 only for npm
        pm = _package_manager(package_json)
        if pm is None or (version >= 6 and pm != "npm"):
            return None
        return ("package-manager-cache" if "package-manager-cache" in w else "",
                f"automatically for `{pm}`, the `packageManager` of package.json")
    if name == "astral-sh/setup-uv":
        raw = _literal(w.get("enable-cache")) if "enable-cache" in w else "auto"
        if raw is None:
            return None
        if raw.strip().lower() == "true":
            return "enable-cache", f"`enable-cache: {raw}`"
        if raw.strip().lower() == "auto" and version is not None and version < 10:
            # `auto` (the default before v10) caches on GitHub-hosted runners
            return ("enable-cache" if "enable-cache" in w else "", "`enable-cache: auto` on GitHub-hosted runners")
        return None
    if name == "docker/setup-buildx-action":
        got = _field(w, "cache-binary", OPT_IN, BOOL, True)
        ver = _literal(w.get("version")) if "version" in w else ""
        if got and got[0] and ver:
            return ("cache-binary" if "cache-binary" in w else "version", "the buildx binary of `version:`")
        return None
    spec = CACHE_ACTIONS.get(name)
    if spec is None:
        return None
    key, toggle, kind, default = spec
    if toggle == ALWAYS:
        return "", "always"
    got = _field(w, key, toggle, kind, default)
    if got is None or not got[0]:
        return None
    return (key if key in w else "", got[1])


def _package_manager(pkg: Any) -> str | None:
    if not isinstance(pkg, dict):
        return None
    pm = pkg.get("packageManager")
    if isinstance(pm, str) and pm.strip():
        return pm.split("@", 1)[0].strip()
    dev = pkg.get("devEngines")
    dpm = dev.get("packageManager") if isinstance(dev, dict) else None
    if isinstance(dpm, dict) and isinstance(dpm.get("name"), str):
        return dpm["name"]
    return None


# actions that publish what the job built: (input that must be true, or '')
PUBLISH_ACTIONS: dict[str, str] = {
    "pypa/gh-action-pypi-publish": "",
    "rubygems/release-gem": "",
    "jreleaser/release-action": "",
    "goreleaser/goreleaser-action": "",
    "softprops/action-gh-release": "",
    "ncipollo/release-action": "",
    "docker/build-push-action": "push",
    "redhat-actions/push-to-registry": "",
    "aws-actions/amazon-ecs-deploy-task-definition": "",
    "aws-actions/aws-cloudformation-github-deploy": "",
    "azure/aci-deploy": "",
    "azure/container-apps-deploy-action": "",
    "azure/functions-action": "",
    "azure/webapps-deploy": "",
    "cloudflare/wrangler-action": "",
    "google-github-actions/deploy-appengine": "",
    "google-github-actions/deploy-cloudrun": "",
    "google-github-actions/deploy-cloud-functions": "",
    "js-devtools/npm-publish": "",
}

_PUBLISH_COMMANDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("npm", ("publish",)), ("pnpm", ("publish",)), ("yarn", ("publish",)), ("yarn", ("npm", "publish")),
    ("twine", ("upload",)), ("uv", ("publish",)), ("poetry", ("publish",)), ("hatch", ("publish",)),
    ("flit", ("publish",)), ("cargo", ("publish",)), ("gem", ("push",)), ("docker", ("push",)),
    ("podman", ("push",)), ("gh", ("release", "create")), ("gh", ("release", "upload")),
    ("mvn", ("deploy",)), ("dotnet", ("nuget", "push")), ("nuget", ("push",)), ("goreleaser", ("release",)),
    ("helm", ("push",)), ("vsce", ("publish",)), ("ovsx", ("publish",)), ("jf", ("rt", "upload")),
)
_GRADLE_PUBLISH = re.compile(r"^(publish\w*|:?[\w:-]*:publish\w*)$")


def publish_command(script: str) -> str | None:
    """The first command of a script that publishes a package, an image or a release."""
    for cmd in parse_script(script):
        argv = cmd.argv
        if not argv:
            continue
        prog = argv[0].rsplit("/", 1)[-1]
        words = [a for a in argv[1:] if not a.startswith("-")]
        for p, sub in _PUBLISH_COMMANDS:
            if prog == p and tuple(words[: len(sub)]) == sub:
                return " ".join((prog,) + sub)
        if prog in ("docker", "podman") and words[:2] in (["buildx", "build"], ["build"]) and "--push" in argv:
            return f"{prog} {' '.join(words[:2])} --push"
        if prog in ("gradle", "gradlew") and any(_GRADLE_PUBLISH.match(w) for w in words):
            return f"{prog} publish"
    return None


def publish_step(node: LMap) -> str | None:
    """What a step publishes with (an action or a command), None for other steps."""
    uses = node.get("uses")
    if isinstance(uses, str):
        name = uses.split("@", 1)[0].strip().lower()
        if name in PUBLISH_ACTIONS:
            need = PUBLISH_ACTIONS[name]
            w = node.get("with") if isinstance(node.get("with"), LMap) else LMap()
            if need and _literal(w.get(need)) not in ("true", "True", "TRUE"):
                return None
            return f"`{uses.split('@', 1)[0].strip()}`"
    run = node.get("run")
    if isinstance(run, str):
        c = publish_command(run)
        if c:
            return f"`{c}`"
    return None
