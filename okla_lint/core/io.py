"""Reading and writing files without surprises (issue 12).

Reading: only regular files are read. A FIFO, socket or device named on the command line
would block forever or stream without end, so it gets a clear per-file message and is
never opened for reading; the check is made with ``stat`` first and again on the opened
descriptor (opened with ``O_NONBLOCK``, so a file swapped for a FIFO in between cannot
block the run). Standard input is read up to the same ``max-file-size`` as a path.

Writing (``--output``, ``--write-baseline`` and ``--fix``): ``write_output_atomically``
replaces a regular file atomically (a temporary file in the same folder, fsync, rename,
the old file's mode kept), so a reader never sees half a report and a crash never leaves
half a manifest. Anything else is never renamed over: a character device (``/dev/null``,
``/dev/stdout``, a terminal) and a FIFO with a reader are written in place, as the shell's
``>`` would; a FIFO without a reader, a socket, a block device or a folder is refused with
a message saying what it is. With ``confine_to`` (``--fix``), a symlink that leads out of
that folder is refused instead of followed.
"""
from __future__ import annotations

import errno
import os
import stat
import sys
import tempfile
from pathlib import Path
from typing import BinaryIO

_O_BINARY = getattr(os, "O_BINARY", 0)  # Windows
_O_NONBLOCK = getattr(os, "O_NONBLOCK", 0)
_O_NOCTTY = getattr(os, "O_NOCTTY", 0)


class NotAFile(OSError):
    """The path exists but is not something okla-lint reads or replaces; ``strerror`` says
    what it is and what to do."""

    def __init__(self, message: str, filename: str | os.PathLike | None = None):
        super().__init__(errno.EINVAL, message, str(filename) if filename is not None else None)


def kind_of(mode: int) -> str:
    """What a non-regular file is, for messages."""
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe)"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode):
        return "a character device"
    if stat.S_ISBLK(mode):
        return "a block device"
    return "not a regular file"


# -- reading --------------------------------------------------------------------------
def open_regular(path: str | os.PathLike) -> BinaryIO:
    """Open a regular file for reading, never blocking on what is not one. Raises
    ``NotAFile`` for FIFOs, sockets, devices and folders, ``OSError`` otherwise."""
    st = os.stat(path)  # follows symlinks: a link to a FIFO is a FIFO
    if not stat.S_ISREG(st.st_mode):
        raise NotAFile(f"{kind_of(st.st_mode)}, not a file; it was not read", path)
    fd = os.open(path, os.O_RDONLY | _O_BINARY | _O_NONBLOCK | _O_NOCTTY)
    try:
        st = os.fstat(fd)  # the path may have been swapped since the stat above
        if not stat.S_ISREG(st.st_mode):
            raise NotAFile(f"{kind_of(st.st_mode)}, not a file; it was not read", path)
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def read_head(path: str | os.PathLike, limit: int) -> bytes:
    """The first ``limit`` bytes of a regular file (b"" when it cannot be read)."""
    try:
        with open_regular(path) as fh:
            return fh.read(limit)
    except OSError:
        return b""


def read_capped(stream: BinaryIO, max_bytes: int) -> bytes | None:
    """At most ``max_bytes`` bytes of ``stream``; None when it holds more (at most
    ``max_bytes + 1`` bytes are ever read)."""
    data = stream.read(max_bytes + 1)
    return None if len(data) > max_bytes else data


# -- writing --------------------------------------------------------------------------
def _default_mode() -> int:
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def _is_within(path: Path, folder: Path) -> bool:
    return path == folder or folder in path.parents


def _own_fd(path: Path) -> int | None:
    """The descriptor number when ``path`` names one of this process's own (/dev/stdout,
    /dev/stderr, /dev/fd/N, /proc/self/fd/N)."""
    p = str(path)
    named = {"/dev/stdout": 1, "/dev/stderr": 2}
    if p in named:
        return named[p]
    for prefix in ("/dev/fd/", "/proc/self/fd/"):
        if p.startswith(prefix) and p[len(prefix):].isdigit():
            return int(p[len(prefix):])
    return None


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        n = os.write(fd, view)
        view = view[n:]


def _open_file_link(path: Path, target: Path) -> bool:
    """Whether ``path`` names an open file descriptor (/dev/stdout, /dev/fd/N,
    /proc/self/fd/N) rather than a file."""
    names = (str(path), str(target))
    return any(n.startswith(("/dev/fd/", "/dev/stdout", "/dev/stderr", "/proc/")) for n in names)


def _write_in_place(path: Path, data: bytes, mode: int, truncate: bool = False) -> None:
    """Write to a character device, a FIFO or an open file the way the shell's ``>``
    does."""
    flags = os.O_WRONLY | _O_BINARY | _O_NOCTTY | (os.O_TRUNC if truncate else 0)
    if stat.S_ISFIFO(mode):
        flags |= _O_NONBLOCK  # no reader: ENXIO now instead of blocking forever
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        if exc.errno == errno.ENXIO and stat.S_ISFIFO(mode):
            raise NotAFile("a FIFO (named pipe) with no reader; start the reader first", path) from None
        raise
    try:
        if stat.S_ISFIFO(mode) and _O_NONBLOCK:
            import fcntl  # lazy: POSIX only

            fcntl.fcntl(fd, fcntl.F_SETFL, fcntl.fcntl(fd, fcntl.F_GETFL) & ~_O_NONBLOCK)
        _write_all(fd, data)
    finally:
        os.close(fd)


def write_output_atomically(path: str | os.PathLike, data: str | bytes, *, confine_to: str | os.PathLike | None = None) -> None:
    """Write ``data`` (text is encoded as UTF-8, line breaks kept as given) to ``path``.

    A regular file (or a new one) is replaced atomically: temporary file in the same
    folder, fsync, rename, the old mode kept (and the old owner, when allowed). A symlink
    is followed and its target replaced, the link kept; with ``confine_to``, a target
    outside that folder is refused. A character device or a FIFO with a reader is written
    in place; other special files are refused (``NotAFile``). ``/dev/stdout``,
    ``/dev/fd/N`` and ``/proc/self/fd/N`` are written through the open descriptor (a
    shell's ``>>`` keeps appending). Other failures raise ``OSError`` as the system
    reports them (no space left, permission denied, a closed pipe)."""
    raw = data.encode("utf-8") if isinstance(data, str) else bytes(data)
    path = Path(path)
    target = path
    try:
        lst = os.lstat(path)
    except FileNotFoundError:
        lst = None
    if lst is not None and stat.S_ISLNK(lst.st_mode):
        target = Path(os.path.realpath(path))
    if confine_to is not None:
        root = Path(os.path.realpath(confine_to))
        if not _is_within(Path(os.path.realpath(path)), root):
            raise NotAFile(f"leads out of {confine_to} (a symlink); it was not written", path)
    try:
        st = os.stat(path)  # through symlinks, and through /proc's links to open files
    except FileNotFoundError:
        st = None
    if st is not None and not stat.S_ISREG(st.st_mode):
        if stat.S_ISCHR(st.st_mode) or stat.S_ISFIFO(st.st_mode):
            _write_in_place(path, raw, st.st_mode)
            return
        raise NotAFile(f"{kind_of(st.st_mode)}; refusing to write over it", path)
    own = _own_fd(path)
    if own is not None and st is not None:
        # our own descriptor (`-o /dev/stdout` with `>> log`): write to it as it was opened

        try:
            if sys.stdout is not None:
                sys.stdout.flush()  # what was printed before stays before
        except (OSError, ValueError):
            pass
        _write_all(own, raw)
        return
    if st is not None and _open_file_link(path, target):
        # /dev/stdout, /dev/fd/N, /proc/self/fd/N: a file the caller already opened (a
        # shell redirection); write through it as `>` would, never rename over it
        _write_in_place(path, raw, st.st_mode, truncate=True)
        return
    folder = target.parent if str(target.parent) else Path(".")
    folder.mkdir(parents=True, exist_ok=True)  # `--output reports/okla.sarif` in a fresh CI checkout
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    try:
        # mkstemp creates 0600; give the file the mode it had, or the one open() would
        os.chmod(tmp, (st.st_mode & 0o7777) if st is not None else _default_mode())
        if st is not None and hasattr(os, "chown") and (st.st_uid, st.st_gid) != (os.getuid(), os.getgid()):
            try:
                os.chown(tmp, st.st_uid, st.st_gid)
            except OSError:
                pass  # not allowed: the file becomes ours, as with any editor's save
        view = memoryview(raw)
        while view:
            n = os.write(fd, view)
            view = view[n:]
        os.fsync(fd)
        os.close(fd)
        fd = -1
        os.replace(tmp, target)
    except BaseException:
        if fd != -1:
            os.close(fd)
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
    try:  # make the rename itself durable
        dfd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(dfd)
    except OSError:
        pass
    finally:
        os.close(dfd)


def write_to_stream(stream, text: str) -> None:
    """Write a whole report to a text stream (standard output) and flush it, so that a
    full disk (ENOSPC) or a closed pipe (EPIPE) raises here. Through the binary buffer
    in a loop: ``BufferedWriter.write`` returns a short count, and drops the error, when
    the reader goes away in the middle of a large write."""
    buf = getattr(stream, "buffer", None)
    if buf is None:
        stream.write(text)
        stream.flush()
        return
    stream.flush()
    data = text.encode(getattr(stream, "encoding", None) or "utf-8", "replace")
    view = memoryview(data)
    while view:
        n = buf.write(view)
        view = view[n if n is not None else len(view):]
    buf.flush()
