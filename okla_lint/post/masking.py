"""Masking by construction (issue 12): no report ever repeats a credential.

Every finding's snippet (the offending line, which SARIF shows), message and related
messages (``mask_message``: credentials, and the code a message quotes) pass through this module in the engine (``mask_finding``), before any reporter,
baseline or statistics sees them; internal error messages too. It knows:

* every credential pattern ``hardcoded-credential`` detects (GitHub tokens, AWS access key
  ids, PEM private keys and their base64), masked whether or not the rule would report
  them (a placeholder masked costs nothing, a key that looks like a placeholder would);
* passwords in URLs (``scheme://user:****@host``) and connection strings (``Password=****``);
* values of keys named like credentials (``password:``, ``"ClientSecret":``,
  ``API_TOKEN=``, ``--password=``), and the ``value`` beside a ``name`` that is one
  (``- name: DB_PASSWORD`` / ``value: ...``); references (``${{ secrets.X }}``, ``$(VAR)``,
  ``${VAR}``) stay, they hold no secret.

A whole file is masked at once (``mask_text``) so that a private key's body lines are
known as such; line breaks are never added or removed, so line N of the masked text is
line N of the file.
"""
from __future__ import annotations

import re
from dataclasses import replace

from ..core.source import SourceText
from ..lib.common import credentials as hardcoded
from ..lib.common.credentials import META_WORDS, name_words, secret_like_name

STARS = "****"

_PEM_HEADER = re.compile(r"-----BEGIN [A-Z0-9 ]*PRIVATE KEY(?: BLOCK)?-----")
_PEM_END = re.compile(r"-----END [A-Z0-9 ]*PRIVATE KEY")
_B64_RUN = re.compile(r"[A-Za-z0-9+/]{16,}={0,2}")
_B64_LONG = re.compile(r"[A-Za-z0-9+/]{40,}")
# a line of a key's body: base64, or a header such as Proc-Type: (indented, quoted, in a list)
_PEM_LINE = re.compile(r"""^[\s"',\-]*([A-Za-z0-9+/=]*|(?:Proc-Type|DEK-Info|Comment):.*)[\s"',]*$""")
# (not before a digest: `docker://alpine:3.19@sha256:...` is an image's tag, not a password)
_URL_PASSWORD = re.compile(r"([a-zA-Z][a-zA-Z0-9+.-]*://[^/:@\s'\"]*:)([^@/\s'\"]+)(@)(?!sha(?:256|384|512):)")
_CONN_PASSWORD = re.compile(r"(?i)((?:^|(?<=[;,\s\"']))(?:password|pwd)\s*=\s*)([^;,\"'\s]+)")
_VALUE = r"""(\$\{\{[^\n]*?\}\}|\$\([^)\n]*\)|\$\{[^}\n]*\}|"(?:[^"\\\n]|\\.)*"|'[^'\n]*'|[^\s,}\]\[{"'#;&|)`]+)"""
# key: value (YAML), "key": "value" (JSON), KEY=value (shell, .env), --key=value (flags)
# (only keys with a credential fragment match: every name credential_key accepts has one,
# and the other keys of a large file cost no Python call)
_CRED_KEY = r"(?i:[A-Za-z_][\w.-]*?(?:pass|secret|tok|key|cred|pwd)[\w.-]*|(?:pass|secret|tok|key|cred|pwd)[\w.-]*)"
_KEY_VALUE = re.compile(
    r"""(?<![\w.])(["']?)(""" + _CRED_KEY + r""")\1(?:(\s*:(?:[ \t]+|(?=["'])))|(\s*=\s*))""" + _VALUE
)
_NAME = re.compile(r"""(?<![\w.-])(["']?)name\1\s*:\s*(["']?)(""" + _CRED_KEY.replace("[A-Za-z_]", "[\\w.-]") + r""")\2""")
_NEXT_VALUE = re.compile(r"""(?<![\w.-])(["']?)value\1(\s*:\s*)""" + _VALUE)
_NEXT_NAME = re.compile(r"""(?<![\w.-])["']?name["']?\s*:""")
_REFERENCE = re.compile(r"""^["']?\s*(\$\{\{.*\}\}|\$\([^)]*\)|\$\{[^}]*\}|\$[A-Za-z_][A-Za-z0-9_]*)\s*["']?$""")
# a credential word anywhere in a key (looser than the env rule: a typo such as
# `Passwordd` or `AuthTokn` still hides its value), unless the key is about the credential
_CREDENTIAL_WORD = re.compile(r"(?i)passw|passwd|passphrase|secret|token|tokn|api_?key|apikey|credential|private_?key|pwd")


def credential_key(name: str) -> bool:
    """Whether the value of a key or variable ``name`` is masked."""
    if name.lower() == "secrets":  # GitHub's `secrets: inherit` (a mapping otherwise)
        return False
    if secret_like_name(name):
        return True
    if not _CREDENTIAL_WORD.search(name):
        return False
    words = name_words(name)
    return bool(words) and words[-1] not in META_WORDS


def _masked_value(value: str) -> str:
    if _REFERENCE.match(value):
        return value
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
        return value[0] + STARS + value[0]
    return STARS


def _private_keys(text: str) -> str:
    """The body of every PEM private key: up to its END line, or (shortened, broken keys)
    over the lines after the header that look like key material."""
    if "PRIVATE KEY" not in text:
        return text
    out: list[str] = []
    pos = 0
    for m in _PEM_HEADER.finditer(text):
        if m.start() < pos:
            continue
        end = _PEM_END.search(text, m.end(), m.end() + 20000)
        if end is not None:
            stop = end.start()
        else:  # no END marker: the following lines while they look like a key's body
            stop = text.find("\n", m.end())
            stop = len(text) if stop == -1 else stop + 1
            while stop < len(text):
                nl = text.find("\n", stop)
                line = text[stop : len(text) if nl == -1 else nl]
                if not line.strip() or not (_PEM_LINE.match(line) or (": " not in line and _B64_LONG.search(line))):
                    break
                stop = len(text) if nl == -1 else nl + 1
        out.append(text[pos : m.end()])
        out.append(_B64_RUN.sub(STARS, text[m.end() : stop]))
        pos = stop
    out.append(text[pos:])
    return "".join(out)


def _credentials(text: str) -> str:
    def github(m: re.Match) -> str:
        tok = m.group(1)
        prefix = "github_pat_" if tok.startswith("github_pat_") else tok[:4]
        return hardcoded.mask_secret(tok, len(prefix) + 2)

    text = hardcoded.GITHUB_TOKEN.sub(github, text)
    text = hardcoded.AWS_KEY_ID.sub(lambda m: hardcoded.mask_secret(m.group(1), 6), text)
    text = _private_keys(text)
    text = hardcoded.B64_PEM.sub(lambda m: m.group(0)[:14] + STARS, text)
    text = _URL_PASSWORD.sub(lambda m: m.group(1) + _masked_value(m.group(2)) + m.group(3), text)
    return _CONN_PASSWORD.sub(lambda m: m.group(1) + _masked_value(m.group(2)), text)


def _key_values(text: str) -> str:
    def kv(m: re.Match) -> str:
        if not credential_key(m.group(2)):
            return m.group(0)
        value = m.group(5)
        return m.group(0)[: m.start(5) - m.start(0)] + _masked_value(value)

    return _KEY_VALUE.sub(kv, text)


def _name_values(text: str) -> str:
    """``name: DB_PASSWORD`` followed (before the next ``name:``, within a few lines) by
    ``value: ...``: Kubernetes env entries, in block, flow and JSON style."""
    if "value" not in text:
        return text
    out: list[str] = []
    pos = 0
    for m in _NAME.finditer(text):
        if m.start() < pos or not credential_key(m.group(3)):
            continue
        window_end = m.end()
        for _ in range(4):  # at most four lines on
            nl = text.find("\n", window_end + 1)
            window_end = len(text) if nl == -1 else nl
        nxt = _NEXT_NAME.search(text, m.end(), window_end)
        v = _NEXT_VALUE.search(text, m.end(), nxt.start() if nxt else window_end)
        if v is None:
            continue
        out.append(text[pos : v.start(3)])
        out.append(_masked_value(v.group(3)))
        pos = v.end(3)
    out.append(text[pos:])
    return "".join(out)


def mask_text(text: str) -> str:
    """``text`` (a file or a line of one) with every credential masked; the same line
    breaks."""
    if not text:
        return text
    return _name_values(_key_values(_credentials(text)))


_CODE = re.compile(r"`[^`\n]+`")


def mask_message(text: str) -> str:
    """A message (prose): credentials anywhere, and credential keys' values inside the
    code it quotes (`password: ...`); prose such as "password: the stored secret" stays."""
    if not text:
        return text
    return _CODE.sub(lambda m: _name_values(_key_values(m.group(0))), _credentials(text))


# -- snippets -------------------------------------------------------------------------------
# what the engine did before issue 12 and still does on top (the fingerprints of baselines
# written then are built from these snippets): a line whose key is named like a credential,
# or is an env `value:`, shows the key only
_LINE_KEY = re.compile(r"(?i)pass(word|wd)?|secret|token|api[_-]?key|credential|private[_-]?key|^\s*-?\s*value\s*$")
_LINE_NAME_VALUE = re.compile(r"(?i)name:\s*['\"]?[\w.-]*(pass(word|wd)?|secret|token|api[_-]?key)[\w.-]*['\"]?\s*,\s*value:")
MASKED_RULES = {"env-plaintext-secret"}  # their line always holds the secret


def mask_value(line: str) -> str:
    """``password: hunter2`` -> ``password: ****`` (the key stays, the value goes)."""
    m = re.match(r"^(.*?(?::\s|=))", line)
    return (m.group(1) if m else "") + STARS


def snippet(masked_line: str, rule: str) -> str:
    """The snippet of a finding of ``rule`` from its line of the masked file."""
    line = masked_line.strip()
    if rule in MASKED_RULES or _LINE_KEY.search(line.split(":", 1)[0].split("=", 1)[0]) or _LINE_NAME_VALUE.search(line):
        return mask_value(line)
    return line


class FileMask:
    """The masked lines of one file, computed once when its first finding needs one."""

    def __init__(self, src):
        self.src = src
        self._masked: SourceText | None = None

    def line(self, n: int) -> str:
        if self._masked is None:
            self._masked = SourceText(mask_text(self.src.text))
        return self._masked.line_text(n) if 1 <= n <= self._masked.line_count else ""


def mask_finding(f, lines: FileMask | None) -> None:
    """Give finding ``f`` its masked snippet (from ``lines``) and mask its messages."""
    if lines is not None and not f.snippet:
        f.snippet = snippet(lines.line(f.line), f.rule)
    elif f.snippet:
        f.snippet = snippet(mask_text(f.snippet), f.rule)
    f.message = mask_message(f.message)
    if f.related:
        f.related = [replace(r, message=mask_message(r.message)) if r.message else r for r in f.related]


def file_mask(src) -> FileMask:
    """The masked lines of ``src``, computed once per source (the engine's snippets and a
    report's code frames share them)."""
    mask = getattr(src, "_okla_mask", None)
    if mask is None:
        mask = FileMask(src)
        try:
            src._okla_mask = mask
        except AttributeError:  # pragma: no cover - a source with __slots__
            pass
    return mask


def source_line(src, n: int) -> str:
    """Line ``n`` of a source file as a report may show it (a code frame): masked, with
    its indentation."""
    return file_mask(src).line(n)


def masked_column(raw_line: str, col: int) -> int:
    """The column in the masked line of the character at ``col`` of the raw line."""
    prefix = raw_line[: max(0, col - 1)]
    return len(mask_text(prefix)) + 1
