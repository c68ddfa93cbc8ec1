"""A progress bar on stderr that appears only when a run lasts longer than a second."""

from __future__ import annotations

import sys
import time
from typing import Any

__all__ = ["DelayedProgress"]


class DelayedProgress:
    """Call with ``(done, total)`` after each unit of work; shows a bar after ``delay`` s."""

    def __init__(self, description: str, delay: float = 1.0) -> None:
        self.description = description
        self.delay = delay
        self.started = time.monotonic()
        self._progress: Any = None
        self._task: Any = None

    def __call__(self, done: int, total: int) -> None:
        if self._progress is None:
            if time.monotonic() - self.started < self.delay or not sys.stderr.isatty():
                return
            from rich.console import Console
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeRemainingColumn

            self._progress = Progress(
                "[progress.description]{task.description}",
                BarColumn(),
                MofNCompleteColumn(),
                TimeRemainingColumn(),
                console=Console(stderr=True),
                transient=True,
            )
            self._progress.start()
            self._task = self._progress.add_task(self.description, total=total)
        self._progress.update(self._task, completed=done, total=total)

    def close(self) -> None:
        if self._progress is not None:
            self._progress.stop()
            self._progress = None

    def __enter__(self) -> DelayedProgress:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
