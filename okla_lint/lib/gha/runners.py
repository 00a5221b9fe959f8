"""Runner labels: the images GitHub hosts today, the ones it retired, and the labels every
self-hosted runner has. Sources: GitHub's "GitHub-hosted runners" reference and the
runner-images retirement notices (ubuntu-20.04: April 2025, windows-2019: June 2025,
macos-13: December 2025)."""
from __future__ import annotations

import re

# how larger runners are commonly named: a size suffix on a hosted label
_SIZED = re.compile(r"(\d+-?cores?|\d+cpu|large|xlarge|gpu)$")

HOSTED = (
    "ubuntu-latest", "ubuntu-slim", "ubuntu-24.04", "ubuntu-22.04", "ubuntu-24.04-arm", "ubuntu-22.04-arm",
    "ubuntu-latest-4-cores", "ubuntu-latest-8-cores", "ubuntu-latest-16-cores",
    "windows-latest", "windows-2025", "windows-2025-vs2026", "windows-2022", "windows-11-arm",
    "windows-latest-8-cores",
    "macos-latest", "macos-latest-large", "macos-latest-xlarge",
    "macos-26", "macos-26-intel", "macos-26-large", "macos-26-xlarge",
    "macos-15", "macos-15-intel", "macos-15-large", "macos-15-xlarge",
    "macos-14", "macos-14-large", "macos-14-xlarge",
)

# retired image -> what replaces it
RETIRED = {
    "ubuntu-16.04": "ubuntu-24.04", "ubuntu-18.04": "ubuntu-24.04", "ubuntu-20.04": "ubuntu-24.04",
    "windows-2016": "windows-2022", "windows-2019": "windows-2022",
    "macos-10.15": "macos-15", "macos-11": "macos-15", "macos-12": "macos-15", "macos-12-large": "macos-15-large",
    "macos-13": "macos-15-intel", "macos-13-large": "macos-15-large", "macos-13-xlarge": "macos-15-xlarge",
}

SELF_HOSTED_PRESETS = ("self-hosted", "linux", "macos", "windows", "x64", "arm", "arm64")


def edit_distance(a: str, b: str, limit: int = 3) -> int:
    """Levenshtein distance, capped at ``limit``."""
    if abs(len(a) - len(b)) >= limit:
        return limit
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        if min(cur) >= limit:
            return limit
        prev = cur
    return min(prev[-1], limit)


def misspelt_hosted(label: str) -> str | None:
    """The GitHub-hosted label ``label`` is a typo of (at most 2 edits, and not a longer or
    shorter name built on it, which is how larger runners are named), or None."""
    low = label.lower()
    if _SIZED.search(low):
        return None
    best = None
    for known in HOSTED + tuple(RETIRED):
        if low.startswith(known):
            continue
        d = edit_distance(low, known)
        if d <= 2 and (best is None or d < best[0]):
            best = (d, known)
    if best is None:
        return None
    return RETIRED.get(best[1], best[1])


def hosted_image(runs_on: object) -> str | None:
    """The GitHub-hosted image label a job's ``runs-on`` names (a string, a one-label list, or
    ``{labels: ...}`` without a runner group), lower-cased; None for a self-hosted runner, a
    runner group, a label okla-lint does not know, several labels, or an expression."""
    if isinstance(runs_on, dict):
        if "group" in runs_on:
            return None
        runs_on = runs_on.get("labels")
    if isinstance(runs_on, list) and len(runs_on) == 1:
        runs_on = runs_on[0]
    if not isinstance(runs_on, str) or "${{" in runs_on:
        return None
    low = runs_on.strip().lower()
    return low if low in {h.lower() for h in HOSTED} else None
