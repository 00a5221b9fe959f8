"""A family of rules decided by one check: `secrets-all-exposed` (`toJSON(secrets)` or
`secrets[<computed name>]`: every secret is made available where one or two are needed);
`secret-json-unredacted` (a field read from a JSON secret
(`fromJSON(secrets.CREDS).password`): GitHub does not mask the field's value in logs).

One walk over the expressions of a workflow that read `secrets`: all of them at once
(`toJSON(secrets)`, a computed name), or a secret parsed as JSON whose parts the log does
not mask.
"""
from __future__ import annotations

from typing import Any

from ...core.model import Workflow
from ...core.registry import check
from ...lib.gha import expression as X
from ...lib.gha.contexts import workflow_sites


def _is_secrets(node: Any) -> bool:
    return isinstance(node, X.Var) and node.name.lower() == "secrets"


def _under_secrets(node: Any) -> bool:
    while isinstance(node, (X.Prop, X.Index)):
        node = node.obj
    return _is_secrets(node)


@check("secrets-all-exposed", "secret-json-unredacted", on="workflow")
def secret_expressions(ctx: Any, wf: Workflow) -> None:
    for site in workflow_sites(wf):
        for parsed in X.expressions_in(site.value, implicit=site.implicit):
            if parsed.node is None:
                continue
            for n in X.walk(parsed.node):
                if isinstance(n, X.Call) and n.name.lower() == "tojson" and len(n.args) == 1 and _is_secrets(n.args[0]):
                    ctx.report("secrets-all-exposed",
                        ctx.sub_span(site.span, site.value, n.start, n.end),
                        "`toJSON(secrets)` hands every secret of the repository and organisation to this "
                        "place: whatever runs here (an action, a script, a log line) can read them all; "
                        "pass only the secrets it needs (`secrets.NPM_TOKEN`).",
                        context=f"tojson:{site.where}:{n.start}", once="",
                    )
                elif isinstance(n, X.Index) and _is_secrets(n.obj):
                    ctx.report("secrets-all-exposed",
                        ctx.sub_span(site.span, site.value, n.obj.start, n.end),
                        "`secrets[...]` with a computed name can reach any secret of the repository, so "
                        "GitHub makes them all available to the job; name the secret "
                        "(`secrets.DEPLOY_KEY`), choosing between fixed names if needed.",
                        context=f"index:{site.where}:{n.start}", once="",
                    )
                elif (isinstance(n, (X.Prop, X.Index)) and isinstance(n.obj, X.Call)
                      and n.obj.name.lower() == "fromjson" and len(n.obj.args) == 1
                      and _under_secrets(n.obj.args[0])):
                    call = n.obj
                    ctx.report("secret-json-unredacted",
                        ctx.sub_span(site.span, site.value, call.start, n.end),
                        "a field of a JSON secret is read with `fromJSON(secrets...)`: GitHub masks the "
                        "secret's whole text in logs, not the values inside it, so this one is printed in "
                        "clear wherever it appears; store each value as a secret of its own.",
                        context=f"fromjson:{site.where}:{call.start}", once="",
                    )
