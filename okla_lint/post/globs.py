"""File globs of ``per-file-ignores`` (and of its JSON-node entries): gitignore-like
matching of a path relative to the configuration's folder."""
from __future__ import annotations

import fnmatch


def glob_match(rel: str, pattern: str) -> bool:
    p = pattern.strip()
    while p.startswith("./"):  # not lstrip("./"): that would also eat the dot of ".github/"
        p = p[2:]
    p = p.rstrip("/")
    if fnmatch.fnmatchcase(rel, p) or rel.startswith(p + "/"):
        return True
    if "**/" in p and fnmatch.fnmatchcase(rel, p.replace("**/", "")):
        return True
    if "/" not in p:
        return fnmatch.fnmatchcase(rel.rsplit("/", 1)[-1], p) or any(
            fnmatch.fnmatchcase(part, p) for part in rel.split("/")[:-1]
        )
    return False
