"""``strategy.matrix`` mistakes: an ``exclude`` entry that names a key the matrix does not
have or a value none of its combinations has (so it excludes nothing), and a value listed
twice in one matrix row."""
from __future__ import annotations

from typing import Any

from ...core.located import LMap, LSeq
from ...core.model import Job
from ...core.registry import check
from ...core.suggest import closest

RULE = "matrix-exclude-no-match"


def _scalar(v: Any) -> Any:
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, (int, float)) and not isinstance(v, bool):
        return str(v)
    return v


def _has_expr(v: Any) -> bool:
    if isinstance(v, str):
        return "${{" in v
    if isinstance(v, dict):
        return any(_has_expr(x) for x in v.values())
    if isinstance(v, list):
        return any(_has_expr(x) for x in v)
    return False


def matches(value: Any, sub: Any) -> bool:
    """Does the matrix value ``value`` match the exclude filter ``sub`` (maps match as subsets)?"""
    if _has_expr(sub) or _has_expr(value):
        return True
    if isinstance(value, dict):
        return isinstance(sub, dict) and all(k in value and matches(value[k], s) for k, s in sub.items())
    if isinstance(value, list):
        return isinstance(sub, list) and len(sub) == len(value) and all(matches(a, b) for a, b in zip(value, sub))
    if isinstance(sub, (dict, list)):
        return False
    return _scalar(value) == _scalar(sub)


def _show(v: Any) -> str:
    return str(_scalar(v)) if not isinstance(v, (dict, list)) else repr(v)


@check(RULE, on="job")
def matrix_values(ctx: Any, job: Job) -> None:
    strategy = job.node.get("strategy")
    matrix = strategy.get("matrix") if isinstance(strategy, LMap) else None
    if not isinstance(matrix, LMap):
        return
    rows: dict[str, list] = {}
    ignored: set[str] = set()
    for key, row in matrix.items():
        name = str(key)
        if name in ("include", "exclude"):
            continue
        if not isinstance(row, LSeq):
            ignored.add(name)  # an expression builds it
            continue
        rows[name] = list(row)
        seen: list = []
        for i, v in enumerate(row):
            if _has_expr(v):
                continue
            if any(matches(p, v) and matches(v, p) for p in seen):
                ctx.report(row.item_span(i),
                    f"`{_show(v)}` is listed twice in matrix `{name}`: the same combinations are defined "
                    "twice; remove one.",
                    context=f"job {job.id}:dup:{name}:{i}", once="",
                )
                continue
            seen.append(v)
    include = matrix.get("include")
    exclude = matrix.get("exclude")
    if not isinstance(exclude, LSeq) or (include is not None and not isinstance(include, LSeq)):
        return
    if isinstance(include, LSeq):
        for combo in include:
            if not isinstance(combo, LMap):
                return
            for k, v in combo.items():
                if str(k) not in ignored:
                    rows.setdefault(str(k), []).append(v)
    for combo in exclude:
        if not isinstance(combo, LMap):
            continue
        for k, v in combo.items():
            name = str(k)
            if name in ignored:
                continue
            if name not in rows:
                near = closest(name, list(rows))
                hint = f" (did you mean `{near}`?)" if near else ""
                ctx.report(combo.key_span(k),
                    f"`exclude` names `{name}`, which is not a key of the matrix{hint}: the entry "
                    f"excludes nothing, so the combination still runs; the keys are {', '.join(rows) or 'none'}.",
                    context=f"job {job.id}:exclude-key:{name}", once="",
                )
                continue
            if not any(matches(r, v) for r in rows[name]):
                near = closest(_show(v), [_show(r) for r in rows[name]], cutoff=0.85) if not isinstance(v, (dict, list)) else None
                hint = f" (did you mean `{near}`?)" if near else ""
                ctx.report(combo.value_span(k),
                    f"`exclude` matches `{name}: {_show(v)}`, but the matrix has no such value{hint}: this "
                    "entry excludes nothing, so the combination still runs; use one of "
                    f"{', '.join(_show(r) for r in rows[name])}.",
                    context=f"job {job.id}:exclude-value:{name}:{_show(v)}", once="",
                )
