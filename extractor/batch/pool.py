"""A small process pool that isolates faults: one worker per core, the pipeline loaded once per
worker, a per-document timeout, and a dead or stuck worker replaced without losing the batch.

``concurrent.futures.ProcessPoolExecutor`` cannot kill one stuck task, and a crashed worker
breaks the whole executor; here each worker has its own pipe, so the parent knows which
document each worker holds and can kill and replace exactly that worker.
"""

from __future__ import annotations

import ctypes
import multiprocessing as mp
import os
import resource
import signal
import sys
import time
import traceback
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from typing import Any

from extractor.batch.processors import load_processor

Task = tuple[int, str, str]  # input index, path, doc_id


@dataclass(frozen=True, slots=True)
class TaskResult:
    """What came back for one input: a SCHEMA §5 dict, or an error with the stage it hit."""

    index: int
    path: str
    row: dict[str, Any] | None
    error_stage: str | None
    error: str | None
    seconds: float
    worker_pid: int
    worker_peak_rss_mb: float


def _peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0  # Linux: KiB


# The parent's ends of every worker pipe. A forked worker inherits them all; it closes them
# first thing, so the only open end of its own pipe is the parent's and it sees end-of-file
# when the parent dies.
_PARENT_ENDS: list[Connection] = []
PR_SET_PDEATHSIG = 1


def _die_with_parent(parent_pid: int) -> None:
    """Ask Linux to SIGKILL this worker when its parent dies (``prctl(PR_SET_PDEATHSIG)``);
    elsewhere the receive loop's liveness check does it within a second."""
    if not sys.platform.startswith("linux"):
        return
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    except (OSError, AttributeError):
        return
    if os.getppid() != parent_pid:  # the parent died before the request took effect
        os._exit(1)


def _receive(conn: Connection, parent_pid: int) -> Any:
    """The next task, or ``None`` once the parent is gone (pipe closed or parent changed)."""
    while not conn.poll(1.0):
        if os.getppid() != parent_pid:
            return None
    try:
        return conn.recv()
    except (EOFError, OSError):
        return None


def _worker_main(
    conn: Connection, processor_spec: str, parent_pid: int, options: dict[str, Any]
) -> None:
    _die_with_parent(parent_pid)
    for end in _PARENT_ENDS:
        end.close()
    try:
        process = load_processor(processor_spec, options)
    except BaseException as err:  # report why the worker cannot start, then exit
        conn.send(("fatal", f"{type(err).__name__}: {err}"))
        return
    conn.send(("ready", None))
    while True:
        item = _receive(conn, parent_pid)
        if item is None:
            return
        index, path, doc_id = item
        t0 = time.perf_counter()
        try:
            row = process(path, doc_id)
            msg = ("done", (index, row, None, None))
        except Exception as err:  # one bad document must not end the worker
            tb = traceback.extract_tb(err.__traceback__)
            where = f" (at {tb[-1].filename.rsplit('/', 1)[-1]}:{tb[-1].lineno})" if tb else ""
            msg = ("done", (index, None, "process", f"{type(err).__name__}: {err}{where}"))
        conn.send((*msg, time.perf_counter() - t0, _peak_rss_mb()))


class _Worker:
    def __init__(self, ctx: Any, processor_spec: str, options: dict[str, Any]) -> None:
        self.conn, child = ctx.Pipe()
        _PARENT_ENDS.append(self.conn)
        self.proc = ctx.Process(
            target=_worker_main, args=(child, processor_spec, os.getpid(), options), daemon=True
        )
        self.proc.start()
        child.close()
        self.ready = False
        self.task: Task | None = None
        self.started = 0.0
        self.peak_rss_mb = 0.0

    def kill(self) -> None:
        if self.proc.is_alive():
            self.proc.kill()
        self.proc.join(5)
        self.conn.close()
        if self.conn in _PARENT_ENDS:
            _PARENT_ENDS.remove(self.conn)


class WorkerStartError(RuntimeError):
    """A worker could not load its processor (for example, the pipeline failed to load)."""


def run_local(
    tasks: Iterable[Task],
    *,
    processor_spec: str,
    workers: int,
    timeout: float,
    start_method: str = "fork",
    on_worker_peak: Callable[[int, float], None] | None = None,
    options: dict[str, Any] | None = None,
) -> Iterator[TaskResult]:
    """Yield one ``TaskResult`` per task as workers finish them (completion order);
    ``options`` go to the processor's factory (``load_processor``)."""
    options = options or {}
    ctx = mp.get_context(start_method)
    pending = deque(tasks)
    n = max(1, min(workers, len(pending) or 1))
    pool = [_Worker(ctx, processor_spec, options) for _ in range(n)]
    try:
        while pending or any(w.task for w in pool):
            for w in pool:
                _dispatch(w, pending)
            busy = [w for w in pool if w.task is not None or not w.ready]
            waitables: list[Any] = [w.conn for w in busy] + [w.proc.sentinel for w in busy]
            ready = wait(waitables, timeout=1.0)
            now = time.monotonic()
            for slot, w in enumerate(pool):
                result, failure = _poll(w, ready, now, timeout, pending, on_worker_peak)
                if result is not None:
                    yield result
                elif failure is not None:
                    lost = _restart(pool, slot, failure, now, ctx, processor_spec, options)
                    if lost is not None:
                        yield lost
    finally:
        _shutdown(pool)


def _dispatch(w: _Worker, pending: deque[Task]) -> None:
    """Send a ready, idle worker the next pending task."""
    if w.ready and w.task is None and pending:
        w.task = pending.popleft()
        w.started = time.monotonic()
        w.conn.send(w.task)


def _poll(
    w: _Worker,
    ready: list[Any],
    now: float,
    timeout: float,
    pending: deque[Task],
    on_worker_peak: Callable[[int, float], None] | None,
) -> tuple[TaskResult | None, tuple[str, str] | None]:
    """What one worker has to say this round: a result, a failure (stage, message), or
    neither."""
    if w.conn in ready:
        try:
            msg = w.conn.recv()
        except (EOFError, OSError):
            w.proc.join(5)
            return None, ("crash", f"worker process died (exit code {w.proc.exitcode})")
        return _on_message(w, msg, pending, on_worker_peak), None
    if w.proc.sentinel in ready:
        w.proc.join(5)
        return None, ("crash", f"worker process died (exit code {w.proc.exitcode})")
    if w.task is not None and now - w.started > timeout:
        return None, ("timeout", f"no result after {timeout:g} s; worker killed")
    return None, None


def _on_message(
    w: _Worker,
    msg: Any,
    pending: deque[Task],
    on_worker_peak: Callable[[int, float], None] | None,
) -> TaskResult | None:
    """A worker's message: it could not start (raise), it is ready, or a task's result."""
    if msg[0] == "fatal":
        raise WorkerStartError(f"worker could not start: {msg[1]}")
    if msg[0] == "ready":
        w.ready = True
        return None
    _, (index, row, stage, error), seconds, peak = msg
    w.peak_rss_mb = max(w.peak_rss_mb, peak)
    if on_worker_peak:
        on_worker_peak(w.proc.pid or 0, w.peak_rss_mb)
    assert w.task is not None
    path = w.task[1]
    w.task = None
    # Hand the worker its next document before the caller writes this
    # result (journal fsync, progress): the worker computes meanwhile.
    _dispatch(w, pending)
    return TaskResult(index, path, row, stage, error, seconds, w.proc.pid or 0, peak)


def _restart(
    pool: list[_Worker],
    slot: int,
    failure: tuple[str, str],
    now: float,
    ctx: Any,
    processor_spec: str,
    options: dict[str, Any],
) -> TaskResult | None:
    """Kill a crashed or stuck worker and start another in its slot; its task, if it had one,
    is returned as failed. A worker that dies while starting stops the run."""
    w = pool[slot]
    task, pid, was_ready = w.task, w.proc.pid or 0, w.ready
    w.kill()
    if not was_ready:
        raise WorkerStartError(f"worker exited while starting: {failure[1]}")
    pool[slot] = _Worker(ctx, processor_spec, options)
    if task is None:
        return None
    return TaskResult(
        task[0], task[1], None, failure[0], failure[1], now - w.started, pid, w.peak_rss_mb
    )


def _shutdown(pool: list[_Worker]) -> None:
    """Ask every worker to stop, give them 5 s together, then kill what is left."""
    for w in pool:
        try:
            if w.proc.is_alive() and not w.conn.closed:
                w.conn.send(None)
        except (BrokenPipeError, OSError):
            pass
    deadline = time.monotonic() + 5
    for w in pool:
        w.proc.join(max(0.0, deadline - time.monotonic()))
        if w.proc.is_alive():
            w.proc.kill()
            w.proc.join(1)
        w.conn.close()
        if w.conn in _PARENT_ENDS:
            _PARENT_ENDS.remove(w.conn)


def default_workers() -> int:
    return (
        len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    )
