"""A commit pin whose version comment names another release (`uses: x@<sha> # v4.2.2` where
v4.2.2 is a different commit), checked offline against the release tags in okla-lint's table
of popular actions (lib/gha/popular.py)."""
from __future__ import annotations

import re
from typing import Any

from ...core.fix import Edit, Fix
from ...core.model import Step
from ...core.registry import check
from ...lib.gha.popular import tags_at, tags_of, version_key
from ...lib.gha.uses import is_full_sha, parse_uses, version_comment

RULE = "action-version-comment-mismatch"
# a release: a floating tag (`# v4`) moves, so a pin made while it pointed elsewhere is no mismatch
_RELEASE = re.compile(r"v?\d+\.\d+\.\d+")


@check(RULE, on="step")
def comment_names_pinned_release(ctx: Any, step: Step) -> None:
    uses = step.node.get("uses")
    if not isinstance(uses, str):
        return
    parsed = parse_uses(uses)
    if parsed is None or not is_full_sha(parsed[3]):
        return
    repo = f"{parsed[0]}/{parsed[1]}"
    tags = tags_of(repo)
    src = step.file.src
    span = step.node.value_span("uses")
    if not tags or src is None:
        return
    comment = version_comment(src.text, span)
    if comment is None or not _RELEASE.fullmatch(comment.version):
        return
    named = comment.version
    tag = named if named in tags else ("v" + named if "v" + named in tags else None)
    if tag is None:
        return  # a release the table does not know (newer than its snapshot)
    sha = parsed[3].lower()
    if tags[tag] == sha:
        return
    start, end = comment.start, comment.end
    actual = sorted(tags_at(repo, sha), key=lambda t: (t.count("."), version_key(t)))
    if actual:
        is_ = actual[-1]
        what = f"that commit is {is_}, not {tag} ({tags[tag][:12]})"
        fix = Fix("safe", (Edit(start, end, is_),), f"Write `{is_}` in the comment", same_data=True)
        how = f"write `# {is_}` or pin the commit of {tag}"
    else:
        what = f"that commit is no release okla-lint knows, and {tag} is {tags[tag][:12]}"
        fix = None
        how = f"pin the commit of {tag} or correct the comment"
    ctx.report(
        src.span(start, end),
        f"the comment after `{repo}@{sha[:12]}` names {tag}, but {what}: reviewers and update tools "
        f"read the comment, not the commit that runs; {how}",
        context=f"{step.ident}:{repo.lower()}@{sha}:{tag}",
        fix=fix,
        once="",
    )
