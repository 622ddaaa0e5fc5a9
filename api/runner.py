"""Running queries with a time limit and a row cap, without ever blocking the event loop.

pyoxigraph cannot cancel a running query from another thread, so:

* Every query runs on one of at most ``query_workers`` daemon threads per
  process (kept between requests), so runaway queries cannot take every CPU.
* Results are lazy iterators: the thread pulls rows one by one and checks the
  deadline and the row cap between rows, so a query that keeps producing rows
  stops itself at the deadline (``QueryLimitError``) and frees its thread.
* A query that blocks before its first row (``ORDER BY``, ``GROUP BY``,
  ``COUNT`` over huge data) cannot be interrupted: the request still gets its
  answer at the deadline (503 with a clear message) because the event loop only
  waits that long; the abandoned thread finishes in the background, stays busy until
  then, and its result is thrown away. While every thread is held by such
  queries, new queries wait in the queue until their own deadline and then get
  503 ("busy") as well. The number of abandoned queries is in ``/stats``.

A subprocess per query could be killed, but it cannot share an in-memory
store and costs tens of milliseconds per query; threads answer the common
query in well under a millisecond of overhead.
"""

from __future__ import annotations

import asyncio
import queue
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any, TypeVar

import pyoxigraph as ox

from kg.errors import QueryLimitError, StoreError
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
    elapsed: float = 0.0

    def __len__(self) -> int:
        if self.kind == "solutions":
            return len(self.rows or ())
        if self.kind == "graph":
            return len(self.triples or ())
        return 1


def _limited(items: Iterator, deadline: float, max_rows: int, timeout: float,
             what: str) -> list:
    out: list = []
    append = out.append
    for n, item in enumerate(items, 1):
        if n > max_rows:
            raise QueryLimitError(
                f"the result has more than {max_rows} {what} (the row cap of this server); "
                "add a LIMIT or narrow the query")
        append(item)
        if n % CHECK_EVERY == 0 and time.monotonic() > deadline:
            raise QueryLimitError(_timeout_message(timeout))
    if time.monotonic() > deadline:
        raise QueryLimitError(_timeout_message(timeout))
    return out


def _timeout_message(timeout: float) -> str:
    return (f"the query ran past the time limit of {timeout:g} s and was stopped; "
            "narrow it (fewer patterns, a LIMIT) or ask the operator for a longer limit")


def execute(store: Store, sparql: str, *, deadline: float, max_rows: int, timeout: float,
            default_graphs: list[str] | None = None,
            named_graphs: list[str] | None = None) -> Outcome:
    """Run one query to completion (in a worker thread) under the deadline and row cap."""
    started = time.monotonic()
    result = store.query(sparql, default_graphs=default_graphs or None,
                         named_graphs=named_graphs or None)
    try:
        if isinstance(result, ox.QuerySolutions):
            variables = [v.value for v in result.variables]
            rows = _limited(iter(result), deadline, max_rows, timeout, "rows")
            outcome = Outcome("solutions", variables=variables,
                              rows=[tuple(row) for row in rows])
        elif isinstance(result, ox.QueryTriples):
            triples = _limited(iter(result), deadline, max_rows, timeout, "triples")
            outcome = Outcome("graph", triples=triples)
        else:
            outcome = Outcome("boolean", boolean=bool(result))
    except OSError as exc:
        raise StoreError(f"query failed: {exc}") from exc
    except SyntaxError as exc:  # some errors only surface on evaluation
        from kg.errors import QuerySyntaxError

        raise QuerySyntaxError(str(exc)) from exc
    outcome.elapsed = time.monotonic() - started
    return outcome


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

    async def run(self, fn: Callable[..., T], *args: Any, timeout: float) -> T:
        """``fn(*args, deadline=...)`` on a worker thread; 503 when the deadline passes."""
        loop = asyncio.get_running_loop()
        future: asyncio.Future = loop.create_future()
        deadline = time.monotonic() + timeout
        state = {"abandoned": False, "running": False, "started": False}

        def deliver(ok: bool, value: Any) -> None:
            if not future.done():
                if ok:
                    future.set_result(value)
                else:
                    future.set_exception(value)

        def task() -> None:
            with self._lock:
                if state["abandoned"] or time.monotonic() > deadline:
                    return  # the request already got its answer
                state["started"] = state["running"] = True
                self.running += 1
            try:
                value, ok = fn(*args, deadline=deadline), True
            except BaseException as exc:  # noqa: BLE001 - handed to the waiting request
                value, ok = exc, False
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

        self._submit(task)
        try:
            return await asyncio.wait_for(asyncio.shield(future), timeout + 0.05)
        except (asyncio.TimeoutError, TimeoutError):
            with self._lock:
                self.timeouts += 1
                started = state["started"]
                if state["running"]:
                    self.abandoned += 1
                state["abandoned"] = True
            if not started:
                raise QueryLimitError(
                    f"the server is busy with other queries and none finished within the "
                    f"time limit of {timeout:g} s; try again later") from None
            raise QueryLimitError(_timeout_message(timeout)) from None

    def stats(self) -> dict[str, int]:
        return {"workers": self.workers, "threads": self._threads, "running": self.running,
                "abandoned": self.abandoned, "timeouts": self.timeouts}
