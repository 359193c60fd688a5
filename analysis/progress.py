"""Terminal progress for long analyses: tqdm when it is installed, else a plain line on stderr.

Analysis code reports steps through a :class:`Progress` and never prints itself; the CLI
passes :func:`terminal_progress`, tests and library callers get :data:`SILENT`.
"""

from __future__ import annotations

import importlib
import sys
import time
from typing import Any, Protocol, TextIO


class Progress(Protocol):
    def step(self, what: str) -> None:
        """Say that the next named step has started."""

    def close(self) -> None: ...


class _Silent:
    def step(self, what: str) -> None:
        pass

    def close(self) -> None:
        pass


SILENT: Progress = _Silent()


class _Plain:
    """One line per step with the time since the start, for logs and dumb terminals."""

    def __init__(self, total: int, stream: TextIO) -> None:
        self.total = total
        self.done = 0
        self.stream = stream
        self.start = time.perf_counter()

    def step(self, what: str) -> None:
        self.done += 1
        took = time.perf_counter() - self.start
        print(f"[{self.done}/{self.total}] {what} ({took:.1f}s)", file=self.stream, flush=True)

    def close(self) -> None:
        took = time.perf_counter() - self.start
        print(f"done in {took:.1f}s", file=self.stream, flush=True)


class _Tqdm:
    def __init__(self, bar: Any) -> None:
        self.bar = bar
        self.started = False

    def step(self, what: str) -> None:
        if self.started:
            self.bar.update(1)
        self.started = True
        self.bar.set_description(what)

    def close(self) -> None:
        if self.started:
            self.bar.update(1)
        self.bar.close()


def terminal_progress(total: int, stream: TextIO | None = None) -> Progress:
    """A progress reporter for ``total`` steps on ``stream`` (stderr by default)."""
    out = stream or sys.stderr
    try:
        tqdm = importlib.import_module("tqdm").tqdm
    except ModuleNotFoundError:
        return _Plain(total, out)
    return _Tqdm(tqdm(total=total, file=out, leave=True))
