"""Just enough of POSIX shell to read ``run:`` scripts: words with their offsets, commands,
pipelines, assignments, line continuations, quoting, ``$(...)``, heredocs and comments.

GitHub substitutes ``${{ }}`` expressions before the shell sees the script, so an
expression is kept whole inside the word that holds it, whatever quotes or spaces it
contains. Offsets are into the script string (the YAML value), so rules can turn them into
exact line/column positions.
"""
from __future__ import annotations

import functools

import re
from dataclasses import dataclass, field

_ASSIGN = re.compile(r"^([A-Za-z_][A-Za-z0-9_]*)(\+?=)(.*)$", re.S)
_RESERVED = frozenset(("if", "then", "else", "elif", "do", "while", "until", "!", "{", "}", "fi", "done", "esac"))
_HEREDOC = re.compile(r"<<(-?)\s*(['\"]?)([A-Za-z_][A-Za-z0-9_]*)\2")


@dataclass
class Word:
    text: str  # the word with quotes removed
    start: int  # offset of the word's first character in the script
    end: int  # offset just past its last character
    raw: str  # the word as written
    redir: bool = False  # a redirection operator (``>``, ``2>>``, ``<``, ``&>``...)

    def assignment(self) -> tuple[str, str, int] | None:
        """(name, value as written, offset of the value) for NAME=value words."""
        m = _ASSIGN.match(self.raw)
        if not m:
            return None
        return m.group(1), m.group(3), self.start + m.start(3)


@dataclass
class Command:
    words: list[Word] = field(default_factory=list)
    pipeline: int = 0  # commands joined by '|' share a pipeline number
    heredoc: tuple[str, int] | None = None  # (body, offset) fed to the command's stdin
    heredoc_quoted: bool = False  # <<'EOF' / <<"EOF": the shell expands nothing in the body
    line_start: int = 0

    @property
    def argv(self) -> list[str]:
        """Words after leading NAME=value assignments and ``sudo``/``env``/``exec``."""
        out = [w.text for w in self.args]
        return out

    @property
    def args(self) -> list[Word]:
        """The command's words without redirections, leading reserved words (``if``,
        ``then``, ``do``, ``!``...), NAME=value assignments and wrappers (``sudo``,
        ``env``...)."""
        ws = self.plain_words
        i = 0
        while i < len(ws) and (
            ws[i].text in _RESERVED
            or ws[i].assignment() is not None
            or ws[i].text in ("sudo", "exec", "env", "command", "time", "nohup")
        ):
            i += 1
        return ws[i:]

    @property
    def plain_words(self) -> list[Word]:
        """The words without redirection operators and their targets."""
        out = []
        skip = False
        for w in self.words:
            if skip:
                skip = False
                continue
            if w.redir:
                skip = True
                continue
            out.append(w)
        return out

    @property
    def redirects(self) -> list[tuple[str, Word]]:
        """(operator, target word) for each redirection to or from a file: ``> out.txt``,
        ``2>>log``, ``< in``, ``&> all.log``; descriptor copies (``2>&1``) are left out."""
        out = []
        ws = self.words
        for i, w in enumerate(ws):
            if w.redir and i + 1 < len(ws) and not ws[i + 1].redir:
                target = ws[i + 1]
                if w.text.endswith("&") and (target.text.isdigit() or target.text == "-"):
                    continue
                out.append((w.text, target))
        return out

    def prog(self) -> str:
        a = self.args
        return a[0].text.rsplit("/", 1)[-1] if a else ""


def _skip_expression(s: str, i: int) -> int:
    """``s[i:]`` starts with '${{'; return the offset just past the closing '}}'."""
    end = s.find("}}", i + 3)
    return len(s) if end == -1 else end + 2


def skip_subst(s: str, i: int) -> int:
    """``s[i:]`` starts with '$(' (or '`'); return the offset past the matching close."""
    if s[i] == "`":
        end = s.find("`", i + 1)
        return len(s) if end == -1 else end + 1
    if s[i] == "$":
        i += 1
    # s[i] is the opening parenthesis: count it, so the matching ')' ends the substitution
    depth = 0
    j = i
    n = len(s)
    while j < n:
        c = s[j]
        if s.startswith("${{", j):
            j = _skip_expression(s, j)
            continue
        if c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
            if depth == 0:
                return j + 1
        elif c == "'":
            k = s.find("'", j + 1)
            j = n if k == -1 else k
        elif c == '"':
            k = j + 1
            while k < n and s[k] != '"':
                if s.startswith("${{", k):
                    k = _skip_expression(s, k)
                    continue
                k += 2 if s[k] == "\\" else 1
            j = min(k, n)
        elif c == "\\":
            j += 1
        j += 1
    return n


def substitutions(text: str) -> list[tuple[int, int]]:
    """Spans of the outermost ``$(...)`` / backtick substitutions of ``text``."""
    out = []
    i = 0
    n = len(text)
    while i < n:
        if text.startswith("${{", i):
            j = text.find("}}", i + 3)
            i = n if j == -1 else j + 2
            continue
        if text.startswith("$((", i):
            i += 3
            continue
        if text.startswith("$(", i) or text[i] == "`":
            end = skip_subst(text, i)
            out.append((i, end))
            i = end
            continue
        i += 1
    return out


@functools.lru_cache(maxsize=2048)
def parse_script(s: str) -> list[Command]:
    """Commands of a script. Memoised: several rules read the same ``run:`` block, so the
    returned list is shared and must not be modified by callers."""
    return _parse_script(s)


def _parse_script(s: str) -> list[Command]:
    commands: list[Command] = []
    cur = Command()
    pipeline = 0
    pending_heredocs: list[tuple[Command, str, bool]] = []
    buf: list[str] = []
    wstart = -1
    i = 0
    n = len(s)

    def end_word(at: int) -> None:
        nonlocal buf, wstart
        if wstart >= 0:
            cur.words.append(Word("".join(buf), wstart, at, s[wstart:at]))
        buf = []
        wstart = -1

    def end_command(new_pipeline: bool) -> None:
        nonlocal cur, pipeline
        if cur.words:
            cur.pipeline = pipeline
            commands.append(cur)
        if new_pipeline:
            pipeline += 1
        cur = Command()

    def begin(at: int) -> None:
        nonlocal wstart
        if wstart < 0:
            wstart = at

    while i < n:
        c = s[i]
        if s.startswith("${{", i):
            begin(i)
            j = _skip_expression(s, i)
            buf.append(s[i:j])
            i = j
            continue
        if c in " \t":
            end_word(i)
            i += 1
            continue
        if c == "\\":
            if s.startswith("\r\n", i + 1):
                i += 3  # line continuation (CRLF)
                continue
            if i + 1 < n and s[i + 1] in "\n\r":
                i += 2
                continue
            begin(i)
            if i + 1 < n:
                buf.append(s[i + 1])
            i += 2
            continue
        if c == "'":
            begin(i)
            j = s.find("'", i + 1)
            j = n if j == -1 else j
            buf.append(s[i + 1 : j])
            i = j + 1
            continue
        if c == '"':
            begin(i)
            j = i + 1
            while j < n and s[j] != '"':
                if s.startswith("${{", j):
                    k = _skip_expression(s, j)
                    buf.append(s[j:k])
                    j = k
                    continue
                if s[j] == "\\" and s.startswith("\n", j + 1):
                    j += 2  # line continuation inside double quotes
                    continue
                if s[j] == "\\" and s.startswith("\r\n", j + 1):
                    j += 3
                    continue
                if s[j] == "\\" and j + 1 < n and s[j + 1] in '"\\$`':
                    buf.append(s[j + 1])
                    j += 2
                    continue
                if s.startswith("$(", j):
                    k = skip_subst(s, j + 1)
                    buf.append(s[j:k])
                    j = k
                    continue
                buf.append(s[j])
                j += 1
            i = j + 1
            continue
        if c == "#" and wstart < 0:
            j = s.find("\n", i)
            i = n if j == -1 else j
            continue
        if s.startswith("${", i):
            begin(i)
            j = s.find("}", i + 2)
            j = n if j == -1 else j + 1
            buf.append(s[i:j])
            i = j
            continue
        if s.startswith("$'", i):
            begin(i)
            j = i + 2
            while j < n and s[j] != "'":
                j += 2 if s[j] == "\\" else 1
            buf.append(s[i + 2 : j])
            i = j + 1
            continue
        if s.startswith("$(", i) or c == "`":
            begin(i)
            j = skip_subst(s, i + 1 if c == "$" else i)
            buf.append(s[i:j])
            i = j
            continue
        if c == "<" and s.startswith("<<", i) and not s.startswith("<<<", i):
            m = _HEREDOC.match(s, i)
            if m:
                end_word(i)
                pending_heredocs.append((cur, m.group(3), m.group(1) == "-"))
                if m.group(2) or "\\" in s[i:m.start(3)]:
                    cur.heredoc_quoted = True
                i = m.end()
                continue
        if c in "\n\r":
            end_word(i)
            end_command(True)
            # a newline ends the line: read the bodies of heredocs opened on it
            i += 2 if s.startswith("\r\n", i) else 1
            for cmd, delim, strip_tabs in pending_heredocs:
                body_start = i
                while i < n:
                    j = s.find("\n", i)
                    line_end = n if j == -1 else j
                    line = s[i:line_end].rstrip("\r")
                    if (line.lstrip("\t") if strip_tabs else line) == delim:
                        cmd.heredoc = (s[body_start:i], body_start)
                        i = line_end + 1
                        break
                    i = line_end + 1
                else:
                    cmd.heredoc = (s[body_start:], body_start)
            pending_heredocs = []
            continue
        if c == "&" and s.startswith(">", i + 1):
            end_word(i)
            j = i + 1
            while j < n and s[j] in ">":
                j += 1
            cur.words.append(Word(s[i:j], i, j, s[i:j], True))
            i = j
            continue
        if c in ";&|":
            end_word(i)
            two = s[i : i + 2]
            if two in ("&&", "||", ";;"):
                end_command(True)
                i += 2
                continue
            if c == "|":
                end_command(False)  # same pipeline
                i += 2 if two == "|&" else 1
                continue
            end_command(True)
            i += 1
            continue
        if c in "()" and wstart < 0:
            i += 1
            continue
        if c in "<>":
            op_start = i
            if wstart >= 0 and s[wstart:i].isdigit():
                op_start = wstart  # 2>file, 2>&1: the descriptor belongs to the operator
                buf = []
                wstart = -1
            else:
                end_word(i)
            j = i
            while j < n and s[j] in "<>&|":
                j += 1
            if s[j - 1] == "&" and j < n and s[j] == "-":
                j += 1
            cur.words.append(Word(s[op_start:j], op_start, j, s[op_start:j], True))
            i = j
            continue
        begin(i)
        buf.append(c)
        i += 1
    end_word(n)
    end_command(True)
    return commands


# commands whose output is the text they were given, as it was or filtered, cut, sorted,
# encoded or decoded: their standard input and the files they name (cat, sed, jq, sort,
# base64, gzip, rev...), or their arguments (echo, printf, xargs' command line); the
# PowerShell cmdlets that pass the pipeline on. A value given to a pipeline of these reaches
# what the pipeline writes: a token in a `$(...)` (lib/gha/taint.py), an outsider's text in
# `$GITHUB_ENV` (rules/gha/github_env.py)
PASS_THROUGH = frozenset((
    "cat", "tr", "sed", "awk", "cut", "head", "tail", "jq", "yq", "sort", "uniq", "tee", "grep",
    "envsubst", "base64", "xxd", "gzip", "fold", "rev", "xargs", "echo", "printf",
    "write-output", "out-file", "tee-object", "add-content", "set-content",
))


def pipelines(commands: list[Command]) -> list[list[Command]]:
    out: list[list[Command]] = []
    for cmd in commands:
        if out and out[-1][0].pipeline == cmd.pipeline:
            out[-1].append(cmd)
        else:
            out.append([cmd])
    return out


def option_values(words: list[Word], *names: str) -> list[tuple[str, Word, int]]:
    """Values of ``--name=value`` / ``--name value`` / ``-n value`` options:
    (option name, word holding the value, offset of the value inside that word's raw text)."""
    out = []
    for i, w in enumerate(words):
        for name in names:
            if w.text == name and i + 1 < len(words):
                out.append((name, words[i + 1], 0))
            elif w.text.startswith(name + "="):
                out.append((name, w, w.raw.find("=") + 1))
    return out


def quote_at(script: str, pos: int, comment: str | None = None) -> str | None:
    """The shell quote open at ``pos`` ('', '"' or "'"), scanning its line from the start
    (a backslash escapes the next character outside single quotes). With ``comment`` (the
    marker, ``#``): None when ``pos`` is inside a comment, one that starts a word outside
    quotes."""
    line_start = script.rfind("\n", 0, pos) + 1
    quote = ""
    prev = " "
    i = line_start
    while i < pos:
        c = script[i]
        if quote:
            if c == quote:
                quote = ""
            elif c == "\\" and quote == '"':
                i += 1
        elif c in "'\"":
            quote = c
        elif c == "\\":
            i += 1
        elif comment is not None and script.startswith(comment, i) and (prev in " \t;" or i == line_start):
            return None
        prev = c
        i += 1
    return quote


def quote_in_script(script: str, pos: int) -> str | None:
    """The shell quote open at ``pos`` ('', '"' or "'") as the shell reads the whole
    script: a quote opened on an earlier line is still open. None where the text at ``pos``
    is not read as a command word: inside a heredoc body (data, expanded or not), a
    comment, or between words."""
    commands = parse_script(script)
    for cmd in commands:
        if cmd.heredoc is not None:
            body, start = cmd.heredoc
            if start <= pos < start + len(body):
                return None
    word = next((w for cmd in commands for w in cmd.words if w.start <= pos < w.end and not w.redir), None)
    if word is None:
        return None
    raw = script[word.start : pos]
    quote = ""
    i = 0
    while i < len(raw):
        if raw.startswith("${{", i):
            i = _skip_expression(raw, i)  # its quotes are the expression's, not the shell's
            continue
        c = raw[i]
        if quote == "'":
            if c == "'":
                quote = ""
        elif quote == '"':
            if c == '"':
                quote = ""
            elif c == "\\":
                i += 1
        elif c in "'\"":
            quote = c
        elif c == "\\":
            i += 1
        i += 1
    return quote
