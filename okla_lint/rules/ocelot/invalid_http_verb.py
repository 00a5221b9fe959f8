"""ocelot-invalid-http-verb: UpstreamHttpMethod or DownstreamHttpMethod holds a misspelt verb
or several verbs in one string."""
from __future__ import annotations

import re

from ...core.files import FileUnit
from ...core.located import LMap, LSeq, Span
from ...core.registry import check
from ...lib.ocelot import schema as S
from ...lib.ocelot.config import config_root, osa_distance, rename_fix


_TOKEN = re.compile(r"^[!#$%&'*+.^_`|~0-9A-Za-z-]+$")  # an HTTP method token (RFC 9110)


@check("ocelot-invalid-http-verb", on="ocelot")
def http_verbs(ctx, unit: FileUnit) -> None:
    root = config_root(unit)
    items: list[tuple[LMap, str]] = [(r, f"{s}[{i}]") for i, r, s in S.routes(root)]
    items += [(a, f"Aggregates[{i}]") for i, a in S.aggregates(root)]
    for m, where in items:
        seq = m.iget("UpstreamHttpMethod")
        if isinstance(seq, LSeq):
            for j, v in enumerate(seq):
                if isinstance(v, str):
                    _verb(ctx, v, seq.item_span(j), f"{where}.UpstreamHttpMethod[{j}]")
        k = m.ikey("DownstreamHttpMethod")
        if k is not None and isinstance(m[k], str) and m[k].strip():
            _verb(ctx, m[k], m.value_span(k), f"{where}.DownstreamHttpMethod")


def _verb(ctx, v: str, span: Span, where: str) -> None:
    t = v.strip()
    if t.upper() in S.HTTP_VERBS:
        return
    if not _TOKEN.match(t):
        parts = [p for p in re.split(r"[\s,;|]+", t) if p]
        split = all(p.upper() in S.HTTP_VERBS for p in parts) and len(parts) > 1
        ctx.report(
            span,
            f"{where} {v!r} is not an HTTP method: .NET's HttpMethod rejects it and Ocelot fails "
            f"to build the route; {'list each verb as its own array item' if split else 'use a standard method such as GET or POST'}",
            context=f"verb:{t}",
        )
        return
    guess = [v for v in S.HTTP_VERBS if osa_distance(t.upper(), v) <= 1]
    if guess:
        ctx.report(
            span,
            f"{where} {v!r} is not a standard HTTP method (did you mean {guess[0]!r}?): Ocelot "
            "accepts any token, so the route only matches requests with this exact method and "
            f"real requests get 404; write {guess[0]!r}",
            context=f"verb:{t}",
            fix=rename_fix(ctx, span, v, guess[0]) if len(guess) == 1 else None,
        )
