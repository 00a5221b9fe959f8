"""`env-plaintext-secret`: A password, token or API key is written as a literal env value
instead of coming from a Secret.
"""
from __future__ import annotations

import re

from ...lib.common.credentials import scan as scan_credentials
from ...lib.common.credentials import secret_like_name
from ...core.located import LMap, LSeq
from ...core.model import Container
from ...core.registry import check


_PLACEHOLDER = re.compile(
    r"^(\$\(([-._a-zA-Z][-._a-zA-Z0-9]*)\)|\$\{[^}]*\}|\$[A-Za-z_][A-Za-z0-9_]*|\{\{.*\}\}|<[^>]*>|%[^%]+%|#\{[^}]*\}|__[A-Za-z0-9_]+__)$",
    re.DOTALL,
)


_PLACEHOLDER_WORDS = re.compile(
    r"^(changeme|change[-_ ]?me|change[-_ ]?it|replace[-_ ]?me|replace[-_ ]?this.*|todo|tbd|fixme|"
    r"x{3,}|\*{3,}|\.{3,}|-+|none|null|nil|dummy|placeholder|your[-_ ].*|<.*|redacted)$",
    re.IGNORECASE,
)


# credentials embedded in connection strings: Password=...; pwd=...; redis:6379,password=...
_CONN_PASSWORD = re.compile(r"(?i)(?:^|[;,\s])(?:password|pwd)\s*=\s*([^;,]*)")


# scheme://user:password@host, also with an empty user (redis://:password@host)
_URL_PASSWORD = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*://[^/:@\s]*:([^@/\s]+)@")


_REFS = re.compile(r"\$\([^)]*\)|\$\{[^}]*\}|\{\{.*?\}\}")


def is_placeholder(value: str) -> bool:
    v = value.strip()
    if not v:
        return True
    if _REFS.search(v) and not any(ch.isalnum() for ch in _REFS.sub("", v)):
        return True  # only references ($(A)$(B), ${A}-${B}): the literal holds no secret
    if _PLACEHOLDER.match(v) or _PLACEHOLDER_WORDS.match(v):
        return True
    low = v.lower()
    if low in ("true", "false", "yes", "no", "on", "off") or v.replace(".", "", 1).isdigit():
        return True
    return v.startswith(("/", "./", "file:", "vault:", "secret:", "secretsmanager:", "arn:", "projects/"))


_FILL_IN = re.compile(r"^(insert|replace|your|enter|put|change|set|fill|add)[-_ ]", re.IGNORECASE)


def _norm(s: str) -> str:
    return re.sub(r"[^A-Z0-9]", "", s.upper())


def _fill_in(name: str, value: str) -> bool:
    """``value`` is a fill-in marker: INSERT_..., YOUR_..., or the variable's own name
    (``GOOGLE_API_KEY: GOOGLE_API_KEY_VAL``) that a script or kustomize replaces."""
    v = value.strip()
    return bool(_FILL_IN.match(v)) or (len(_norm(name)) >= 4 and _norm(name) in _norm(v))


def _plaintext_secret(name: str, value: str) -> tuple[int, int] | None:
    """(start, end) of the literal credential inside ``value``, or None."""
    if secret_like_name(name):
        if is_placeholder(value) or _fill_in(name, value) or re.match(r"^https?://", value.strip()) and not _URL_PASSWORD.match(value.strip()):
            return None
        return 0, len(value)
    m = _URL_PASSWORD.match(value)
    if m and not is_placeholder(m.group(1)):
        return m.start(1), m.end(1)
    for m in _CONN_PASSWORD.finditer(value):
        pw = m.group(1).strip()
        if pw and not is_placeholder(pw) and "$(" not in pw:
            return m.start(1), m.start(1) + len(m.group(1).rstrip())
    return None


@check("env-plaintext-secret", on="container")
def env_plaintext_secret(ctx, c: Container) -> None:
    env = c.node.get("env")
    if not isinstance(env, LSeq):
        return
    for item in env:
        if not isinstance(item, LMap) or not isinstance(item.get("name"), str):
            continue
        value = item.get("value")
        if not isinstance(value, str) or "valueFrom" in item:
            continue
        name = item["name"]
        where = _plaintext_secret(name, value)
        if where is None:
            continue
        if ctx.enabled("hardcoded-credential") and scan_credentials(value[where[0] : where[1]]):
            continue  # a GitHub token, AWS key id or private key: hardcoded-credential owns it
        vspan = item.value_span("value")
        span = ctx.sub_span(vspan, value, *where) if where != (0, len(value)) else vspan
        what = "holds a credential" if where == (0, len(value)) else "embeds a password"
        ctx.report(
            span,
            f"env {name!r} of {c.ident} {what} as a literal value: it is stored in Git, "
            "readable by anyone who can read the workload (`kubectl get -o yaml`, describe, "
            "events) and cannot be rotated without a redeploy. Put it in a Secret and use "
            "valueFrom.secretKeyRef (or $(VAR) of a secret-backed variable)",
            context=f"{c.ident}:env:{name}",
            once=f"env:{name}",
        )
