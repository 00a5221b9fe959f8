"""Per-container rules: env hygiene (duplicate names, secrets in plain text) and image
tags."""
from __future__ import annotations

import re

from ...lib.common.credentials import scan as scan_credentials
from ...lib.common.credentials import secret_like_name
from ...core.located import LMap, LSeq
from ...core.model import Container
from ...core.registry import check
from ...lib.k8s.kustomize import is_rendered
from ...lib.k8s.podutil import built_at_deploy_matches, image_set_by_tool, is_patch_obj, kustomize_image_names

# -- env: duplicate names ----------------------------------------------------------------


@check("env-duplicate-name", on="container")
def env_duplicate_name(ctx, c: Container) -> None:
    env = c.node.get("env")
    if not isinstance(env, LSeq):
        return
    first: dict[str, LMap] = {}
    for item in env:
        if not isinstance(item, LMap) or not isinstance(item.get("name"), str):
            continue
        name = item["name"]
        prev = first.get(name)
        if prev is None:
            first[name] = item
            continue
        ref = f"$({name})"
        value = item.get("value")
        if "valueFrom" not in item and isinstance(value, str) and value != ref and ref in value:
            continue  # PATH=$(PATH):/x extends the earlier value on purpose (no API warning either)
        same = _env_source(prev) == _env_source(item)
        tail = (
            "both entries set the same value, so one is simply redundant"
            if same
            else "the later entry silently replaces the earlier one, so the value the "
            "earlier entry sets (and anything reading the manifest top-down) is wrong"
        )
        ctx.report(
            item.value_span("name"),
            f"env {name!r} is defined twice in {c.ident} (first at line "
            f"{prev.key_span('name').line}); {tail}. The API server warns that it 'hides previous "
            "definition ... which may be dropped when using apply': `kubectl apply` merges env "
            "entries by name, so edits of either entry behave unpredictably. Keep one entry",
            related=[(c.obj.file, prev.value_span("name"), "first definition")],
            context=f"{c.ident}:env:{name}",
        )


def _env_source(item: LMap) -> str:
    if "valueFrom" in item:
        return "valueFrom:" + repr(item.get("valueFrom"))
    return "value:" + repr(item.get("value"))


# -- env: secrets in plain text ----------------------------------------------------------

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
        )


# -- images ------------------------------------------------------------------------------


def image_reference(image: str) -> tuple[str, str | None, str | None]:
    """(repository, tag or None, digest or None). A ':' in the registry host
    (``localhost:5000/app``) is a port, not a tag."""
    digest = None
    if "@" in image:
        image, digest = image.split("@", 1)
    slash = image.rfind("/")
    last = image[slash + 1 :]
    if ":" in last:
        repo_last, tag = last.split(":", 1)
        return image[: slash + 1] + repo_last, tag, digest
    return image, None, digest


@check("image-mutable-tag", on="container")
def image_mutable_tag(ctx, c: Container) -> None:
    image = c.node.get("image")
    if not isinstance(image, str):
        return
    ref = image.strip()
    if not ref or any(t in ref for t in ("$", "{{", "<", "%")):
        return  # filled in by a template or a script
    repo, tag, digest = image_reference(ref)
    if digest:
        return
    if tag is not None and tag != "latest":
        return
    if is_patch_obj(ctx.model, c.obj):
        return
    if repo in kustomize_image_names(ctx.model) and not is_rendered(c.obj):
        return  # kustomize's `images:` sets the tag at build time (rendered: this is it)
    if built_at_deploy_matches(ctx.model, repo) or image_set_by_tool(ctx.model, c.obj):
        return  # a placeholder: the deploy script sets the real image
    what = "the tag `latest`" if tag == "latest" else "no tag (which means `latest`)"
    ctx.report(
        c.node.value_span("image"),
        f"image {ref!r} of {c.ident} has {what}: every node pulls whatever the tag points to "
        "when the pod is scheduled, so replicas can run different builds, a rollback does not "
        "restore the old code, and `imagePullPolicy` defaults to Always. Pin a version tag or "
        "a digest (name@sha256:...)",
        context=f"{c.ident}:image",
    )
