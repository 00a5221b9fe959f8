"""`dispatch-input-invalid`: A `workflow_dispatch` input GitHub cannot offer: an unknown type,
a choice without options, a default that is not one of its options or not of its type.
"""
from __future__ import annotations

import re
from typing import Any

from ...core.located import LMap, LSeq
from ...core.model import Workflow
from ...core.registry import check
from ...core.suggest import closest
from ...lib.gha.webhooks import DISPATCH_INPUT_TYPES


_NUMBER = re.compile(r"^\s*[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?\s*$")


def _text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


@check("dispatch-input-invalid", on="workflow")
def dispatch_inputs(ctx: Any, wf: Workflow) -> None:
    on = wf.root.get("on")
    cfg = on.get("workflow_dispatch") if isinstance(on, LMap) else None
    inputs = cfg.get("inputs") if isinstance(cfg, LMap) else None
    if not isinstance(inputs, LMap):
        return
    for key, spec in inputs.items():
        if not isinstance(spec, LMap):
            continue
        name = str(key)
        ty = spec.get("type", "string")
        options = spec.get("options")
        default = spec.get("default")
        rule = "dispatch-input-invalid"
        if not isinstance(ty, str):
            continue
        if ty not in DISPATCH_INPUT_TYPES:
            near = closest(ty, list(DISPATCH_INPUT_TYPES))
            hint = f" (did you mean `{near}`?)" if near else ""
            ctx.report( rule, spec.value_span("type"),
                f"input `{name}` has the type `{ty}`, which workflow_dispatch does not know{hint}: GitHub "
                f"rejects the workflow; use one of {', '.join(DISPATCH_INPUT_TYPES)}.",
                context=f"type:{name}",
                once="",
            )
            continue
        if ty == "choice":
            if not isinstance(options, LSeq) or not options:
                span = spec.value_span("options") if "options" in spec else spec.value_span("type")
                ctx.report( rule, span,
                    f"input `{name}` is a `choice` without options: GitHub rejects the workflow; list "
                    "the values under `options:`.",
                    context=f"options:{name}",
                    once="",
                )
                continue
            seen: set[str] = set()
            texts = []
            for i, opt in enumerate(options):
                text = _text(opt)
                texts.append(text)
                if text in seen:
                    ctx.report( rule, options.item_span(i),
                        f"option `{text}` of input `{name}` is listed twice; remove one.",
                        context=f"dup:{name}:{text}",
                        once="",
                    )
                seen.add(text)
            if default is not None and not (isinstance(default, str) and "${{" in default):
                if _text(default) not in seen:
                    ctx.report( rule, spec.value_span("default"),
                        f"the default `{_text(default)}` of input `{name}` is not one of its options "
                        f"({', '.join(texts)}): GitHub rejects the workflow; make it one of them.",
                        context=f"default:{name}",
                        once="",
                    )
            continue
        if options is not None:
            ctx.report( rule, spec.key_span("options"),
                f"input `{name}` has `options` but its type is `{ty}`: options belong to `type: choice`; "
                "set the type to `choice` or remove them.",
                context=f"options-type:{name}",
                once="",
            )
        if default is None or (isinstance(default, str) and "${{" in default):
            continue
        text = _text(default)
        if ty == "boolean" and text.lower() not in ("true", "false"):
            ctx.report( rule, spec.value_span("default"),
                f"input `{name}` is a boolean, but its default is `{text}`: use `true` or `false`.",
                context=f"default:{name}",
                once="",
            )
        elif ty == "number" and not isinstance(default, (int, float)) and not _NUMBER.match(text):
            ctx.report( rule, spec.value_span("default"),
                f"input `{name}` is a number, but its default `{text}` is not one: use a number.",
                context=f"default:{name}",
                once="",
            )
