"""`env-plaintext-secret`: A password, token or API key is written as a literal env value
instead of coming from a Secret.
"""
from __future__ import annotations

import re

from ...lib.common.credentials import scan as scan_credentials
from ...lib.common.credentials import secret_like_name
from ...lib.common.placeholders import only_placeholders
from ...core.located import LMap, LSeq
from ...core.model import Container
from ...core.registry import check


_PLACEHOLDER_WORDS = re.compile(
    r"^(changeme|change[-_ ]?me|change[-_ ]?it|replace[-_ ]?me|replace[-_ ]?this.*|todo|tbd|fixme|"
    r"x{3,}|\*{3,}|\.{3,}|-+|none|null|nil|dummy|placeholder|your[-_ ].*|<.*|redacted)$",
    re.IGNORECASE,
)


# credentials embedded in connection strings: Password=...; pwd=...; redis:6379,password=...
_CONN_PASSWORD = re.compile(r"(?i)(?:^|[;,\s])(?:password|pwd)\s*=\s*([^;,]*)")


# scheme://user:password@host, also with an empty user (redis://:password@host)
_URL_PASSWORD = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*://[^/:@\s]*:([^@/\s]+)@")


def _no_secret(value: str) -> bool:
    """``value`` holds no literal secret: empty, placeholders only (``$(A)$(B)``,
    ``${A}-${B}``, ``#{DB_PASSWORD}#``), a fill-in word, a boolean, a number or a path."""
    v = value.strip()
    if not v or only_placeholders(v) or _PLACEHOLDER_WORDS.match(v):
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
        if _no_secret(value) or _fill_in(name, value) or re.match(r"^https?://", value.strip()) and not _URL_PASSWORD.match(value.strip()):
            return None
        return 0, len(value)
    m = _URL_PASSWORD.match(value)
    if m and not _no_secret(m.group(1)):
        return m.start(1), m.end(1)
    for m in _CONN_PASSWORD.finditer(value):
        pw = m.group(1).strip()
        if pw and not _no_secret(pw) and "$(" not in pw:
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
