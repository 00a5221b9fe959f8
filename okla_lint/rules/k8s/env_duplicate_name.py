"""`env-duplicate-name`: The same environment variable name is defined twice in one container."""
from __future__ import annotations

from ...core.located import LMap, LSeq
from ...core.model import Container
from ...core.registry import check


@check("env-duplicate-name", on="container")
def env_duplicate_name(ctx, c: Container) -> None:
    env = c.node.get("env")
    if not isinstance(env, LSeq):
        return
    first: dict[str, LMap] = {}
    for item in env:
        if not isinstance(item, LMap) or not isinstance(item.get("name"), str):
            continue
        name = item["name"]
        prev = first.get(name)
        if prev is None:
            first[name] = item
            continue
        ref = f"$({name})"
        value = item.get("value")
        if "valueFrom" not in item and isinstance(value, str) and value != ref and ref in value:
            continue  # PATH=$(PATH):/x extends the earlier value on purpose (no API warning either)
        same = _env_source(prev) == _env_source(item)
        tail = (
            "both entries set the same value, so one is simply redundant"
            if same
            else "the later entry silently replaces the earlier one, so the value the "
            "earlier entry sets (and anything reading the manifest top-down) is wrong"
        )
        ctx.report(
            item.value_span("name"),
            f"env {name!r} is defined twice in {c.ident} (first at line "
            f"{prev.key_span('name').line}); {tail}. The API server warns that it 'hides previous "
            "definition ... which may be dropped when using apply': `kubectl apply` merges env "
            "entries by name, so edits of either entry behave unpredictably. Keep one entry",
            related=[(c.obj.file, prev.value_span("name"), "first definition")],
            context=f"{c.ident}:env:{name}",
            once=f"env:{name}",
        )


def _env_source(item: LMap) -> str:
    if "valueFrom" in item:
        return "valueFrom:" + repr(item.get("valueFrom"))
    return "value:" + repr(item.get("value"))
