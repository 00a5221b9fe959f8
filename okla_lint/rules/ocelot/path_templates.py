r"""ocelot-invalid-path-template: An Upstream/DownstreamPathTemplate is empty, does not start
with '/', contains '//' or contains a scheme; Ocelot refuses to start.
ocelot-duplicate-placeholder: A route's UpstreamPathTemplate (every version) or, from Ocelot 23.2,
its DownstreamPathTemplate uses the same placeholder twice; Ocelot refuses to start.

FileConfigurationFluentValidator (ThreeMammals/Ocelot at each release tag) checks the upstream
template of every route since before 16.0, with placeholders matched as `{[^}]+}` before 23.2
and `\{\w+\}` from 23.2 on; 23.2 added the same check on the downstream template. With no
version known only what every version rejects is reported: a placeholder both patterns find
twice in an upstream template."""
from __future__ import annotations

import re

from ...core.files import FileUnit
from ...core.located import LMap
from ...core.registry import check
from ...lib.ocelot import schema as S
from ...lib.ocelot import versions as VV
from ...lib.ocelot.config import config_root


@check("ocelot-invalid-path-template", "ocelot-duplicate-placeholder", on="ocelot")
def path_templates(ctx, unit: FileUnit) -> None:
    root = config_root(unit)
    version: VV.OcelotVersion | None | bool = None
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
            if version is None:
                version = VV.gateway_version(ctx, unit) or False
            _dup_placeholders(ctx, route, k, v, where, name, version or None)


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


_OLD_PLACEHOLDER = re.compile(r"\{[^}]+\}")  # FileConfigurationFluentValidator before 23.2


def _dups(pattern: re.Pattern, template: str) -> set[str]:
    seen: set[str] = set()
    out: set[str] = set()
    for m in pattern.finditer(template):
        (out if m.group(0) in seen else seen).add(m.group(0))
    return out


def _dup_placeholders(ctx, route: LMap, k: str, v: str, where: str, name: str, version: VV.OcelotVersion | None) -> None:
    """Report each duplicated placeholder (at its second use) that the gateway's version rejects."""
    new = version.at_least(VV.UPSTREAM_PLACEHOLDER_WORDS) if version is not None else None
    upstream = name.startswith("Up")
    if upstream:
        words, old = _dups(S.DUP_PLACEHOLDER, v), _dups(_OLD_PLACEHOLDER, v)
        rejected = words if new is True else old if new is False else words & old
        who = f"the gateway's {version.label}" if version is not None and new is not None else "every Ocelot version"
    else:
        if new is not True:
            return  # before 23.2 a downstream placeholder may repeat (each gets the same value)
        rejected = _dups(S.DUP_PLACEHOLDER, v)
        who = f"the gateway's {version.label}"
    if not rejected:
        return
    pattern = _OLD_PLACEHOLDER if upstream and new is False else S.DUP_PLACEHOLDER
    seen: set[str] = set()
    for m in pattern.finditer(v):
        p = m.group(0)
        if p in seen and p in rejected:
            ctx.report(
                "ocelot-duplicate-placeholder",
                ctx.sub_span(route.value_span(k), v, m.start(), m.end()),
                f"{where} {v!r} uses the placeholder {p} twice: {who} rejects the configuration "
                "at start-up ('has duplicated placeholder'); give each placeholder "
                "its own name",
                context=f"dup-placeholder:{p}",
            )
            rejected.discard(p)
        seen.add(p)
