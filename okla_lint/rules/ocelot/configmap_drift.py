"""configmap-drift: a ConfigMap embeds a file which also lives in the repository (`kubectl create
configmap NAME --from-file=KEY=PATH` in a workflow, or the same key name), and the two copies
differ as data. A value that differs only as an environment endpoint (the ConfigMap names a
Service of the manifests, or the file names a docker-compose service, in a URL, host:port or
host name) is a deliberate per-environment setting, not drift. A file that a docker-compose
service mounts (a bind mount of that very file, or a top-level `configs:` file) is the compose
environment's own configuration: it is not paired with a ConfigMap key by name."""
from __future__ import annotations

import posixpath
import re
from collections.abc import Callable
from typing import Any

from ...core.files import FileUnit
from ...core.located import LMap, LSeq, Span
from ...core.model import K8sObject, RepoModel
from ...core.parse_json import JsonError, load_json
from ...core.parse_yaml import load_documents
from ...core.registry import check
from ...core.source import SourceText, scalar_sub_span
from ...lib.gha.configmaps import from_file_mappings
from ...lib.ocelot.cluster import cluster_namespaces, cluster_service_name


def _plain(v: Any) -> Any:
    if isinstance(v, LMap):
        return {k: _plain(x) for k, x in v.items()}
    if isinstance(v, LSeq):
        return [_plain(x) for x in v]
    return v


# scheme://[userinfo@]host[:port][rest] or host[:port][rest]; the host is a DNS-style name
_ENDPOINT = re.compile(
    r"^(?P<scheme>[A-Za-z][A-Za-z0-9+.-]*://(?:[^@/?#\s]*@)?)?"
    r"(?P<host>[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*)"
    r"(?P<port>:[0-9]{1,5})?(?P<rest>[/?#]\S*)?$"
)
_COMPOSE_FILE = re.compile(r"^(?:docker-)?compose(?:[.-][^/]*)?\.ya?ml$", re.IGNORECASE)


def _endpoint(v: str) -> tuple[str, str, str] | None:
    """(scheme, host, rest) of a URL, host:port or host name, else None."""
    m = _ENDPOINT.match(v)
    if m is None:
        return None
    return (m["scheme"] or "").lower(), m["host"].lower(), m["rest"] or ""


def _service_namespaces(model: RepoModel) -> dict[str, set[str | None]]:
    """Service name (lower case) -> the namespaces of the Services of that name in the
    manifests (None: no namespace written)."""
    out: dict[str, set[str | None]] = {}
    for svc in model.by_kind.get("Service") or []:
        if not isinstance(svc.name, str) or not svc.name:
            continue
        ns = svc.namespace.lower() if isinstance(svc.namespace, str) and svc.namespace else None
        out.setdefault(svc.name.lower(), set()).add(ns)
    return out


def _is_service(model: RepoModel, host: str) -> bool:
    """``host`` is a name a pod reaches a Service of the manifests by (``cluster_service_name``:
    `name`, `name.ns`, `name.ns.svc`, `name.ns.svc.cluster.local`)."""
    parsed = cluster_service_name(host, cluster_namespaces(model))
    if parsed is None:
        return False
    name, ns = parsed
    found = model.index("ocelot.configmap_drift.service_namespaces", lambda: _service_namespaces(model)).get(name, ())
    return bool(found) and (ns is None or ns in found)


def _compose_services(model: RepoModel) -> set[str]:
    """Service names (and container names) defined by the docker-compose files of the repository."""
    names: set[str] = set()
    for unit in model.files:
        if not _COMPOSE_FILE.match(posixpath.basename(unit.rel)):
            continue
        for doc in unit.docs or []:
            services = doc.root.get("services") if isinstance(doc.root, LMap) else None
            if not isinstance(services, LMap):
                continue
            for name, body in services.items():
                if isinstance(name, str):
                    names.add(name.lower())
                cname = body.get("container_name") if isinstance(body, LMap) else None
                if isinstance(cname, str):
                    names.add(cname.lower())
    return names


def _compose_path(compose_rel: str, source: Any) -> str | None:
    """The repository path of a compose host path (`./x`, `../x`, relative to the compose
    file's folder), or None: a named volume, an absolute or home path, or a variable."""
    if not isinstance(source, str) or not source.startswith(("./", "../")) or "$" in source:
        return None
    path = posixpath.normpath(posixpath.join(posixpath.dirname(compose_rel), source))
    return None if path.startswith("../") or path == ".." else path


def _compose_mounted(model: RepoModel) -> set[str]:
    """Repository paths of the files the docker-compose files mount into their services: the
    host path of a bind mount (`- ./prometheus.yml:/etc/prometheus/prometheus.yml[:ro]`, or
    `{type: bind, source: ./prometheus.yml, target: ...}`) and the `file:` of a top-level
    `configs:` entry. A folder mount (`- ./backend/gw:/app`) says nothing about the files in it
    (a development mount of the source) and a path that names no file of the repository is
    left out."""
    mounted: set[str] = set()
    for unit in model.files:
        if not _COMPOSE_FILE.match(posixpath.basename(unit.rel)):
            continue
        for doc in unit.docs or []:
            root = doc.root
            if not isinstance(root, LMap):
                continue
            sources: list[Any] = []
            services = root.get("services")
            for body in services.values() if isinstance(services, LMap) else ():
                volumes = body.get("volumes") if isinstance(body, LMap) else None
                for vol in volumes if isinstance(volumes, LSeq) else ():
                    if isinstance(vol, str):
                        sources.append(vol.split(":", 1)[0] if ":" in vol else None)
                    elif isinstance(vol, LMap) and vol.get("type") == "bind":
                        sources.append(vol.get("source"))
            configs = root.get("configs")
            for body in configs.values() if isinstance(configs, LMap) else ():
                if isinstance(body, LMap):
                    sources.append(body.get("file"))
            for source in sources:
                path = _compose_path(unit.rel, source)
                if path is not None and path in model.by_rel:
                    mounted.add(path)
    return mounted


def _endpoint_pair(model: RepoModel) -> Callable[[Any, Any], bool]:
    """A predicate: (value in the ConfigMap, value in the file) differ only as an environment
    endpoint: both are URLs (or both host:port, or both host names) with the same scheme and
    the same path, and the ConfigMap's host is a Service of the manifests or the file's host
    a docker-compose service. The port may differ with the host (a Service port need not be
    the compose port). Both name sets are built once per model, on first use."""

    def same_but_endpoint(a: Any, b: Any) -> bool:
        if not isinstance(a, str) or not isinstance(b, str):
            return False
        ea, eb = _endpoint(a.strip()), _endpoint(b.strip())
        if ea is None or eb is None or ea[0] != eb[0] or ea[2] != eb[2] or ea[1] == eb[1]:
            return False
        if _is_service(model, ea[1]):
            return True
        return eb[1] in model.index("ocelot.configmap_drift.compose_services", lambda: _compose_services(model))

    return same_but_endpoint


def _first_diff(a: Any, b: Any, path: str = "", skip: Callable[[Any, Any], bool] | None = None) -> tuple[str, Any, Any, Any, Any] | None:
    """(path, container in a, key in a, container in b, key in b) of the first difference;
    a key is None where that side lacks the entry. Two scalars for which `skip(a, b)` holds
    are not a difference."""
    if isinstance(a, LMap) and isinstance(b, LMap):
        for k in a:
            if k not in b:
                return (f"{path}.{k}".lstrip("."), a, k, b, None)
            d = _first_diff(a[k], b[k], f"{path}.{k}", skip)
            if d is not None:
                return d if d[1] is not None else (d[0], a, k, b, k)
        for k in b:
            if k not in a:
                return (f"{path}.{k}".lstrip("."), a, None, b, k)
        return None
    if isinstance(a, LSeq) and isinstance(b, LSeq):
        for i in range(min(len(a), len(b))):
            d = _first_diff(a[i], b[i], f"{path}[{i}]", skip)
            if d is not None:
                return d if d[1] is not None else (d[0], a, i, b, i)
        if len(a) != len(b):
            i = min(len(a), len(b))
            return (f"{path}[{i}]".lstrip("."), a, i if i < len(a) else None, b, i if i < len(b) else None)
        return None
    if type(a) is not type(b) or _plain(a) != _plain(b):
        if skip is not None and skip(a, b):
            return None
        return (path.lstrip(".") or "(document)", None, None, None, None)
    return None


def _span_in(container: Any, key: Any) -> Span | None:
    if container is None:
        return None
    if key is None:
        return container.span
    if isinstance(container, LMap):
        return container.key_span(key)
    if isinstance(container, LSeq):
        return container.item_span(key)
    return None


def _norm_text(t: str) -> str:
    return "\n".join(line.rstrip() for line in t.replace("\r\n", "\n").split("\n")).strip()


@check("configmap-drift", on="repository")
def configmap_drift(ctx, model: RepoModel) -> None:
    cms = model.by_kind.get("ConfigMap") or []
    if not cms:
        return
    mappings = from_file_mappings(model) if model.workflows else {}
    by_base: dict[str, list[FileUnit]] = {}
    for unit in model.files:
        by_base.setdefault(posixpath.basename(unit.rel), []).append(unit)
    for cm in cms:
        data = cm.root.get("data")
        if not isinstance(data, LMap):
            continue
        for key, value in data.items():
            if not isinstance(key, str) or not isinstance(value, str):
                continue
            sources = [(path, wunit, wspan) for k, path, wunit, wspan in mappings.get(cm.name or "", []) if k == key]
            if sources:
                for path, wunit, wspan in sources:
                    rel = path[2:] if path.startswith("./") else path
                    target = model.project_file(rel)
                    if target is not None:
                        _compare(ctx, cm, data, key, value, target, (wunit, wspan, path))
                continue
            # by name: only plain data files (an embedded copy of a manifest or workflow is
            # unusual, and those names are too generic to pair)
            cands = [u for u in by_base.get(key, []) if u is not cm.file and u.kind in ("ocelot", "json", "yaml")]
            # a file a docker-compose service mounts is that environment's configuration
            # (static targets where the cluster's copy discovers pods), not a copy of this one
            if len(cands) == 1 and cands[0].rel not in model.index(
                "ocelot.configmap_drift.compose_mounted", lambda: _compose_mounted(model)
            ):
                _compare(ctx, cm, data, key, value, cands[0], None)


def _yaml_diff(value: str, target: FileUnit, skip: Callable[[Any, Any], bool]):
    """"same" when both YAML streams hold the same data, else the first difference (as
    _first_diff gives it; paths prefixed with the document index when there are several),
    or None when either side is not valid YAML."""
    mine, err = load_documents(SourceText(value))
    if err is not None:
        return None
    theirs = target.docs
    if not theirs:
        if target.src is None:
            return None
        theirs, err = load_documents(target.src)
        if err is not None:
            return None
    a = [d.root for d in mine if d.root is not None]
    b = [d.root for d in theirs if d.root is not None]
    if len(a) != len(b):
        return None
    for i, (x, y) in enumerate(zip(a, b)):
        d = _first_diff(x, y, skip=skip)
        if d is not None:
            return (f"document {i + 1}: {d[0]}" if len(a) > 1 else d[0],) + d[1:]
    return "same"


def _compare(ctx, cm: K8sObject, data: LMap, key: str, value: str, target: FileUnit, via) -> None:
    if target.src is None:
        return
    vspan = data.value_span(key)
    other_text = target.src.text
    where = None
    if key.lower().endswith(".json"):
        try:
            mine = load_json(SourceText(value))
            theirs = target.json if target.json is not None else load_json(target.src)
        except JsonError:
            mine = theirs = None
        if mine is not None and theirs is not None:
            d = _first_diff(mine.root, theirs.root, skip=_endpoint_pair(ctx.model))
            if d is None:
                return
            path, ca, ka, cb, kb = d
            sa = _span_in(ca, ka)
            sb = _span_in(cb, kb)
            span_cm = scalar_sub_span(cm.file, vspan, value, sa.start, sa.end) if sa is not None else data.key_span(key)
            where = (path, span_cm, sb)
    elif key.lower().endswith((".yaml", ".yml")):
        # YAML is compared as data, as JSON is: blank lines, comments, quoting and flow or
        # block style do not change what the application reads
        d = _yaml_diff(value, target, _endpoint_pair(ctx.model))
        if d == "same":
            return
        if d is not None:
            path, ca, ka, cb, kb = d
            sa, sb = _span_in(ca, ka), _span_in(cb, kb)
            span_cm = scalar_sub_span(cm.file, vspan, value, sa.start, sa.end) if sa is not None else data.key_span(key)
            where = (path, span_cm, sb)
    if where is None:
        if _norm_text(value) == _norm_text(other_text):
            return
        where = (None, data.key_span(key), None)
    path, span_cm, span_file = where
    related = [(target, span_file or Span(1, 1, 1, 1), f"{target.rel}, the file in the repository")]
    how = "with the same name"
    if via is not None:
        wunit, wspan, wpath = via
        related.append((wunit, wspan, f"the workflow builds ConfigMap {cm.name!r} from {wpath}"))
        how = f"that the workflow loads with --from-file={key}={wpath}"
    ctx.report(
        span_cm,
        f"ConfigMap {cm.name!r} embeds {key!r}, which differs from {target.rel} {how}"
        + (f" (first difference at {path})" if path else "")
        + ": applying this manifest puts the stale copy back in the cluster (or the next "
        "workflow run silently replaces it), so what runs depends on which was applied last; "
        "generate the ConfigMap from the file (kubectl create configmap --from-file, or a "
        "kustomize configMapGenerator) instead of keeping a second copy",
        file=cm.file,
        related=related,
        context=f"drift:{cm.name}:{key}",
    )
