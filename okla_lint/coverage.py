"""Coverage of the anchors' checks, computed from the catalogue's `equivalents`.

The anchors' own check lists are kept as data in ``docs/anchors/<tool>.yaml`` (copied from
each tool's catalogue at a stated commit). A catalogue entry claims an anchor check by naming
its id in ``equivalents: {<tool>: "<id>, <id> (note)"}``; ``none`` (with a reason in
parentheses) claims nothing, and a note starting with ``partly`` claims the check only in
part (listed, not counted). An anchor check that no rule claims says why under ``none:`` in
the anchor file. ``python -m okla_lint.docs`` writes docs/coverage.md from this.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .core.catalogue import RuleDoc, load_catalogue

TOOLS = ("kube-linter", "kube-score", "actionlint", "zizmor")

# What each tool's coverage is measured on, and the target the project set (issue 15).
TARGETS = {
    "kube-linter (default checks)": 1.0,
    "kube-linter (all checks)": 0.9,
    "kube-score": 0.9,
    "actionlint (offline checks)": 1.0,
    "zizmor (offline audits)": 0.8,
}


@dataclass
class AnchorCheck:
    tool: str
    id: str
    what: str
    default: bool = True
    offline: bool = True
    external: bool = False
    none: str = ""
    full: list[str] = field(default_factory=list)  # okla-lint rule ids that cover it
    partial: list[str] = field(default_factory=list)  # rule ids that cover part of it

    @property
    def covered(self) -> bool:
        return bool(self.full)


def anchors_dir(root: Path | None = None) -> Path:
    return (root or Path(__file__).resolve().parent.parent) / "docs" / "anchors"


def split_claims(value: str) -> list[tuple[str, str]]:
    """'a, b (note), c / d' -> [(a, ''), (b, 'note'), (c, ''), (d, '')]; commas and
    slashes inside parentheses belong to the note."""
    out: list[tuple[str, str]] = []
    depth, cur = 0, ""
    for ch in value + ",":
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth = max(0, depth - 1)
        if ch in ",/" and depth == 0:
            token = cur.strip()
            cur = ""
            if not token:
                continue
            name, _, note = token.partition("(")
            out.append((name.strip(), note.rstrip(")").strip()))
            continue
        cur += ch
    return out


def load_anchors(root: Path | None = None) -> dict[str, dict[str, AnchorCheck]]:
    out: dict[str, dict[str, AnchorCheck]] = {}
    for tool in TOOLS:
        data = yaml.load((anchors_dir(root) / f"{tool}.yaml").read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
        checks = {}
        for raw in data["checks"]:
            checks[raw["id"]] = AnchorCheck(
                tool=tool,
                id=raw["id"],
                what=str(raw.get("what", "")),
                default=bool(raw.get("default", True)),
                offline=bool(raw.get("offline", True)),
                external=bool(raw.get("external", False)),
                none=str(raw.get("none", "")),
            )
        out[tool] = checks
    return out


class CoverageError(Exception):
    pass


def compute(root: Path | None = None, catalogue: dict[str, RuleDoc] | None = None) -> dict[str, dict[str, AnchorCheck]]:
    anchors = load_anchors(root)
    cat = catalogue if catalogue is not None else load_catalogue()
    errors = []
    for doc in cat.values():
        for tool, value in doc.equivalents.items():
            if tool not in anchors:
                continue
            for name, note in split_claims(value):
                if name == "none":
                    continue
                check = anchors[tool].get(name)
                if check is None:
                    errors.append(f"rules/{doc.id}.yaml: equivalents.{tool} names {name!r}, which {tool} does not have")
                    continue
                (check.partial if note.startswith("partly") else check.full).append(doc.id)
    for tool, checks in anchors.items():
        for check in checks.values():
            if check.covered and check.none:
                errors.append(f"docs/anchors/{tool}.yaml: {check.id} is covered by {', '.join(check.full)} but still says none")
    if errors:
        raise CoverageError("\n".join(errors))
    return anchors


def scopes(anchors: dict[str, dict[str, AnchorCheck]]) -> dict[str, list[AnchorCheck]]:
    kl = list(anchors["kube-linter"].values())
    return {
        "kube-linter (default checks)": [c for c in kl if c.default],
        "kube-linter (all checks)": kl,
        "kube-score": list(anchors["kube-score"].values()),
        "actionlint (offline checks)": [c for c in anchors["actionlint"].values() if not c.external],
        "zizmor (offline audits)": [c for c in anchors["zizmor"].values() if c.offline],
    }


def summary(anchors: dict[str, dict[str, AnchorCheck]]) -> dict[str, tuple[int, int]]:
    return {name: (sum(c.covered for c in checks), len(checks)) for name, checks in scopes(anchors).items()}


def coverage_markdown(root: Path | None = None) -> str:
    anchors = compute(root)
    lines = [
        "# Coverage of the anchors' checks",
        "",
        "Generated by `python -m okla_lint.docs` from the catalogue's `equivalents` and the",
        "anchors' check lists in `docs/anchors/` (each names the commit it was copied from);",
        "`tests/core/test_coverage.py` fails when this file is stale or a claim names a check",
        "that does not exist. A check is covered when an okla-lint rule finds what it finds",
        "(often more precisely: see the rule's catalogue entry); `partly` claims are listed",
        "but not counted.",
        "",
        "| scope | covered | of | share | target |",
        "|---|---|---|---|---|",
    ]
    for name, (covered, total) in summary(anchors).items():
        lines.append(f"| {name} | {covered} | {total} | {covered / total:.0%} | {TARGETS[name]:.0%} |")
    for tool in TOOLS:
        lines += ["", f"## {tool}", "", "| check | okla-lint | notes |", "|---|---|---|"]
        for check in anchors[tool].values():
            flags = []
            if tool == "kube-linter" and check.default:
                flags.append("default in kube-linter")
            if not check.offline:
                flags.append("needs the network")
            if check.external:
                flags.append("runs an external program")
            rules = ", ".join(f"`{r}`" for r in check.full) or "none"
            notes = []
            if check.partial:
                notes.append("partly: " + ", ".join(f"`{r}`" for r in check.partial))
            if not check.covered:
                notes.append(check.none or "not covered yet")
            notes += flags
            lines.append(f"| `{check.id}` | {rules} | {'; '.join(notes).replace('|', '/')} |")
    return "\n".join(lines) + "\n"
