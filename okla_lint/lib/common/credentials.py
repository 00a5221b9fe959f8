"""Credentials written into files: GitHub tokens, AWS access key ids and private keys.

The finding never repeats the secret: it shows the kind of credential and a masked prefix
(and post/masking.py masks every report's snippets and messages with these patterns).
Placeholders (``ghp_XXXX...``, ``AKIAIOSFODNN7EXAMPLE``, ``-----BEGIN PRIVATE KEY-----``
followed by ``...``) are not reported.
"""
from __future__ import annotations

import base64
import binascii
import math
import re
from collections import Counter


# GitHub token formats (https://github.blog/2021-04-05-behind-githubs-new-authentication-token-formats/)
GITHUB_TOKEN = re.compile(r"(?<![A-Za-z0-9_])(gh[pousr]_[A-Za-z0-9]{36,251}|github_pat_[A-Za-z0-9_]{60,251})(?![A-Za-z0-9_])")
_GITHUB_KIND = {
    "ghp_": "GitHub personal access token",
    "gho_": "GitHub OAuth access token",
    "ghu_": "GitHub App user-to-server token",
    "ghs_": "GitHub App installation token",
    "ghr_": "GitHub refresh token",
    "github_pat_": "GitHub fine-grained personal access token",
}
# AWS access key ids: AKIA (long-term user keys), ASIA (temporary STS keys), and the
# other documented unique-id prefixes of access keys
AWS_KEY_ID = re.compile(r"(?<![A-Z0-9])((?:AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16})(?![A-Z0-9])")
_PRIVATE_KEY = re.compile(
    r"-----BEGIN ((?:RSA |EC |DSA |OPENSSH |ENCRYPTED |PGP |SSH2 ENCRYPTED )?PRIVATE KEY(?: BLOCK)?)-----"
)
B64_PEM = re.compile(r"LS0tLS1CRUdJTi[A-Za-z0-9+/]{60,}={0,2}")
_PLACEHOLDER = re.compile(r"EXAMPLE|X{4}|x{4}|0{6}|\*{3}|\.\.\.|<|>", re.I)
_B64_LINE = re.compile(r"[A-Za-z0-9+/=]{40,}")
_B64_RUN = re.compile(r"[A-Za-z0-9+/=]{16,}")


def _entropy(s: str) -> float:
    counts = Counter(s)
    n = len(s)
    return -sum(c / n * math.log2(c / n) for c in counts.values())


def _looks_random(body: str, min_bits: float) -> bool:
    if _PLACEHOLDER.search(body):
        return False
    if len(set(body)) < 10:
        return False
    has_digit = any(c.isdigit() for c in body)
    has_alpha = any(c.isalpha() for c in body)
    return has_digit and has_alpha and _entropy(body) >= min_bits


def _pem_body_is_real(tail: str) -> bool:
    """A real key follows its header with base64 lines (possibly after headers such as
    Proc-Type:); a header alone, or one followed only by '...' or a placeholder, is an
    example. A body shortened with '...' after real base64 (``MIIEowIBAAKCAQEAx4...``) is
    still a key."""
    end_marker = tail.find("-----END")
    body = tail if end_marker == -1 else tail[:end_marker]
    body = body.replace("\\n", "\n")  # keys inside JSON or quoted YAML strings
    lines = [ln.strip().strip("\"',") for ln in body.splitlines()]
    lines = [ln for ln in lines if ln and ":" not in ln]  # Proc-Type:, DEK-Info:
    flat = "".join(ln.replace("...", " ") for ln in lines)
    runs = _B64_RUN.findall(flat)
    if not runs:
        return False
    b64 = max(runs, key=len)
    if _PLACEHOLDER.search(b64) or len(set(b64)) < 8:
        return False
    if len(b64) >= 40 and _looks_random(b64[:64], 4.5):
        return True
    # a shortened body: its own part, after the prefix every key of that type shares
    # (`MIIEpAIBAAKCAQEA...` is the start of any RSA key: a placeholder), must look random
    rest = b64
    for prefix in _KEY_PREFIXES:
        if rest.startswith(prefix):
            rest = rest[len(prefix) :]
            break
    return len(rest) >= 16 and len(set(rest)) >= 8 and _entropy(rest) >= 3.0


# base64 that starts every key of one type (ASN.1 headers, the OpenSSH magic)
_KEY_PREFIXES = (
    "MIIEvQIBADANBgkqhkiG9w0BAQEFAASC", "MIIEvgIBADANBgkqhkiG9w0BAQEFAASC",
    "MIIEvAIBADANBgkqhkiG9w0BAQEFAASC", "MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQg",
    "b3BlbnNzaC1rZXktdjEAAAAA", "MC4CAQAwBQYDK2VwBCIEI", "MIIEpAIBAAKCAQEA", "MIIEowIBAAKCAQEA",
    "MIIEogIBAAKCAQEA", "MIIEpQIBAAKCAQEA", "MHcCAQEEI",
)


def mask_secret(secret: str, prefix_len: int) -> str:
    return f"{secret[:prefix_len]}{'*' * 6} ({len(secret)} characters)"


def scan(text: str) -> list[tuple[int, int, str, str]]:
    """(start, end, kind, masked) for each credential in ``text``."""
    out: list[tuple[int, int, str, str]] = []
    for m in GITHUB_TOKEN.finditer(text):
        tok = m.group(1)
        prefix = "github_pat_" if tok.startswith("github_pat_") else tok[:4]
        body = tok[len(prefix) :]
        if not _looks_random(body, 4.0):
            continue
        out.append((m.start(1), m.end(1), _GITHUB_KIND[prefix], mask_secret(tok, len(prefix) + 2)))
    for m in AWS_KEY_ID.finditer(text):
        key = m.group(1)
        body = key[4:]
        # real key ids mix letters and digits and do not repeat much
        if _PLACEHOLDER.search(key) or len(set(body)) < 8 or not any(c.isdigit() for c in body):
            continue
        kind = "AWS temporary (STS) access key id" if key.startswith("ASIA") else "AWS access key id"
        out.append((m.start(1), m.end(1), kind, mask_secret(key, 6)))
    for m in _PRIVATE_KEY.finditer(text):
        if _pem_body_is_real(text[m.end() : m.end() + 600]):
            out.append((m.start(), m.end(), "private key", m.group(0)))
    for m in B64_PEM.finditer(text):
        # base64 of a PEM block, as in a Secret's data (tls.key: LS0tLS1CRUdJTi...)
        blob = m.group(0)
        try:
            decoded = base64.b64decode(blob[: len(blob) // 4 * 4], validate=False).decode("ascii", "replace")
        except (binascii.Error, ValueError):
            continue
        h = _PRIVATE_KEY.match(decoded)
        if h and _pem_body_is_real(decoded[h.end() : h.end() + 600]):
            out.append((m.start(), m.end(), "base64-encoded private key", h.group(0)))
    return sorted(out)


# -- names of variables that hold a credential ----------------------------------------------
# words (after splitting the name into words) that mark a credential
SECRET_WORDS = {"PASSWORD", "PASSWD", "PASSPHRASE", "SECRET", "TOKEN", "APIKEY", "ACCESSKEY", "PRIVATEKEY", "SECRETKEY", "CREDENTIAL", "CREDENTIALS", "PWD"}
SECRET_PAIRS = {("API", "KEY"), ("ACCESS", "KEY"), ("PRIVATE", "KEY"), ("SECRET", "KEY"), ("CLIENT", "SECRET"), ("AUTH", "KEY"), ("SIGNING", "KEY"), ("ENCRYPTION", "KEY"), ("MASTER", "KEY")}
# a last word that makes the variable *about* a credential rather than the credential
META_WORDS = {
    "FILE", "PATH", "DIR", "DIRECTORY", "NAME", "URL", "URI", "ENDPOINT", "HOST", "PORT", "TTL",
    "EXPIRY", "EXPIRATION", "EXPIRES", "TIMEOUT", "LENGTH", "SIZE", "TYPE", "ENABLED", "ENABLE",
    "DISABLED", "HEADER", "ISSUER", "AUDIENCE", "REF", "FIELD", "PREFIX", "LOCATION", "MOUNT",
    "VERSION", "LIFETIME", "DURATION", "MINUTES", "SECONDS", "HOURS", "DAYS", "COUNT", "MODE",
    "POLICY", "PROVIDER", "STORE", "SOURCE", "FORMAT", "ALGORITHM", "ALG", "ID", "KEYID", "USER",
    "USERNAME", "LOGIN", "REQUIRED", "SECRETNAME", "NAMESPACE", "VAR", "ENV", "KIND", "SCOPE",
    "SCOPES", "LIMIT", "INTERVAL", "REFRESH", "RESET", "COMPLEXITY", "POLICY", "HASH", "SALT",
}
_WORD_SPLIT = re.compile(r"[^A-Za-z0-9]+|(?<=[a-z0-9])(?=[A-Z])")


def name_words(name: str) -> list[str]:
    return [w.upper() for w in _WORD_SPLIT.split(name) if w]


def secret_like_name(name: str) -> bool:
    words = name_words(name)
    if not words or words[-1] in META_WORDS:
        return False
    if len(words) == 1 and words[0] == "PWD":
        return False  # the shell's working directory
    if words[-1] == "SECRET" and any(w in SECRET_WORDS for w in words[:-1]):
        return False  # DB_PASSWORD_SECRET: names the Secret that holds the password
    if any(w in SECRET_WORDS for w in words):
        return True
    return any((a, b) in SECRET_PAIRS for a, b in zip(words, words[1:]))
