"""Effective settings of a run: which rules, at which severity, with which parameters."""
from __future__ import annotations

import fnmatch
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

from .catalogue import RuleDoc
from .finding import SEVERITIES
from .source import DEFAULT_MAX_BYTES


class SettingsError(Exception):
    """A usage or configuration error (exit code 2)."""


@dataclass
class Settings:
    select: list[str] | None = None  # None: the rules that are on by default
    extend_select: list[str] = field(default_factory=list)
    ignore: list[str] = field(default_factory=list)
    severity: dict[str, str] = field(default_factory=dict)
    params: dict[str, dict[str, Any]] = field(default_factory=dict)
    fail_on: str = "warning"
    exclude: list[str] = field(default_factory=list)
    test_data: bool = False  # lint test-data folders (discover.TEST_DATA_DIRS) found while walking
    per_file_ignores: dict[str, list[str]] = field(default_factory=dict)
    max_file_size: int = DEFAULT_MAX_BYTES
    no_ignores: bool = False
    # when only files are given (pre-commit), read the rest of their project for cross-file
    # rules and report on the given files only
    project_context: bool = True
    # command-line --extend-select / --ignore: applied after the file's lists, so a flag wins
    # over the configuration (`--extend-select X` enables X even when the file ignores it)
    cli_extend_select: list[str] = field(default_factory=list)
    cli_ignore: list[str] = field(default_factory=list)
    # render kustomize overlays (kubectl kustomize / kustomize build) and lint what they
    # produce; False: read the files one by one (--no-render, `render: false`)
    render: bool = True
    # the run cache's folder (core/cache.py); None: .okla-lint-cache in the project root
    cache_dir: str | None = None
    kubernetes_version: str | None = None  # "1.30": rules that depend on API versions read it
    # "22.0.1": the Ocelot version the gateway runs, instead of the one read from its *.csproj
    ocelot_version: str | None = None
    config_path: Path | None = None  # the configuration file these settings came from
    root: Path | None = None  # the folder of that file: exclude and per-file-ignores globs are relative to it

    def matches(self, selector: str, doc: RuleDoc) -> bool:
        s = selector.strip()
        if s.lower() == "all":
            return True
        if s == doc.id or s == doc.kind or s in doc.tags:
            return True
        return any(ch in s for ch in "*?[") and fnmatch.fnmatchcase(doc.id, s)

    def check_selectors(self, selectors: Iterable[str], catalogue: dict[str, RuleDoc], what: str) -> None:
        for s in selectors:
            if not any(self.matches(s, d) for d in catalogue.values()):
                close = fnmatch.filter(catalogue, f"*{s}*")[:3]
                hint = f" (did you mean {', '.join(close)}?)" if close else ""
                raise SettingsError(f"{what}: unknown rule or group {s!r}{hint}; `okla-lint rules --all` lists them")

    def enabled_rules(self, catalogue: dict[str, RuleDoc]) -> set[str]:
        self.check_selectors(self.select or [], catalogue, "select")
        self.check_selectors(self.extend_select, catalogue, "extend-select")
        self.check_selectors(self.ignore, catalogue, "ignore")
        for rid, sev in self.severity.items():
            if rid not in catalogue:
                raise SettingsError(f"severity: unknown rule {rid!r}")
            if sev not in SEVERITIES:
                raise SettingsError(f"severity of {rid}: {sev!r} is not one of {', '.join(SEVERITIES)}")
        if self.fail_on not in SEVERITIES + ("never",):
            raise SettingsError(f"fail-on: {self.fail_on!r} is not one of {', '.join(SEVERITIES)}, never")
        on = {rid for rid, d in catalogue.items() if d.default} if self.select is None else set()
        # ruff's resolution: the configuration's lists, then the command line's flags over
        # them; within one of the two, the more specific selector wins (`ignore: [kubernetes]`
        # with `extend-select: [privileged-container]` enables that rule, `select: [ALL]` with
        # `ignore: [security]` leaves the tag out) and, at equal specificity, ignore does
        self._resolve(on, catalogue, list(self.select or []) + list(self.extend_select), self.ignore)
        self.check_selectors(self.cli_extend_select, catalogue, "--extend-select")
        self.check_selectors(self.cli_ignore, catalogue, "--ignore")
        self._resolve(on, catalogue, self.cli_extend_select, self.cli_ignore)
        # a file that cannot be parsed is never silently passed (ruff shows syntax errors
        # whatever is selected): parse-error is on unless it is ignored by name
        if "parse-error" in catalogue and not any(
            s.strip() == "parse-error" for s in list(self.ignore) + list(self.cli_ignore)
        ):
            on.add("parse-error")
        return on

    def specificity(self, selector: str, doc: RuleDoc) -> int:
        """How specifically ``selector`` names ``doc`` (which it matches): ALL < its kind
        (`kubernetes`) < one of its tags (`security`) < a glob (`probe-*`) < its id. Per
        rule, because a name can be both (`shellcheck` is a rule and a tag)."""
        s = selector.strip()
        if s.lower() == "all":
            return 0
        if s == doc.id:
            return 4
        if any(ch in s for ch in "*?["):
            return 3
        if s in doc.tags:
            return 2
        return 1

    def _resolve(self, on: set[str], catalogue: dict[str, RuleDoc], select: list[str], ignore: list[str]) -> None:
        """Apply one level's selectors to ``on``: per rule, the most specific selector that
        names it decides, and at equal specificity ignore does."""
        for rid, d in catalogue.items():
            best = -1
            keep = rid in on
            for s in select:
                if self.matches(s, d):
                    level = self.specificity(s, d)
                    if level > best:
                        best, keep = level, True
            for s in ignore:
                if self.matches(s, d):
                    level = self.specificity(s, d)
                    if level >= best:
                        best, keep = level, False
            if keep:
                on.add(rid)
            else:
                on.discard(rid)

    def rule_params(self, doc: RuleDoc) -> dict[str, Any]:
        merged = dict(doc.params)
        # the project-wide `kubernetes-version` feeds every rule with that parameter;
        # a rule's own `params` still win
        if self.kubernetes_version and "kubernetes-version" in merged:
            merged["kubernetes-version"] = self.kubernetes_version
        merged.update(self.params.get(doc.id, {}))
        return merged

    def rule_severity(self, doc: RuleDoc) -> str:
        return self.severity.get(doc.id, doc.severity)
