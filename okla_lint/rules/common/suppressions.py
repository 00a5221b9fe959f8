"""``unused-suppression`` is reported by the engine (``okla_lint/suppress.py``) once every
other check has run on a file, since only then is it known which suppressions were used.
This registration ties the catalogue entry to that code."""
from __future__ import annotations

from ...core.registry import check


@check("unused-suppression", on="file")
def unused_suppression(ctx, unit) -> None:  # noqa: ARG001 - reported by suppress.apply
    return None
