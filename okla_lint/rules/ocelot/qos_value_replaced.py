"""ocelot-qos-value-replaced: A QoS value outside Polly's range, which the gateway's Ocelot
version replaces with a default, ignores or fails on."""
from __future__ import annotations

from typing import Any

from ...core.files import FileUnit
from ...core.located import LMap
from ...core.registry import check
from ...lib.ocelot import schema as S
from ...lib.ocelot import versions as VV
from ...lib.ocelot.config import config_root


_DAY_MS = 86_400_000


def _qos_issues(q: LMap, version: VV.OcelotVersion) -> list[tuple[Any, str]]:
    """What the gateway's Ocelot version does with out-of-range QoS values (Ocelot.Provider.
    Polly at each release): 24.1 and later substitute a default and log a warning; 23.3 to
    24.0 substitute a short break silently, add the breaker only from 2 failures on, and let
    Polly v8 reject a timeout outside 10 ms..1 day; 23.2 hands every value to Polly v8, which
    rejects what is out of range; 23.1 and older (Polly v7) use the values as written."""
    out: list[tuple[Any, str]] = []

    def num(*names: str):
        for name in names:
            k = q.ikey(name)
            if k is None:
                continue
            v = q[k]
            if isinstance(v, bool):
                return k, None
            try:
                return k, float(v)
            except (TypeError, ValueError):
                return k, None
        return None, None

    fails = "Polly v8 rejects the options when the route's resilience pipeline is built, so every request on this route fails with an error"
    if version.at_least(VV.POLLY_SUBSTITUTES):
        ek, eab = num("MinimumThroughput", "ExceptionsAllowedBeforeBreaking")
        bk, brk = num("BreakDuration", "DurationOfBreak")
        tk, tmo = num("Timeout", "TimeoutValue")
        sk, smp = num("SamplingDuration")
        fk, frt = num("FailureRatio")
        then = "instead and only logs a warning"
        cb_on = eab is not None and eab > 0
        if cb_on and eab < 2:
            out.append((ek, f"{ek} = {eab:g} is below Polly's minimum of 2, so Ocelot uses 100 failures {then}"))
        if cb_on and brk is not None and brk != 0 and not (500 < brk < _DAY_MS):
            out.append((bk, f"{bk} = {brk:g} ms is outside the range Ocelot accepts (more than 500 ms and less than a day), so Ocelot breaks for 5000 ms {then}"))
        if cb_on and smp is not None and smp != 0 and not (500 < smp < _DAY_MS):
            out.append((sk, f"{sk} = {smp:g} ms is outside the range Ocelot accepts (more than 500 ms and less than a day), so Ocelot samples 30000 ms {then}"))
        if cb_on and frt is not None and frt != 0 and not (0 < frt < 1):
            out.append((fk, f"{fk} = {frt:g} is outside the range Ocelot accepts (more than 0 and less than 1), so Ocelot uses 0.1 {then}"))
        if tmo is not None and tmo > 0 and not (10 < tmo < _DAY_MS):
            out.append((tk, f"{tk} = {tmo:g} ms is outside the range Ocelot accepts (more than 10 ms and less than a day), so Ocelot times out after 30000 ms {then}"))
        return out
    guards = version.at_least(VV.POLLY_GUARDS)
    v8 = version.at_least(VV.POLLY_V8)
    if v8 is not True or guards is None:
        return out  # Polly v7 uses the values as written; or the range straddles 23.2/23.3
    ek, eab = num("ExceptionsAllowedBeforeBreaking")
    bk, brk = num("DurationOfBreak")
    tk, tmo = num("TimeoutValue")
    if tmo is not None and tmo > 0 and (tmo < 10 or tmo > _DAY_MS):
        out.append((tk, f"{tk} = {tmo:g} ms is outside Polly's range (10 ms to a day): {fails}"))
    if eab is None or eab <= 0:
        return out
    if guards:
        if eab < 2:
            out.append((ek, f"{ek} = {eab:g}: this version adds the circuit breaker only from 2 failures on, so the route has no circuit breaker at all"))
        elif brk is not None and brk != 0 and brk <= 500:
            out.append((bk, f"{bk} = {brk:g} ms is not more than 500 ms, so this version breaks for 5000 ms instead, without any log"))
        elif brk is not None and brk > _DAY_MS:
            out.append((bk, f"{bk} = {brk:g} ms is more than a day: {fails}"))
        return out
    if eab < 2:
        out.append((ek, f"{ek} = {eab:g} is below Polly's minimum of 2: {fails}"))
    if brk is not None and brk != 0 and (brk < 500 or brk > _DAY_MS):
        out.append((bk, f"{bk} = {brk:g} ms is outside Polly's range (500 ms to a day): {fails}"))
    return out


@check("ocelot-qos-value-replaced", on="ocelot")
def qos_values(ctx, unit: FileUnit) -> None:
    root = config_root(unit)
    if not isinstance(root, LMap):
        return
    version = VV.gateway_version(ctx, unit)
    if version is None:
        return  # Polly v7 (Ocelot 23.1 and older) uses any value as written: nothing holds for every version
    for node in S.iter_objects(root):
        if node.kind != "QoSOptions":
            continue
        for k, why in _qos_issues(node.node, version):
            ctx.report(
                node.node.value_span(k),
                f"{node.path}.{why} (the gateway runs {version.label}); set a value inside the range",
                context=f"qos:{k}",
            )
