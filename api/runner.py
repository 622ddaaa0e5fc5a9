"""Blocking work off the event loop: the thread runner for reads, one writer thread for writes.

* :class:`QueryRunner` runs the API's own bounded work (entity pages, the
  NetworkX view, counts) on at most ``query_workers`` daemon threads per
  process, kept between requests. SPARQL protocol queries, which anyone can
  make arbitrarily expensive, do *not* run here: they go to
  :mod:`api.queries` (killable worker processes for an on-disk store, a
  separate thread runner otherwise), so they can never take these threads.
* Results are lazy: SELECT results are serialised by pyoxigraph into a writer
  that counts rows and checks the deadline at every 8 KiB chunk
  (``api.results.write_solutions``); other results are pulled row by row with
  checks every ``CHECK_EVERY`` rows (:func:`collect`). A query that keeps
  producing rows stops itself at the row cap or the deadline
  (``QueryLimitError``) and frees its thread.
* A thread cannot be killed: work that blocks past its deadline gets its 503
  at the deadline and its thread finishes in the background
  (``abandoned`` in the stats). That is why only work whose cost the server
  controls runs on threads.
* :class:`Writer` runs every write (ingestion with its extraction and SHACL
  screening, SPARQL updates, deletions) on one thread, one at a time, holding
  the store's write lock (:meth:`kg.store.Store.writing`): pySHACL and rdflib's
  SPARQL parser are not thread-safe, and ingestion reads the store before it
  writes. Writes never occupy the reader threads. A write that has not started
  by its deadline is dropped with a 503; one that has started is waited for,
  because a transaction cannot be abandoned half-way and the client must learn
  whether it happened.

The hop to a thread and back costs some tens of microseconds (about 40 µs
under uvloop, 60 µs under asyncio, for a no-op task on a 2-CPU machine).
"""

from __future__ import annotations

import asyncio
import queue
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, TypeVar

import pyoxigraph as ox

from api.errors import ApiError
from kg.errors import KGError, QueryLimitError, QuerySyntaxError, StoreError
from kg.store import Store

T = TypeVar("T")
CHECK_EVERY = 64  # rows between deadline checks


@dataclass
class Outcome:
    """A finished query: ``kind`` is ``solutions``, ``boolean`` or ``graph``."""

    kind: str
    variables: list[str] | None = None
    rows: list[tuple] | None = None
    boolean: bool | None = None
    triples: list[ox.Triple] | None = None

    def __len__(self) -> int:
        if self.kind == "solutions":
            return len(self.rows or ())
        if self.kind == "graph":
            return len(self.triples or ())
        return 1


def row_cap_message(max_rows: int, what: str = "rows") -> str:
    return (f"the result has more than {max_rows} {what} (the row cap of this server); "
            "add a LIMIT or narrow the query")


def _limited(items: Iterator, deadline: float, max_rows: int, timeout: float,
             what: str) -> list:
    out: list = []
    append = out.append
    for n, item in enumerate(items, 1):
        if n > max_rows:
            raise QueryLimitError(row_cap_message(max_rows, what))
        append(item)
        if n % CHECK_EVERY == 0 and time.monotonic() > deadline:
            raise QueryLimitError(timeout_message(timeout))
    if time.monotonic() > deadline:
        raise QueryLimitError(timeout_message(timeout))
    return out


def timeout_message(timeout: float) -> str:
    return (f"the query ran past the time limit of {timeout:g} s and was stopped; "
            "narrow it (fewer patterns, a LIMIT) or ask the operator for a longer limit")


@contextmanager
def evaluation_errors() -> Iterator[None]:
    """Map errors raised while a lazy result is evaluated to the project's errors."""
    try:
        yield
    except OSError as exc:
        raise StoreError(f"query failed: {exc}") from exc
    except SyntaxError as exc:  # some errors only surface on evaluation
        raise QuerySyntaxError(str(exc)) from exc


def collect(result, *, deadline: float, max_rows: int, timeout: float) -> Outcome:
    """The rows (or triples, or boolean) of a lazy result, under the deadline and row cap."""
    with evaluation_errors():
        if isinstance(result, ox.QuerySolutions):
            variables = [v.value for v in result.variables]
            rows = _limited(iter(result), deadline, max_rows, timeout, "rows")
            return Outcome("solutions", variables=variables, rows=[tuple(row) for row in rows])
        if isinstance(result, ox.QueryTriples):
            return Outcome("graph", triples=_limited(iter(result), deadline, max_rows, timeout,
                                                     "triples"))
        return Outcome("boolean", boolean=bool(result))


def _forget_frames(exc: BaseException) -> None:
    """Drop the tracebacks of an expected error (and of its causes) in this thread.

    Their frames hold the live pyoxigraph result, which must be freed on the
    thread that made it (pyoxigraph objects cannot be dropped on another thread);
    the message is all the request needs.
    """
    seen: set[int] = set()
    todo: list[BaseException | None] = [exc]
    while todo:
        error = todo.pop()
        if error is None or id(error) in seen:
            continue
        seen.add(id(error))
        error.__traceback__ = None
        todo += [error.__cause__, error.__context__]


class QueryRunner:
    """Runs blocking work on at most ``workers`` daemon threads, kept between requests."""

    def __init__(self, workers: int = 4):
        self.workers = max(1, workers)
        self._tasks: queue.SimpleQueue = queue.SimpleQueue()
        self._lock = threading.Lock()
        self._threads = 0
        self._idle = 0
        self.running = 0
        self.abandoned = 0  # threads still busy after their request got a 503
        self.timeouts = 0

    def _loop(self) -> None:
        while True:
            with self._lock:
                self._idle += 1
            task = self._tasks.get()
            with self._lock:
                self._idle -= 1
            task()

    def _submit(self, task: Callable[[], None]) -> None:
        with self._lock:
            spawn = self._idle == 0 and self._threads < self.workers
            if spawn:
                self._threads += 1
        if spawn:
            threading.Thread(target=self._loop, name="kg-query", daemon=True).start()
        self._tasks.put(task)

    async def run(self, fn: Callable[..., T], *args: Any, timeout: float,
                  on_end: Callable[[], None] | None = None,
                  deadline: float | None = None) -> T:
        """``fn(*args, deadline=...)`` on a worker thread; 503 when the deadline passes.

        The deadline is ``timeout`` seconds from now unless given (a request that already
        waited for something keeps its own); messages name ``timeout``, the time limit.
        ``on_end`` is called on the event loop once the thread is done with the work (or
        skipped it), which for an abandoned query is after the request got its 503."""
        loop = asyncio.get_running_loop()
        future: asyncio.Future = loop.create_future()
        deadline = time.monotonic() + timeout if deadline is None else deadline
        state = {"abandoned": False, "running": False, "started": False}

        def deliver(ok: bool, value: Any) -> None:
            if not future.done():
                if ok:
                    future.set_result(value)
                else:
                    future.set_exception(value)

        def ended() -> None:
            if on_end is not None:
                try:
                    loop.call_soon_threadsafe(on_end)
                except RuntimeError:  # the loop is gone (server shutting down)
                    pass

        def task() -> None:
            with self._lock:
                if state["abandoned"] or time.monotonic() > deadline:
                    ended()
                    return  # the request already got its answer
                state["started"] = state["running"] = True
                self.running += 1
            try:
                value, ok = fn(*args, deadline=deadline), True
            except BaseException as exc:  # noqa: BLE001 - handed to the waiting request
                value, ok = exc, False
                if isinstance(exc, KGError | ApiError):
                    _forget_frames(exc)
            finally:
                with self._lock:
                    self.running -= 1
                    state["running"] = False
                    if state["abandoned"]:
                        self.abandoned -= 1
            try:
                loop.call_soon_threadsafe(deliver, ok, value)
            except RuntimeError:  # the loop is gone (server shutting down)
                pass
            ended()

        def expire() -> None:  # on the event loop, when the wait is over
            if future.done():
                return
            with self._lock:
                self.timeouts += 1
                started = state["started"]
                if state["running"]:
                    self.abandoned += 1
                state["abandoned"] = True
            if not started:
                future.set_exception(QueryLimitError(
                    f"the server is busy with other queries and none finished within the "
                    f"time limit of {timeout:g} s; try again later"))
            else:
                future.set_exception(QueryLimitError(timeout_message(timeout)))

        self._submit(task)
        # A timer on the future itself: cheaper than wait_for(shield(...)), which
        # wraps every query in two more futures and a task.
        timer = loop.call_later(max(0.0, deadline - time.monotonic()) + 0.05, expire)
        try:
            return await future
        finally:
            timer.cancel()

    def stats(self) -> dict[str, int]:
        return {"workers": self.workers, "threads": self._threads, "running": self.running,
                "abandoned": self.abandoned, "timeouts": self.timeouts}


class Writer:
    """Runs writes one at a time on a single thread, under the store's write lock."""

    def __init__(self, store: Store):
        self.store = store
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="kg-writer")
        self.pending = 0
        self.done = 0

    def _locked(self, fn: Callable[[], T]) -> T:
        with self.store.writing():
            return fn()

    async def run(self, fn: Callable[[], T], *, wait: float) -> T:
        """``fn()`` on the writer thread; 503 if it could not start within ``wait`` seconds."""
        future = self._pool.submit(self._locked, fn)
        self.pending += 1
        try:
            try:
                return await asyncio.wait_for(asyncio.shield(asyncio.wrap_future(future)), wait)
            except TimeoutError:
                if future.cancel():
                    raise QueryLimitError(
                        f"the server is busy with other writes and this one could not start "
                        f"within {wait:g} s; nothing was changed, try again later") from None
                return await asyncio.wrap_future(future)  # started: wait for its outcome
        finally:
            self.pending -= 1
            self.done += 1

    def stats(self) -> dict[str, int]:
        return {"pending": self.pending, "done": self.done}

    def close(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)
