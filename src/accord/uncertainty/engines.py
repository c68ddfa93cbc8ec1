"""Where the work runs: in this process, in local worker processes, or on a Dask cluster.

An engine maps a picklable, module-level function over a list of jobs and returns the results
in job order, whatever order they finished in. Engines never change results: every job is
self-contained (it carries its own seed and sample range), so the same jobs give the same
results on any engine and any number of workers.

``local``
    In this process, one job after the other (the default; numpy vectorises within a job).
``processes``
    ``workers`` local processes (``concurrent.futures.ProcessPoolExecutor``, spawned so that no
    thread state is inherited).
``dask``
    Dask distributed (the ``accord[dask]`` extra): a local cluster of ``workers`` single-thread
    processes when no scheduler address is given, an existing cluster otherwise. To use a
    cluster of several machines, start ``dask scheduler`` on one machine and ``dask worker
    tcp://SCHEDULER:8786`` on each (with accord installed in the same version), then pass
    ``--engine dask --scheduler tcp://SCHEDULER:8786``.

Failures of the machinery (a worker that dies, an unreachable scheduler, Dask not installed)
raise :class:`EngineError` with a message for the user; Ctrl-C cancels outstanding jobs and
stops the workers before the KeyboardInterrupt propagates.
"""

from __future__ import annotations

import multiprocessing
import os
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from typing import Any, TypeVar

__all__ = [
    "ENGINES",
    "DaskEngine",
    "Engine",
    "EngineError",
    "LocalEngine",
    "ProcessEngine",
    "make_engine",
]

Job = TypeVar("Job")
Result = TypeVar("Result")
Progress = Callable[[int, int], None]

ENGINES = ("local", "processes", "dask")


class EngineError(RuntimeError):
    """The machinery failed (not the model): a worker died, a scheduler is unreachable, ...

    ``bad_input`` is True when the user can fix it by changing the command (exit status 2).
    """

    def __init__(self, message: str, *, bad_input: bool = False) -> None:
        super().__init__(message)
        self.bad_input = bad_input


class Engine(ABC):
    """Maps a function over jobs; results come back in job order."""

    name: str

    @abstractmethod
    def map(
        self,
        fn: Callable[[Job], Result],
        jobs: Sequence[Job],
        progress: Progress | None = None,
    ) -> list[Result]:
        """``[fn(job) for job in jobs]``, possibly in parallel; ``progress(done, total)``."""

    def close(self) -> None:  # noqa: B027 - the local engine holds nothing to release
        """Release workers and connections."""

    def __enter__(self) -> Engine:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class LocalEngine(Engine):
    """Everything in this process, one job after the other."""

    name = "local"

    def map(
        self,
        fn: Callable[[Job], Result],
        jobs: Sequence[Job],
        progress: Progress | None = None,
    ) -> list[Result]:
        results = []
        for done, job in enumerate(jobs, start=1):
            results.append(fn(job))
            if progress is not None:
                progress(done, len(jobs))
        return results


class ProcessEngine(Engine):
    """``workers`` local processes."""

    name = "processes"

    def __init__(self, workers: int) -> None:
        self.workers = workers
        self._executor: ProcessPoolExecutor | None = None

    def _pool(self) -> ProcessPoolExecutor:
        if self._executor is None:
            context = multiprocessing.get_context("spawn")
            self._executor = ProcessPoolExecutor(max_workers=self.workers, mp_context=context)
        return self._executor

    def map(
        self,
        fn: Callable[[Job], Result],
        jobs: Sequence[Job],
        progress: Progress | None = None,
    ) -> list[Result]:
        pool = self._pool()
        try:
            futures = {pool.submit(fn, job): k for k, job in enumerate(jobs)}
            return _in_order(as_completed(futures), futures.__getitem__, len(jobs), progress)
        except BrokenProcessPool:
            self._kill()
            raise EngineError(
                "a worker process died before finishing its work (out of memory, or killed); "
                "no result was produced"
            ) from None
        except BaseException:
            self._kill()
            raise

    def _kill(self) -> None:
        executor, self._executor = self._executor, None
        if executor is None:
            return
        processes = list(getattr(executor, "_processes", {}).values())
        executor.shutdown(wait=False, cancel_futures=True)
        for process in processes:
            if process.is_alive():
                process.terminate()
        for process in processes:
            process.join(timeout=5)

    def close(self) -> None:
        if self._executor is not None:
            self._executor.shutdown(wait=True, cancel_futures=True)
            self._executor = None


class DaskEngine(Engine):
    """Dask distributed: a local cluster, or the cluster at ``scheduler``."""

    name = "dask"

    def __init__(self, workers: int, scheduler: str | None = None, timeout: float = 10.0) -> None:
        self.workers = workers
        self.scheduler = scheduler
        self.timeout = timeout
        self._client: Any = None
        self._cluster: Any = None

    def _connect(self) -> Any:
        if self._client is not None:
            return self._client
        try:
            import dask.config
            from dask.distributed import Client, LocalCluster
        except ImportError:
            raise EngineError(
                "the dask engine needs the dask extra: pip install 'accord[dask]'", bad_input=True
            ) from None
        if self.scheduler is None:
            # Dask starts workers with MALLOC_TRIM_THRESHOLD_=65536, which makes glibc hand
            # numpy's large temporaries back to the system after every operation: the models
            # then run about 1.5x slower. The local cluster keeps the C library's default.
            environ = dict(dask.config.get("distributed.nanny.pre-spawn-environ", {}))
            environ.pop("MALLOC_TRIM_THRESHOLD_", None)
            with dask.config.set({"distributed.nanny.pre-spawn-environ": environ}):
                self._cluster = LocalCluster(  # type: ignore[no-untyped-call]
                    n_workers=self.workers,
                    threads_per_worker=1,
                    processes=True,
                    dashboard_address=None,
                    silence_logs=50,
                )
            self._client = Client(self._cluster)  # type: ignore[no-untyped-call]
        else:
            try:
                self._client = Client(  # type: ignore[no-untyped-call]
                    self.scheduler, timeout=f"{self.timeout}s"
                )
            except (OSError, TimeoutError, ValueError) as exc:
                raise EngineError(
                    f"cannot reach the Dask scheduler at {self.scheduler} "
                    f"({type(exc).__name__}: {exc})".replace("\n", " "),
                    bad_input=True,
                ) from None
        return self._client

    def map(
        self,
        fn: Callable[[Job], Result],
        jobs: Sequence[Job],
        progress: Progress | None = None,
    ) -> list[Result]:
        client = self._connect()  # first: it explains a missing dask extra
        from dask.distributed import as_completed

        futures = client.map(fn, list(jobs), pure=False)
        index = {future.key: k for k, future in enumerate(futures)}
        try:
            finished = as_completed(futures)  # type: ignore[no-untyped-call]
            return _in_order(finished, lambda future: index[future.key], len(jobs), progress)
        except BaseException as exc:
            client.cancel(futures)
            if type(exc).__name__ == "KilledWorker":
                raise EngineError(
                    "a Dask worker died while running a job (out of memory, or killed); "
                    "no result was produced"
                ) from None
            raise

    def close(self) -> None:
        if self._client is not None:
            self._client.close()
            self._client = None
        if self._cluster is not None:
            self._cluster.close()
            self._cluster = None


def _in_order(
    finished: Iterable[Any], position: Callable[[Any], int], total: int, progress: Progress | None
) -> list[Any]:
    """Results of futures as they finish, put back in job order, reporting progress."""
    results: list[Any] = [None] * total
    for done, future in enumerate(finished, start=1):
        results[position(future)] = future.result()
        if progress is not None:
            progress(done, total)
    return results


def make_engine(name: str, *, workers: int | None = None, scheduler: str | None = None) -> Engine:
    """The engine called ``name`` (one of :data:`ENGINES`)."""
    count = workers if workers is not None else (os.cpu_count() or 1)
    if count < 1:
        raise EngineError(f"workers must be at least 1, got {count}", bad_input=True)
    if scheduler is not None and name != "dask":
        raise EngineError("--scheduler goes with --engine dask", bad_input=True)
    if name == "local":
        return LocalEngine()
    if name == "processes":
        return ProcessEngine(count)
    if name == "dask":
        return DaskEngine(count, scheduler)
    raise EngineError(f"unknown engine {name!r}; choose from {', '.join(ENGINES)}", bad_input=True)
