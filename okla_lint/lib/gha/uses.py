"""What a `uses:` reference names: owner, repository, path and ref of a remote action."""
from __future__ import annotations

import re
from typing import Any

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
