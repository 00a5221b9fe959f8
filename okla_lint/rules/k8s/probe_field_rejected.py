"""`probe-field-rejected`: A probe field has a value the API server rejects (lower-case scheme,
negative timing, exec without command, ...).
"""
from __future__ import annotations

from ...core.located import LMap
from ...core.model import Container
from ...core.registry import check
from ...core.fix import SAFE, Fix, replace_scalar
from ...lib.k8s.podutil import is_int
from ...lib.k8s.probes import probes_of


_TIMING = ("initialDelaySeconds", "timeoutSeconds", "periodSeconds", "successThreshold", "failureThreshold")


@check("probe-field-rejected", on="container")
def probe_field_rejected(ctx, c: Container) -> None:
    for kind, probe in probes_of(c).items():
        def bad(span, what: str, fix: str, key: str, autofix: Fix | None = None) -> None:
            ctx.report(
                span,
                f"{kind} of {c.ident}: {what}; the API server rejects the object, so nothing is "
                f"deployed. {fix}",
                context=f"{c.ident}:{kind}:{key}",
                once=key,
                fix=autofix,
            )

        if c.list_name == "ephemeralContainers":
            bad(c.node.key_span(kind), "ephemeral containers cannot have probes", "Remove the probe", "ephemeral")
            continue
        for f in _TIMING:
            v = probe.get(f)
            if is_int(v) and v < 0:
                bad(probe.value_span(f), f"{f} is negative ({v})", "Use 0 or a positive number", f)
        if "terminationGracePeriodSeconds" in probe:
            v = probe.get("terminationGracePeriodSeconds")
            if kind == "readinessProbe":
                bad(
                    probe.key_span("terminationGracePeriodSeconds"),
                    "terminationGracePeriodSeconds must not be set on a readiness probe (it never kills)",
                    "Remove it",
                    "tgps",
                )
            elif is_int(v) and v <= 0:
                bad(probe.value_span("terminationGracePeriodSeconds"), f"terminationGracePeriodSeconds is {v}", "Use a positive number", "tgps")
        http = probe.get("httpGet")
        if isinstance(http, LMap) and "scheme" in http:
            s = http.get("scheme")
            if isinstance(s, str) and s not in ("HTTP", "HTTPS"):
                upper = s.upper() in ("HTTP", "HTTPS")
                edit = replace_scalar(ctx.file.src, http.value_span("scheme"), s, s.upper()) if upper and ctx.file and ctx.file.src else None
                bad(http.value_span("scheme"), f"httpGet.scheme is {s!r}, but only HTTP and HTTPS (upper case) are accepted",
                    f"Write {s.upper()!r}" if upper else "Use HTTP or HTTPS", "scheme",
                    Fix(SAFE, (edit,), f"Write {s.upper()!r}") if edit else None)
        ex = probe.get("exec")
        if isinstance(ex, LMap):
            cmd = ex.get("command")
            if cmd is not None and not isinstance(cmd, list):
                # a command of the wrong type (a string): a type error, which k8s-schema owns
                if not ctx.enabled("k8s-schema"):
                    bad(
                        ex.value_span("command"),
                        "exec.command is not a list",
                        "Write it as a list (command: [sh, -c, \"...\"])",
                        "exec",
                    )
            elif not cmd:
                bad(probe.key_span("exec"), "exec has no command", "Give the command to run", "exec")
