"""A family of rules decided by one check: `probe-handler-count` (a probe has no handler, or
more than one of exec, httpGet, tcpSocket and grpc); `probe-success-threshold` (a liveness
or startup probe sets successThreshold to a value other than 1); `probe-timeout-exceeds-
period` (a probe's timeoutSeconds is not shorter than its periodSeconds).

One pass over each probe of a container checks the invariants the API server enforces on a
Probe.
"""
from __future__ import annotations

from ...core.located import LMap
from ...core.model import Container
from ...core.registry import check
from ...core.fix import UNSAFE, Fix, replace_scalar, shared_anchor, written_in
from ...lib.k8s.podutil import is_int, is_patch_obj, probe_handlers
from ...lib.k8s.probes import probe_field, probes_of


def _set_int(ctx, holder: LMap, key: str, old: int, new: int, role: str) -> Fix | None:
    """Unsafe (the object is then applied and the probe runs): write ``new`` for ``key``;
    not in a probe an alias also uses in another role (``role``: the probe's key), nor in
    a value merged in from an anchor."""
    src = ctx.file.src if ctx.file is not None else None
    if src is None or shared_anchor(src, holder.span, role) or not written_in(holder, key):
        return None
    edit = replace_scalar(src, holder.value_span(key), str(old), str(new))
    return Fix(UNSAFE, (edit,), f"Set {key} to {new}") if edit else None


@check("probe-handler-count", "probe-success-threshold", "probe-timeout-exceeds-period", on="container")
def probe_invariants(ctx, c: Container) -> None:
    known: list[bool] = []

    def patch() -> bool:
        """A kustomize patch (partial: the base may hold the handler or timing); asked only
        when the answer matters, so the file cache can keep the rest (core/local.py)."""
        if not known:
            known.append(is_patch_obj(ctx.model, c.obj))
        return known[0]

    for kind, probe in probes_of(c).items():
        handlers = probe_handlers(probe)
        if len(handlers) == 0 and not patch():
            ctx.report(
                "probe-handler-count",
                c.node.key_span(kind),
                f"{kind} of {c.ident} has no handler; the API server rejects a probe without "
                "exactly one of exec, httpGet, tcpSocket or grpc ('must specify a handler "
                "type'). Add the check it should run",
                context=f"{c.ident}:{kind}:none",
                once="none",
            )
        elif len(handlers) > 1:
            handlers.sort(key=lambda h: (probe.key_span(h).line, probe.key_span(h).col))
            for extra in handlers[1:]:
                ctx.report(
                    "probe-handler-count",
                    probe.key_span(extra),
                    f"{kind} of {c.ident} has more than one handler ({', '.join(handlers)}); "
                    "the API server rejects the object ('may not specify more than 1 handler "
                    f"type'), so nothing is deployed. Keep one handler and remove {extra!r}",
                    context=f"{c.ident}:{kind}:{extra}",
                    once=extra,
                )
        if kind != "readinessProbe" and "successThreshold" in probe:
            st = probe.get("successThreshold")
            if is_int(st) and st != 1:
                ctx.report(
                    "probe-success-threshold",
                    probe.value_span("successThreshold"),
                    f"{kind} of {c.ident} sets successThreshold: {st}; the API server rejects "
                    "any value other than 1 for liveness and startup probes, so the object is "
                    "not applied. Remove successThreshold (or set it to 1); only a "
                    "readinessProbe may require several successes",
                    context=f"{c.ident}:{kind}:successThreshold",
                    once="successThreshold",
                    fix=_set_int(ctx, probe, "successThreshold", st, 1, kind),
                )
        t = probe_field(probe, "timeoutSeconds")
        p = probe_field(probe, "periodSeconds")
        if not ("timeoutSeconds" in probe and "periodSeconds" in probe) and patch():
            continue
        if t is not None and p is not None and t >= p:
            at = "timeoutSeconds" if "timeoutSeconds" in probe else "periodSeconds"
            effect = (
                f"failures are detected after failureThreshold x {t} s, not x {p} s as "
                "configured (budgets computed from periodSeconds are wrong)"
                if t > p
                else "a probe that hangs until its timeout is followed at once by the next one, "
                "with no pause between attempts, and a slow answer is never given the full "
                "period"
            )
            ctx.report(
                "probe-timeout-exceeds-period",
                probe.value_span(at),
                f"{kind} of {c.ident} has timeoutSeconds {t} {'>' if t > p else '='} "
                f"periodSeconds {p}: the kubelet runs one probe at a time, so {effect}. Make "
                "timeoutSeconds shorter than periodSeconds (for example period 10, timeout 3)",
                context=f"{c.ident}:{kind}:timeout",
                once="timeout",
            )
