"""ocelot-invalid-path-template: An Upstream/DownstreamPathTemplate is empty, does not start
with '/', contains '//' or contains a scheme; Ocelot refuses to start.
ocelot-duplicate-placeholder: A path template uses the same placeholder name twice; Ocelot
23 and later refuse to start."""
from __future__ import annotations

from ...core.files import FileUnit
from ...core.located import LMap
from ...core.registry import check
from ...lib.ocelot import schema as S
from ...lib.ocelot.config import config_root


@check("ocelot-invalid-path-template", "ocelot-duplicate-placeholder", on="ocelot")
def path_templates(ctx, unit: FileUnit) -> None:
    root = config_root(unit)
    for i, route, sect in S.routes(root):
        for name in ("UpstreamPathTemplate", "DownstreamPathTemplate"):
            k = route.ikey(name)
            v = route.get(k) if k is not None else None
            where = f"{sect}[{i}].{name}"
            if v is None or (isinstance(v, str) and not v):
                span = route.value_span(k) if k is not None else route.span
                ctx.report(
                    "ocelot-invalid-path-template",
                    span,
                    f"{where} is {'empty' if k is not None else 'missing'}: Ocelot's start-up "
                    f"validation rejects the configuration ('{name} cannot be empty'); set a path "
                    "that starts with '/'",
                    context=f"path:{name}:empty",
                )
                continue
            if not isinstance(v, str):
                continue
            _check_template(ctx, route, k, v, where, name)
            _dup_placeholders(ctx, route, k, v, where)


def _check_template(ctx, route: LMap, k: str, v: str, where: str, name: str) -> None:
    span = route.value_span(k)
    for scheme in ("https://", "http://"):
        pos = v.find(scheme)
        if pos != -1:
            ctx.report(
                "ocelot-invalid-path-template",
                ctx.sub_span(span, v, pos, pos + len(scheme)),
                f"{where} {v!r} contains a scheme: Ocelot's start-up validation rejects it "
                f"('contains scheme'); put only the path here and the scheme/host in "
                f"{'DownstreamScheme and DownstreamHostAndPorts' if name.startswith('Down') else 'UpstreamHost'}",
                context=f"path:{name}:scheme",
            )
            return
    if not v.startswith("/"):
        ctx.report(
            "ocelot-invalid-path-template",
            span,
            f"{where} {v!r} does not start with '/': Ocelot's start-up validation rejects the "
            f"configuration ('doesnt start with forward slash'); write '/{v}'",
            context=f"path:{name}:slash",
        )
    pos = v.find("//")
    if pos != -1:
        ctx.report(
            "ocelot-invalid-path-template",
            ctx.sub_span(span, v, pos, pos + 2),
            f"{where} {v!r} contains '//': Ocelot's start-up validation rejects the configuration "
            "('contains double forward slash'); remove the extra '/'",
            context=f"path:{name}:double",
        )


def _dup_placeholders(ctx, route: LMap, k: str, v: str, where: str) -> None:
    seen: set[str] = set()
    for m in S.DUP_PLACEHOLDER.finditer(v):
        if m.group(0) in seen:
            ctx.report(
                "ocelot-duplicate-placeholder",
                ctx.sub_span(route.value_span(k), v, m.start(), m.end()),
                f"{where} {v!r} uses the placeholder {m.group(0)} twice: Ocelot (23.x and later) "
                "rejects the configuration at start-up ('has duplicated placeholder'); give each "
                "placeholder its own name",
                context=f"dup-placeholder:{m.group(0)}",
            )
        seen.add(m.group(0))
