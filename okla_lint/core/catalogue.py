"""The rule catalogue: one declarative YAML file per rule in ``rules/``.

A catalogue entry says what a rule finds, how bad it is by default, which files it reads,
why the problem breaks things at runtime, how to fix it, its parameters and its examples.
The Python check behind it lives in the module named by ``module:`` (under
``okla_lint.rules.<kind>``) and is registered under the same id.
"""
from __future__ import annotations

import functools
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .finding import SEVERITIES

# libyaml reads the catalogue in milliseconds, the pure-Python loader in a few hundred:
# every start (`okla-lint rules`, a pre-commit run on one file) pays for it.
# tests/core/test_catalogue_loader.py checks that both read every entry the same way.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def read_entry(path: Path, loader: Any = None) -> Any:
    return yaml.load(path.read_text(encoding="utf-8"), Loader=loader or _LOADER)

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


def parse_entry(path: Path) -> RuleDoc:
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


@functools.lru_cache(maxsize=1)
def load_catalogue() -> dict[str, RuleDoc]:
    out: dict[str, RuleDoc] = {}
    for path in sorted(catalogue_dir().glob("*.yaml")):
        doc = parse_entry(path)
        out[doc.id] = doc
    return out
