"""Lint what is applied: render kustomize overlays and map findings back to their sources.

``Renders`` (one per project root) finds the entry points (kustomizations that no other
kustomization includes, those that workflows apply with ``kubectl apply -k`` /
``kustomize build`` / ``kubectl kustomize``, and those that Argo CD Applications and Flux
Kustomizations point at), renders each with ``kustomize build`` or ``kubectl kustomize``
in a thread pool (the work is in the subprocess), and turns the output into a
``FileUnit`` whose objects the engine lints like any file. Every finding on a rendered
object is mapped back (``RenderInfo.map``) to the file and line that wrote it:

- the ``config.kubernetes.io/origin`` annotation (``buildMetadata: [originAnnotations]``,
  requested through a temporary wrapper kustomization in the project when the user's file
  lacks it, and stripped before rules see the objects) names the file of each object;
- the field is looked up at the same path in that file's object (list items matched by
  their merge key: ``name``, ``containerPort``...), and a value that is not there (or
  differs) is looked for in the patches of the overlay chain (strategic-merge and JSON
  6902, in files or inline) and in the kustomization fields that change objects
  (``images``, ``namePrefix``/``nameSuffix``, ``namespace``, ``replicas``, labels,
  generators).

Rendering is offline: kustomizations that name remote resources (URLs, git refs) or Helm
charts are reported as not rendered and never given to kustomize; kustomize runs with
proxies removed from its environment, git prompts and protocols disabled, no plugins, and
a timeout. Nothing is left in the project: the wrapper folder is removed whatever happens.

Results are cached in memory by the content of every file the overlay reads.
"""
from __future__ import annotations

import hashlib
import json
import os
import posixpath
import re
import shutil
import subprocess
import tempfile
import threading
import time
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator


from . import files as F
from .files import FileUnit, display_path
from .finding import Related
from .located import LMap, LSeq, Span
from .source import ReadError, SourceText, locate_in_scalar, read_text

KUSTOMIZATION_NAMES = F.KUSTOMIZATION_FILES
RENDER_DIR_PREFIX = ".okla-lint-render-"
ORIGIN = "config.kubernetes.io/origin"
# the suppression annotation (post/suppressions.py reads it on source files; a rendered
# object is judged here, before its finding is mapped to a source line)
IGNORE_ANNOTATION = "okla-lint.io/ignore"
# FileUnit attribute: (line, col, rule) of the annotations of this source file that
# suppressed a finding of a rendered object
RENDER_SUPPRESSED = "render_suppressed"
TRANSFORMATIONS = "alpha.config.kubernetes.io/transformations"
TIMEOUT = 120.0  # generous: a loaded CI machine is slow, a hung kustomize is rare
BUILD_FAILED = "kustomize-build-failed"
# list items are matched by these keys (strategic merge keys of the core types), in order
MERGE_KEYS = ("name", "containerPort", "port", "mountPath", "devicePath", "ip", "key", "type", "topologyKey")
_PROXY_VARS = {"http_proxy", "https_proxy", "all_proxy", "ftp_proxy", "no_proxy", "grpc_proxy"}
_REMOTE = re.compile(r"^(?:[a-z][a-z0-9+.-]*://|git@|git::|gh:|(?:github|gitlab|bitbucket)\.(?:com|org)/)|\?ref=|\.git(?://|$)", re.I)

_CACHE: dict[str, tuple[str | None, str | None]] = {}  # key -> (output, error)
_CACHE_LOCK = threading.Lock()


# -- the tool -------------------------------------------------------------------------------
def find_tool() -> list[str] | None:
    """``kustomize build`` when that binary is on PATH, else ``kubectl kustomize``."""
    k = shutil.which("kustomize")
    if k:
        return [k, "build"]
    kc = shutil.which("kubectl")
    if kc:
        return [kc, "kustomize"]
    return None


def tool_id(tool: list[str]) -> str:
    try:
        st = os.stat(tool[0])
        return f"{tool}:{st.st_size}:{st.st_mtime_ns}"
    except OSError:
        return str(tool)


def offline_env() -> dict[str, str]:
    """The environment kustomize runs with: no proxy, no git prompts or protocols."""
    env = {k: v for k, v in os.environ.items() if k.lower() not in _PROXY_VARS}
    env.update(
        GIT_TERMINAL_PROMPT="0",
        GIT_ALLOW_PROTOCOL="file",
        GIT_CONFIG_NOSYSTEM="1",
        KUSTOMIZE_PLUGIN_HOME=os.devnull,
    )
    return env


# -- kustomizations as kustomize reads them (from disk, so rendering can start early) -------
def kustomization_file(d: Path) -> Path | None:
    for n in KUSTOMIZATION_NAMES:
        p = d / n
        if p.is_file():
            return p
    return None


def is_remote(entry: str) -> bool:
    return bool(_REMOTE.search(entry.strip()))


def _load(path: Path) -> dict | None:
    import yaml  # lazy: PyYAML's import is a tenth of a warm run, which reads no YAML

    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8", errors="replace"))
    except (OSError, yaml.YAMLError, RecursionError):
        return None
    return data if isinstance(data, dict) else None


def _strs(v: Any) -> list[str]:
    return [x for x in v if isinstance(x, str)] if isinstance(v, list) else ([v] if isinstance(v, str) else [])


def refs(data: dict) -> Iterator[tuple[str, str]]:
    """(what, path) for every path a kustomization names: ``res`` (a resource file or a
    kustomization folder) or ``file`` (patches, generator inputs, configurations)."""
    for f in ("resources", "bases", "components", "crds"):
        for v in _strs(data.get(f)):
            yield "res", v
    for f in ("transformers", "generators", "validators"):
        for v in _strs(data.get(f)):
            if "\n" not in v:
                yield "res", v
    for v in _strs(data.get("patchesStrategicMerge")) + _strs(data.get("configurations")):
        if "\n" not in v:
            yield "file", v
    for f in ("patches", "patchesJson6902", "replacements"):
        for item in data.get(f) or [] if isinstance(data.get(f), list) else []:
            if isinstance(item, dict) and isinstance(item.get("path"), str):
                yield "file", item["path"]
            elif isinstance(item, str) and "\n" not in item:
                yield "file", item
    for f in ("configMapGenerator", "secretGenerator"):
        for g in data.get(f) or [] if isinstance(data.get(f), list) else []:
            if not isinstance(g, dict):
                continue
            for v in _strs(g.get("files")):
                yield "input", v.split("=", 1)[1] if "=" in v else v
            for v in _strs(g.get("envs")) + _strs(g.get("env")):
                yield "input", v
    oa = data.get("openapi")
    if isinstance(oa, dict) and isinstance(oa.get("path"), str):
        yield "file", oa["path"]


@dataclass
class Closure:
    """What rendering one kustomization reads."""

    dirs: list[Path] = field(default_factory=list)  # kustomization folders, the entry first
    files: set[Path] = field(default_factory=set)  # every file read (the cache key)
    named: set[Path] = field(default_factory=set)  # files the kustomizations name (not linted raw)
    remote: list[str] = field(default_factory=list)  # why it cannot be rendered offline


def closure(entry: Path) -> Closure:
    out = Closure()
    todo = [entry]
    seen: set[Path] = set()
    while todo:
        d = todo.pop(0)
        try:
            d = d.resolve()
        except (OSError, RuntimeError):
            continue
        if d in seen:
            continue
        seen.add(d)
        kf = kustomization_file(d)
        if kf is None:
            continue
        out.dirs.append(d)
        out.files.add(kf)
        out.named.add(kf)
        data = _load(kf)
        if data is None:
            continue
        for f in ("helmCharts", "helmChartInflationGenerator", "helmGlobals"):
            if data.get(f):
                out.remote.append(f"`{f}` needs Helm and chart downloads")
        if (d / "Chart.yaml").is_file():
            # a Helm chart post-rendered by kustomize (an Argo CD plugin, `helm template |`):
            # its resources exist only once the chart is rendered
            out.remote.append("the folder is a Helm chart (its resources come from `helm template`)")
        for what, v in refs(data):
            if is_remote(v):
                out.remote.append(f"remote resource {v!r}")
                continue
            p = d / v
            first = v.strip().split("/", 1)[0]
            if (what == "res" and not p.exists() and "/" in v.strip() and "." in first.strip(".")
                    and not first.lower().endswith((".yaml", ".yml", ".json"))):
                # kustomize reads a resource it cannot find locally as a repository URL
                # ("example.org/team/base"): never let it try
                out.remote.append(f"remote resource {v!r}")
                continue
            if p.is_dir():
                if what == "res":
                    todo.append(p)
            elif p.is_file():
                out.files.add(p)
                try:
                    out.named.add(p.resolve())
                except (OSError, RuntimeError):
                    pass
            elif what == "input":
                # a generator's input that is not in the repository: usually made at deploy
                # time (an `.env` that azd or a pipeline writes, a secret kept out of Git)
                out.remote.append(f"{v!r}, an input of a generator, is not in the repository (made at deploy time?)")
        # kustomize reads only what is named, but a folder's files are cheap to hash and
        # catch what we do not model (e.g. a KRM function's config)
        try:
            for e in os.scandir(d):
                if e.is_file() and e.name.lower().endswith((".yaml", ".yml", ".json", ".env", ".properties")):
                    out.files.add(Path(e.path))
        except OSError:
            pass
    return out


def _has_origin(data: dict | None) -> bool:
    bm = (data or {}).get("buildMetadata")
    return isinstance(bm, list) and "originAnnotations" in bm


# -- running kustomize ----------------------------------------------------------------------
def _clean_error(text: str, root: Path, tmp: Path | None) -> str:
    m = re.search(r'err="(.*)"\s*$', text.strip().splitlines()[-1] if text.strip() else "")
    if m:
        msg = m.group(1).replace('\\"', '"').replace("\\\\", "\\")
    else:
        lines = [ln for ln in text.strip().splitlines() if ln.strip()]
        msg = lines[-1] if lines else "kustomize failed"
        msg = re.sub(r"^Error:\s*", "", msg)
    for p in ([tmp] if tmp else []) + [root]:
        for s in {str(p), str(p.resolve())}:
            msg = msg.replace(s + os.sep, "").replace(s, ".")
    return msg.strip()


_MARKER = "# written by okla-lint to request origin annotations; removed after the build\n"


def remove_stale_wrappers(folder: Path, older_than: float) -> None:
    """Remove wrapper folders a killed run left behind (SIGKILL/SIGTERM skip ``finally``):
    only ours (the name, and nothing in them but our kustomization with our marker), and
    only when older than any render can take."""
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return
    for e in entries:
        if not e.name.startswith(RENDER_DIR_PREFIX) or not e.is_dir(follow_symlinks=False):
            continue
        try:
            if time.time() - e.stat(follow_symlinks=False).st_mtime < older_than:
                continue
            names = os.listdir(e.path)
            k = Path(e.path) / "kustomization.yaml"
            if names == ["kustomization.yaml"] and not k.is_symlink() and k.read_text(encoding="utf-8").startswith(_MARKER):
                shutil.rmtree(e.path, ignore_errors=True)
        except OSError:
            continue


class Unrendered(str):
    """Why an overlay was not rendered when kustomize itself did not judge it (a timeout, a
    read-only project): a note, not a kustomize-build-failed finding."""


def run_kustomize(tool: list[str], root: Path, entry: Path, timeout: float = TIMEOUT) -> tuple[str | None, str | None, str]:
    """Render ``entry`` (a folder with a kustomization). Returns (output, error, the folder
    origin paths are relative to, project-relative). The wrapper folder, when one is
    needed, is created in ``root`` and removed before returning, also on errors."""
    data = _load(kustomization_file(entry) or entry)
    tmp: Path | None = None
    try:
        if _has_origin(data):
            target, base = entry, entry
        else:
            # inside the project (kustomize's paths stay relative), except for a kustomization
            # at the project root: a wrapper inside the folder it includes is a cycle for
            # kustomize, so that one goes to the system's temporary folder
            where = None if entry.resolve() == root.resolve() else root
            remove_stale_wrappers(Path(where or tempfile.gettempdir()), 2 * timeout + 60)
            try:
                tmp = Path(tempfile.mkdtemp(prefix=RENDER_DIR_PREFIX, dir=where))
            except OSError as exc:
                return None, Unrendered(f"the temporary wrapper kustomization cannot be created in {root}: {exc.strerror or exc}"), ""
            rel = os.path.relpath(entry, tmp).replace(os.sep, "/")
            (tmp / "kustomization.yaml").write_text(
                _MARKER + f"resources:\n- {json_str(rel)}\nbuildMetadata: [originAnnotations]\n",
                encoding="utf-8",
            )
            target, base = tmp, tmp
        try:
            proc = subprocess.run(
                tool + [str(target)],
                cwd=str(root),
                env=offline_env(),
                stdin=subprocess.DEVNULL,
                capture_output=True,
                timeout=timeout,
            )
        except subprocess.TimeoutExpired:
            return None, Unrendered(f"kustomize did not finish within {timeout:g} s"), ""
        except OSError as exc:
            return None, Unrendered(f"{tool[0]} cannot be run: {exc.strerror or exc}"), ""
        base_rel = os.path.relpath(base, root).replace(os.sep, "/")
        if proc.returncode != 0 and tmp is not None:
            # kustomize's message through the wrapper is wrapped in another one: build the
            # overlay itself for the message its author would see
            try:
                proc = subprocess.run(
                    tool + [str(entry)], cwd=str(root), env=offline_env(), stdin=subprocess.DEVNULL,
                    capture_output=True, timeout=timeout,
                )
            except subprocess.TimeoutExpired:
                return None, Unrendered(f"kustomize did not finish within {timeout:g} s"), ""
            except OSError as exc:
                return None, Unrendered(f"{tool[0]} cannot be run: {exc.strerror or exc}"), ""
            if proc.returncode == 0:
                return None, Unrendered("kustomize builds it, but not through a wrapper kustomization that includes it (origins unknown)"), base_rel
        if proc.returncode != 0:
            return None, _clean_error(proc.stderr.decode("utf-8", "replace"), root, tmp), base_rel
        return proc.stdout.decode("utf-8", "replace"), None, base_rel
    finally:
        if tmp is not None:
            shutil.rmtree(tmp, ignore_errors=True)


def json_str(s: str) -> str:
    return json.dumps(s)


# -- locating inside trees --------------------------------------------------------------------
def _contains(s: Span, line: int, col: int) -> bool:
    return (s.line, s.col) <= (line, col) < (s.end_line, s.end_col) or (s.line, s.col) == (line, col)


def _index(node: Any, path: tuple, out: dict) -> None:
    if isinstance(node, LMap):
        for k, v in node.items():
            ks = node.kspans.get(k)
            if ks is not None:
                out.setdefault((ks.line, ks.col, ks.end_line, ks.end_col), (path + (k,), "key"))
            vs = node.vspans.get(k)
            if vs is not None:
                out.setdefault((vs.line, vs.col, vs.end_line, vs.end_col), (path + (k,), "value"))
            _index(v, path + (k,), out)
    elif isinstance(node, LSeq):
        for i, v in enumerate(node):
            s = node.item_span(i)
            out.setdefault((s.line, s.col, s.end_line, s.end_col), (path + (i,), "value"))
            _index(v, path + (i,), out)


def _descend(node: Any, line: int, col: int, path: tuple = ()) -> tuple[tuple, str, Span | None, Any]:
    """The deepest node at (line, col): (path, 'key'|'value', its span, its value)."""
    if isinstance(node, LMap):
        for k, v in node.items():
            ks = node.kspans.get(k)
            if ks is not None and _contains(ks, line, col):
                return path + (k,), "key", ks, k
            vs = node.vspans.get(k)
            if vs is not None and _contains(vs, line, col):
                if isinstance(v, (LMap, LSeq)):
                    return _descend(v, line, col, path + (k,))
                return path + (k,), "value", vs, v
    elif isinstance(node, LSeq):
        for i, v in enumerate(node):
            s = node.item_span(i)
            if _contains(s, line, col):
                if isinstance(v, (LMap, LSeq)):
                    return _descend(v, line, col, path + (i,))
                return path + (i,), "value", s, v
    return path, "value", None, node


def _get(node: Any, path: tuple) -> Any:
    for p in path:
        if isinstance(node, dict) and p in node:
            node = node[p]
        elif isinstance(node, list) and isinstance(p, int) and 0 <= p < len(node):
            node = node[p]
        else:
            return None
    return node


def _match_item(src: LSeq, ritem: Any, index: int, rlen: int) -> int | None:
    if isinstance(ritem, dict):
        for mk in MERGE_KEYS:
            if mk in ritem and not isinstance(ritem[mk], (dict, list)):
                for j, it in enumerate(src):
                    if isinstance(it, dict) and it.get(mk) == ritem[mk]:
                        return j
                return None
        return index if len(src) == rlen and index < len(src) else None
    if isinstance(ritem, list):
        return index if len(src) == rlen and index < len(src) else None
    for j, it in enumerate(src):
        if it == ritem:
            return j
    return None


def follow(src: Any, rendered: Any, path: tuple) -> list[tuple[Any, Any]]:
    """Walk ``path`` (of the rendered tree) in ``src``: the (container, key/index) pairs
    that exist, as far as the source goes."""
    out = []
    r, s = rendered, src
    for step in path:
        if isinstance(step, int):
            if not isinstance(s, LSeq) or not isinstance(r, list) or step >= len(r):
                break
            j = _match_item(s, r[step], step, len(r))
            if j is None:
                break
            out.append((s, j))
            r, s = r[step], s[j]
        else:
            if not isinstance(s, LMap) or step not in s:
                break
            out.append((s, step))
            r = r.get(step) if isinstance(r, dict) else None
            s = s[step]
    return out


def _span_of(container: Any, key: Any, kind: str) -> Span:
    if isinstance(container, LMap):
        return container.key_span(key) if kind == "key" else container.value_span(key)
    return container.item_span(key)


@dataclass
class Located:
    """A tree in a file; ``fix`` turns its spans into spans of ``unit`` (inline patches are
    parsed from the block scalar that holds them)."""

    unit: FileUnit
    root: Any
    line_offset: int = 0
    col_offset: int = 0
    flat: Span | None = None  # set when inner positions cannot be mapped: use this span

    def fix(self, s: Span) -> Span:
        if self.flat is not None:
            return self.flat
        if not (self.line_offset or self.col_offset):
            return s
        return Span(s.line + self.line_offset, s.col + self.col_offset, s.end_line + self.line_offset, s.end_col + self.col_offset)


def _inline(unit: FileUnit, text: str, span: Span) -> list[Located]:
    from .parse_yaml import load_documents  # lazy: PyYAML's import is a tenth of a warm run, which reads no YAML

    src = SourceText(text)

    docs, _ = load_documents(src)
    out = []
    if span.style in ("|", ">") and unit.src is not None:
        # content starts on the line after the indicator, indented like its first line
        indent = 0
        for ln in range(span.line + 1, span.end_line + 1):
            t = unit.src.line_text(ln)
            if t.strip():
                indent = len(t) - len(t.lstrip(" "))
                break
        # line l of the text is source line span.line + l
        for d in docs:
            out.append(Located(unit, d.root, span.line, indent))
    else:
        for d in docs:
            out.append(Located(unit, d.root, flat=span))
    return out


# -- one rendered overlay -------------------------------------------------------------------
@dataclass
class DocInfo:
    root: LMap
    span: Span
    index: dict  # span tuple -> (path, kind)
    origin: Located | None = None  # the object in its source file
    generator: tuple[FileUnit, LMap] | None = None  # (kustomization, generator entry)
    src_name: str | None = None
    # the origin names a file that is not part of the run (excluded, outside the project):
    # findings there are dropped unless a patch or transformer of the project made the value
    unseen: bool = False


@dataclass
class Patch:
    where: LMap  # the kustomization's entry (for the target)
    docs: list[Located]


@dataclass
class Layer:
    """A kustomization of the chain, as parsed by the engine (with positions)."""

    unit: FileUnit
    root: LMap
    patches: list[Patch] = field(default_factory=list)


class RenderInfo:
    """Set on the ``FileUnit`` of a rendered overlay as ``unit.render``."""

    def __init__(self, renders: "Renders", overlay: str, kunit: FileUnit, docs: list[DocInfo], layers: list[Layer]):
        self.renders = renders
        self.overlay = overlay  # project-relative folder of the entry kustomization
        self.kunit = kunit
        self.docs = docs
        self.layers = layers

    # -- what the engine calls ------------------------------------------------------------
    def locate(self, engine: Any, rendered: FileUnit, span: Span, message: str,
               rule: str | None = None) -> tuple[FileUnit | None, Span, str]:
        """(source unit, span, message) of a finding on the rendered text; the unit is None
        when the source is not part of the run, or when the rendered object's
        `okla-lint.io/ignore` annotation names ``rule`` (see ``suppressed``)."""
        if rule is not None and self.suppressed(engine, span, rule):
            return None, span, message
        try:
            got = self.map(rendered, span)
        except Exception:  # a mapping bug must not lose the finding: the overlay's kustomization
            got = self.fallback()
        if got is None:
            return None, span, message
        unit, s = got
        if message:
            message = self._fix_lines(engine, rendered, unit, message)
            message = message.replace(rendered.rel, f"overlay {self.overlay or '.'}")
        return unit, s, message

    def suppressed(self, engine: Any, span: Span, rule: str) -> bool:
        """The `okla-lint.io/ignore` annotation of the rendered object (or of its pod
        template, for a finding inside the template) names ``rule``: the object the cluster
        receives carries it, wherever the annotation was written (the base, a patch,
        `commonAnnotations`) and wherever the finding is mapped (an overlay's
        `images:` line). The annotation written in a source file is marked used there
        (``RENDER_SUPPRESSED`` on that file's unit), so it is not reported unused."""
        if engine.settings.no_ignores:
            return False
        d = self._doc(span.line)
        if d is None:
            return False
        holders = [("metadata",)]
        tmpl = _get(d.root, ("spec", "template"))
        if isinstance(tmpl, LMap) and tmpl.span.line <= span.line <= tmpl.span.end_line:
            holders.append(("spec", "template", "metadata"))
        if _get(d.root, ("kind",)) == "CronJob":
            tmpl = _get(d.root, ("spec", "jobTemplate", "spec", "template"))
            if isinstance(tmpl, LMap) and tmpl.span.line <= span.line <= tmpl.span.end_line:
                holders.append(("spec", "jobTemplate", "spec", "template", "metadata"))
        for path in holders:
            value = _get(d.root, path + ("annotations", IGNORE_ANNOTATION))
            if isinstance(value, str) and rule in re.findall(r"[^,\s]+", value):
                if d.origin is not None:
                    got = follow(d.origin.root, d.root, path + ("annotations", IGNORE_ANNOTATION))
                    if len(got) == len(path) + 2:
                        cont, key = got[-1]
                        where = d.origin.fix(cont.value_span(key))
                        used = d.origin.unit.__dict__.setdefault(RENDER_SUPPRESSED, set())
                        used.add((where.line, where.col, rule))
                return True
        return False

    def _fix_lines(self, engine: Any, rendered: FileUnit, unit: FileUnit, message: str) -> str:
        """``(line N)`` in a message names a line of the rendered text: name the source."""
        def sub(m: re.Match) -> str:
            n = int(m.group(2))
            text = rendered.src.line_text(n) if rendered.src is not None else ""
            col = len(text) - len(text.lstrip(" -")) + 1
            got = self.map(rendered, Span(n, col, n, col + 1))
            if got is None:
                return m.group(0)
            u, s = got
            where = "" if u is unit else f"{engine.display(u)} "
            return f"{m.group(1)}{where}line {s.line}"
        return re.sub(r"(\(|\bat )line (\d+)", sub, message)

    def shown(self, engine: Any) -> str:
        p = self.renders.root / self.overlay if self.overlay else self.renders.root

        return display_path(p)

    def claim(self, engine: Any, finding: Any) -> bool:
        """Name the overlay in the message; the same source defect from several overlays is
        one finding (the first), the other overlays its related locations."""
        seen = engine.__dict__.setdefault("_overlay_findings", {})
        key = (finding.rule, finding.path, finding.line, finding.col, finding.end_line, finding.end_col)
        shown = self.shown(engine)
        prev = seen.get(key)
        if prev is None:
            seen[key] = (finding, finding.message, [shown])
            finding.message = f"{finding.message} (in overlay {shown})"
            return True
        first, base, overlays = prev
        if shown in overlays:
            return False
        overlays.append(shown)
        if len(overlays) <= 3:
            names = ", ".join(overlays[:-1]) + f" and {overlays[-1]}"
        else:  # all of them are related locations
            names = ", ".join(overlays[:2]) + f" and {len(overlays) - 2} more"
        first.message = f"{base} (in overlays {names})"
        _, s = self.fallback()
        first.related.append(Related(engine.display(self.kunit), s.line, s.col, f"the same in overlay {shown}"))
        return False

    # -- mapping a position -------------------------------------------------------------
    def _doc(self, line: int) -> DocInfo | None:
        for d in self.docs:
            if d.span.line <= line <= d.span.end_line:
                return d
        return None

    def map(self, rendered: FileUnit, span: Span) -> tuple[FileUnit, Span] | None:
        """The source (file, span) of a span of the rendered text; None when the source
        is not part of the run (an excluded file)."""
        d = self._doc(span.line)
        if d is None:
            return self.fallback()
        hit = d.index.get((span.line, span.col, span.end_line, span.end_col))
        offset = None
        if hit is not None:
            path, kind = hit
        else:
            path, kind, vspan, value = _descend(d.root, span.line, span.col)
            if kind == "value" and isinstance(value, str) and vspan is not None and rendered.src is not None:
                offset = _offset_in(rendered.src, vspan, value, span.line, span.col)
        return self._source(d, path, kind, offset, span)

    def fallback(self) -> tuple[FileUnit, Span]:
        root = self.kunit.docs[0].root if self.kunit.docs else None
        if isinstance(root, LMap) and root:
            k = next(iter(root))
            return self.kunit, root.key_span(k)
        return self.kunit, Span(1, 1, 1, 1)

    def _source(self, d: DocInfo, path: tuple, kind: str, offset: int | None, rspan: Span):
        rvalue = _get(d.root, path)
        best: tuple[FileUnit, Span] | None = None
        if d.origin is not None:
            got = follow(d.origin.root, d.root, path)
            if len(got) == len(path) and path:
                cont, key = got[-1]
                svalue = cont[key]
                same = isinstance(svalue, (LMap, LSeq)) or kind == "key" or svalue == rvalue
                if same:
                    return d.origin.unit, self._point(d.origin, cont, key, kind, offset, rvalue, rspan)
            if got:
                cont, key = got[-1]
                best = d.origin.unit, d.origin.fix(_span_of(cont, key, "key" if isinstance(cont, LMap) else "value"))
            elif not path:
                best = d.origin.unit, d.origin.fix(d.origin.root.span)
        intro = self._introducer(d, path, kind, offset, rvalue, rspan)
        if intro is not None:
            return intro
        if d.unseen:
            return None
        if best is not None:
            return best
        if d.origin is not None:
            r = d.origin.root
            k = next(iter(r), None) if isinstance(r, LMap) else None
            return d.origin.unit, d.origin.fix(r.key_span(k) if k is not None else r.span)
        if d.generator is not None:
            gu, entry = d.generator
            return gu, entry.value_span("name") if "name" in entry else entry.span
        return self.fallback()

    def _point(self, loc: Located, cont: Any, key: Any, kind: str, offset: int | None, value: Any, rspan: Span) -> Span:
        s = _span_of(cont, key, kind)
        if offset is not None and isinstance(value, str) and loc.unit.src is not None and loc.flat is None and not (loc.line_offset or loc.col_offset):
            l1, c1 = locate_in_scalar(loc.unit.src, s, value, offset)
            width = max(1, rspan.end_col - rspan.col) if rspan.line == rspan.end_line else 1
            l2, c2 = locate_in_scalar(loc.unit.src, s, value, min(len(value), offset + width) - 1)
            return Span(l1, c1, l2, c2 + 1)
        return loc.fix(s)

    def _introducer(self, d: DocInfo, path: tuple, kind: str, offset, rvalue: Any, rspan: Span):
        kind_name = d.root.get("kind")
        rname = _get(d.root, ("metadata", "name"))
        # patches, the outermost overlay first (it is applied last)
        for layer in self.layers:
            for patch in layer.patches:
                target = patch.where.get("target") if isinstance(patch.where, LMap) else None
                if isinstance(target, LMap):
                    if isinstance(target.get("kind"), str) and target["kind"] != kind_name:
                        continue
                    tn = target.get("name")
                    if isinstance(tn, str) and not re.search(r"[\\^$*+?()\[\]|]", tn) and not _name_matches(tn, rname, d.src_name):
                        continue
                for loc in patch.docs:
                    hit = self._in_patch(d, loc, path, kind, offset, rvalue, rspan, target)
                    if hit is not None:
                        return hit
        # transformers
        tail = path[-1] if path else None
        for layer in self.layers:
            k = layer.root
            u = layer.unit
            if path == ("metadata", "name"):
                # the prefix or suffix first (what a whole overlay adds), then the generator
                for f in ("namePrefix", "nameSuffix"):
                    if isinstance(k.get(f), str) and k[f] and k[f] in str(rvalue):
                        return u, k.value_span(f)
            if path == ("metadata", "namespace") and "namespace" in k:
                return u, k.value_span("namespace")
            if tail == "image" and "containers" in str(path) or tail == "image" and "initContainers" in str(path):
                hit = _image_entry(k, rvalue, self._source_value(d, path))
                if hit is not None:
                    return u, hit
            if path == ("spec", "replicas") and isinstance(k.get("replicas"), LSeq):
                for it in k["replicas"]:
                    if isinstance(it, LMap) and _name_matches(it.get("name"), rname, d.src_name):
                        return u, it.value_span("count") if "count" in it else it.span
            if len(path) >= 2 and isinstance(tail, str) and path[-2] in ("labels", "matchLabels", "selector", "annotations"):
                fields = ("commonAnnotations",) if path[-2] == "annotations" else ("commonLabels",)
                for f in fields:
                    m = k.get(f)
                    if isinstance(m, LMap) and tail in m:
                        return u, m.key_span(tail) if kind == "key" else m.value_span(tail)
                if path[-2] != "annotations" and isinstance(k.get("labels"), LSeq):
                    for it in k["labels"]:
                        pairs = it.get("pairs") if isinstance(it, LMap) else None
                        if isinstance(pairs, LMap) and tail in pairs:
                            return u, pairs.key_span(tail) if kind == "key" else pairs.value_span(tail)
        if d.generator is not None:
            gu, entry = d.generator
            if len(path) >= 2 and path[0] in ("data", "stringData", "binaryData"):
                key = path[1]
                for f in ("literals", "files", "envs", "env"):
                    seq = entry.get(f)
                    if isinstance(seq, LSeq):
                        for i, it in enumerate(seq):
                            if isinstance(it, str) and (it.split("=", 1)[0].strip() == key or posixpath.basename(it) == key):
                                return gu, seq.item_span(i)
                    elif isinstance(seq, str):
                        return gu, entry.value_span(f)
            return gu, entry.value_span("name") if "name" in entry else entry.span
        return None

    def _source_value(self, d: DocInfo, path: tuple) -> Any:
        if d.origin is None:
            return None
        got = follow(d.origin.root, d.root, path)
        if len(got) == len(path) and path:
            c, k = got[-1]
            return c[k]
        return None

    def _in_patch(self, d: DocInfo, loc: Located, path, kind, offset, rvalue, rspan, target):
        root = loc.root
        if isinstance(root, LMap):  # strategic merge
            pk = root.get("kind")
            if isinstance(pk, str) and pk != d.root.get("kind"):
                return None
            pn = _get(root, ("metadata", "name"))
            if target is None and isinstance(pn, str) and not _name_matches(pn, _get(d.root, ("metadata", "name")), d.src_name):
                return None
            got = follow(root, d.root, path)
            if len(got) == len(path) and path:
                cont, key = got[-1]
                sv = cont[key]
                if isinstance(sv, (LMap, LSeq)) or kind == "key" or sv == rvalue:
                    return loc.unit, self._point(loc, cont, key, kind, offset, rvalue, rspan)
            return None
        if isinstance(root, LSeq):  # JSON 6902 operations
            for op in root:
                if not isinstance(op, LMap) or op.get("op") not in ("add", "replace", "copy", "move"):
                    continue
                p = op.get("path")
                if not isinstance(p, str):
                    continue
                comps = [c.replace("~1", "/").replace("~0", "~") for c in p.split("/")[1:]] if p.startswith("/") else []
                if len(comps) > len(path):
                    continue
                if not all(
                    (isinstance(step, int) and (c == "-" or c == str(step))) or (not isinstance(step, int) and c == str(step))
                    for c, step in zip(comps, path)
                ):
                    continue
                if op.get("op") in ("copy", "move") or "value" not in op:
                    return loc.unit, loc.fix(op.value_span("path"))
                rest = tuple(path[len(comps):])
                if not rest:
                    if kind == "key" and comps:
                        # the key the operation adds: its name in `path`
                        return loc.unit, self._in_pointer(loc, op, p)
                    return loc.unit, loc.fix(op.value_span("value"))
                got = follow(op["value"], _get(d.root, tuple(path[: len(comps)])), rest)
                if len(got) == len(rest):
                    cont, key = got[-1]
                    return loc.unit, self._point(loc, cont, key, kind, offset, rvalue, rspan)
                return loc.unit, loc.fix(op.value_span("value"))
        return None


    @staticmethod
    def _in_pointer(loc: Located, op: LMap, pointer: str) -> Span:
        """The span of the last component of a JSON pointer written as ``path:``."""
        ps = op.value_span("path")
        start = pointer.rfind("/") + 1
        if loc.flat is not None or ps.line != ps.end_line or ps.style not in ("", '"', "'"):
            return loc.fix(ps)
        q = 0 if ps.style == "" else 1
        s = Span(ps.line, ps.col + q + start, ps.line, ps.col + q + len(pointer))
        return loc.fix(s)


def _name_matches(pattern: Any, rendered: Any, source: Any) -> bool:
    if not isinstance(pattern, str):
        return False
    return pattern == source or pattern == rendered or (isinstance(rendered, str) and pattern in rendered)


def _image_entry(k: LMap, rendered: Any, source: Any) -> Span | None:
    imgs = k.get("images")
    if not isinstance(imgs, LSeq) or not isinstance(rendered, str):
        return None
    src_name = _image_name(source) if isinstance(source, str) else None
    for it in imgs:
        if not isinstance(it, LMap):
            continue
        name = it.get("name")
        new_name = it.get("newName")
        if name == src_name or (isinstance(new_name, str) and _image_name(rendered) == new_name) or name == _image_name(rendered):
            for f in ("digest", "newTag", "newName"):
                if f in it:
                    return it.value_span(f)
            return it.span
    return None


def _image_name(image: str) -> str:
    image = image.split("@", 1)[0]
    slash = image.rfind("/")
    colon = image.rfind(":")
    return image[:colon] if colon > slash else image


def _offset_in(src: SourceText, vspan: Span, value: str, line: int, col: int) -> int | None:
    if len(value) > 4000:
        return None
    for off in range(len(value)):
        if locate_in_scalar(src, vspan, value, off) == (line, col):
            return off
    return None


# -- the set of renders of one project ------------------------------------------------------
@dataclass
class Outcome:
    entry: str  # project-relative folder
    output: str | None = None
    error: str | None = None
    base: str = ""  # folder origin paths are relative to
    remote: list[str] = field(default_factory=list)
    closure: Closure | None = None


class Renders:
    """Rendering for one project root: started early (``start``), completed with the
    entry points only the model knows (``finish``)."""

    _pool: ThreadPoolExecutor | None = None
    _pool_lock = threading.Lock()

    def __init__(self, root: Path, tool: list[str] | None, timeout: float = TIMEOUT):
        self.root = root.resolve()
        self.tool = tool
        self.timeout = timeout
        self.futures: dict[str, Future] = {}
        self.reasons: dict[str, str] = {}
        self.store: Any = None  # core.cache.RunCache of the run, when the run cache is on

    @classmethod
    def pool(cls) -> ThreadPoolExecutor:
        with cls._pool_lock:
            if cls._pool is None:
                cls._pool = ThreadPoolExecutor(max_workers=max(2, min(8, (os.cpu_count() or 2))), thread_name_prefix="okla-render")
            return cls._pool

    def _rel(self, p: Path) -> str:
        r = os.path.relpath(p, self.root).replace(os.sep, "/")
        return "" if r == "." else r

    def submit(self, entry: str, why: str) -> None:
        if entry in self.futures or self.tool is None:
            return
        self.reasons[entry] = why
        self.futures[entry] = self.pool().submit(self._render, entry)

    def _render(self, entry: str) -> Outcome:
        d = (self.root / entry) if entry else self.root
        cl = closure(d)
        out = Outcome(entry, closure=cl)
        if cl.remote:
            out.remote = cl.remote
            return out
        h = hashlib.sha256(tool_id(self.tool).encode())
        # paths relative to the project: the same overlay elsewhere renders the same
        h.update(entry.encode() + b"\0")
        for f in sorted(cl.files):
            h.update(os.path.relpath(f, self.root).encode() + b"\0")
            try:
                h.update(f.read_bytes())
            except OSError:
                h.update(b"\1")
        key = h.hexdigest()
        with _CACHE_LOCK:
            hit = _CACHE.get(key)
        if hit is None and self.store is not None:
            got = self.store.load("render-" + key)
            if got is not None and isinstance(got.get("render"), list) and len(got["render"]) == 4:
                o, e, base, unrendered = got["render"]
                hit = (o, Unrendered(e) if unrendered and e is not None else e, base)
        if hit is not None:
            out.output, out.error, out.base = hit
            return out
        out.output, out.error, out.base = run_kustomize(self.tool, self.root, d, self.timeout)
        with _CACHE_LOCK:
            _CACHE[key] = (out.output, out.error, out.base)
        if self.store is not None and not isinstance(out.error, Unrendered):
            # what kustomize judged is kept; a timeout or an unwritable folder is not
            self.store.store("render-" + key, {"render": [out.output, out.error, out.base, False]})
        return out

    def outcomes(self) -> list[Outcome]:
        return [self.futures[e].result() for e in sorted(self.futures)]


def initial_entries(root: Path, kust_rels: list[str]) -> list[str]:
    """Kustomization folders (project-relative) that no other kustomization of the project
    includes; Components are never entry points."""
    dirs = sorted({posixpath.dirname(r) for r in kust_rels})
    included: set[str] = set()
    comps: set[str] = set()
    for d in dirs:
        p = root / d if d else root
        kf = kustomization_file(p)
        data = _load(kf) if kf else None
        if data is None:
            continue
        if data.get("kind") == "Component":
            comps.add(d)
        for what, v in refs(data):
            if what == "res" and not is_remote(v):
                t = posixpath.normpath(posixpath.join(d, v)) if d else posixpath.normpath(v)
                included.add("" if t == "." else t)
    return [d for d in dirs if d not in included and d not in comps]


_APPLY_K = re.compile(
    r"(?:\bkubectl\s+(?:[^\n|;&]*?\s)?(?:apply|create|replace|diff)\b[^\n|;&]*?\s(?:-k|--kustomize)(?:=|\s+)|"
    r"\bkubectl\s+kustomize\s+(?:--?[\w-]+(?:=\S+)?\s+)*|\bkustomize\s+build\s+(?:--?[\w-]+(?:=\S+)?\s+)*)"
    r"([\"']?)([^\s\"'|;&)]+)\1"
)


def model_entries(model: Any, kdirs: set[str]) -> list[tuple[str, str]]:
    """(folder, why) for kustomizations that workflows apply and that Argo CD Applications
    or Flux Kustomizations point at."""
    out: list[tuple[str, str]] = []

    def norm(base: str, p: str) -> str | None:
        if "${{" in p or "$" in p:
            return None
        t = posixpath.normpath(posixpath.join(base, p.lstrip("/") if base == "" and p.startswith("./") else p))
        t = "" if t == "." else t
        return t if t in kdirs else None

    for st in model.steps():
        run = st.node.get("run")
        if not isinstance(run, str):
            continue
        wd = st.node.get("working-directory")
        base = wd if isinstance(wd, str) and "$" not in wd else ""
        for m in _APPLY_K.finditer(run):
            t = norm(base, m.group(2))
            if t is not None:
                out.append((t, f"applied by {st.file.rel}"))
    for obj in model.objects:
        av = obj.api_version
        if obj.kind == "Application" and av.startswith("argoproj.io/"):
            spec = obj.root.get("spec")
            if not isinstance(spec, LMap):
                continue
            sources = [spec.get("source")] + (list(spec["sources"]) if isinstance(spec.get("sources"), LSeq) else [])
            for s in sources:
                if isinstance(s, LMap) and isinstance(s.get("path"), str):
                    t = norm("", s["path"])
                    if t is not None:
                        out.append((t, f"Argo CD Application in {obj.file.rel}"))
        elif obj.kind == "Kustomization" and av.startswith("kustomize.toolkit.fluxcd.io/"):
            p = obj.root.get("spec", {}).get("path") if isinstance(obj.root.get("spec"), LMap) else None
            if isinstance(p, str):
                t = norm("", p)
                if t is not None:
                    out.append((t, f"Flux Kustomization in {obj.file.rel}"))
    return out


# -- turning an outcome into a lintable unit --------------------------------------------------
def _strip(root: LMap) -> Any:
    md = root.get("metadata")
    if not isinstance(md, LMap):
        return None
    ann = md.get("annotations")
    if not isinstance(ann, LMap):
        return None
    origin = ann.get(ORIGIN)
    for k in (ORIGIN, TRANSFORMATIONS):
        if k in ann:
            del ann[k]
            ann.kspans.pop(k, None)
            ann.vspans.pop(k, None)
    if not ann:
        del md["annotations"]
        md.kspans.pop("annotations", None)
        md.vspans.pop("annotations", None)
    import yaml  # lazy: PyYAML's import is a tenth of a warm run, which reads no YAML

    try:
        return yaml.safe_load(origin) if isinstance(origin, str) else None
    except yaml.YAMLError:
        return None


def _norm(base: str, p: str) -> str:
    t = posixpath.normpath(posixpath.join(base, p)) if base else posixpath.normpath(p)
    return "" if t == "." else t


class Builder:
    """Builds rendered units for a project, given its parsed files."""

    def __init__(self, renders: Renders, units: list[FileUnit]):
        self.renders = renders
        self.by_rel = {u.rel: u for u in units}
        self.extra_units: dict[str, FileUnit] = {}

    def unit(self, rel: str) -> FileUnit | None:
        u = self.by_rel.get(rel)
        if u is not None:
            return u
        return None

    def objects(self, unit: FileUnit) -> list[LMap]:
        out = []
        for d in unit.docs:
            r = d.root
            if F.is_k8s_object(r):
                out.append(r)
                if str(r.get("kind", "")).endswith("List") and isinstance(r.get("items"), LSeq):
                    out += [it for it in r["items"] if F.is_k8s_object(it)]
        return out

    def layers(self, cl: Closure) -> list[Layer]:
        out = []
        for d in cl.dirs:
            kf = kustomization_file(d)
            rel = self.renders._rel(kf) if kf else None
            u = self.unit(rel) if rel else None
            if u is None or not u.docs or not isinstance(u.docs[0].root, LMap):
                continue
            k = u.docs[0].root
            layer = Layer(u, k)
            kdir = posixpath.dirname(u.rel)
            for f in ("patchesStrategicMerge", "patches", "patchesJson6902"):
                seq = k.get(f)
                if not isinstance(seq, LSeq):
                    continue
                for i, it in enumerate(seq):
                    where = it if isinstance(it, LMap) else LMap()
                    docs: list[Located] = []
                    if isinstance(it, str):
                        if "\n" in it or it.lstrip().startswith(("{", "[")):
                            docs = _inline(u, it, seq.item_span(i))
                        else:
                            docs = self._patch_file(_norm(kdir, it))
                    elif isinstance(it, LMap):
                        if isinstance(it.get("patch"), str):
                            docs = _inline(u, it["patch"], it.value_span("patch"))
                        elif isinstance(it.get("path"), str):
                            docs = self._patch_file(_norm(kdir, it["path"]))
                    if docs:
                        layer.patches.append(Patch(where, docs))
            out.append(layer)
        return out

    def stale(self, cl: Closure | None) -> str | None:
        """A file the render read whose parsed text (a buffer) is not what is on disk:
        kustomize saw the disk, so its output cannot be mapped onto the buffer."""
        for f in sorted(cl.named) if cl else ():
            u = self.unit(self.renders._rel(f))
            if u is None or u.src is None:
                continue
            try:
                if read_text(f) != u.src.text:
                    return u.rel
            except ReadError:
                return u.rel
        return None

    def _patch_file(self, rel: str) -> list[Located]:
        u = self.unit(rel)
        if u is None:
            return []
        return [Located(u, d.root) for d in u.docs if isinstance(d.root, (LMap, LSeq))]

    def build(self, o: Outcome) -> FileUnit | None:
        assert o.output is not None and o.closure is not None
        entry = o.entry
        kf = kustomization_file(self.renders.root / entry if entry else self.renders.root)
        kunit = self.unit(self.renders._rel(kf)) if kf else None
        if kunit is None:
            return None
        # in the overlay's folder (rules that compare folders see its files), never taken
        # for a kustomization (its name differs); messages that name it say "overlay DIR"
        name = "(kustomize build)"
        path = (self.renders.root / entry / name) if entry else self.renders.root / name
        rel = f"{entry}/{name}" if entry else name
        unit = F.parse_yaml_file(path, rel, o.output)
        unit.kind = F.KUBERNETES
        unit.problems = []
        layers = self.layers(o.closure)
        docs: list[DocInfo] = []
        for doc in unit.docs:
            root = doc.root
            if not isinstance(root, LMap):
                continue
            origin = _strip(root)
            idx: dict = {}
            _index(root, (), idx)
            info = DocInfo(root, doc.span, idx)
            if isinstance(origin, dict):
                if isinstance(origin.get("path"), str) and not origin.get("repo"):
                    srel = self._origin_rel(o.base, origin["path"])
                    su = self.unit(srel)
                    info.unseen = su is None
                    if su is not None:
                        info.origin = self._find_object(su, root)
                        if info.origin is not None:
                            n = _get(info.origin.root, ("metadata", "name"))
                            info.src_name = n if isinstance(n, str) else None
                elif isinstance(origin.get("configuredIn"), str):
                    krel = self._origin_rel(o.base, origin["configuredIn"])
                    ku = self.unit(krel)
                    by = origin.get("configuredBy") or {}
                    if ku is not None and ku.docs and isinstance(ku.docs[0].root, LMap):
                        info.generator = self._generator(ku, root, by)
            docs.append(info)
        unit.render = RenderInfo(self.renders, entry, kunit, docs, layers)  # type: ignore[attr-defined]
        return unit

    def _origin_rel(self, base: str, path: str) -> str:
        """An origin path (relative to the folder kustomize built) as a project path."""
        root = self.renders.root
        return self.renders._rel(Path(os.path.normpath(os.path.join(root, base, path))))

    def _find_object(self, su: FileUnit, rendered: LMap) -> Located | None:
        kind = rendered.get("kind")
        rname = _get(rendered, ("metadata", "name"))
        cands = [o for o in self.objects(su) if o.get("kind") == kind]
        if len(cands) > 1 and isinstance(rname, str):
            named = [o for o in cands if isinstance(_get(o, ("metadata", "name")), str) and _get(o, ("metadata", "name")) in rname]
            if named:
                named.sort(key=lambda o: -len(_get(o, ("metadata", "name"))))
                exact = [o for o in named if _get(o, ("metadata", "name")) == rname]
                cands = exact or named
        return Located(su, cands[0]) if cands else None

    def _generator(self, ku: FileUnit, rendered: LMap, by: dict) -> tuple[FileUnit, LMap] | None:
        k = ku.docs[0].root
        kind = rendered.get("kind")
        field_name = "configMapGenerator" if kind == "ConfigMap" else "secretGenerator"
        seq = k.get(field_name)
        if not isinstance(seq, LSeq):
            return None
        rname = str(_get(rendered, ("metadata", "name")) or "")
        best = None
        for it in seq:
            if isinstance(it, LMap) and isinstance(it.get("name"), str) and it["name"] in rname:
                if best is None or len(it["name"]) > len(best["name"]):
                    best = it
        return (ku, best) if best is not None else None


# -- build failures ---------------------------------------------------------------------------
def failure_span(builder: Builder, o: Outcome) -> tuple[FileUnit, Span] | None:
    """Where a failed build points: the entry of a kustomization of the chain that the
    message names (a resource, a patch, an unknown field), else the entry's first key."""
    cl = o.closure
    if cl is None:
        return None
    msg = o.error or ""
    layers = builder.layers(cl) if cl.dirs else []
    smp = re.search(r'strategic merge patch "(\w+)\.[^/"]*/([^."]+)\.', msg)
    # a JSON 6902 operation whose path the object lacks: `replace operation does not apply:
    # doc is missing path: /spec/x: missing value` (the path is quoted for `add`)
    # (`error in remove for path: '/spec/x'`, `testing value /spec/x failed`)
    op = (re.search(r'(\w+) operation does not apply: doc is missing (?:path|key): "?([^"\s]+?)"?: ', msg)
          or re.search(r"error in (\w+) for path: '([^']+)'", msg)
          or re.search(r"(test)ing value (\S+) failed", msg))
    # a value of the wrong type: `cannot unmarshal number into Go struct field
    # Image.images.newTag of type string`
    typed = re.search(r"Go struct field \w+\.([\w.]+) of type", msg)
    for layer in layers:
        k = layer.root
        m = re.search(r'unknown field "([^"]+)"', msg) or re.search(r"Go struct field Kustomization\.(\w+)", msg)
        if m and m.group(1) in k:
            return layer.unit, k.key_span(m.group(1))
        if typed:
            where = _typed_field(k, typed.group(1).split("."))
            if where is not None:
                return layer.unit, where
        if op:
            for patch in layer.patches:
                for loc in patch.docs:
                    ops = loc.root
                    if not isinstance(ops, LSeq):
                        continue
                    for it in ops:
                        if isinstance(it, LMap) and it.get("op") == op.group(1) and it.get("path") == op.group(2):
                            if loc.unit is layer.unit:  # inline: the operation's `path:` line
                                return layer.unit, loc.fix(it.value_span("path"))
                            w = patch.where
                            if isinstance(w, LMap) and "path" in w:  # a patch file: its entry
                                return layer.unit, w.value_span("path")
        for f in ("resources", "bases", "components", "crds", "patchesStrategicMerge", "transformers", "generators"):
            seq = k.get(f)
            if isinstance(seq, LSeq):
                for i, it in enumerate(seq):
                    if isinstance(it, str) and "\n" not in it and (f"'{it}'" in msg or f'"{it}"' in msg or f"/{it.lstrip('./')}" in msg):
                        return layer.unit, seq.item_span(i)
        if smp:
            for patch in layer.patches:
                for loc in patch.docs:
                    r = loc.root
                    if isinstance(r, LMap) and r.get("kind") == smp.group(1) and _get(r, ("metadata", "name")) == smp.group(2):
                        w = patch.where
                        if isinstance(w, LMap) and "path" in w:
                            return layer.unit, w.value_span("path")
                        if loc.unit is layer.unit:
                            return layer.unit, loc.fix(r.span)
                        # a patchesStrategicMerge file entry
                        seq = k.get("patchesStrategicMerge")
                        if isinstance(seq, LSeq):
                            for i, it in enumerate(seq):
                                if isinstance(it, str) and _norm(posixpath.dirname(layer.unit.rel), it) == loc.unit.rel:
                                    return layer.unit, seq.item_span(i)
        for f in ("patches", "patchesJson6902", "configMapGenerator", "secretGenerator"):
            seq = k.get(f)
            if isinstance(seq, LSeq):
                for it in seq:
                    if isinstance(it, LMap):
                        for key in ("path", "files", "envs", "env"):
                            v = it.get(key)
                            for s in _strs(v):
                                s2 = s.split("=", 1)[1] if "=" in s and key == "files" else s
                                s2 = s2.strip()
                                if f"'{s2}'" in msg or f"/{s2.lstrip('./')}" in msg:
                                    return layer.unit, it.value_span(key)
    if layers:
        k = layers[0].root
        first = next(iter(k), None)
        return layers[0].unit, k.key_span(first) if first is not None else k.span
    kf = kustomization_file(builder.renders.root / o.entry if o.entry else builder.renders.root)
    u = builder.unit(builder.renders._rel(kf)) if kf else None
    return (u, Span(1, 1, 1, 1)) if u is not None else None


def _typed_field(k: LMap, names: list[str]) -> Span | None:
    """The value at ``names`` (``images.newTag``) of a kustomization, through lists (the
    first item that has the key), for a "cannot unmarshal ... into Go struct field" error."""
    node: Any = k
    span: Span | None = None
    for name in names:
        if isinstance(node, LSeq):
            node = next((it for it in node if isinstance(it, LMap) and name in it), None)
        if not isinstance(node, LMap) or name not in node:
            return None
        span = node.value_span(name)
        node = node[name]
    return span


@dataclass
class Result:
    units: list[FileUnit] = field(default_factory=list)  # rendered units
    reached: set[str] = field(default_factory=set)  # rels of files the successful renders read
    failures: list[tuple[FileUnit, Span, str, str]] = field(default_factory=list)  # (unit, span, entry, message)
    notes: list[str] = field(default_factory=list)


def complete(renders: Renders, units: list[FileUnit], model: Any) -> Result:
    """Wait for the renders (submitting the entry points the model reveals first) and turn
    them into units."""
    kdirs = {posixpath.dirname(u.rel) for u, _ in model.kustomization_files()}
    for entry, why in model_entries(model, kdirs):
        renders.submit(entry, why)
    res = Result()
    builder = Builder(renders, units)
    for o in renders.outcomes():
        shown = o.entry or "."
        if o.remote:
            why = f"{o.remote[0]} (okla-lint never downloads)" if o.remote[0].startswith(("remote", "`helm")) else o.remote[0]
            res.notes.append(f"kustomization {shown} not rendered: {why}; its files are linted one by one")
            continue
        if isinstance(o.error, Unrendered):
            res.notes.append(f"kustomization {shown} not rendered: {o.error}; its files are linted one by one")
            continue
        if o.error is not None:
            where = failure_span(builder, o)
            if where is not None:
                res.failures.append((where[0], where[1], shown, o.error))
            continue
        if o.output is None:
            continue
        stale = builder.stale(o.closure)
        if stale is not None:
            res.notes.append(f"kustomization {shown} not rendered: {stale} differs from the file on disk (an unsaved buffer or a fix not yet written); its files are linted one by one")
            continue
        u = builder.build(o)
        if u is None:
            continue
        res.units.append(u)
        cl = o.closure
        for f in cl.named if cl else ():
            rel = renders._rel(f)
            u2 = builder.unit(rel)
            if u2 is not None and not rel.startswith("../"):
                res.reached.add(rel)
    return res
