"""One root cause, one finding (issue 10, family 2): fold the findings that repeat a root
cause into the one at the place to fix, with the others as related locations (JSON
``related``, SARIF ``relatedLocations``) and a short "and N more" note in the message that
every format shows (the text format has no other place for them)."""
from __future__ import annotations

from typing import Iterable

from ..core.files import FileUnit
from ..core.finding import Finding, Related
from ..core.located import Span


def fold(ctx, primary: Finding, places: Iterable[tuple[FileUnit, Span, str]], what: str) -> None:
    """Add ``places`` to ``primary`` as related locations and say in its message how many
    more places share the root cause (``what`` names them: "workloads pull with it")."""
    places = list(places)
    if not places:
        return
    shown = [f"{ctx.engine.display(u)}:{s.line}" for u, s, _ in places]
    primary.related.extend(Related(ctx.engine.display(u), s.line, s.col, m) for u, s, m in places)
    first = shown[0]
    more = f" and {len(shown) - 1} more" if len(shown) > 1 else ""
    if primary.also:
        primary.message = primary.message[: -len(primary.also) - 3]
        primary.also = f"{primary.also}; {what}: {first}{more}"
    else:
        primary.also = f"{what}: {first}{more}"
    primary.message += f" ({primary.also})"


def drop(ctx, unit: FileUnit, finding: Finding) -> None:
    """Remove a finding that another one now stands for."""
    pending = ctx.engine.pending(unit)
    for i, f in enumerate(pending):
        if f is finding:
            del pending[i]
            return
