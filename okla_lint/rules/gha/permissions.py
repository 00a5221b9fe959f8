"""The GITHUB_TOKEN's permissions: workflows that leave them at the repository default,
and ``write-all``.

A family: one reading of the workflow's and its jobs' ``permissions:`` decides between
the two (no block anywhere, or ``write-all``).
"""
from __future__ import annotations

from ...core.located import LMap
from ...core.model import Workflow
from ...core.registry import check
from ...lib.gha.webhooks import triggers
from ...core.fix import UNSAFE, Edit, Fix, line_bounds, line_ending


@check("missing-permissions", "permissions-write-all", on="workflow")
def workflow_permissions(ctx, wf: Workflow) -> None:
    root = wf.root
    holders = [(root, "the workflow")] + [(job.node, f"job {job.id!r}") for job in wf.jobs()]
    for node, where in holders:
        if "permissions" in node and isinstance(node.get("permissions"), str):
            v = node["permissions"].strip().lower()
            if v == "write-all":
                ctx.report(
                    "permissions-write-all",
                    node.value_span("permissions"),
                    f"`permissions: write-all` gives {where}'s GITHUB_TOKEN write access to "
                    "every scope (contents, packages, actions, pull requests, deployments...), so "
                    "any compromised step or action can push code, publish packages or rewrite "
                    "releases. List only the scopes the jobs use, e.g. "
                    "`permissions: {contents: read, packages: write}`",
                    context=f"{where}:write-all",
                )
    if "permissions" in root:
        return
    trig = triggers(root)
    if trig and all(t == "workflow_call" for t in trig):
        return  # a called workflow gets (at most) the caller's permissions
    jobs = list(wf.jobs())
    bare = [j for j in jobs if "permissions" not in j.node]
    if not bare or not isinstance(root.get("jobs"), LMap):
        return
    names = ", ".join(repr(j.id) for j in bare[:5]) + (" ..." if len(bare) > 5 else "")
    ctx.report(
        "missing-permissions",
        root.key_span("jobs"),
        f"no top-level `permissions:` block, so job{'s' if len(bare) > 1 else ''} {names} "
        f"run{'' if len(bare) > 1 else 's'} with the default GITHUB_TOKEN permissions set outside the repository, which "
        "are read-write on every scope for repositories, organisations and enterprises "
        "created before 2 February 2023 unless an admin changed them; a compromised step "
        "can then push code or publish packages. Add "
        "`permissions: {contents: read}` at the top of the workflow and grant more per job "
        "where needed",
        context="missing-permissions",
        fix=_add_permissions(ctx, root),
    )


def _add_permissions(ctx, root: LMap):
    """Unsafe (a job that writes with the token then fails): a top-level
    `permissions: {contents: read}` line just above `jobs:` (and the comments above it)."""
    src = ctx.file.src if ctx.file is not None else None
    if src is None or src.text[root.span.start : root.span.start + 1] == "{":
        return None
    text = src.text
    ks = root.key_span("jobs")
    ls, _, _ = line_bounds(text, ks.start)
    if text[ls : ks.start].strip() or ks.col != root.span.col:
        return None
    indent = text[ls : ks.start]
    while ls > 0:
        pls, ple, _ = line_bounds(text, ls - 1)
        if not text[pls:ple].lstrip().startswith("#") or pls == ls:
            break
        ls = pls
    return Fix(UNSAFE, (Edit(ls, ls, f"{indent}permissions: {{contents: read}}{line_ending(text)}"),),
               "Add `permissions: {contents: read}` at the top of the workflow")
