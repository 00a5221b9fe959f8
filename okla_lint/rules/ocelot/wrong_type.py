"""ocelot-wrong-type: An Ocelot key holds a value of the wrong type (a string for a list, text
for a number...)."""
from __future__ import annotations

from typing import Any

from ...core.files import FileUnit
from ...core.located import LMap, LSeq
from ...core.registry import check
from ...lib.ocelot import schema as S
from ...lib.ocelot.config import config_root


_SCALARS = (str, int, float, bool)


def _type_problem(typ: str, v: Any) -> str | None:
    if v is None or typ == S.ANY:
        return None
    if v == "" and typ in (S.INT, S.NUM, S.BOOL):
        return None  # the binder treats an empty string as "not set"
    if typ == S.STR:
        return None if isinstance(v, _SCALARS) else "a string"
    if typ == S.INT:
        if isinstance(v, bool) or isinstance(v, (LMap, LSeq)):
            return "an integer"
        if S.as_int(v) is None:
            return "an integer"
        return None
    if typ == S.NUM:
        if isinstance(v, bool) or isinstance(v, (LMap, LSeq)):
            return "a number"
        if isinstance(v, str):
            try:
                float(v)
            except ValueError:
                return "a number"
        return None
    if typ == S.BOOL:
        return None if S.as_bool(v) is not None else "true or false"
    if typ == S.STRLIST:
        if not isinstance(v, LSeq):
            return "an array of strings"
        return None
    if typ == S.DICT:
        return None if isinstance(v, LMap) else "an object of name/value pairs"
    if typ.startswith("obj:"):
        return None if isinstance(v, LMap) else "an object"
    if typ.startswith("list:"):
        return None if isinstance(v, LSeq) else "an array of objects"
    return None


def _shown(v: Any) -> str:
    if isinstance(v, LMap):
        return "an object"
    if isinstance(v, LSeq):
        return "an array"
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, str):
        return repr(v)
    return str(v)


@check("ocelot-wrong-type", on="ocelot")
def wrong_types(ctx, unit: FileUnit) -> None:
    root = config_root(unit)
    if not isinstance(root, LMap):
        return
    for k in root:
        canon, typ = S.lookup(S.TOP, k)
        if canon is None:
            canon, typ = S.lookup({"ReRoutes": "list:Route", "DynamicReRoutes": "list:DynamicRoute"}, k)
        if canon is not None:
            _report_type(ctx, root, k, canon, typ, "")
    for node in S.iter_objects(root):
        table = S.OBJECTS[node.kind]
        for k in node.node:
            canon, typ = S.lookup(table, k)
            if canon is not None:
                _report_type(ctx, node.node, k, canon, typ, node.path + ".")
                v = node.node[k]
                if typ == S.STRLIST and isinstance(v, LSeq):
                    for i, item in enumerate(v):
                        if isinstance(item, (LMap, LSeq)):
                            ctx.report(
                                v.item_span(i),
                                f"{node.path}.{canon}[{i}] is {_shown(item)} but Ocelot expects a "
                                "string here; the item is dropped or the configuration fails to load; "
                                "write each item as a string",
                                context=f"type:{node.kind}:{canon}:item",
                            )


def _report_type(ctx, holder: LMap, key: Any, canon: str, typ: str, prefix: str) -> None:
    v = holder[key]
    want = _type_problem(typ, v)
    if want is None:
        return
    if isinstance(v, (LMap, LSeq)) or typ.startswith(("obj:", "list:")) or typ in (S.STRLIST, S.DICT):
        effect = (
            "the configuration binder cannot bind a value of this shape, so the setting is "
            "dropped without an error"
            + (" (an UpstreamHttpMethod that is not an array leaves the route open to every verb)" if canon == "UpstreamHttpMethod" else "")
            + ", and Newtonsoft (used when AddOcelot merges ocelot.*.json files) fails on it"
        )
    else:
        effect = "Ocelot cannot convert it and the gateway fails at start-up"
    ctx.report(
        holder.value_span(key),
        f"{prefix}{canon} is {_shown(v)} but Ocelot expects {want}; {effect}; write it as {want}",
        context=f"type:{prefix}{canon}",
    )
