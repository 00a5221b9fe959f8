"""The problem matcher for the text format, for GitHub Actions (``::add-matcher::``) and
VS Code (``tasks.json``). The expression tolerates the colour codes of a terminal and uses
only syntax that ECMAScript (VS Code) and .NET in ECMAScript mode (the Actions runner)
share."""
from __future__ import annotations

import json

_C = r"(?:\u001b\[[0-9;]*m)*"
# The severity group captures only `error` and `warning`, the two values GitHub's runner
# accepts; `info` lines match with an empty group and take the matcher's default severity
# (warning) in GitHub and VS Code alike. `--format github` gives info findings as notices.
# The ` [*]` before the rule (a finding --fix would fix, report/text.py) is left out of the
# message.
REGEXP = (
    rf"^{_C}(.+?):(\d+):(\d+){_C}: {_C}(?:(error|warning)|info){_C}: (.*?)(?: \[\*\])? \[([A-Za-z0-9][A-Za-z0-9_.-]*)\]{_C}$"
)


def matcher() -> dict:
    return {
        "problemMatcher": [
            {
                "owner": "okla-lint",
                "severity": "warning",
                "pattern": [
                    {
                        "regexp": REGEXP,
                        "file": 1,
                        "line": 2,
                        "column": 3,
                        "severity": 4,
                        "message": 5,
                        "code": 6,
                    }
                ],
            }
        ]
    }


def render() -> str:
    return json.dumps(matcher(), indent=2) + "\n"
