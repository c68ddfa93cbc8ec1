"""Long runs for the web app: one background thread per job, its progress, and cancelling it.

A job is a function of one argument, ``progress(done, total)``, that the job calls as it goes
(Monte Carlo calls it after every chunk of samples). Cancelling sets a flag that the next
``progress`` call turns into :class:`Cancelled`, so a cancelled run stops at its next chunk
and leaves nothing behind. At most one job runs at a time (the machine's cores are the limit)
and only the last few finished jobs are kept.
"""

from __future__ import annotations

import secrets
import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

__all__ = ["Busy", "Cancelled", "Job", "Jobs"]

Work = Callable[[Callable[[int, int], None]], Any]


class Cancelled(Exception):
    """Raised inside a job's progress callback once the job is cancelled."""


class Busy(Exception):
    """Another job is running."""


@dataclass
class Job:
    """One run: its state (running, done, cancelled, failed), progress and result."""

    id: str
    state: str = "running"
    done: int = 0
    total: int = 0
    result: Any = None
    error: str | None = None
    cancel: threading.Event = field(default_factory=threading.Event)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "state": self.state,
            "done": self.done,
            "total": self.total,
            "error": self.error,
        }


class Jobs:
    """The app's jobs, keyed by an unguessable id."""

    def __init__(self, keep: int = 8) -> None:
        self._jobs: OrderedDict[str, Job] = OrderedDict()
        self._lock = threading.Lock()
        self._keep = keep

    def start(self, work: Work) -> Job:
        with self._lock:
            if any(job.state == "running" for job in self._jobs.values()):
                raise Busy("another run is in progress; cancel it or wait")
            job = Job(secrets.token_hex(8))
            self._jobs[job.id] = job
            while len(self._jobs) > self._keep:
                self._jobs.popitem(last=False)

        def progress(done: int, total: int) -> None:
            if job.cancel.is_set():
                raise Cancelled
            job.done, job.total = done, total

        def run() -> None:
            try:
                job.result = work(progress)
                job.state = "cancelled" if job.cancel.is_set() else "done"
            except Cancelled:
                job.state = "cancelled"
            except Exception as exc:  # reported as one line, never as a traceback
                job.error = str(exc).splitlines()[0][:300] if str(exc) else type(exc).__name__
                job.state = "failed"

        threading.Thread(target=run, name=f"accord-job-{job.id}", daemon=True).start()
        return job

    def get(self, job_id: str) -> Job | None:
        with self._lock:
            return self._jobs.get(job_id)

    def cancel(self, job_id: str) -> Job | None:
        job = self.get(job_id)
        if job is not None and job.state == "running":
            job.cancel.set()
        return job
