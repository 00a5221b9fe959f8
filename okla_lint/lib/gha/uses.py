"""What a `uses:` reference names: owner, repository, path and ref of a remote action."""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from ...core.located import Span

_USES = re.compile(r"^([A-Za-z0-9_.-]+)/([A-Za-z0-9_.-]+)(/[^@]*)?@(.+)$")


def parse_uses(uses: str) -> tuple[str, str, str, str] | None:
    """(owner, repo, path, ref) of a remote ``uses:``; None for ``./local``, ``docker://``
    and malformed references."""
    m = _USES.match(uses.strip())
    if not m:
        return None
    return m.group(1), m.group(2), (m.group(3) or ""), m.group(4)


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
