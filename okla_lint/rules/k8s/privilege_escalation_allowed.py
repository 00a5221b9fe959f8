"""`privilege-escalation-allowed`: A container explicitly sets allowPrivilegeEscalation to
true.
"""
from __future__ import annotations

from ...core.model import Container
from ...core.registry import check
from ...lib.k8s.podutil import sc_of
from ...core.fix import UNSAFE, Edit, Fix


@check("privilege-escalation-allowed", on="container")
def privilege_escalation(ctx, c: Container) -> None:
    sc = sc_of(c.node)
    if sc is None or sc.get("allowPrivilegeEscalation") is not True:
        return
    if sc.get("privileged") is True:
        return  # privileged-container says it louder
    ctx.report(
        sc.value_span("allowPrivilegeEscalation"),
        f"{c.ident} sets allowPrivilegeEscalation: true: processes can gain more privileges "
        "than their parent (setuid binaries, file capabilities), which turns a foothold in "
        "the container into root inside it. Set it to false unless the image needs setuid",
        context=f"{c.ident}:allowPrivilegeEscalation",
        once="allowPrivilegeEscalation",
        fix=_flip_to_false(ctx, sc, "allowPrivilegeEscalation"),
    )


def _flip_to_false(ctx, holder, key: str):
    """Unsafe (a setuid binary in the image then stops working): `true` -> `false`."""
    src = ctx.file.src if ctx.file is not None else None
    vs = holder.value_span(key)
    if src is None or src.text[vs.start : vs.end] != "true":
        return None
    return Fix(UNSAFE, (Edit(vs.start, vs.end, "false"),), f"Set {key} to false")
