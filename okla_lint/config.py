"""Project configuration: ``.okla-lint.yaml`` or ``[tool.okla-lint]`` in ``pyproject.toml``.

The file is found by walking up from the first path given (or the working directory) to
the repository root. It is validated with a JSON Schema (structure) and against the rule
catalogue (rule ids, parameter names and types); every problem is reported with the file,
line and column of the offending key, and makes the run exit 2. Nothing is ignored.

    select: [ALL]                  # rule ids, kinds (kubernetes, workflow, ocelot), tags, globs
    extend-select: [some-off-by-default-rule]
    ignore: [startup-probe-budget]
    severity: {env-undefined-ref: error}
    params:
      startup-probe-budget: {min-seconds: 120}
    kubernetes-version: "1.30"
    exclude: ["charts/**", "vendor/"]
    per-file-ignores:
      "legacy/*.yaml": [env-undefined-ref]
    fail-on: warning               # info | warning | error | never
    max-file-size: 10485760        # bytes
    project-context: true          # files given alone: read their project for cross-file rules
    test-data: false               # lint testdata/, fixtures/, __snapshots__/, e2e/ folders too
    render: true                   # render kustomize overlays and lint what they produce
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .core.catalogue import RuleDoc
from .core.finding import SEVERITIES
from .core.located import LMap, LSeq, Span
from .core.files import display_path
from .core.root import GIT_MARKERS, is_root
from .core.settings import Settings, SettingsError
from .core.source import SourceText
from .core.suggest import close_matches
from .post.json_ignores import fragment_problem, split

CONFIG_NAMES = (".okla-lint.yaml", ".okla-lint.yml")
PYPROJECT = "pyproject.toml"

MAX_FILE_SIZE_LIMIT = 1 << 30
# numeric rule parameters (seconds, CPUs): finite, not negative, and small enough that no
# rule's arithmetic overflows (issue 12: `.inf` or a 30-digit number was an internal error)
MAX_PARAM_NUMBER = 10**9

_RULE_LIST = {
    "oneOf": [
        {"type": "array", "items": {"type": "string", "minLength": 1}},
        {"type": "string", "minLength": 1},
    ]
}

# every setting that takes a list also takes one string (comma-separated)
_GLOB_LIST = {
    "oneOf": [
        {"type": "array", "items": {"type": "string", "minLength": 1}},
        {"type": "string", "minLength": 1},
    ]
}

SCHEMA_ID = "https://raw.githubusercontent.com/okla-lint/okla-lint/main/docs/okla-lint.schema.json"

SCHEMA: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "$id": SCHEMA_ID,
    "title": "okla-lint configuration",
    "type": "object",
    "additionalProperties": False,
    "properties": {
        "select": _RULE_LIST,
        "extend-select": _RULE_LIST,
        "ignore": _RULE_LIST,
        "severity": {
            "type": "object",
            "additionalProperties": {"enum": list(SEVERITIES)},
        },
        "params": {
            "type": "object",
            "additionalProperties": {"type": "object"},
        },
        "kubernetes-version": {
            "type": "string",
            "pattern": r"^(v?1\.[0-9]{1,3}(\.[0-9]+)?|latest)$",
        },
        "exclude": _GLOB_LIST,
        "ocelot-version": {
            "type": "string",
            "pattern": r"^[0-9]{1,3}(\.([0-9]{1,4}|\*)){0,2}$",
        },
        "per-file-ignores": {
            "type": "object",
            "additionalProperties": _RULE_LIST,
        },
        "fail-on": {"enum": list(SEVERITIES) + ["never"]},
        # at most 1 GiB: a bigger file is data, and its model would not fit in memory
        "max-file-size": {"type": "integer", "minimum": 1, "maximum": MAX_FILE_SIZE_LIMIT},
        "no-ignores": {"type": "boolean"},
        "project-context": {"type": "boolean"},
        "test-data": {"type": "boolean"},
        "render": {"type": "boolean"},
        "cache-dir": {"type": "string", "minLength": 1},
    },
}


class ConfigError(SettingsError):
    """A configuration problem, located in its file."""

    def __init__(self, problems: list[tuple[str, int, int, str]]):
        self.problems = problems
        super().__init__("\n".join(f"{p}:{line}:{col}: error: {msg}" for p, line, col, msg in problems))


@dataclass
class ConfigFile:
    path: Path
    data: dict[str, Any]
    tree: Any  # LMap for YAML files (positions), None for pyproject.toml
    text: str

    @property
    def root(self) -> Path:
        return self.path.parent


# -- discovery ------------------------------------------------------------------------
def _toml():
    try:
        import tomllib  # lazy: stdlib from Python 3.11 only  # type: ignore[import-not-found]
    except ImportError:  # Python 3.10: the tomli backport (a dependency there)
        import tomli as tomllib  # lazy: the Python 3.10 backport  # type: ignore[no-redef]
    return tomllib


def _pyproject_has_section(path: Path) -> bool:
    """``tool.okla-lint`` in any TOML spelling (``[tool.okla-lint]``, ``[tool."okla-lint"]``,
    dotted keys ``tool.okla-lint.ignore = ...``, an inline table), read with a TOML parser.
    A pyproject.toml with a syntax error is taken as ours when it mentions okla-lint, so
    that loading it reports the error instead of silently using no configuration."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return False
    if "okla" not in text:  # also `"okla\u002dlint"`, a valid if odd spelling
        return False
    tomllib = _toml()
    try:
        doc = tomllib.loads(text)
    except tomllib.TOMLDecodeError:
        return True
    tool = doc.get("tool")
    return isinstance(tool, dict) and "okla-lint" in tool


def find_config(start: Path) -> Path | None:
    """The nearest ``.okla-lint.yaml`` (or ``pyproject.toml`` with ``[tool.okla-lint]``) in
    ``start`` or its parents, not looking above the repository root (a folder with .git)."""
    cur = (start if start.is_dir() else start.parent).resolve()
    while True:
        for name in CONFIG_NAMES:
            if (cur / name).is_file():
                return cur / name
        if (cur / PYPROJECT).is_file() and _pyproject_has_section(cur / PYPROJECT):
            return cur / PYPROJECT
        if is_root(cur, GIT_MARKERS) or cur.parent == cur:
            return None
        cur = cur.parent


# -- loading --------------------------------------------------------------------------
def load_config_file(path: Path) -> ConfigFile:
    shown = _shown(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError([(shown, 1, 1, f"cannot read the configuration: {exc}")]) from None
    if path.name == PYPROJECT or path.suffix == ".toml":
        try:
            tomllib = _toml()
        except ImportError:
            raise ConfigError([(shown, 1, 1, "reading pyproject.toml needs Python 3.11 or the "
                                "`tomli` package; or move the settings to .okla-lint.yaml")]) from None
        try:
            doc = tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            m = re.search(r"line (\d+), column (\d+)", str(exc))
            line, col = (int(m.group(1)), int(m.group(2))) if m else (1, 1)
            if not m and "end of document" in str(exc):
                line, col = text.count("\n") + 1, len(text) - (text.rfind("\n") + 1) + 1
            raise ConfigError([(shown, line, col, f"TOML syntax error: {exc}")]) from None
        if path.name == PYPROJECT:
            data = doc.get("tool", {}).get("okla-lint", {})
        else:
            data = doc
        if not isinstance(data, dict):
            raise ConfigError([(shown, 1, 1, "[tool.okla-lint] must be a table")])
        return ConfigFile(path, data, None, text)

    from .core.parse_yaml import load_documents  # lazy: PyYAML's import is a tenth of a warm run

    docs, err = load_documents(SourceText(text))
    if err is not None:
        # the parser's text is written for manifests ("kubectl apply stops ..."): keep what
        # is wrong and where, and say it is the configuration that cannot be read
        what = err.message.split(". The whole file", 1)[0]
        raise ConfigError([(shown, err.line, err.col, f"invalid configuration: {what}; okla-lint cannot "
                            "read its settings until the syntax is fixed here")])
    # an empty document (a closing `---`, a file of comments) holds no settings
    docs = [d for d in docs if d.root is not None]
    if not docs:
        return ConfigFile(path, {}, LMap(), text)
    if len(docs) > 1:
        raise ConfigError([(shown, docs[1].span.line, docs[1].span.col, "the configuration must be a single YAML document")])
    root = docs[0].root
    if not isinstance(root, LMap):
        raise ConfigError([(shown, docs[0].span.line, docs[0].span.col, "the configuration must be a mapping of settings")])
    if root.dups:
        k, _first, dup = root.dups[0]
        raise ConfigError([(shown, dup.line, dup.col, f"`{k}` is set twice")])
    return ConfigFile(path, _plain(root), root, text)


def _plain(node: Any) -> Any:
    if isinstance(node, dict):
        return {k: _plain(v) for k, v in node.items()}
    if isinstance(node, list):
        return [_plain(v) for v in node]
    return node


def _shown(path: Path) -> str:
    return display_path(path)


# -- positions ------------------------------------------------------------------------
class _Locator:
    def __init__(self, cfg: ConfigFile):
        self.cfg = cfg
        self.lines = cfg.text.splitlines()

    def at(self, path: tuple, key: bool = False) -> tuple[int, int]:
        """Line and column of the value at ``path`` (or of its key when ``key``)."""
        if self.cfg.tree is not None:
            node: Any = self.cfg.tree
            span: Span = node.span
            for i, p in enumerate(path):
                last = i == len(path) - 1
                if isinstance(node, LMap) and p in node:
                    span = node.key_span(p) if (last and key) else node.value_span(p)
                    node = node[p]
                elif isinstance(node, LSeq) and isinstance(p, int) and p < len(node):
                    span = node.item_span(p)
                    node = node[p]
                else:
                    break
            return span.line, span.col
        return self._toml_at(path)

    def _toml_at(self, path: tuple) -> tuple[int, int]:
        # pyproject.toml: find the section, then the last named key below it
        start = 0
        for i, line in enumerate(self.lines):
            if re.match(r"^\s*\[\s*tool\s*\.\s*[\"']?okla-lint[\"']?\s*\]", line):
                start = i
                break
        best = (start + 1, 1)
        names = [p for p in path if isinstance(p, str)]
        pos = start
        for name in names:
            pat = re.compile(r"(^|[\s.\[{,])([\"']?)" + re.escape(name) + r"\2\s*[=\].]")
            for i in range(pos, len(self.lines)):
                m = pat.search(self.lines[i])
                if m:
                    best = (i + 1, m.start(2) + 1)
                    pos = i
                    break
        return best


def _toml_token(lines: list[str], line: int, col: int, path: tuple, token: str | None, data: Any) -> tuple[int, int]:
    """pyproject.toml: the locator finds the key; point at the offending value instead: a
    list item (its opening quote, also in a multi-line array) or one id of a
    comma-separated string (``ignore = "a, b"``)."""
    value: Any = data
    for p in path:
        try:
            value = value[p]
        except (KeyError, IndexError, TypeError):
            return line, col
    if token is not None:
        pat = re.compile(r"(?<![\w.*?\[\]-])" + re.escape(token) + r"(?![\w.*?\[\]-])")
    elif path and isinstance(path[-1], int) and isinstance(value, str):
        pat = re.compile(r"([\"'])" + re.escape(value) + r"\1")
    else:
        return line, col
    for i in range(line - 1, min(len(lines), line + 200)):
        m = pat.search(lines[i], col - 1 if i == line - 1 else 0)
        if m:
            return i + 1, m.start() + 1
    return line, col


def _close(word: str, choices: list[str]) -> str:
    near = close_matches(word, choices, n=3)
    return f" (did you mean {', '.join(repr(n) for n in near)}?)" if near else ""


# -- validation -----------------------------------------------------------------------
def validate(cfg: ConfigFile, catalogue: dict[str, RuleDoc]) -> None:
    shown = _shown(cfg.path)
    loc = _Locator(cfg)
    problems: list[tuple[str, int, int, str]] = []

    def add(path: tuple, msg: str, key: bool = False, token: str | None = None) -> None:
        line, col = loc.at(path, key)
        if token is not None and cfg.tree is not None:
            # one id of a comma-separated string: point at that id, not at the string
            text = loc.lines[line - 1] if 0 < line <= len(loc.lines) else ""
            m = re.search(r"(?<![\w.*?\[\]-])" + re.escape(token) + r"(?![\w.*?\[\]-])", text[col - 1 :])
            if m:
                col += m.start()
        elif cfg.tree is None:
            line, col = _toml_token(loc.lines, line, col, path, token, cfg.data)
        problems.append((shown, line, col, msg))

    import jsonschema  # lazy: slow to import; only when a configuration file is read (start-up time)

    validator = jsonschema.Draft202012Validator(SCHEMA)
    for err in validator.iter_errors(cfg.data):
        path = tuple(err.absolute_path)
        if err.validator == "additionalProperties" and isinstance(err.instance, dict):
            allowed = list(err.schema.get("properties", {}))
            for k in err.instance:
                if k not in allowed:
                    where = ".".join(str(p) for p in path)
                    ctx = f" in `{where}`" if where else ""
                    add(path + (k,), f"unknown setting `{k}`{ctx}{_close(str(k), allowed)}; "
                        f"known settings: {', '.join(allowed)}", key=True)
            continue
        name = ".".join(str(p) for p in path) or "the configuration"
        if err.validator == "enum":
            msg = f"`{name}`: {err.instance!r} is not one of {', '.join(map(str, err.validator_value))}"
        elif err.validator == "pattern" and path and path[-1] == "kubernetes-version":
            msg = f"`kubernetes-version`: {err.instance!r} is not a Kubernetes version such as \"1.30\", \"v1.30.2\" or \"latest\" (quote it: YAML reads 1.30 as the number 1.3)"
        elif err.validator in ("type", "oneOf") and path and path[-1] == "kubernetes-version":
            msg = "`kubernetes-version` must be a string such as \"1.30\" (quote it: YAML reads 1.30 as the number 1.3)"
        elif err.validator == "oneOf" and path and path[0] == "exclude":
            msg = "`exclude` must be a list of globs (or one comma-separated string)"
        elif err.validator in ("pattern", "type") and path and path[-1] == "ocelot-version":
            msg = f"`ocelot-version`: {err.instance!r} is not an Ocelot version such as \"22.0.1\" or \"24.1\" (quote it)"
        elif err.validator == "oneOf":
            msg = f"`{name}` must be a list of rule ids (or one comma-separated string)"
        else:
            msg = f"`{name}`: {err.message}"
        add(path, msg)
    if problems:
        raise ConfigError(sorted(problems, key=lambda p: (p[1], p[2])))

    ids = sorted(catalogue)
    probe = Settings()

    def known_selector(s: str) -> bool:
        return any(probe.matches(s, d) for d in catalogue.values())

    groups = sorted({d.kind for d in catalogue.values()} | {t for d in catalogue.values() for t in d.tags})
    for key in ("select", "extend-select", "ignore"):
        for i, s in enumerate(as_list(cfg.data.get(key))):
            if not known_selector(s):
                path = (key, i) if isinstance(cfg.data.get(key), list) else (key,)
                add(path, f"`{key}`: unknown rule or group {s!r}{_close(s, ids + groups)}; `okla-lint rules --all` lists them",
                    token=None if isinstance(cfg.data.get(key), list) else s)
    for rid in cfg.data.get("severity", {}) or {}:
        if rid not in catalogue:
            add(("severity", rid), f"`severity`: unknown rule {rid!r}{_close(str(rid), ids)}", key=True)
    for rid, values in (cfg.data.get("params") or {}).items():
        doc = catalogue.get(rid)
        if doc is None:
            add(("params", rid), f"`params`: unknown rule {rid!r}{_close(str(rid), ids)}", key=True)
            continue
        for pname, pval in values.items():
            if pname not in doc.params:
                known = ", ".join(doc.params) or "none"
                add(("params", rid, pname), f"`params.{rid}`: unknown parameter {pname!r}{_close(str(pname), list(doc.params))}; {rid} takes: {known}", key=True)
                continue
            default = doc.params[pname]
            if not _same_type(default, pval):
                add(("params", rid, pname), f"`params.{rid}.{pname}` must be {_type_name(default)} like the default {default!r}, not {pval!r}")
            elif isinstance(pval, (int, float)) and not isinstance(pval, bool) and not (0 <= pval <= MAX_PARAM_NUMBER):
                # NaN fails both comparisons; .inf and -1 fail one
                add(("params", rid, pname), f"`params.{rid}.{pname}` must be a number from 0 to {MAX_PARAM_NUMBER}, not {pval!r}")

    for glob, rules in (cfg.data.get("per-file-ignores") or {}).items():
        frag = split(str(glob))[1]
        why = fragment_problem(frag) if frag is not None else None
        if why:
            add(("per-file-ignores", glob), f"`per-file-ignores`: {why}", key=True)
        for i, s in enumerate(as_list(rules)):
            if not known_selector(s):
                path = ("per-file-ignores", glob, i) if isinstance(rules, list) else ("per-file-ignores", glob)
                add(path, f"`per-file-ignores`: unknown rule or group {s!r}{_close(s, ids + groups)}",
                    token=None if isinstance(rules, list) else s)
    if problems:
        raise ConfigError(sorted(problems, key=lambda p: (p[1], p[2])))


def _same_type(default: Any, value: Any) -> bool:
    if isinstance(default, bool) or isinstance(value, bool):
        return isinstance(default, bool) and isinstance(value, bool)
    if isinstance(default, (int, float)):
        return isinstance(value, (int, float))
    if isinstance(default, str):
        return isinstance(value, str)
    if isinstance(default, list):
        return isinstance(value, list)
    if isinstance(default, dict):
        return isinstance(value, dict)
    return True


def _type_name(v: Any) -> str:
    if isinstance(v, bool):
        return "true or false"
    if isinstance(v, (int, float)):
        return "a number"
    if isinstance(v, str):
        return "a string"
    if isinstance(v, list):
        return "a list"
    if isinstance(v, dict):
        return "a mapping"
    return type(v).__name__


def as_list(v: Any) -> list[str]:
    if v is None:
        return []
    if isinstance(v, str):
        return [x.strip() for x in v.split(",") if x.strip()]
    return [str(x).strip() for x in v]


def norm_glob(pattern: str) -> str:
    """``./vendor/**`` means ``vendor/**``: globs are matched against paths relative to the
    configuration's folder, which never start with ``./``."""
    p = pattern.strip()
    while p.startswith("./"):
        p = p[2:]
    return p or "."


def apply(cfg: ConfigFile, settings: Settings) -> Settings:
    """Copy the file's settings into ``settings`` (command-line flags are applied after)."""
    d = cfg.data
    if "select" in d:
        settings.select = as_list(d["select"])
    settings.extend_select = as_list(d.get("extend-select"))
    settings.ignore = as_list(d.get("ignore"))
    settings.severity = dict(d.get("severity") or {})
    settings.params = {k: dict(v) for k, v in (d.get("params") or {}).items()}
    settings.exclude = [norm_glob(g) for g in as_list(d.get("exclude"))]
    settings.per_file_ignores = {k: as_list(v) for k, v in (d.get("per-file-ignores") or {}).items()}
    if "fail-on" in d:
        settings.fail_on = d["fail-on"]
    if "max-file-size" in d:
        settings.max_file_size = int(d["max-file-size"])
    if "no-ignores" in d:
        settings.no_ignores = bool(d["no-ignores"])
    if "kubernetes-version" in d:
        settings.kubernetes_version = str(d["kubernetes-version"])
    if "ocelot-version" in d:
        settings.ocelot_version = str(d["ocelot-version"])
    if "project-context" in d:
        settings.project_context = bool(d["project-context"])
    if "test-data" in d:
        settings.test_data = bool(d["test-data"])
    if "render" in d:
        settings.render = bool(d["render"])
    if "cache-dir" in d:
        settings.cache_dir = str(d["cache-dir"])
    settings.config_path = cfg.path
    settings.root = cfg.root
    return settings


def load_settings(
    catalogue: dict[str, RuleDoc], explicit: str | None, paths: list[str], isolated: bool = False
) -> Settings:
    """Settings from the configuration file (``--config`` or the one found)."""
    settings = Settings()
    if isolated:
        return settings
    if explicit:
        path = Path(explicit)
        if not path.is_file():
            raise SettingsError(f"--config: no such file: {explicit}")
    else:
        start = Path(paths[0]) if paths and paths[0] != "-" and Path(paths[0]).exists() else Path.cwd()
        path = find_config(start)
        if path is None:
            return settings
    cfg = load_config_file(path)
    validate(cfg, catalogue)
    return apply(cfg, settings)


def effective(settings: Settings, catalogue: dict[str, RuleDoc], enabled: set[str]) -> dict[str, Any]:
    """What ``okla-lint config --show`` prints."""
    return {
        "config-file": display_path(settings.config_path) if settings.config_path else None,
        "select": settings.select,
        "extend-select": settings.extend_select,
        "ignore": settings.ignore,
        "enabled-rules": sorted(enabled),
        "severity": {rid: settings.rule_severity(catalogue[rid]) for rid in sorted(enabled)},
        "params": {rid: settings.rule_params(catalogue[rid]) for rid in sorted(enabled) if catalogue[rid].params},
        "kubernetes-version": settings.kubernetes_version,
        "ocelot-version": settings.ocelot_version,
        "exclude": settings.exclude,
        "per-file-ignores": settings.per_file_ignores,
        "fail-on": settings.fail_on,
        "max-file-size": settings.max_file_size,
        "no-ignores": settings.no_ignores,
        "project-context": settings.project_context,
        "test-data": settings.test_data,
        "render": settings.render,
    }
