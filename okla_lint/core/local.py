"""What one file's checks found on their own, recorded so that it can be replayed.

The engine walks a file and calls the checks bound to its nodes, always in the same order
for the same bytes (and the same okla-lint and settings). Some of those calls read nothing
but the file: what they report is a function of its bytes. Others read the repository model
(``ctx.model``: another file's Service, a ConfigMap, the project root), the engine's state
(``ctx.engine``), the file system (opening, listing or stat-ing a path) or something a call
of that kind left in a memo: what they report can change when another file changes.

While a file is linted with a ``Recorder``, every call is watched:

* a call that touched any of those things is *tainted*: it runs again in every run;
* a clean call's findings are kept, in the order they were reported (with their ``once``
  keys), and are reported again, in that order, in place of the call;
* memos (``unit.memo``, ``job.memo``, an object's ``memo``) are watched too: a value a
  tainted call wrote taints the calls that read it, and a clean call that wrote what a
  call running again reads runs again as well (the memo is filled as it was).

Some questions about the model are asked through *queries* (``@query``: is this object a
kustomize patch, which Ocelot version reads this file): a pure function of the model, the
files on disk and its arguments. A call that used the model only through queries (and
touched no memo) is not tainted: its record keeps each query's arguments (located in the
file: the file itself, an object by document and item, or a plain value) and answer, and
it is replayed when every query, asked again of this run's model, gives the same answer;
otherwise it runs again. Queries asked inside a query are part of it.

A record is ``{"n": number of calls, "calls": {index: [check, "c", findings] | [check,
"q", findings, queries] | [check, "r"]}}``; a clean call that reported nothing is not
written down. Replaying walks the
file as linting does and, at each call, reports the kept findings (``"c"``), runs the
check (``"r"``) or does nothing (absent). The walk is the same by construction (same bytes,
same checks); the check names and the number of calls are compared anyway, and a record
that does not match is dropped and the file linted again (``Mismatch``).
"""
from __future__ import annotations

import functools
import os
import sys
import threading
from contextlib import contextmanager
from typing import Any, Callable, Iterator

# the events that say a call read something outside the file (``open`` of a path
# outside okla-lint and Python, listing a folder, starting a process, a socket)
_EVENTS = frozenset({"open", "os.listdir", "os.scandir", "glob.glob", "os.walk", "subprocess.Popen",
                     "os.system", "os.exec", "os.posix_spawn", "os.fork", "socket.connect",
                     "socket.getaddrinfo", "shutil.copyfile", "os.chdir"})
_PACKAGE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


class Tainted(BaseException):
    """Raised in a worker process (``Recorder(abort=True)``) at a call's first taint: the
    call runs again in the main process, so the rest of it would be wasted work. A
    BaseException, so that a check's ``except Exception`` does not swallow it."""


class Mismatch(Exception):
    """A record that does not fit the file's walk: dropped, the file is linted again."""


class Memo(dict):
    """A memo whose readers and writers are known to the recorder (see the module
    docstring). Only reads and writes are watched; the engine empties it as before."""

    __slots__ = ("rec", "num")

    def __init__(self, rec: "Recorder", data: Any = ()) -> None:
        super().__init__(data)
        self.rec = rec
        self.num = rec.memo_count
        rec.memo_count += 1

    def _read(self) -> None:
        self.rec.read_memo(self.num)

    def _write(self) -> None:
        self.rec.write_memo(self.num)

    def get(self, key: Any, default: Any = None) -> Any:
        self._read()
        return super().get(key, default)

    def __getitem__(self, key: Any) -> Any:
        self._read()
        return super().__getitem__(key)

    def __contains__(self, key: Any) -> bool:
        self._read()
        return super().__contains__(key)

    def __iter__(self):
        self._read()
        return super().__iter__()

    def __len__(self) -> int:
        self._read()
        return super().__len__()

    def keys(self):
        self._read()
        return super().keys()

    def values(self):
        self._read()
        return super().values()

    def items(self):
        self._read()
        return super().items()

    def setdefault(self, key: Any, default: Any = None) -> Any:
        self._read()
        self._write()
        return super().setdefault(key, default)

    def pop(self, key: Any, *default: Any) -> Any:
        self._read()
        self._write()
        return super().pop(key, *default)

    def __setitem__(self, key: Any, value: Any) -> None:
        self._write()
        super().__setitem__(key, value)

    def __delitem__(self, key: Any) -> None:
        self._write()
        super().__delitem__(key)

    def update(self, *args: Any, **kw: Any) -> None:
        self._write()
        super().update(*args, **kw)

    def __reduce__(self):  # never pickled with its recorder
        return (dict, (dict(self),))


class ModelView:
    """The repository model as a check sees it while its file is recorded: the first use of
    it (any attribute: an index, ``extra``, ``find``...) taints the call that uses it, so a
    check that hands ``ctx.model`` to a helper that returns before looking at it (a step
    that calls no local action) stays file-local."""

    __slots__ = ("_model", "_rec")

    def __init__(self, model: Any, rec: "Recorder") -> None:
        object.__setattr__(self, "_model", model)
        object.__setattr__(self, "_rec", rec)

    def __getattr__(self, name: str) -> Any:
        self._rec.taint()
        return getattr(self._model, name)

    def __setattr__(self, name: str, value: Any) -> None:
        self._rec.taint()
        setattr(self._model, name, value)


class _Call:
    __slots__ = ("index", "check", "tainted", "found", "reads", "writes", "file", "asked")

    def __init__(self, index: int, check: str, file: Any = None) -> None:
        self.index = index
        self.check = check
        self.file = file  # the file the check was called on (an embedded document's own)
        self.asked: list | None = None  # [query, arguments located, answer] of each query
        self.tainted = False
        # made on first use: most calls report nothing and touch no memo
        self.found: list | None = None  # (finding as JSON, once)
        self.reads: set[int] | None = None
        self.writes: set[int] | None = None


class Recorder:
    """Watches the calls of one file's walk (see the module docstring)."""

    def __init__(self, unit: Any, abort: bool = False) -> None:
        self.unit = unit
        self.abort = abort
        self.n = 0
        self.calls: list[_Call] = []
        self.current: _Call | None = None
        self.memo_count = 0
        self.tainted_memos: set[int] = set()
        self.thread = threading.get_ident()

    # -- the engine's side --------------------------------------------------------------
    def begin(self, check: str, file: Any = None) -> None:
        call = _Call(self.n, check, file)
        self.n += 1
        self.calls.append(call)
        self.current = call

    def end(self) -> None:
        call = self.current
        self.current = None
        if call is not None and (call.tainted or call.asked) and call.writes:
            # what it left in a memo depends on more than the file (for a call that asked
            # queries: on their answers): the calls reading it run again too
            self.tainted_memos |= call.writes

    def taint(self) -> None:
        call = self.current
        if call is not None:
            call.tainted = True
            if self.abort:
                raise Tainted

    def found(self, finding: Any, unit: Any, once: str | None, to_json: Any = None) -> None:
        """A finding reported by the current call (``to_json``: how to keep it)."""
        call = self.current
        if call is None:
            return
        if unit is not self.unit:
            self.taint()  # reported on another file: not this file's to keep
        elif not call.tainted:
            if call.found is None:
                call.found = []
            call.found.append((to_json(finding) if to_json is not None else finding, once))

    def read_memo(self, num: int) -> None:
        call = self.current
        if call is not None:
            if call.reads is None:
                call.reads = set()
            call.reads.add(num)
            if num in self.tainted_memos:
                self.taint()

    def write_memo(self, num: int) -> None:
        call = self.current
        if call is not None:
            if call.writes is None:
                call.writes = set()
            call.writes.add(num)

    def ask(self, name: str, fn: Callable, first: Any, args: tuple) -> Any:
        """Answer a query for the current call and remember the question and its answer
        (see the module docstring); an argument that cannot be found again taints."""
        call = self.current
        where = [locate(a, call.file, self.unit) for a in args]
        if any(w is None for w in where):
            self.taint()
            return fn(first, *args)
        self.current = None  # what the query reads is the query's answer, not the call's
        try:
            answer = fn(first, *args)
        finally:
            self.current = call
        if call.asked is None:
            call.asked = []
        call.asked.append([name, where, answer_text(answer)])
        return answer

    def memo(self, data: Any = ()) -> Memo:
        """A watched memo holding ``data``: what is already in it was written before this
        file's walk (by a call on another file, which may have read the model), so its
        readers are tainted."""
        memo = Memo(self, data)
        if data:
            self.tainted_memos.add(memo.num)
        return memo

    # -- the record ---------------------------------------------------------------------
    def record(self) -> dict:
        """The record of the walk: clean calls' findings; tainted calls, and the clean
        calls that wrote a memo a call running again reads, run again."""
        rerun: set[int] = set()
        needed: set[int] = set()  # memos read by calls that run again (later in the walk)
        for call in reversed(self.calls):
            # a call that asked queries and used a memo runs again (replayed, it would leave
            # nothing there; run, it needs what the calls before it left)
            if call.tainted or (call.asked and (call.reads or call.writes)) \
                    or (call.writes and not needed.isdisjoint(call.writes)):
                rerun.add(call.index)
                if call.reads:
                    needed |= call.reads
        calls: dict[str, list] = {}
        for call in self.calls:
            found = [[f, o] for f, o in call.found] if call.found else []
            if call.index in rerun:
                calls[str(call.index)] = [call.check, "r"]
            elif call.asked:
                calls[str(call.index)] = [call.check, "q", found, call.asked]
            elif found:
                calls[str(call.index)] = [call.check, "c", found]
        return {"n": self.n, "calls": calls}


class Replay:
    """Replays a record (see the module docstring): ``step(check)`` says what to do with the
    next call: None (nothing), a list of (finding as JSON, once) to report, an ``Asked`` (a
    call that asked queries: its findings, if the answers hold), or True (run)."""

    def __init__(self, record: dict) -> None:
        self.n = 0
        self._objects: dict | None = None  # (document, item path) -> object: object_at
        try:
            self.total = int(record["n"])
            self.calls = record["calls"]
            if not isinstance(self.calls, dict):
                raise TypeError
        except (KeyError, TypeError, ValueError) as exc:
            raise Mismatch("malformed record") from exc

    def step(self, check: str) -> Any:
        i = self.n
        self.n += 1
        if i >= self.total:
            raise Mismatch("more calls than recorded")
        got = self.calls.get(str(i))
        if got is None:
            return None
        if not isinstance(got, list) or len(got) < 2 or got[0] != check:
            raise Mismatch(f"call {i} is not {check}")
        if got[1] == "r":
            return True
        if got[1] == "c" and len(got) == 3 and isinstance(got[2], list):
            return got[2]
        if got[1] == "q" and len(got) == 4 and isinstance(got[2], list) and isinstance(got[3], list):
            return Asked(got[2], got[3], self)
        raise Mismatch(f"call {i}: malformed")

    def done(self) -> None:
        if self.n != self.total:
            raise Mismatch("fewer calls than recorded")

    def object_at(self, model: Any, unit: Any, doc: Any, path: Any) -> Any:
        """The object of ``unit`` at document ``doc``, item ``path`` (``locate``'s "o"),
        found through an index of the file's objects built on first use: each query of
        each call of a file with thousands of objects is one look-up, not a scan."""
        if self._objects is None:
            self._objects = {(o.doc_index, tuple(o.item_path)): o for o in reversed(model.objects_in(unit))}
        return self._objects[(doc, tuple(path))]


# -- queries ---------------------------------------------------------------------------------
QUERIES: dict[str, tuple[Callable, str]] = {}


def query(name: str, first: str = "model") -> Callable:
    """Declare ``fn(first, *args)`` a query (see the module docstring): ``first`` is the
    model (``"model"``) or the check's context (``"ctx"``). It must be a function of the
    model, the files on disk and its arguments, and report nothing; its answer's
    ``answer_text`` is what is compared."""

    def deco(fn: Callable) -> Callable:
        QUERIES[name] = (fn, first)

        @functools.wraps(fn)
        def asked(head: Any, *args: Any) -> Any:
            rec = _active
            if rec is None or rec.current is None or rec.current.tainted or threading.get_ident() != rec.thread:
                return fn(head, *args)
            return rec.ask(name, fn, head, args)

        return asked

    return deco


def answer_text(answer: Any) -> str:
    """A query's answer as text that is the same for the same answer in every process (a
    set's order changes with the hash seed)."""

    def canon(x: Any) -> Any:
        if isinstance(x, (set, frozenset)):
            return ("set", sorted((canon(y) for y in x), key=repr))
        if isinstance(x, dict):
            return ("dict", sorted(((canon(k), canon(v)) for k, v in x.items()), key=repr))
        if isinstance(x, (list, tuple)):
            return (type(x).__name__, [canon(y) for y in x])
        return x

    return repr(canon(answer))


def locate(arg: Any, file: Any, unit: Any) -> list | None:
    """How to find ``arg`` again when the call is replayed (None: it cannot be)."""
    if arg is None or isinstance(arg, (str, int, float, bool)):
        return ["v", arg]
    if file is not None and arg is file:
        return ["f"]
    if getattr(arg, "file", None) is unit and hasattr(arg, "doc_index") and hasattr(arg, "item_path"):
        return ["o", arg.doc_index, list(arg.item_path)]
    return None


class Asked:
    """A replayed call that asked queries: its findings, and the questions to ask again."""

    __slots__ = ("found", "asked", "replay")

    def __init__(self, found: list, asked: list, replay: Replay) -> None:
        self.found = found
        self.asked = asked
        self.replay = replay

    def holds(self, ctx: Any, unit: Any) -> bool:
        """Whether every query gives the answer it gave when the call was recorded
        (``unit``: the file being replayed, which holds the objects)."""
        model = ctx.model
        for entry in self.asked:
            try:
                name, where, answer = entry
                fn, first = QUERIES[name]
                args = []
                for w in where:
                    if w[0] == "v":
                        args.append(w[1])
                    elif w[0] == "f":
                        args.append(ctx.file)
                    elif w[0] == "o":
                        args.append(self.replay.object_at(model, unit, w[1], w[2]))
                    else:
                        return False
                if answer_text(fn(ctx if first == "ctx" else model, *args)) != answer:
                    return False
            except Exception:  # a malformed record, an object no longer there: run the call
                return False
        return True


class KnownLines:
    """A file's masked lines (``post.masking.FileMask``), those a finding asked for in an
    earlier run taken from its record (``known``: line number as text -> masked line); the
    text is the same (the record's key), so are its masked lines. ``new``: lines asked for
    this time that the record did not have."""

    def __init__(self, mask: Any, known: dict[str, str]) -> None:
        self.mask = mask
        self.known = known
        self.new: dict[str, str] = {}

    def line(self, n: int) -> str:
        k = str(n)
        got = self.known.get(k)
        if not isinstance(got, str):
            got = self.new[k] = self.mask.line(n)
        return got


# -- what the audit hook and the stat watch see ------------------------------------------------
_active: Recorder | None = None
_hooked = False


def _ours(path: Any) -> bool:
    """okla-lint's own files and Python's (schemas, lazily imported modules) are code, not
    input: the code stamp covers them."""
    try:
        p = os.path.abspath(os.fsdecode(path))
    except (TypeError, ValueError):
        return False
    roots = (_PACKAGE + os.sep, sys.prefix + os.sep, sys.base_prefix + os.sep, sys.exec_prefix + os.sep)
    return p.startswith(roots)


def _importing() -> bool:
    """The import system is at work (a check's first call imports a module lazily: it
    looks at the folders of ``sys.path``, the working directory among them): code, not
    input."""
    f = sys._getframe(2)
    while f is not None:
        if f.f_code.co_filename.startswith("<frozen importlib"):
            return True
        f = f.f_back
    return False


def _audit(event: str, args: tuple) -> None:
    rec = _active
    if rec is None or rec.current is None or rec.current.tainted or event not in _EVENTS:
        return
    if threading.get_ident() != rec.thread:
        return  # kustomize renders run in threads: not the check's doing
    if event == "open" and args and not isinstance(args[0], int) and args[0] is not None and _ours(args[0]):
        return
    if _importing():
        return
    rec.taint()


_real_stat = os.stat
_real_lstat = os.lstat


def _watched(real):
    def stat(path, *args, **kw):
        rec = _active
        if (rec is not None and rec.current is not None and not rec.current.tainted
                and threading.get_ident() == rec.thread and not _ours(path) and not _importing()):
            rec.taint()
        return real(path, *args, **kw)

    return stat


@contextmanager
def watching(rec: Recorder) -> Iterator[Recorder]:
    """While one file is recorded: calls that open, list or stat a path (``Path.exists``,
    ``os.path.isfile``: these raise no audit event) are tainted."""
    global _active, _hooked
    if not _hooked:
        sys.addaudithook(_audit)
        _hooked = True
    prev = _active
    _active = rec
    os.stat, os.lstat = _watched(_real_stat), _watched(_real_lstat)
    try:
        yield rec
    finally:
        _active = prev
        if prev is None:
            os.stat, os.lstat = _real_stat, _real_lstat
