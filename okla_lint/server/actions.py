"""Code actions for one finding, as plain edits (character offsets into the file's text);
lsp.py turns them into LSP workspace edits.

* The rule's fix, when the finding carries one (``finding.fix``: ``--fix``'s edits, issue
  13); unsafe fixes are offered too, labelled as such, never preferred.
* "Suppress RULE on this line" for YAML: ``# okla-lint: ignore[RULE]`` at the end of the
  finding's line (added to a directive already there), on the header line of the block
  scalar the finding sits in (a ``run: |`` script cannot hold a comment), or on a line of
  its own above. Each candidate is parsed back and kept only when the suppression reader
  sees it cover the finding and the file still parses, so the edit never changes what the
  YAML means."""
from __future__ import annotations

import json as _json
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path

from ..config import ConfigError, apply, load_config_file, validate
from ..core import files as F
from ..core.finding import Finding
from ..core.fix import apply_edits
from ..core.fixer import parse_check, reparse
from ..core.located import LMap, LSeq
from ..core.settings import Settings
from ..post import json_ignores
from ..post.json_ignores import ROUTE_LISTS, resolve
from ..post.suppressions import comment_suppressions

_DIRECTIVE_ON_LINE = re.compile(r"(?:(?<=[ \t])|^)#[ \t]*okla-lint[ \t]*:[ \t]*ignore[ \t]*\[([^\]]*)\]")


@dataclass
class TextEdit:
    start: int  # character offsets into the decoded text
    end: int
    text: str


@dataclass
class Action:
    title: str
    edits: list[TextEdit]
    kind: str = "quickfix"  # LSP CodeActionKind
    preferred: bool = False


def fix_actions(unit: F.FileUnit, finding: Finding) -> list[Action]:
    """The finding's own fix (``--fix``'s edits), when the rule offers one and the fixed
    text passes the fixer's own check (it parses, is read as the same kind of file, and
    holds the same data when the fix promises that)."""
    fix = getattr(finding, "fix", None)
    if fix is None or not getattr(fix, "edits", None) or unit.src is None:
        return []
    try:

        if parse_check(unit, reparse(unit, apply_edits(unit.src.text, fix.edits)), [finding]):
            return []
    except Exception:  # a fix that cannot be checked is not offered
        return []
    safe = fix.applicability == "safe"
    title = f"{fix.message} ({finding.rule})" if safe else f"{fix.message} ({finding.rule}; unsafe: changes what runs)"
    return [Action(title, [TextEdit(e.start, e.end, e.text) for e in fix.edits], "quickfix", preferred=safe)]


def _apply(text: str, edit: TextEdit) -> str:
    return text[: edit.start] + edit.text + text[edit.end :]


def _covers(path: Path, rel: str, text: str, rule: str, line: int, col: int, parse_errors: int) -> bool:
    unit = F.parse_yaml_file(path, rel, text)
    if sum(1 for p in unit.problems if p.rule == "parse-error") > parse_errors or unit.src is None:
        return False
    sups, _ = comment_suppressions(unit)
    probe = Finding(rule, "info", "", line, col, line, col + 1, "")
    off = unit.src.offset(line, col)
    return any(rid == rule and s.covers(probe, off) for s in sups for rid, _ in s.rules)


def _on_line(src, line: int, rule: str) -> TextEdit:
    """Add ``rule`` to the line's directive, or a directive at the end of the line."""
    start = src.offset(line, 1)
    content = src.line_text(line)
    m = _DIRECTIVE_ON_LINE.search(content)
    if m:
        rules = [r.strip() for r in m.group(1).split(",") if r.strip()]
        if rule not in rules:
            at = start + m.end(1)
            return TextEdit(at, at, (", " if rules else "") + rule)
    end = start + len(content)
    sep = "" if content.endswith((" ", "\t")) else "  "
    return TextEdit(end, end, f"{sep}# okla-lint: ignore[{rule}]")


def _header_line_of_block(unit: F.FileUnit, offset: int) -> int | None:
    spans: list[tuple[int, int]] = []
    for d in unit.docs:
        F.block_scalar_spans(d.root, spans)
    inner = [(a, b) for a, b in spans if a <= offset < b]
    if not inner:
        return None
    a, _ = max(inner)  # the innermost
    return unit.src.position(a)[0]


def suppress_action(unit: F.FileUnit, finding: Finding) -> Action | None:
    """"Suppress RULE on this line" for a finding in a YAML file, or None when no comment
    can cover it without changing the file's meaning."""
    src = unit.src
    if src is None or unit.json is not None or unit.kind in (F.JSON, F.OCELOT, F.UNREADABLE):
        return None
    if not unit.path.name.lower().endswith(F.YAML_EXT) and unit.kind not in (F.KUBERNETES, F.WORKFLOW, F.ACTION, F.YAML):
        return None
    if not (1 <= finding.line <= src.line_count) or finding.rule in ("parse-error", "unused-suppression"):
        return None
    text = src.text
    errors = sum(1 for p in unit.problems if p.rule == "parse-error")
    rule, line, col = finding.rule, finding.line, finding.col
    tries: list[tuple[str, TextEdit, int]] = [(f"Suppress {rule} on this line", _on_line(src, line, rule), line)]
    header = _header_line_of_block(unit, src.offset(line, col))
    if header is not None and header != line:
        tries.append((f"Suppress {rule} for this script (block)", _on_line(src, header, rule), line))
    content = src.line_text(line)
    indent = content[: len(content) - len(content.lstrip(" \t"))]
    eol = "\r\n" if src.text[src.offset(line, 1) + len(content):].startswith("\r\n") else "\n"
    above = src.offset(line, 1)
    tries.append((f"Suppress {rule} for the node on this line", TextEdit(above, above, f"{indent}# okla-lint: ignore[{rule}]{eol}"), line + 1))
    for title, edit, new_line in tries:
        # every edit lands after the finding on its line (a comment runs to the end of
        # the line) or on a new line above it: the finding keeps its column
        if _covers(unit.path, unit.rel, _apply(text, edit), rule, new_line, col, errors):
            return Action(title, [edit])
    return None


# -- JSON: a per-file-ignores entry naming the node (JSON has no comments) ----------------
def json_fragment(unit: F.FileUnit, offset: int) -> str | None:
    """``route=KEY`` when the offset lies in an Ocelot route with a unique Key or
    UpstreamPathTemplate, else the JSON pointer of the innermost member or item holding it."""

    root = unit.docs[0].root if unit.docs else None
    if not isinstance(root, (LMap, LSeq)):
        return None
    if unit.kind == F.OCELOT and isinstance(root, LMap):
        for name in ROUTE_LISTS:
            k = root.ikey(name)
            routes = root.get(k) if k is not None else None
            if not isinstance(routes, LSeq):
                continue
            for i, route in enumerate(routes):
                sp = routes.item_span(i)
                if isinstance(route, LMap) and sp.start <= offset < sp.end:
                    for field in ("Key", "UpstreamPathTemplate"):
                        v = route.iget(field)
                        if isinstance(v, str) and v and resolve(root, f"route={v}") == (sp.start, sp.end):
                            return f"route={v}"
    tokens: list[str] = []
    node = root
    while True:
        nxt = None
        if isinstance(node, LMap):
            for key in node:
                a, b = node.key_span(key).start, node.value_span(key).end
                if a <= offset < max(b, a + 1) and isinstance(key, str):
                    nxt = (key.replace("~", "~0").replace("/", "~1"), node[key])
                    break
        elif isinstance(node, LSeq):
            for i in range(len(node)):
                sp = node.item_span(i)
                if sp.start <= offset < max(sp.end, sp.start + 1):
                    nxt = (str(i), node[i])
                    break
        if nxt is None:
            break
        tokens.append(nxt[0])
        node = nxt[1]
    return "/" + "/".join(tokens) if tokens else ""  # "": the whole document


@dataclass
class ConfigEdit:
    path: Path  # the configuration file to change (created when it does not exist)
    create: bool
    edits: list[TextEdit]
    title: str


def ignore_in_config(unit: F.FileUnit, finding: Finding, settings, catalogue, config_path: Path | None,
                     root: Path) -> ConfigEdit | None:
    """A ``per-file-ignores`` entry ``"FILE#FRAGMENT": [RULE]`` in .okla-lint.yaml for a
    finding in a JSON file, checked by loading the changed configuration and seeing it
    suppress the finding. None for pyproject.toml configurations (edited by hand) and when
    the entry cannot be added safely."""


    src = unit.src
    if src is None or unit.json is None or finding.rule in ("parse-error",):
        return None
    if config_path is not None and not config_path.name.startswith(".okla-lint."):
        return None
    frag = json_fragment(unit, src.offset(finding.line, finding.col))
    if frag is None:
        return None
    cfg = config_path or (root / ".okla-lint.yaml")
    try:
        rel = Path(unit.path).resolve().relative_to(cfg.parent.resolve()).as_posix()
        text = cfg.read_text(encoding="utf-8") if cfg.exists() else ""
    except (ValueError, OSError, UnicodeDecodeError):
        return None
    key = f"{rel}#{frag}" if frag else rel
    entry = f"{_json.dumps(key, ensure_ascii=False)}: [{finding.rule}]"
    m = re.search(r"^per-file-ignores:[ \t]*(#.*)?$", text, re.M)
    if m:
        after = text[m.end():]
        nl = "\r\n" if "\r\n" in text else "\n"
        nxt = re.match(r"(?:\r?\n)([ \t]+)\S", after)
        indent = nxt.group(1) if nxt else "  "
        at = m.end()
        edit = TextEdit(at, at, f"{nl}{indent}{entry}")
    elif re.search(r"^per-file-ignores\s*:", text, re.M):
        return None  # a flow mapping: left to the user
    else:
        sep = "" if not text or text.endswith("\n") else "\n"
        edit = TextEdit(len(text), len(text), f"{sep}per-file-ignores:\n  {entry}\n")
    new_text = text[: edit.start] + edit.text + text[edit.end :]
    # the changed configuration must load and suppress the finding
    with tempfile.TemporaryDirectory() as tmp:
        probe = Path(tmp) / ".okla-lint.yaml"
        probe.write_text(new_text, encoding="utf-8")
        try:
            loaded = load_config_file(probe)
            validate(loaded, catalogue)
        except (ConfigError, Exception):
            return None
        s = apply(loaded, Settings())
    s.root = cfg.parent
    if json_ignores.apply(s, catalogue, unit, [finding]):
        return None
    where = frag if frag.startswith("route=") else f"#{frag}" if frag else "this file"
    return ConfigEdit(cfg, not cfg.exists(), [edit],
                      f"Ignore {finding.rule} for {where} in {cfg.name} (per-file-ignores)")
