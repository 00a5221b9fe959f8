"""hardcoded-credential: GitHub tokens, AWS access key ids and private keys written into
files. The patterns are lib/common/credentials.py; the finding never repeats the secret."""
from __future__ import annotations

from ...core.files import FileUnit
from ...core.located import Span
from ...core.registry import check
from ...lib.common.credentials import scan


@check("hardcoded-credential", on="file")
def hardcoded_credential(ctx, unit: FileUnit) -> None:
    src = unit.src
    if src is None or not src.text:
        return
    text = src.text
    if not any(s in text for s in ("gh", "github_pat_", "AKIA", "ASIA", "ABIA", "ACCA", "PRIVATE KEY", "LS0tLS1CRUdJTi")):
        return
    hits = scan(text)
    for start, end, kind, shown in hits:
        l1, c1 = src.position(start)
        l2, c2 = src.position(end)
        article = "an" if kind[0].lower() in "aeiou" else "a"
        what = f"{article} {kind} (`{shown}`)"
        key = shown
        ctx.report(
            Span(l1, c1, l2, c2),
            f"{what} is written in this file: anyone who can read the repository (its "
            "history, forks, clones, CI logs) can use it, and removing the line does not "
            "remove it from git history. Revoke or rotate it now, then load it from a "
            "secret store (a repository secret, a Kubernetes Secret created outside git, an "
            "external secrets operator)",
            context=f"credential:{kind}:{key}",
        )
