"""`resources-request-exceeds-limit`: A container requests more of a resource than its limit
allows.

A limit without a request makes the request equal to the limit; the API server rejects a
request greater than its limit.
"""
from __future__ import annotations

from ...core.located import LMap, get_path
from ...core.model import Container
from ...core.registry import check
from ...lib.k8s.podutil import parse_quantity


@check("resources-request-exceeds-limit", on="container")
def request_exceeds_limit(ctx, c: Container) -> None:
    req = get_path(c.node, "resources", "requests")
    lim = get_path(c.node, "resources", "limits")
    if not (isinstance(req, LMap) and isinstance(lim, LMap)):
        return
    for name, rv in req.items():
        if name not in lim:
            continue
        r, l = parse_quantity(rv), parse_quantity(lim[name])
        if r is None or l is None or r[0] <= l[0]:
            continue
        ctx.report(
            req.value_span(name),
            f"resources.requests.{name} of {c.ident} ({rv}) is greater than its limit "
            f"({lim[name]}); the API server rejects the object ('must be less than or equal "
            f"to {name} limit'), so nothing is deployed. Lower the request or raise the limit",
            related=[(c.obj.file, lim.value_span(name), "the limit")],
            context=f"{c.ident}:{name}",
            once=name,
        )
