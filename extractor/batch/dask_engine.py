"""Run batch tasks on a Dask distributed cluster, with the local pool's result contract.

Each Dask worker process keeps the processor it loaded in a module-level cache, so the pipeline
is loaded once per worker, not once per document. Dask runs tasks in worker threads, which
cannot be killed one by one; the timeout is therefore a stall guard: when no task finishes for
``timeout`` seconds, the tasks still in flight are cancelled and recorded as timeouts.
"""

from __future__ import annotations

import os
import resource
import time
import traceback
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from extractor.batch.pool import TaskResult
from extractor.batch.processors import Processor, load_processor

_LOADED: dict[str, Processor] = {}


def _process_on_worker(
    spec: str, options: dict[str, Any], index: int, path: str, doc_id: str
) -> tuple[Any, ...]:
    key = f"{spec} {sorted(options.items())}"
    process = _LOADED.get(key)
    if process is None:
        process = _LOADED[key] = load_processor(spec, options)
    t0 = time.perf_counter()
    try:
        row, stage, error = process(path, doc_id), None, None
    except Exception as err:
        tb = traceback.extract_tb(err.__traceback__)
        where = f" (at {tb[-1].filename.rsplit('/', 1)[-1]}:{tb[-1].lineno})" if tb else ""
        row, stage, error = None, "process", f"{type(err).__name__}: {err}{where}"
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0
    return index, path, row, stage, error, time.perf_counter() - t0, os.getpid(), peak


def run_dask(
    tasks: Iterable[tuple[int, str, str]],
    *,
    processor_spec: str,
    workers: int,
    timeout: float,
    scheduler: str | None = None,
    on_worker_peak: Callable[[int, float], None] | None = None,
    options: dict[str, Any] | None = None,
) -> Iterator[TaskResult]:
    """Yield one ``TaskResult`` per task; starts a LocalCluster when no scheduler is given."""
    from dask.distributed import wait

    client, cluster = _connect(scheduler, workers)
    try:
        futures = {
            client.submit(
                _process_on_worker, processor_spec, options or {}, i, p, d, pure=False,
                key=f"extract-{i}-{time.time_ns()}",
            ): (i, p)
            for i, p, d in tasks
        }  # fmt: skip
        pending = set(futures)
        while pending:
            done, pending = wait(pending, timeout=timeout, return_when="FIRST_COMPLETED")
            if not done:  # stall: nothing finished within the timeout
                yield from _cancel_stalled(pending, futures, timeout)
                return
            for fut in done:
                yield _task_result(fut, futures[fut], on_worker_peak)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def _connect(scheduler: str | None, workers: int) -> tuple[Any, Any]:
    """A client of the given scheduler, or of a new LocalCluster (returned too, to close)."""
    from dask.distributed import Client, LocalCluster

    if scheduler:
        return Client(scheduler, timeout="30s"), None
    cluster = LocalCluster(
        n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None
    )
    return Client(cluster), cluster


def _cancel_stalled(
    pending: set[Any], futures: dict[Any, tuple[int, str]], timeout: float
) -> Iterator[TaskResult]:
    """Cancel every task still pending after a stall; each is reported as timed out."""
    for fut in pending:
        fut.cancel()
        i, p = futures[fut]
        yield TaskResult(
            i, p, None, "timeout", f"no result after {timeout:g} s on the cluster", timeout, 0, 0.0
        )


def _task_result(
    fut: Any, task: tuple[int, str], on_worker_peak: Callable[[int, float], None] | None
) -> TaskResult:
    """A finished future's result; a worker that died or a task that could not run is a crash."""
    i, p = task
    try:
        index, path, row, stage, error, seconds, pid, peak = fut.result()
    except Exception as err:  # a worker died or the task could not be run
        return TaskResult(i, p, None, "crash", f"{type(err).__name__}: {err}", 0.0, 0, 0.0)
    if on_worker_peak:
        on_worker_peak(pid, peak)
    return TaskResult(index, path, row, stage, error, seconds, pid, peak)
