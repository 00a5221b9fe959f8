"""Progress on standard error for long runs on a terminal.

Shown only when standard error is a terminal, the run has more than ``THRESHOLD`` files
and ``--quiet`` is not given; it is one line rewritten in place and erased at the end, so
it never mixes with the report on standard output (nor with machine-readable output)."""
from __future__ import annotations

import sys
import time

THRESHOLD = 300


class Progress:
    def __init__(self, stream=None, threshold: int = THRESHOLD, interval: float = 0.1):
        self.stream = stream or sys.stderr
        self.threshold = threshold
        self.interval = interval
        self._last = 0.0
        self._shown = False

    @classmethod
    def for_terminal(cls, quiet: bool) -> "Progress | None":
        stream = sys.stderr
        if quiet or not getattr(stream, "isatty", lambda: False)():
            return None
        return cls(stream)

    def __call__(self, done: int, total: int) -> None:
        if total <= self.threshold:
            return
        now = time.monotonic()
        if done >= total:
            if self._shown:
                self.stream.write("\r\x1b[2K")
                self.stream.flush()
                self._shown = False
            return
        if now - self._last < self.interval:
            return
        self._last = now
        self._shown = True
        self.stream.write(f"\r\x1b[2Kokla-lint: reading files {done}/{total}")
        self.stream.flush()
