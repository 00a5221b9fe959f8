"""GitHub App installation tokens minted by ``actions/create-github-app-token`` with more
reach or a longer life than the job needs.

- ``skip-token-revoke: true``: the action's post step no longer revokes the token, so it
  stays valid until it expires, one hour after it was minted, after the job is over.
- ``owner:`` without ``repositories:``: the token reaches every repository of the owner's
  installation (with neither, only the current repository).
- no ``permission-<name>`` input: the token carries every permission of the installation.
"""
from __future__ import annotations

from typing import Any

from ...core.located import LMap
from ...core.model import Step
from ...core.registry import check
from ...lib.gha.taint import uses_of

ACTION = "actions/create-github-app-token"
REVOKE = "app-token-revoke-skipped"
SCOPE = "app-token-unscoped"

# permissions that only reach organisation resources, never a repository's: a token with
# only these does not need `repositories:` (zizmor's list, from the action's action.yml)
ORG_ONLY_PERMISSIONS = frozenset((
    "permission-custom-properties-for-organizations",
    "permission-enterprise-custom-properties-for-organizations",
    "permission-members",
    "permission-organization-administration",
    "permission-organization-announcement-banners",
    "permission-organization-copilot-seat-management",
    "permission-organization-custom-org-roles",
    "permission-organization-custom-properties",
    "permission-organization-custom-roles",
    "permission-organization-events",
    "permission-organization-hooks",
    "permission-organization-packages",
    "permission-organization-personal-access-token-requests",
    "permission-organization-personal-access-tokens",
    "permission-organization-plan",
    "permission-organization-projects",
    "permission-organization-secrets",
    "permission-organization-self-hosted-runners",
    "permission-organization-user-blocking",
))


def _true(v: Any) -> bool:
    """The action toolkit's getBooleanInput: true, True or TRUE (YAML bool or string)."""
    return v is True or (isinstance(v, str) and v.strip() in ("true", "True", "TRUE"))


@check(REVOKE, SCOPE, on="step")
def app_token(ctx: Any, step: Step) -> None:
    node = step.node
    if uses_of(node) != ACTION:
        return
    w = node.get("with")
    if w is not None and not isinstance(w, LMap):
        return  # `with: ${{ ... }}`: nothing to read
    w = w if isinstance(w, LMap) else LMap()
    keys = {str(k).lower(): k for k in w}
    who = step.ident
    if "skip-token-revoke" in keys and _true(w[keys["skip-token-revoke"]]):
        k = keys["skip-token-revoke"]
        ctx.report(
            REVOKE,
            w.value_span(k),
            "`skip-token-revoke: true` stops `actions/create-github-app-token` from revoking the "
            "GitHub App installation token when the job ends, so the token stays valid for up to "
            "an hour after it was minted, and anyone who got hold of it (from a log, an artifact, "
            "a cache or a process the job started) can keep using it with the app's permissions; "
            "remove the input so the post step revokes it",
            context=f"{who}:skip-token-revoke",
            once="",
        )
    perms = {k for k in keys if k.startswith("permission-")}
    if "owner" in keys and "repositories" not in keys and not (perms and perms <= ORG_ONLY_PERMISSIONS):
        k = keys["owner"]
        ctx.report(
            SCOPE,
            w.key_span(k),
            "`owner:` without `repositories:` makes `actions/create-github-app-token` mint a token "
            "for every repository the app is installed on for that owner, not only the ones this "
            "job works on, so a leak or a compromised step reaches all of them; list the "
            "repositories the job needs in `repositories:` (or drop `owner:` to scope the token to "
            "this repository)",
            context=f"{who}:owner",
            once="",
        )
    if not perms:
        uses = node["uses"]
        lead = len(uses) - len(uses.lstrip())
        name = uses.strip().split("@", 1)[0]
        ctx.report(
            SCOPE,
            ctx.sub_span(node.value_span("uses"), uses, lead, lead + len(name)),
            "`actions/create-github-app-token` has no `permission-<name>` input, so the token "
            "carries every permission the app's installation has, not only what this job needs; "
            "add one input per permission the job uses (`permission-contents: write`, "
            "`permission-pull-requests: write`): the token then has only those",
            context=f"{who}:permissions",
            once="",
        )
