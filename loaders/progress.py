"""A small progress bar on stderr for long command-line work (national loads, benchmarks).

On a terminal it redraws one line at most ten times a second; when stderr is a file or a
pipe it prints a plain line at every tenth of the way, so logs stay short.
"""

from __future__ import annotations

import sys
import time
from typing import TextIO

__all__ = ["ProgressBar"]


class ProgressBar:
    """``bar = ProgressBar(total, "load"); bar.update(n); ...; bar.close()``; also a
    context manager. ``total`` may be 0 when unknown (then only counts are shown)."""

    def __init__(
        self,
        total: int,
        label: str,
        *,
        unit: str = "",
        stream: TextIO | None = None,
        width: int = 30,
    ) -> None:
        self.total = max(0, int(total))
        self.label = label
        self.unit = unit
        self.stream = stream if stream is not None else sys.stderr
        self.width = width
        self.done = 0
        self.started = time.perf_counter()
        self._last_draw = 0.0
        self._last_tenth = -1
        self._tty = bool(getattr(self.stream, "isatty", lambda: False)())
        self._closed = False

    def __enter__(self) -> ProgressBar:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def update(self, n: int = 1) -> None:
        self.done += n
        now = time.perf_counter()
        if self._tty:
            if now - self._last_draw >= 0.1:
                self._last_draw = now
                self.stream.write("\r" + self.line())
                self.stream.flush()
        elif self.total:
            tenth = min(10, self.done * 10 // self.total)
            if tenth > self._last_tenth and tenth < 10:
                self._last_tenth = tenth
                self.stream.write(self.line() + "\n")
                self.stream.flush()

    def line(self) -> str:
        """The current state as one line of text."""
        elapsed = time.perf_counter() - self.started
        rate = self.done / elapsed if elapsed > 0 else 0.0
        unit = f" {self.unit}" if self.unit else ""
        if not self.total:
            return f"{self.label}: {self.done:,}{unit} ({rate:,.0f}/s, {elapsed:.0f} s)"
        share = min(1.0, self.done / self.total)
        filled = int(share * self.width)
        bar = "#" * filled + "-" * (self.width - filled)
        left = (self.total - self.done) / rate if rate > 0 else 0.0
        return (
            f"{self.label}: [{bar}] {share:6.1%} {self.done:,}/{self.total:,}{unit} "
            f"({rate:,.0f}/s, {elapsed:.0f} s, ~{left:.0f} s left)"
        )

    def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        end = "\r" if self._tty else ""
        self.stream.write(end + self.line() + "\n")
        self.stream.flush()
