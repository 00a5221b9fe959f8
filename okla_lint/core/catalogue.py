"""The rule catalogue: one declarative YAML file per rule in ``rules/``.

A catalogue entry says what a rule finds, how bad it is by default, which files it reads,
why the problem breaks things at runtime, how to fix it, its parameters and its examples.
The Python check behind it lives in the module named by ``module:`` (under
``okla_lint.rules.<kind>``) and is registered under the same id.
"""
from __future__ import annotations

import functools
import json
import os
import sys
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .. import __version__
from .finding import SEVERITIES



def yaml_loader() -> Any:
    """libyaml reads the catalogue in milliseconds, the pure-Python loader in a few hundred:
    every start (`okla-lint rules`, a pre-commit run on one file) pays for it.
    tests/core/test_catalogue_loader.py checks that both read every entry the same way."""
    import yaml  # lazy: the compiled catalogue (below) usually answers without YAML

    return getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def read_entry(path: Path, loader: Any = None) -> Any:
    return parse_yaml_text(path.read_text(encoding="utf-8"), loader)


def parse_yaml_text(text: str, loader: Any = None) -> Any:
    import yaml  # lazy: as above

    return yaml.load(text, Loader=loader or yaml_loader())

KINDS = ("kubernetes", "workflow", "ocelot", "json", "any")

REQUIRED = ("id", "severity", "kind", "autofix", "summary", "rationale", "fix", "examples")
# what `--fix` can do for a rule's findings: `safe` (applied by --fix), `unsafe` (only with
# --unsafe-fixes: it changes what runs), `none`; safe/unsafe rules fix the findings whose
# remedy is unambiguous and leave the others to the author
AUTOFIX = ("safe", "unsafe", "none")


@dataclass(frozen=True)
class Example:
    title: str
    fails: bool
    files: dict[str, str]
    expect: tuple[str, ...]  # "path:line:col" of each finding of this rule
    config: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class RuleDoc:
    id: str
    severity: str
    kind: str
    summary: str
    rationale: str
    fix: str
    default: bool
    params: dict[str, Any]
    equivalents: dict[str, str]
    examples: tuple[Example, ...]
    tags: tuple[str, ...]
    confidence: str
    module: str  # the module that implements the rule (registers its checks)
    path: Path
    autofix: str = "none"  # safe | unsafe | none (see AUTOFIX)

    @property
    def url(self) -> str:
        return f"https://github.com/okla-lint/okla-lint/blob/main/rules/{self.id}.yaml"


def catalogue_dir() -> Path:
    package = Path(__file__).resolve().parent.parent
    for cand in (package / "_catalogue", package.parent / "rules"):
        if cand.is_dir():
            return cand
    raise FileNotFoundError("the okla-lint rule catalogue (rules/) is missing from the installation")


class CatalogueError(Exception):
    pass


def _example(rule_id: str, raw: Any) -> Example:
    if not isinstance(raw, dict) or not isinstance(raw.get("files"), dict):
        raise CatalogueError(f"{rule_id}: each example needs a `files` mapping")
    expect = tuple(str(e) for e in raw.get("expect") or ())
    fails = bool(raw.get("fails", bool(expect)))
    if fails and not expect:
        raise CatalogueError(f"{rule_id}: failing example {raw.get('title')!r} lists no `expect`")
    if not fails and expect:
        raise CatalogueError(f"{rule_id}: passing example {raw.get('title')!r} expects findings")
    return Example(
        title=str(raw.get("title", "")),
        fails=fails,
        files={str(k): str(v) for k, v in raw["files"].items()},
        expect=expect,
        config=dict(raw.get("config") or {}),
    )


def parse_entry(path: Path, data: Any = None) -> RuleDoc:
    """The entry of ``path`` (``data``: its content already read, from the compiled form)."""
    if data is None:
        data = read_entry(path)
    if not isinstance(data, dict):
        raise CatalogueError(f"{path.name}: not a mapping")
    missing = [k for k in REQUIRED if k not in data]
    if missing:
        raise CatalogueError(f"{path.name}: missing {', '.join(missing)}")
    rid = data["id"]
    if path.stem != rid:
        raise CatalogueError(f"{path.name}: file name does not match id {rid!r}")
    if data["severity"] not in SEVERITIES:
        raise CatalogueError(f"{rid}: severity must be one of {SEVERITIES}")
    if data["kind"] not in KINDS:
        raise CatalogueError(f"{rid}: kind must be one of {KINDS}")
    if data["autofix"] not in AUTOFIX:
        raise CatalogueError(f"{rid}: autofix must be one of {AUTOFIX}, not {data['autofix']!r}")
    examples = tuple(_example(rid, e) for e in data["examples"])
    return RuleDoc(
        id=rid,
        severity=data["severity"],
        kind=data["kind"],
        summary=str(data["summary"]).strip(),
        rationale=str(data["rationale"]).strip(),
        fix=str(data["fix"]).strip(),
        default=bool(data.get("default", True)),
        params=dict(data.get("params") or {}),
        equivalents={str(k): str(v) for k, v in (data.get("equivalents") or {}).items()},
        examples=examples,
        tags=tuple(data.get("tags") or ()),
        confidence=str(data.get("confidence", "high")),
        module=str(data.get("module", "")),
        path=path,
        autofix=data["autofix"],
    )


# -- the compiled form ------------------------------------------------------------------------
# Every start (`okla-lint rules`, a pre-commit run on one file) needs the whole catalogue;
# building it from 190 YAML documents costs ~0.1 s even with libyaml (the constructor is
# Python). The compiled form is one JSON file of what the YAML documents hold, each entry
# with a stamp of its source (size and CRC-32 of its bytes): an entry whose source changed is
# read from the YAML again, so the compiled form can be stale or missing, never wrong
# (tests/core/test_catalogue_compiled.py). It lives where Python keeps its own compiled
# files (`rules/__pycache__/`, git-ignored) and is rewritten when an entry was read again.
COMPILED_NAME = "catalogue.json"


def compiled_path(folder: Path) -> Path:
    return folder / "__pycache__" / COMPILED_NAME


def source_stamp(raw: bytes) -> str:
    return f"{len(raw)}-{zlib.crc32(raw):08x}"


def _compiled_header() -> str:
    # another version starts afresh; both YAML loaders read every entry the same way (tests/core/test_catalogue_loader.py)
    return f"okla-lint {__version__}"


def read_compiled(folder: Path) -> dict[str, list]:
    """{file name: [source stamp, content]} from the compiled form; {} when it is missing,
    unreadable or from another version."""
    try:
        with open(compiled_path(folder), "rb") as f:
            doc = json.loads(f.read())
    except (OSError, ValueError):
        return {}
    if not isinstance(doc, dict) or doc.get("header") != _compiled_header() or not isinstance(doc.get("entries"), dict):
        return {}
    return doc["entries"]


def write_compiled(folder: Path, entries: dict[str, list]) -> None:
    """Write the compiled form atomically; a folder we may not write to is no error (the
    catalogue is then read from the YAML at every start, as without it)."""
    if sys.dont_write_bytecode:  # PYTHONDONTWRITEBYTECODE / -B: no compiled files at all
        return
    target = compiled_path(folder)
    tmp = target.with_name(f"{COMPILED_NAME}.{os.getpid()}.tmp")
    try:
        target.parent.mkdir(exist_ok=True)
        with open(tmp, "w", encoding="utf-8") as f:
            json.dump({"header": _compiled_header(), "entries": entries}, f, ensure_ascii=False, separators=(",", ":"))
        os.replace(tmp, target)
    except OSError:
        try:
            os.unlink(tmp)
        except OSError:
            pass


def entry_names(folder: Path) -> list[str]:
    return sorted(n for n in os.listdir(folder) if n.endswith(".yaml"))


def read_sources(folder: Path, compiled: dict[str, list]) -> tuple[dict[str, Any], dict[str, list], bool]:
    """(file name -> content of every entry, the compiled entries to keep, whether they
    differ from ``compiled``)."""
    out: dict[str, Any] = {}
    keep: dict[str, list] = {}
    added = False
    for name in entry_names(folder):
        with open(folder / name, "rb") as f:
            raw = f.read()
        stamp = source_stamp(raw)
        hit = compiled.get(name)
        if isinstance(hit, list) and len(hit) == 2 and hit[0] == stamp:
            out[name] = hit[1]
            keep[name] = hit
            continue
        out[name] = data = parse_yaml_text(raw.decode("utf-8"))
        # only what JSON gives back exactly (no dates, no integer keys) is compiled
        try:
            if json.loads(json.dumps(data)) == data:
                keep[name] = [stamp, data]
                added = True
        except (TypeError, ValueError):
            pass
    return out, keep, added or set(keep) != set(compiled)


@functools.lru_cache(maxsize=1)
def load_catalogue() -> dict[str, RuleDoc]:
    return load_from(catalogue_dir())


def load_from(folder: Path) -> dict[str, RuleDoc]:
    """The entries of a catalogue folder, by id, through its compiled form."""
    datas, keep, changed = read_sources(folder, read_compiled(folder))
    if changed:
        write_compiled(folder, keep)
    out: dict[str, RuleDoc] = {}
    for name, data in datas.items():
        doc = parse_entry(folder / name, data)
        out[doc.id] = doc
    return out


def rule_ids() -> list[str]:
    """The ids of the catalogue, without reading it (file names)."""
    return [n[: -len(".yaml")] for n in entry_names(catalogue_dir())]


def load_rule(rule_id: str) -> RuleDoc | None:
    """One entry, read from its own file (`okla-lint explain` needs no other)."""
    if rule_id not in rule_ids():
        return None
    return parse_entry(catalogue_dir() / f"{rule_id}.yaml")
