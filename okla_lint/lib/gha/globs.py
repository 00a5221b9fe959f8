"""GitHub's filter patterns (``on.<event>.branches|tags|paths`` and their ``-ignore``
twins): what the "Filter pattern cheat sheet" allows, and the patterns that cannot match
what they say. Globs, not regular expressions: ``*`` (no ``/``), ``**``, ``?`` and ``+``
(zero-or-one and one-or-more of the character before), ``[...]`` (a character or a range),
``!`` first (negates the patterns before it) and ``\\`` escaping a special character.
Branch and tag patterns also follow Git's ref-name rules (git check-ref-format)."""
from __future__ import annotations

from dataclasses import dataclass

SPECIAL = "[?+*\\!"
# characters a Git ref name cannot hold (besides the glob's own specials)
REF_FORBIDDEN = {" ": "a space", "\t": "a tab", "~": "`~`", "^": "`^`", ":": "`:`"}


@dataclass
class GlobProblem:
    start: int  # offsets into the pattern
    end: int
    message: str


def pattern_problems(pat: str, ref: bool) -> list[GlobProblem]:
    """What is wrong with one filter pattern; ``ref``: a branch or tag pattern."""
    out: list[GlobProblem] = []
    if pat == "":
        return [GlobProblem(0, 0, "an empty pattern matches nothing")]
    if not ref:
        stripped = pat.strip()
        if stripped != pat:
            at = 0 if pat[0].isspace() else len(stripped) + (len(pat) - len(pat.lstrip()))
            return [GlobProblem(at, at + 1, "the pattern starts or ends with a blank, which no path of the repository does")]
        body = pat[1:] if pat.startswith("!") else pat
        if body in (".", "..") or body.startswith(("./", "../")):
            i = len(pat) - len(body)
            return [
                GlobProblem(
                    i,
                    i + (2 if body.startswith("..") else 1),
                    "paths are matched from the repository root without `./` or `../`, so this pattern never matches",
                )
            ]
    n = len(pat)
    i = 0
    prev_special = True  # `?` and `+` repeat the character before them: none at the start
    if pat.startswith("!"):
        if n == 1:
            return [GlobProblem(0, 1, "`!` alone negates nothing: a character must follow it")]
        i = 1
    elif ref and pat.startswith("/"):
        out.append(GlobProblem(0, 1, "a branch or tag name never starts with `/`, so this pattern never matches"))
    while i < n:
        c = pat[i]
        special = False
        if c == "\\":
            nxt = pat[i + 1] if i + 1 < n else ""
            if nxt and nxt in SPECIAL:
                if ref and nxt in "[?*":
                    out.append(GlobProblem(i, i + 2, f"a branch or tag name cannot contain `{nxt}` (git check-ref-format), so the escaped `\\{nxt}` never matches"))
                i += 2
                prev_special = False
                continue
            if ref:
                out.append(GlobProblem(i, i + 1, "a branch or tag name cannot contain `\\` (git check-ref-format); `\\` only escapes the special characters `[ ? + * \\ !`"))
        elif c in "?+":
            if prev_special:
                what = "the start of the pattern" if i == 0 or (i == 1 and pat[0] == "!") else f"the special character `{pat[i - 1]}`"
                out.append(
                    GlobProblem(
                        i,
                        i + 1,
                        f"`{c}` repeats the character before it ({'zero or one time' if c == '?' else 'one or more times'}), "
                        f"and here that is {what}: filter patterns are globs, not regular expressions",
                    )
                )
            special = True
        elif c == "*":
            special = True
        elif c == "[":
            j = i + 1
            if j < n and pat[j] == "]":
                out.append(GlobProblem(i, j + 1, "`[]` is an empty character class: it matches no character"))
                i = j + 1
                prev_special = False
                continue
            closed = False
            while j < n:
                if pat[j] == "]":
                    closed = True
                    break
                if j + 1 < n and pat[j + 1] == "-":
                    if j + 2 < n and pat[j + 2] == "]":
                        out.append(GlobProblem(j, j + 2, f"the range `{pat[j:j + 2]}` in `[...]` has no end"))
                        j += 2
                        closed = True
                        break
                    if j + 2 < n and pat[j] > pat[j + 2]:
                        out.append(GlobProblem(j, j + 3, f"the range `{pat[j:j + 3]}` in `[...]` is empty: it starts after it ends"))
                    j += 3
                    continue
                j += 1
            if not closed:
                out.append(GlobProblem(i, i + 1, "`[` opens a character class that is never closed with `]`"))
                return out
            i = j + 1
            prev_special = False
            continue
        elif c in "\r\n":
            out.append(GlobProblem(i, i + 1, "a pattern cannot contain a line break"))
        elif ref and c in REF_FORBIDDEN:
            hint = " (`^` anchors a regular expression; filter patterns are globs)" if c == "^" else ""
            out.append(GlobProblem(i, i + 1, f"a branch or tag name cannot contain {REF_FORBIDDEN[c]} (git check-ref-format), so this pattern never matches{hint}"))
        prev_special = special
        i += 1
    if ref and pat[-1] in "/." and not pat.endswith("\\."):
        out.append(GlobProblem(n - 1, n, f"a branch or tag name never ends with `{pat[-1]}`, so this pattern never matches"))
    return out
