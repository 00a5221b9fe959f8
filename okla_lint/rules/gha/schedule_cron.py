"""A family of rules decided by one check: `schedule-cron-invalid` (an `on.schedule` cron
expression GitHub cannot use (wrong field count, values out of range) or a `timezone` that
is no IANA time zone name); `schedule-too-frequent` (an `on.schedule` cron that fires less
than 5 minutes apart: GitHub skips the extra runs).

One parse of each `on.schedule` cron expression: one GitHub cannot use, or one that asks for
runs more often than GitHub runs them.
"""
from __future__ import annotations

import re
import zoneinfo
from typing import Any

from ...core.located import LMap, LSeq
from ...core.suggest import closest
from ...core.model import Workflow
from ...core.registry import check


_MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]


_DAYS = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"]


# (name, lowest, highest, names); 7 is accepted for Sunday as most cron parsers do
CRON_FIELDS = (
    ("minute", 0, 59, None),
    ("hour", 0, 23, None),
    ("day of the month", 1, 31, None),
    ("month", 1, 12, _MONTHS),
    ("day of the week", 0, 7, _DAYS),
)


def _cron_value(text: str, lo: int, hi: int, names: list[str] | None) -> str | None:
    if names and text.lower() in names:
        return None
    if not (text.isascii() and text.isdigit()):
        extra = f" or {names[0].upper()}-{names[-1].upper()}" if names else ""
        return f"`{text}` is not a number{extra}"
    if not lo <= int(text) <= hi:
        return f"`{text}` is out of range ({lo}-{hi})"
    return None


def cron_problems(expr: str) -> list[tuple[int, int, str]]:
    """(start, end, problem) for each part of a 5-field cron expression GitHub cannot use."""
    fields = [(m.start(), m.group()) for m in re.finditer(r"\S+", expr)]
    if len(fields) != 5:
        return [(0, len(expr), f"a cron expression has 5 fields (minute hour day-of-month month day-of-week), this one has {len(fields)}")]
    out = []
    for (start, text), (fname, lo, hi, names) in zip(fields, CRON_FIELDS):
        pos = start
        for item in text.split(","):
            problem = None
            base, slash, step = item.partition("/")
            if slash and (not (step.isascii() and step.isdigit()) or int(step) == 0):
                problem = f"the step `/{step}` must be a positive number"
            elif base == "":
                problem = "an empty value"
            elif base != "*":
                a, dash, b = base.partition("-")
                problem = _cron_value(a, lo, hi, names) or (_cron_value(b, lo, hi, names) if dash else None)
            if problem:
                out.append((pos, pos + len(item), f"{fname}: {problem}"))
            pos += len(item) + 1
    return out


@check("schedule-cron-invalid", "schedule-too-frequent", on="workflow")
def schedule_cron(ctx: Any, wf: Workflow) -> None:
    on = wf.root.get("on")
    sched = on.get("schedule") if isinstance(on, LMap) else None
    if not isinstance(sched, LSeq):
        return
    for item in sched:
        if isinstance(item, LMap):
            _schedule_timezone(ctx, item)
        if not isinstance(item, LMap) or not isinstance(item.get("cron"), str):
            continue
        expr = item["cron"]
        if expr.strip().startswith("@"):
            continue  # macros such as @daily: support is not documented either way
        span = item.value_span("cron")
        problems = cron_problems(expr)
        if not problems:
            _schedule_frequency(ctx, expr, span)
        for start, end, problem in problems:
            ctx.report(
                "schedule-cron-invalid",
                ctx.sub_span(span, expr, start, end),
                f"invalid cron `{expr}`: {problem}. GitHub cannot schedule it, so this workflow never runs on "
                "schedule; fields are minute (0-59), hour (0-23), day of the month (1-31), month (1-12 or "
                "JAN-DEC) and day of the week (0-6 or SUN-SAT), with `*`, `,`, `-` and `/`.",
                context=f"cron:{expr}:{start}",
                once="",
            )


def _timezones() -> set[str]:
    """The IANA time zone names this machine knows (empty when it has no database: then
    no name is judged)."""
    try:
        return set(zoneinfo.available_timezones())
    except Exception:  # no time zone database
        return set()


def _schedule_timezone(ctx: Any, item: LMap) -> None:
    tz = item.get("timezone")
    if not isinstance(tz, str) or "${{" in tz:
        return
    known = ctx.model.extra.get("gha.timezones")
    if known is None:
        known = ctx.model.extra["gha.timezones"] = _timezones()
    if not known or tz in known:
        return
    near = closest(tz, sorted(known))
    hint = f" (did you mean `{near}`?)" if near else ""
    ctx.report(
        "schedule-cron-invalid",
        item.value_span("timezone"),
        f"`{tz}` is not an IANA time zone name{hint}: GitHub cannot schedule the workflow; write a name "
        "from the tz database such as `Europe/Berlin` or `America/New_York`, or leave `timezone` out "
        "for UTC.",
        context=f"timezone:{tz}",
        once="",
    )


def _minutes(field: str) -> set[int] | None:
    """The minutes a valid cron minute field fires at."""
    out: set[int] = set()
    for item in field.split(","):
        base, slash, step = item.partition("/")
        n = int(step) if slash else 1
        if base == "*":
            lo, hi = 0, 59
        else:
            a, dash, b = base.partition("-")
            if not a.isdigit() or (dash and not b.isdigit()):
                return None
            lo, hi = int(a), (int(b) if dash else (59 if slash else int(a)))
        out.update(range(lo, hi + 1, n))
    return out


def _schedule_frequency(ctx: Any, expr: str, span: Any) -> None:
    fields = [(m.start(), m.group()) for m in re.finditer(r"\S+", expr)]
    if len(fields) != 5:
        return
    (start, minute), (_, hour) = fields[0], fields[1]
    mins = _minutes(minute)
    if not mins or len(mins) < 2:
        return
    order = sorted(mins)
    gaps = [b - a for a, b in zip(order, order[1:])]
    if hour == "*":
        gaps.append(60 - order[-1] + order[0])
    gap = min(gaps)
    if gap >= 5:
        return
    ctx.report(
        "schedule-too-frequent",
        ctx.sub_span(span, expr, start, start + len(minute)),
        f"`{expr}` fires {gap} minute{'s' if gap > 1 else ''} apart, but GitHub runs a scheduled workflow at "
        "most once every 5 minutes: runs are skipped, so it runs less often than written; use an "
        "interval of at least 5 minutes (`*/5`).",
        context=f"frequency:{expr}",
        once="",
    )
