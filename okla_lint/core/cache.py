"""The run cache (ruff style): a run whose inputs did not change is answered from disk.

Where: ``.okla-lint-cache/`` in the project root (the folder of the configuration file, else
the project root of the first path given, else the working directory), or the ``cache-dir``
setting, or ``$OKLA_LINT_CACHE_DIR``; ``--no-cache`` turns it off. The folder holds a
``.gitignore`` (``*``), a random ``key`` and one entry per kind of run.

What a run depends on, all of it in the entry's key or checked before an entry is used:

* okla-lint itself: its version and a stamp of its code and catalogue (size and mtime of
  every module and rule file), and the Python version;
* the effective settings (rules, severities, parameters, excludes, per-file ignores...),
  the working directory (paths are shown relative to it), the paths given and the files
  discovered from them (path, project root);
* the bytes of every file the run opened: the files linted and every other file a rule
  read (a script a workflow runs, a file ``--from-file`` puts in a ConfigMap), recorded
  with an audit hook on ``open`` while the run lasts, a missing one as missing;
* the mtime of every folder walked: adding, removing or renaming anything in a folder
  changes it (a rule may look whether a path exists), so the folder's files are looked at
  again.

A run during which something it read changed (a file or folder modified less than 50 ms
before the run started, as file system clocks are coarse) is not stored.

When the run entry cannot be used (a file changed), the file cache takes over
(``FileStore``, ``.okla-lint-cache/files/``): for each file whose text (and paths) did not
change, the findings of the check calls that read nothing but that file are replayed, so
are those of calls that asked the model only *queries* (is this object a patch, which Ocelot
version reads this file, which keys this ConfigMap defines) when every query gives the same
answer again, and the other calls run again (core/local.py says how calls are told apart);
the repository model is rebuilt from every file, parsed again, and the cross-file rules run.

Entries are JSON (nothing in them can run code) with an HMAC-SHA256 under the cache's own
random key: an entry that is corrupt, truncated, written by another cache or edited by hand
is ignored and the run is linted as if there were no cache. Entries are written to a
temporary file and renamed, so concurrent runs never read half an entry; the last writer
wins. A cache that cannot be created or written (a read-only checkout) is silently not used.
"""
from __future__ import annotations

import hashlib
import hmac
import json
import os
import sys
import time
from dataclasses import fields, is_dataclass
from pathlib import Path
from typing import Any
from .. import __version__
from .catalogue import catalogue_dir
from .finding import Finding, Related
from .fix import Edit, Fix
from .io import write_output_atomically
from .root import project_root
from .result import RunResult
from .files import FileUnit

CACHE_DIRNAME = ".okla-lint-cache"
ENV_DIR = "OKLA_LINT_CACHE_DIR"
FORMAT = 1
_PACKAGE = Path(__file__).resolve().parent.parent


# -- what was opened during a run ----------------------------------------------------------
class _Recorder:
    def __init__(self) -> None:
        self.opened: set[str] = set()


_active: _Recorder | None = None
_hooked = False


def _audit(event: str, args: tuple) -> None:
    rec = _active
    if rec is None or event != "open":
        return
    path, mode, flags = args
    if isinstance(path, int) or path is None:
        return
    if mode is not None and any(c in str(mode) for c in "wax+"):
        return
    if mode is None and isinstance(flags, int) and flags & (os.O_WRONLY | os.O_RDWR):
        return
    rec.opened.add(os.path.abspath(os.fsdecode(path)))


def opened_elsewhere(paths: Any) -> None:
    """Files another process of this run opened (a worker process parses the files and
    records their checks, core/workers.py): inputs of the run as if it had opened them."""
    rec = _active
    if rec is not None:
        rec.opened.update(paths)


def _install_hook() -> None:
    global _hooked
    if not _hooked:
        sys.addaudithook(_audit)
        _hooked = True


def _ignored_roots() -> tuple[str, ...]:
    # sys.pycache_prefix (PYTHONPYCACHEPREFIX): the compiled modules a lazy import reads or
    # writes there are okla-lint's code, not the run's input (as its __pycache__ would be)
    roots = {str(_PACKAGE), sys.prefix, sys.base_prefix, sys.exec_prefix, sys.pycache_prefix, "/proc", "/dev", "/sys"}
    return tuple(r.rstrip(os.sep) + os.sep for r in roots if r)


# -- stamps -------------------------------------------------------------------------------
def digest_file(path: str) -> str | None:
    try:
        with open(path, "rb") as fh:
            return hashlib.blake2b(fh.read(), digest_size=16).hexdigest()
    except OSError:
        return None


_CODE_STAMP: str | None = None


def code_stamp() -> str:
    """okla-lint's version, code and catalogue: any edit makes every entry stale."""
    global _CODE_STAMP
    if _CODE_STAMP is None:

        h = hashlib.blake2b(digest_size=16)
        h.update(f"{__version__}|{sys.version}|{FORMAT}".encode())
        for base in (_PACKAGE, catalogue_dir()):
            for dirpath, dirnames, filenames in os.walk(base):
                dirnames[:] = sorted(d for d in dirnames if d != "__pycache__")
                for fn in sorted(filenames):
                    if fn.endswith((".py", ".yaml", ".yml", ".json")):
                        st = os.stat(os.path.join(dirpath, fn))
                        h.update(f"{dirpath}/{fn}|{st.st_size}|{st.st_mtime_ns}\n".encode())
        _CODE_STAMP = h.hexdigest()
    return _CODE_STAMP


def _plain(v: Any) -> Any:
    if is_dataclass(v):
        return {f.name: _plain(getattr(v, f.name)) for f in fields(v)}
    if isinstance(v, dict):
        return {str(k): _plain(x) for k, x in v.items()}
    if isinstance(v, (list, tuple, set, frozenset)):
        items = [_plain(x) for x in v]
        return sorted(items, key=repr) if isinstance(v, (set, frozenset)) else items
    if isinstance(v, (str, int, float, bool)) or v is None:
        return v
    return str(v)


def run_key(settings: Any, material: dict[str, Any]) -> str:
    data = {"code": code_stamp(), "cwd": os.getcwd(), "settings": _plain(settings), **_plain(material)}
    raw = json.dumps(data, sort_keys=True, separators=(",", ":"))
    return hashlib.blake2b(raw.encode(), digest_size=20).hexdigest()


# -- findings to and from JSON --------------------------------------------------------------
def finding_to_json(f: Any) -> dict:
    d = {k: getattr(f, k) for k in ("rule", "severity", "path", "line", "col", "end_line", "end_col",
                                     "message", "context", "snippet", "fingerprint")}
    d["related"] = [[r.path, r.line, r.col, r.message] for r in f.related]
    if f.also:
        d["also"] = f.also
    if f.fix is not None:
        fx = f.fix
        d["fix"] = {
            "applicability": fx.applicability,
            "edits": [[e.start, e.end, e.text] for e in fx.edits],
            "message": fx.message,
            "same_data": fx.same_data,
            "positions": [list(p) for p in fx.positions],
        }
    return d


def finding_from_json(d: dict) -> Any:
    fix = None
    if d.get("fix") is not None:
        x = d["fix"]
        fix = Fix(x["applicability"], tuple(Edit(a, b, t) for a, b, t in x["edits"]), x["message"],
                  x["same_data"], [tuple(p) for p in x["positions"]])
    return Finding(
        rule=d["rule"], severity=d["severity"], path=d["path"], line=d["line"], col=d["col"],
        end_line=d["end_line"], end_col=d["end_col"], message=d["message"],
        related=[Related(p, ln, c, m) for p, ln, c, m in d["related"]],
        context=d["context"], snippet=d["snippet"], fingerprint=d["fingerprint"], fix=fix,
        also=d.get("also", ""),
    )


# -- the cache folder -----------------------------------------------------------------------
class RunCache:
    def __init__(self, folder: Path):
        self.folder = folder
        self._key: bytes | None = None
        self.usable = True

    # the folder, its .gitignore and its HMAC key, made on first write
    def _secret(self, create: bool) -> bytes | None:
        if self._key is not None:
            return self._key
        path = self.folder / "key"
        try:
            data = path.read_bytes()
            if len(data) == 32:
                self._key = data
                return data
        except OSError:
            pass
        if not create:
            return None
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            gi = self.folder / ".gitignore"
            if not gi.exists():
                self._write_atomic(gi, b"# created by okla-lint\n*\n")
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(fd, "wb") as fh:
                fh.write(os.urandom(32))
        except FileExistsError:
            pass  # another run made it first: use theirs
        except OSError:
            self.usable = False
            return None
        try:
            data = path.read_bytes()
        except OSError:
            self.usable = False
            return None
        if len(data) != 32:  # being written by a concurrent run, or damaged: skip this time
            return None
        self._key = data
        return data

    def create(self) -> bool:
        """Make the folder (with its .gitignore and key) now; False when it cannot be."""
        return self._secret(create=True) is not None

    def _write_atomic(self, path: Path, data: bytes) -> None:
        write_output_atomically(path, data)

    def _entry_path(self, key: str, part: str = "runs") -> Path:
        # no .json suffix: `okla-lint check .okla-lint-cache` must find nothing to lint
        return self.folder / part / key

    def load(self, key: str, part: str = "runs") -> dict | None:
        secret = self._secret(create=False)
        if secret is None:
            return None
        try:
            raw = self._entry_path(key, part).read_bytes()
        except OSError:
            return None
        mac, _, body = raw.partition(b"\n")
        want = hmac.new(secret, key.encode() + b"\n" + body, hashlib.sha256).hexdigest().encode()
        if not hmac.compare_digest(mac, want):
            return None  # corrupt, foreign or edited: never trusted
        try:
            entry = json.loads(body)
        except ValueError:
            return None
        return entry if isinstance(entry, dict) and entry.get("format") == FORMAT else None

    def store(self, key: str, entry: dict | None, part: str = "runs") -> None:
        if entry is None:
            return
        self.store_body(key, json.dumps({"format": FORMAT, **entry}, separators=(",", ":")).encode(), part)

    def store_body(self, key: str, body: bytes, part: str = "runs") -> None:
        """Store an entry already written as JSON (``body``, holding ``"format"``)."""
        if not self.usable:
            return
        secret = self._secret(create=True)
        if secret is None:
            return
        mac = hmac.new(secret, key.encode() + b"\n" + body, hashlib.sha256).hexdigest().encode()
        try:
            (self.folder / part).mkdir(exist_ok=True)
            self._write_atomic(self._entry_path(key, part), mac + b"\n" + body)
        except OSError:
            self.usable = False
            return
        if part == "runs":
            self.prune(part, self.KEEP_RUNS, key)

    #: run entries (and kustomize renders) kept: one per set of paths and settings, so a
    #: pre-commit hook, which lints other files at every commit, would pile them up
    KEEP_RUNS = 64

    def prune(self, part: str, keep: int, spare: str) -> None:
        """Keep the ``keep`` entries of ``part`` written or used last (and ``spare``, this
        run's own); delete the others."""
        try:
            entries = sorted((p for p in (self.folder / part).iterdir() if p.is_file()),
                             key=lambda p: p.stat().st_mtime, reverse=True)
            for old in entries[keep:]:
                if old.name != spare:
                    old.unlink()
        except OSError:
            pass  # another run pruned them first, or the folder cannot be written


def cache_folder(settings: Any, paths: list[str]) -> Path:
    """Where the cache lives for this run (see the module docstring)."""
    env = os.environ.get(ENV_DIR)
    if env:
        return Path(env)
    configured = getattr(settings, "cache_dir", None)
    if configured:
        p = Path(configured)
        if not p.is_absolute() and settings.root is not None:
            p = Path(settings.root) / p
        return p
    if settings.root is not None:
        return Path(settings.root) / CACHE_DIRNAME

    first = Path(paths[0]) if paths else Path.cwd()
    return project_root(first if first.exists() else Path.cwd(), Path.cwd()) / CACHE_DIRNAME


# -- recording a run and checking an entry ----------------------------------------------------
class Session:
    """Records what one run opened; ``inputs()`` gives the digest of each such file."""

    def __enter__(self) -> "Session":
        global _active
        _install_hook()
        self._rec = _Recorder()
        self._prev = _active
        _active = self._rec
        return self

    def __exit__(self, *exc: Any) -> None:
        global _active
        _active = self._prev

    @property
    def opened(self) -> set[str]:
        """The paths opened for reading while the session lasted."""
        return self._rec.opened

    def inputs(self, skip: Path) -> dict[str, str | None]:
        ignored = _ignored_roots() + (str(skip.resolve()).rstrip(os.sep) + os.sep,)
        out = {}
        for p in sorted(self._rec.opened):
            # the folders themselves too: writing the cache's first entry during the run
            # (a kustomize render) fsyncs its folder through an open of that folder
            if (p + os.sep).startswith(ignored):
                continue
            out[p] = digest_file(p)
        return out


# a file or folder changed less than this before the run started may have changed while it
# ran, after it was read (file system clocks are coarse): such a run is not stored
_RACY_NS = 50_000_000


def now_ns() -> int:
    return time.time_ns()


def _mtime(path: str) -> int:
    try:
        return os.stat(path).st_mtime_ns
    except OSError:
        return -1


def entry_for(result: Any, walked: dict[str, int], inputs: dict[str, str | None], started: int,
              ours: set[str] = frozenset()) -> dict | None:
    """The entry of a run (None when something it read changed while it ran). ``ours``:
    folders the run itself changed (kustomize's temporary wrapper); their mtime is taken
    as it is after the run, whichever path (through a symlink) the walk reached them by."""
    ours = {os.path.realpath(d) for d in ours}
    mine = {d for d in walked if os.path.realpath(d) in ours} if ours else set()
    walked = {d: (_mtime(d) if d in mine else m) for d, m in walked.items()}
    limit = started - _RACY_NS
    if any(m >= limit for d, m in walked.items() if d not in mine) or any(_mtime(p) >= limit for p in inputs):
        return None
    return {"dirs": walked, "inputs": inputs, "result": result_to(result)}


def unchanged(entry: dict) -> bool:
    """Every folder the run walked has the same mtime (nothing added, removed or renamed in
    it) and every file it read the same bytes (a missing one is still missing)."""
    try:
        return all(_mtime(d) == m for d, m in entry["dirs"].items()) and all(
            digest_file(p) == d for p, d in entry["inputs"].items()
        )
    except (AttributeError, TypeError):
        return False


# -- a run's result -------------------------------------------------------------------------
def result_to(result: Any) -> dict:
    """What the reports need of a run: the findings, and each file's path, kind and note
    (the parsed documents are not kept)."""
    skipped = {id(u) for u in result.skipped}
    return {
        "findings": [finding_to_json(f) for f in result.findings],
        "units": [[str(u.path), u.rel, u.kind, u.note, id(u) in skipped] for u in result.units],
        "notes": list(getattr(result, "notes", [])),
    }


def result_from(data: dict) -> Any:

    units, skipped = [], []
    for path, rel, kind, note, is_skipped in data["units"]:
        u = FileUnit(Path(path), rel, kind, note=note)
        units.append(u)
        if is_skipped:
            skipped.append(u)
    return RunResult([finding_from_json(d) for d in data["findings"]], units, skipped, [], list(data.get("notes", [])))


# -- the file cache: what each file's own checks found, by its content ------------------------
def file_key(base: str, unit: FileUnit, shown: str, skipped: bool) -> str:
    """The key of a file's record: the run's ``base`` (okla-lint, settings, working
    directory), the file's paths (as given, in the project, as shown), its kind, whether a
    rendered overlay holds its objects (``skipped``), and its text."""
    h = hashlib.blake2b(digest_size=20)
    h.update(base.encode())
    h.update(json.dumps([str(unit.path), unit.rel, shown, unit.kind, skipped]).encode())
    h.update(b"\0")
    h.update(unit.src.text.encode("utf-8", "surrogatepass"))
    return h.hexdigest()


class FileStore:
    """Records of file-local findings (core/local.py), one per file, keyed by the file's text,
    its path (as given, in the project, as shown), whether a rendered overlay holds its
    objects, and the run's ``base``: okla-lint itself, the settings, the working directory.
    All records of one ``base`` are one entry of the cache (``files/<base>``, with the same
    HMAC as run entries), read once and written once per run when something was added;
    a concurrent run's records are merged in, the last writer wins per file."""

    def __init__(self, cache: RunCache, settings: Any, material: dict[str, Any] | None = None):
        self.cache = cache
        self.base = run_key(settings, {"files": FORMAT, **(material or {})})
        self._loaded: dict[str, Any] | None = None
        self._added: dict[str, Any] = {}
        self._used: dict[str, str] = {}  # key -> path, every file of this run
        self.hits = 0

    def _entries(self) -> dict[str, Any]:
        if self._loaded is None:
            entry = self.cache.load(self.base, "files")
            got = entry.get("files") if entry is not None else None
            self._loaded = got if isinstance(got, dict) else {}
        return self._loaded

    def key(self, unit: FileUnit, shown: str, skipped: bool) -> str:
        key = file_key(self.base, unit, shown, skipped)
        self._used[key] = str(unit.path)
        return key

    def known(self) -> frozenset[str]:
        """The keys of the records on disk (worker processes skip recording those files)."""
        return frozenset(self._entries())

    def get(self, key: str) -> dict | None:
        """The record of ``key``, None when there is none (or it is not a record)."""
        got = self._entries().get(key)
        if isinstance(got, list) and len(got) == 2 and isinstance(got[1], dict):
            self.hits += 1
            return got[1]
        return None

    def put(self, key: str, record: dict) -> None:
        # kept as JSON text until saved: a cold run puts a record for every file, and the
        # text takes a fraction of the memory of the dicts and lists it is made of
        self._added[key] = (self._used.get(key, ""), json.dumps(record, separators=(",", ":")))

    def _record(self, key: str) -> dict | None:
        added = self._added.get(key)
        if added is not None:
            return json.loads(added[1])
        got = self._entries().get(key)
        return got[1] if isinstance(got, list) and len(got) == 2 and isinstance(got[1], dict) else None

    def lines(self, key: str) -> dict[str, str]:
        """The masked lines kept with the file's record (see local.KnownLines)."""
        record = self._record(key)
        got = record.get("lines") if record is not None else None
        return got if isinstance(got, dict) else {}

    def add_lines(self, key: str, new: dict[str, str]) -> None:
        record = self._record(key)
        if record is None:
            return
        record["lines"] = {**(record["lines"] if isinstance(record.get("lines"), dict) else {}), **new}
        self.put(key, record)

    def save(self) -> None:
        """Write this run's new records, merged with what is on disk now: one record per
        file path (this run's), records of files that no longer exist dropped."""
        if not self._added or not self.cache.usable:
            return
        entry = self.cache.load(self.base, "files")
        disk = entry.get("files") if entry is not None else None
        if not isinstance(disk, dict):
            disk = {}
        paths = set(self._used.values())
        out: dict[str, str] = {}  # key -> the record's [path, record] as JSON text
        for k, v in disk.items():
            if isinstance(v, list) and len(v) == 2 and isinstance(v[0], str) and v[0] not in paths and os.path.exists(v[0]):
                out[k] = json.dumps(v, separators=(",", ":"))
        del disk, entry
        mine = self._entries()
        for k, p in self._used.items():
            added = self._added.get(k)
            if added is not None:
                out[k] = "[" + json.dumps(added[0]) + "," + added[1] + "]"
            elif mine.get(k) is not None:
                out[k] = json.dumps(mine[k], separators=(",", ":"))
        # what store() would write for {"files": {key: [path, record]}}, put together
        # from the records' text
        body = "".join(('{"format":', json.dumps(FORMAT), ',"files":{',
                        ",".join(json.dumps(k) + ":" + v for k, v in out.items()), "}}"))
        del out
        self.cache.store_body(self.base, body.encode(), "files")
        self._prune()

    def _prune(self) -> None:
        """Keep the ``KEEP`` entries used last: each okla-lint version, code edit, settings
        or working directory has its own (``base``), and they would pile up."""
        self.cache.prune("files", self.KEEP, self.base)

    KEEP = 8
