"""What a `uses:` reference names: owner, repository, path and ref of a remote action, whether
the ref is a full commit SHA, and the version the comment after a SHA pin names."""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from ...core.fix import line_bounds
from ...core.located import Span

_USES = re.compile(r"^([A-Za-z0-9_.-]+)/([A-Za-z0-9_.-]+)(/[^@]*)?@(.+)$")
_FULL_SHA = re.compile(r"[0-9a-fA-F]{40}")
# the version a comment after a SHA pin names, as pinning tools write it: `# v4.2.2` (Dependabot,
# Renovate, zizmor's fix), `# tag=v4.2.2` (older Renovate), `# pin@v4.2.2` (pin-github-action),
# `# version: 4.2.2`, `# ratchet:owner/repo@v4`: the comment opens with it, after an optional
# label; `v`, digits and dots, with an optional pre-release (`-rc.1`). What follows it is free
# (`# v4.2.2 (Oct 2024)`); a comment that opens with anything else names no version (`#
# release notes: see v4.2.2`, `# head as of 2026-03-04`, `# zizmor: ignore[...] v6.3.0`)
_COMMENT_VERSION = re.compile(
    r"\s*(?:ratchet:[^\s@]+@|[A-Za-z_-]*\s*[=:@]\s*)?"
    r"([vV]?\d+(?:\.\d+)*(?:-[A-Za-z][0-9A-Za-z.-]*)?)(?![\w.-])"
)


def parse_uses(uses: str) -> tuple[str, str, str, str] | None:
    """(owner, repo, path, ref) of a remote ``uses:``; None for ``./local``, ``docker://``
    and malformed references."""
    m = _USES.match(uses.strip())
    if not m:
        return None
    return m.group(1), m.group(2), (m.group(3) or ""), m.group(4)


def is_full_sha(ref: str) -> bool:
    """``ref`` is a full 40-character commit SHA, in either case (git, and so GitHub, reads
    hexadecimal either way; zizmor's pin check does the same)."""
    return _FULL_SHA.fullmatch(ref) is not None


@dataclass(frozen=True)
class VersionComment:
    """The version the comment after a ``uses:`` value names (``uses: a/b@<sha> # v4.2.2``)."""

    version: str  # as written: `v4.2.2`, `4.2.2`, `v4`, `v1.0.0-rc.1`
    start: int  # character offsets of the version in the file's text
    end: int

    @property
    def major(self) -> int:
        return int(re.match(r"\d+", self.version.lstrip("vV")).group())  # type: ignore[union-attr]


def version_comment(text: str, span: Span) -> VersionComment | None:
    """The version named by the comment that follows the one-line ``uses:`` value at ``span``
    of ``text`` (the file's text), read as ``_COMMENT_VERSION`` says; None without a
    comment, for a comment that names no version (``# main``), and for a block or
    multi-line value."""
    if span.style in ("|", ">") or span.line != span.end_line:
        return None
    _, line_end, _ = line_bounds(text, span.end)
    after = text[span.end:line_end]
    lead = len(after) - len(after.lstrip())
    if not after.startswith("#", lead):
        return None
    m = _COMMENT_VERSION.match(after, lead + 1)
    if m is None:
        return None
    return VersionComment(m.group(1), span.end + m.start(1), span.end + m.end(1))


def remote_action(step_node: Any) -> str | None:
    """``owner/repo`` (as written) of a step that uses a remote action at its repository's
    root (no sub-path); None otherwise."""
    uses = step_node.get("uses") if hasattr(step_node, "get") else None
    if not isinstance(uses, str):
        return None
    parsed = parse_uses(uses)
    if parsed is None or parsed[2]:
        return None
    return f"{parsed[0]}/{parsed[1]}"



@dataclass(frozen=True)
class RemoteUses:
    """The remote reference of a step's or job's ``uses:``."""

    node: Any  # the step or job LMap
    parsed: tuple[str, str, str, str]  # (owner, repo, path, ref)
    name: str  # ``owner/repo`` as written

    def name_span(self, ctx: Any) -> Span:
        """The exact span of ``owner/repo`` inside the ``uses:`` value."""
        uses = self.node["uses"]
        start = len(uses) - len(uses.lstrip())
        return ctx.sub_span(self.node.value_span("uses"), uses, start, start + len(self.name))


def remote_uses(node: Any) -> RemoteUses | None:
    """The remote reference of a step or job node (an LMap) whose ``uses:`` names one;
    None otherwise."""
    uses = node.get("uses")
    if not isinstance(uses, str):
        return None
    parsed = parse_uses(uses)
    if parsed is None:
        return None
    return RemoteUses(node, parsed, f"{parsed[0]}/{parsed[1]}")
