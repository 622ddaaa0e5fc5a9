"""SPARQL protocol queries, run where they can be stopped at the time limit.

Two executors share one interface (``await executor.execute(store, job)``):

:class:`ProcessQueries` (on-disk stores)
    a pool of ``KG_QUERY_WORKERS`` worker *processes* (``forkserver`` context,
    this module preloaded, so a replacement starts in tens of milliseconds).
    Each query is sent with the path of a read-only checkpoint of the current
    revision (:meth:`kg.store.Store.pin_snapshot`), which the worker opens with
    ``pyoxigraph.Store.read_only`` and keeps until the revision moves. A worker
    still busy at the deadline is killed (SIGKILL) and replaced; its request
    gets 503. The workers share one memory budget, ``KG_QUERY_MEMORY_MB``
    (total, split evenly: each worker gets ``budget / KG_QUERY_WORKERS``), so a
    runaway ``ORDER BY`` dies in its worker, not in the server (503 saying
    so), and four of them at once stay within the budget. Requests wait for a
    free worker until their own deadline, then get 503 ("busy"); capacity
    always comes back, because every worker is free again by its query's
    deadline.

:class:`ThreadQueries` (in-memory and remote stores, which another process cannot open)
    its own :class:`~api.runner.QueryRunner` of threads, separate from the one
    the other endpoints use. Threads cannot be killed: a query that blocks
    before its first row runs on after its 503. When every query thread is
    held by such an abandoned query, new queries get an immediate 503 ("no
    query capacity") instead of queueing; the other endpoints are not
    affected. ``/health`` reports the capacity left either way.

Both run :func:`answer` on the query: evaluate, serialise in the negotiated
format under the row cap and deadline, and hand back bytes.

Both also keep one client from taking every worker (:class:`ClientShares`): a client
(the address uvicorn reports, which is the forwarded one behind a trusted proxy) runs at
most ``workers - 1`` queries at once; its further queries wait for one of its own to end.
Four runaway queries from one client therefore leave a worker to everyone else, who get
answers at once instead of after the runaways' deadline. With threads, a query counts
against its client until its thread really ends, also after its 503.

How a worker keeps to its share, two ways:

* its address space is capped (``RLIMIT_AS``) once the snapshot is open, at
  what is mapped then plus the share minus what is resident then
  (:func:`_limit_memory`): what the worker already holds counts against its
  share, and no query can map more than the rest;
* ``RLIMIT_AS`` counts address space, not resident memory, and a worker maps
  far more than it touches (libraries, RocksDB, reserved malloc arenas), which a
  query could still fill under the cap. So while a worker is busy, the thread
  waiting for its answer reads its resident memory every
  :data:`WATCH_EVERY` seconds and kills it once it holds more than its share
  (:meth:`_Worker.call`; the query gets 503 saying so).

After a query that left it holding more than it did at open, a worker gives the
freed memory back (``malloc_trim``), so idle workers hold what they use. Under
``kg serve`` a worker holds about 50 MB before it opens a store, about 65 MB
once it has opened the 1M-quad synthetic store, up to about 180 MB while it
answers a 100 000-row SELECT there, and about 115 MB after that, having trimmed
(docs/results/stress-issue9.md).
At start-up one worker opens the store and reports what it holds; if that
leaves less than :data:`MIN_QUERY_MB` of its share for queries the server does
not start and says which budget would do.
"""

from __future__ import annotations

import asyncio
import gc
import multiprocessing
import os
import pickle
import resource
import signal
import sys
import time
from collections import deque
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from multiprocessing.connection import Connection

import pyoxigraph as ox

from api.errors import NotAcceptable
from api.results import serialize, write_solutions
from api.runner import QueryRunner, collect, timeout_message
from kg import heap
from kg.errors import InputError, KGError, QueryLimitError, StoreError
from kg.formats import FORMATS, Format
from kg.store import Store, run_query

GRACE = 0.25  # seconds a worker may overrun its deadline before it is killed
WATCH_EVERY = 0.02  # seconds between two looks at a busy worker's resident memory
TRIM_ABOVE = 16 * 2**20  # a worker holding this much more than at open trims after a query
MIN_WORKER_MB = 96  # the smallest share of KG_QUERY_MEMORY_MB a query worker may get
MIN_QUERY_MB = 64  # what a worker must have left for queries once the store is open (a full
#                   100 000-row SELECT adds about 60 MB)
NICE_AFTER = 0.5  # seconds a query runs before its worker yields the CPU to shorter work
NICE = 10  # the niceness such a worker gets (see _Worker.call)
PROBE_TIMEOUT = 120.0  # seconds the start-up probe may take to open the store
PAGE = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096


@dataclass(frozen=True)
class QueryJob:
    """One protocol query with everything needed to answer it (picklable)."""

    query: str
    default_graphs: tuple[str, ...] | None
    named_graphs: tuple[str, ...] | None
    solutions_format: str | None  # a kg.formats name, None when not acceptable
    graph_format: str | None
    max_rows: int
    timeout: float
    union: bool = True            # no dataset given: the default graph is the union of all


@dataclass(frozen=True)
class QueryAnswer:
    """The serialised result: body, the format's name, the number of results, the revision."""

    body: bytes
    format: str
    count: int
    revision: int


def format_named(name: str | None) -> Format | None:
    """The :mod:`kg.formats` entry called exactly ``name`` (None for None)."""
    return next((f for f in FORMATS if f.name == name), None) if name else None


def answer(handle: ox.Store, job: QueryJob, deadline: float, revision: int) -> QueryAnswer:
    """Evaluate ``job`` on ``handle`` and serialise it, under the row cap and the deadline."""
    result = run_query(handle, job.query, default_graphs=job.default_graphs,
                       named_graphs=job.named_graphs, union=job.union)
    limits = dict(deadline=deadline, max_rows=job.max_rows, timeout=job.timeout)
    solutions, graph = format_named(job.solutions_format), format_named(job.graph_format)
    if isinstance(result, ox.QuerySolutions) and solutions is not None:
        body, count = write_solutions(result, solutions, **limits)
        return QueryAnswer(body, solutions.name, count, revision)
    outcome = collect(result, **limits)
    fmt = graph if outcome.kind == "graph" else solutions
    if fmt is None:
        raise NotAcceptable("none of the accepted types can represent the result of this query")
    return QueryAnswer(serialize(outcome, fmt), fmt.name, len(outcome), revision)


class ClientShares:
    """At most ``limit`` queries of one client at once (``limit`` 0: no limit).

    >>> import asyncio
    >>> async def demo():
    ...     shares = ClientShares(1)
    ...     await shares.enter("10.0.0.1", time.monotonic() + 1, 1)
    ...     await shares.enter("10.0.0.2", time.monotonic() + 1, 1)  # another client: at once
    ...     try:
    ...         await shares.enter("10.0.0.1", time.monotonic() + 0.05, 0.05)
    ...     except QueryLimitError as error:
    ...         return str(error).split(";")[0]
    >>> from concurrent.futures import ThreadPoolExecutor  # a thread of its own: no loop there
    >>> ThreadPoolExecutor(1).submit(asyncio.run, demo()).result()
    'this client already runs 1 query on this server, the most one client may run at once'
    """

    def __init__(self, limit: int):
        self.limit = max(0, limit)
        self._gates: dict[str, list] = {}  # client -> [semaphore, holders and waiters]

    async def enter(self, client: str | None, deadline: float, timeout: float) -> None:
        """Wait until ``client`` may start one more query (QueryLimitError at the deadline)."""
        if not self.limit or client is None:
            return
        gate = self._gates.setdefault(client, [asyncio.Semaphore(self.limit), 0])
        gate[1] += 1
        try:
            await asyncio.wait_for(gate[0].acquire(), max(0.0, deadline - time.monotonic()))
        except TimeoutError:
            self._forget(client, gate)
            plural = "query" if self.limit == 1 else "queries"
            raise QueryLimitError(
                f"this client already runs {self.limit} {plural} on this server, the most one "
                f"client may run at once; none of them finished within the time limit of "
                f"{timeout:g} s; try again later") from None
        except BaseException:
            self._forget(client, gate)
            raise

    def leave(self, client: str | None) -> None:
        """One query of ``client`` ended (call on the event loop, once per :meth:`enter`)."""
        if not self.limit or client is None:
            return
        gate = self._gates.get(client)
        if gate is not None:
            gate[0].release()
            self._forget(client, gate)

    def _forget(self, client: str, gate: list) -> None:
        gate[1] -= 1
        if gate[1] <= 0 and self._gates.get(client) is gate:
            del self._gates[client]


def client_limit(workers: int) -> int:
    """How many queries one client may run at once: all workers but one (one worker: 1)."""
    return max(1, workers - 1)


# --- threads (in-memory and remote stores) -------------------------------------------------


class ThreadQueries:
    """Queries on a thread runner of their own; fails fast once runaways hold every thread."""

    mode = "threads"

    def __init__(self, workers: int):
        self.runner = QueryRunner(workers)
        self.clients = ClientShares(client_limit(workers))

    async def start(self, store: Store | None = None) -> None:
        """Nothing to start: threads are made on demand."""

    async def execute(self, store: Store, job: QueryJob, client: str | None = None) -> QueryAnswer:
        """Answer ``job`` on a query thread; ``client`` (an address) waits for its own share."""
        if self.available() == 0:
            raise QueryLimitError(
                f"no query capacity left: {self.runner.abandoned} earlier queries ran past the "
                "time limit and still hold every query thread; try again later")
        deadline = time.monotonic() + job.timeout
        await self.clients.enter(client, deadline, job.timeout)
        revision = store.revision

        def work(deadline: float) -> QueryAnswer:
            return answer(store.oxigraph, job, deadline, revision)

        # the client's share comes back when the thread ends, not at the 503: a runaway
        # that runs on still counts against the client that sent it
        return await self.runner.run(work, timeout=job.timeout, deadline=deadline,
                                     on_end=lambda: self.clients.leave(client))

    def available(self) -> int:
        """Threads not held by abandoned queries (those come back only when they finish)."""
        return max(0, self.runner.workers - self.runner.abandoned)

    def stats(self) -> dict:
        stats = self.runner.stats()
        return {"mode": self.mode, "workers": stats["workers"], "busy": stats["running"],
                "available": max(0, stats["workers"] - stats["running"]),
                "abandoned": stats["abandoned"], "killed": 0, "timeouts": stats["timeouts"]}

    async def close(self) -> None:
        """Threads are daemons: nothing to stop."""


# --- processes (on-disk stores) ------------------------------------------------------------


def _memory_now() -> tuple[int, int]:
    """This process's mapped address space and resident memory (``VmSize``, ``VmRSS``), bytes."""
    found = {}
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            key, _, value = line.partition(":")
            if key in ("VmSize", "VmRSS"):
                found[key] = int(value.split()[0]) * 1024
    return found["VmSize"], found["VmRSS"]


def resident(pid: int) -> int:
    """The resident memory of process ``pid`` in bytes (0 when it is gone)."""
    try:
        with open(f"/proc/{pid}/statm", encoding="ascii") as statm:
            return int(statm.read().split()[1]) * PAGE
    except (OSError, ValueError, IndexError):
        return 0


def _limit_memory(share: int) -> int:
    """Cap this process so that it holds at most about ``share`` bytes; what is left for queries.

    Called after the store is open. ``RLIMIT_AS`` counts address space, of which
    a worker maps much more than it uses, so the cap is the address space
    mapped now plus ``share`` minus the resident memory now: what the worker
    already holds counts against its share. The hard limit stays open so the
    cap can be lifted again before the next snapshot is opened. Returns the
    bytes a query may still add (negative when the share is used up already).
    """
    if share <= 0:
        return 0
    unlimited = resource.RLIM_INFINITY
    resource.setrlimit(resource.RLIMIT_AS, (unlimited, unlimited))
    size, resident = _memory_now()
    left = share - resident
    resource.setrlimit(resource.RLIMIT_AS, (size + max(left, 0), unlimited))
    return left


@dataclass(frozen=True)
class Opened:
    """What a worker reports about the snapshot it opened (the start-up probe's answer)."""

    resident: int  # bytes resident once the store was open
    left: int  # bytes of its share left for queries


def worker_main(conn: Connection, share: int) -> None:
    """A query worker: answer jobs from ``conn`` until it closes (runs in the child).

    A message is ``(snapshot, revision, job, deadline)``; ``job`` None is the
    start-up probe, answered with :class:`Opened` once the snapshot is open.
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the server decides when workers stop
    heap.few_arenas()
    opened: str | None = None
    handle: ox.Store | None = None
    state = Opened(0, 0)
    while True:
        try:
            snapshot, revision, job, deadline = conn.recv()
        except (EOFError, OSError):
            return
        retire = False
        try:
            if snapshot != opened:
                handle, opened = None, None
                gc.collect()
                resource.setrlimit(resource.RLIMIT_AS, (resource.RLIM_INFINITY,) * 2)
                handle, opened = ox.Store.read_only(snapshot), snapshot
                left = _limit_memory(share)
                state = Opened(_memory_now()[1], left)
            if job is None:
                reply: tuple = ("ok", state)
            else:
                reply = ("ok", answer(handle, job, deadline, revision))
        except MemoryError:
            retire = True
            reply = ("error", QueryLimitError(memory_message(share)))
        except (KGError, NotAcceptable) as exc:
            reply = ("error", exc)
        except OSError as exc:
            reply = ("error", StoreError(f"query failed: {exc}"))
        except Exception as exc:  # noqa: BLE001 - reported to the server, which logs it
            reply = ("error", StoreError(f"query failed: {type(exc).__name__}: {exc}"))
        try:
            payload = pickle.dumps(reply, protocol=pickle.HIGHEST_PROTOCOL)
        except Exception as exc:  # noqa: BLE001 - an error that does not pickle
            payload = pickle.dumps(("error", StoreError(f"query failed: {exc}")))
        try:
            conn.send_bytes(payload)
        except (OSError, ValueError):
            return
        if retire:
            return
        del reply, payload
        if share and resident(os.getpid()) > state.resident + TRIM_ABOVE:
            heap.trim()  # so that what the next query finds resident is what is in use


def memory_message(share: int) -> str:
    return (f"the query needed more than the {share // 2**20} MB of memory one query may use "
            "on this server (its share of KG_QUERY_MEMORY_MB, which all query workers "
            "share) and was stopped; narrow it or add a LIMIT")


def _workers_named(workers: int, processes: int) -> str:
    if processes > 1:
        return (f"{processes} server processes (kg serve --workers) of KG_QUERY_WORKERS="
                f"{workers} query workers each")
    return f"KG_QUERY_WORKERS={workers} query workers"


def split_budget(budget_mb: int, workers: int, processes: int = 1) -> int:
    """Each query worker's share of ``budget_mb`` in MB, over ``processes`` server processes
    of ``workers`` query workers each; InputError below :data:`MIN_WORKER_MB`.

    >>> split_budget(1280, 4)
    320
    >>> split_budget(256, 4)
    Traceback (most recent call last):
    ...
    kg.errors.InputError: KG_QUERY_MEMORY_MB=256 split over KG_QUERY_WORKERS=4 query workers leaves 64 MB per worker, less than the 96 MB below which a worker cannot hold Python, the store and a query; set KG_QUERY_MEMORY_MB to at least 384 or lower KG_QUERY_WORKERS
    """
    workers, processes = max(1, workers), max(1, processes)
    share = budget_mb // (workers * processes)
    if share < MIN_WORKER_MB:
        raise InputError(
            f"KG_QUERY_MEMORY_MB={budget_mb} split over {_workers_named(workers, processes)} "
            f"leaves {share} MB per worker, less than the {MIN_WORKER_MB} MB below which a "
            "worker cannot hold Python, the store and a query; set KG_QUERY_MEMORY_MB to at "
            f"least {MIN_WORKER_MB * workers * processes} or lower KG_QUERY_WORKERS"
            + (" or --workers" if processes > 1 else ""))
    return share


def _preload() -> list[str]:
    """Modules the fork server imports once, so that a new worker starts in milliseconds.

    Each child re-runs the main module as ``__mp_main__`` (multiprocessing's
    rule); with the main module and its imports loaded in the fork server that
    costs almost nothing, instead of importing uvicorn and the app per worker.
    """
    main = sys.modules.get("__main__")
    name = getattr(getattr(main, "__spec__", None), "name", None)
    modules = ["api._forkserver", "__main__"]
    if name and not name.endswith("__main__"):
        modules.append(name)
    return modules


def _set_priority(pid: int, niceness: int) -> bool:
    """Set the niceness of process ``pid``; False where that is not allowed (raising a
    priority back needs privileges) or the process is gone."""
    try:
        os.setpriority(os.PRIO_PROCESS, pid, niceness)
    except (OSError, AttributeError):
        return False
    return True


class _Worker:
    """One worker process and the parent's end of its pipe."""

    def __init__(self, ctx, share: int):
        parent, child = ctx.Pipe()
        self.process = ctx.Process(target=worker_main, args=(child, share),
                                   name="kg-query", daemon=True)
        self.process.start()
        child.close()
        self.conn = parent
        self.over = False  # killed for holding more than its share
        self.niced = False  # runs at a lower CPU priority (a long query)

    def call(self, message: tuple, share: int = 0) -> tuple:
        """Send one job and wait for its reply (in a waiter thread); EOFError if it died.

        While it waits, it reads the worker's resident memory every
        :data:`WATCH_EVERY` seconds and kills the worker once it holds more than
        ``share`` bytes (0: no watch): ``RLIMIT_AS`` alone lets a query fill
        address space the worker had mapped but not touched before the cap.
        A query still running after :data:`NICE_AFTER` seconds has its worker's
        CPU priority lowered, so that long queries, runaways above all, leave the
        CPU to short ones and to the server (see :meth:`restore`).
        """
        started = time.monotonic()
        try:
            self.conn.send(message)
            while not self.conn.poll(WATCH_EVERY):
                if share and not self.over and resident(self.process.pid) > share:
                    self.over = True
                    self.kill()  # the pipe closes with the process: recv_bytes gets EOFError
                if not self.niced and time.monotonic() - started > NICE_AFTER:
                    self.niced = _set_priority(self.process.pid, NICE)
            if self.over:  # killed, even if its answer came in the meantime: it is gone
                raise EOFError
            return pickle.loads(self.conn.recv_bytes())
        except (EOFError, OSError):
            self.process.join(5)
            raise EOFError("the query worker stopped") from None

    def restore(self) -> bool:
        """Give a niced worker its normal priority back; False when the system does not
        let this process raise a priority (then the worker should be replaced)."""
        if self.niced:
            self.niced = not _set_priority(self.process.pid, 0)
        return not self.niced

    def kill(self) -> None:
        """Stop the process now; a waiter blocked on the pipe then gets EOFError."""
        try:
            self.process.kill()
        except (OSError, ValueError):
            pass

    def close(self) -> None:
        self.kill()
        self.process.join(5)
        self.conn.close()


class ProcessQueries:
    """A pool of killable query processes over the store's snapshots, sharing one memory budget.

    ``memory_mb`` is the budget of all query workers of the server together
    (``KG_QUERY_MEMORY_MB``), whose ``processes`` server processes have ``workers``
    each; every worker gets an equal share (:func:`split_budget`); 0 means no cap.
    """

    mode = "processes"

    def __init__(self, workers: int, memory_mb: int, processes: int = 1):
        self.size = max(1, workers)
        self.processes = max(1, processes)
        self.budget_mb = max(0, memory_mb)
        self.share = (split_budget(self.budget_mb, self.size, self.processes) * 2**20
                      if self.budget_mb else 0)
        self.opened: Opened | None = None  # what the start-up probe found
        self._ctx = multiprocessing.get_context("forkserver")
        self._ctx.set_forkserver_preload(_preload())
        self._idle: list[_Worker] = []
        self._waiting: deque[asyncio.Future] = deque()
        self._live = 0  # workers started or starting
        self._busy = 0
        self._threads = ThreadPoolExecutor(max_workers=2 * self.size + 2,
                                           thread_name_prefix="kg-query-wait")
        self.killed = 0  # workers killed at a deadline
        self.crashed = 0  # workers that died (memory cap, crash)
        self.timeouts = 0
        self._closed = False
        self._started = False
        self.clients = ClientShares(client_limit(self.size))
        self._store: Store | None = None  # whose snapshots a replacement opens before it serves

    async def start(self, store: Store | None = None) -> None:
        """Start every worker now, so the first queries do not wait for them; with ``store``,
        check that a worker's share leaves room for queries once the store is open
        (InputError if not). A second call does nothing: ``kg serve`` starts the pool
        before uvicorn, so that a budget too small is reported without a traceback."""
        if self._started:
            return
        self._started = True
        self._store = store
        loop = asyncio.get_running_loop()
        self._live += self.size
        workers = await asyncio.gather(*(loop.run_in_executor(self._threads, self._spawn)
                                         for _ in range(self.size)))
        for worker in workers:
            self._release(worker)
        if store is not None:
            # every worker opens the snapshot now: a query that finds the others busy (with
            # runaways, say) is not the one that waits for a worker to open the store
            openings = await asyncio.gather(*(self.probe(store) for _ in range(self.size)))
            self.opened = max(openings, key=lambda opened: opened.resident)
            if self.share:
                self.check(self.opened)

    async def probe(self, store: Store) -> Opened:
        """Have one free worker open the current snapshot and tell what it holds then."""
        loop = asyncio.get_running_loop()
        deadline = time.monotonic() + PROBE_TIMEOUT
        revision, snapshot = await loop.run_in_executor(self._threads, store.pin_snapshot)
        try:
            worker = await self._acquire(deadline, PROBE_TIMEOUT)
            reply = await self._call(worker, (str(snapshot), revision, None, deadline),
                                     deadline, PROBE_TIMEOUT)
        finally:
            store.unpin_snapshot(snapshot)
        status, value = reply
        if status == "error":
            raise value
        return value

    def check(self, opened: Opened) -> None:
        """InputError when the store leaves a worker less than :data:`MIN_QUERY_MB` to query."""
        if opened.left >= MIN_QUERY_MB * 2**20:
            return
        held = -(-opened.resident // 2**20)
        needed = (held + MIN_QUERY_MB) * self.size * self.processes
        raise InputError(
            f"KG_QUERY_MEMORY_MB={self.budget_mb} is too small for this store: it gives each "
            f"of {_workers_named(self.size, self.processes)} {self.share // 2**20} MB, and a "
            f"worker holds {held} MB once the store is open, leaving less than the "
            f"{MIN_QUERY_MB} MB a query needs; set KG_QUERY_MEMORY_MB to at least {needed} "
            "(or lower KG_QUERY_WORKERS)")

    def _spawn(self) -> _Worker:
        return _Worker(self._ctx, self.share)

    def _spawn_opened(self) -> _Worker:
        """A new worker that has opened the current snapshot already (in a waiter thread):
        the query it then gets does not wait for the store to open."""
        worker = self._spawn()
        store = self._store
        if store is None:
            return worker
        revision, snapshot = store.pin_snapshot()
        try:
            status, value = worker.call((str(snapshot), revision, None,
                                         time.monotonic() + PROBE_TIMEOUT), self.share)
        except EOFError:
            worker.close()
            raise
        finally:
            store.unpin_snapshot(snapshot)
        if status == "error":
            worker.close()
            raise value
        return worker

    def _replace(self) -> None:
        """Start a worker in place of one that was killed or died (in the background)."""
        if self._closed:
            return
        loop = asyncio.get_running_loop()
        future = loop.run_in_executor(self._threads, self._spawn_opened)

        def done(f: asyncio.Future) -> None:
            if f.exception() is not None:
                self._live -= 1
            else:
                self._release(f.result())

        future.add_done_callback(done)

    def _release(self, worker: _Worker) -> None:
        if self._closed:
            worker.close()
            return
        while self._waiting:
            waiter = self._waiting.popleft()
            if not waiter.done():
                waiter.set_result(worker)
                return
        self._idle.append(worker)

    async def _acquire(self, deadline: float, timeout: float) -> _Worker:
        if self._idle:
            return self._idle.pop()
        if self._live < self.size:  # a worker was lost and could not be replaced: try again
            self._live += 1
            self._replace()
        waiter = asyncio.get_running_loop().create_future()
        self._waiting.append(waiter)
        try:
            return await asyncio.wait_for(waiter, max(0.0, deadline - time.monotonic()))
        except TimeoutError:
            self.timeouts += 1
            raise QueryLimitError(
                f"the server is busy with other queries and none finished within the time "
                f"limit of {timeout:g} s; try again later") from None

    async def execute(self, store: Store, job: QueryJob, client: str | None = None) -> QueryAnswer:
        """Answer ``job`` in a worker process; ``client`` (an address) waits for its own share."""
        loop = asyncio.get_running_loop()
        deadline = time.monotonic() + job.timeout
        await self.clients.enter(client, deadline, job.timeout)
        try:
            revision, snapshot = await loop.run_in_executor(self._threads, store.pin_snapshot)
            try:
                worker = await self._acquire(deadline, job.timeout)
                self._busy += 1
                try:
                    reply = await self._call(worker, (str(snapshot), revision, job, deadline),
                                             deadline, job.timeout)
                finally:
                    self._busy -= 1
            finally:
                store.unpin_snapshot(snapshot)
        finally:
            self.clients.leave(client)
        status, value = reply
        if status == "error":
            raise value
        return value

    async def _call(self, worker: _Worker, message: tuple, deadline: float,
                    timeout: float) -> tuple:
        loop = asyncio.get_running_loop()
        call = loop.run_in_executor(self._threads, worker.call, message, self.share)
        try:
            reply = await asyncio.wait_for(asyncio.shield(call),
                                           max(0.0, deadline - time.monotonic()) + GRACE)
        except TimeoutError:
            worker.kill()
            self.killed += 1
            self.timeouts += 1
            self._replace()
            call.add_done_callback(lambda f: f.exception())  # the waiter ends with EOFError
            raise QueryLimitError(timeout_message(timeout)) from None
        except asyncio.CancelledError:  # the request went away: do not keep its query running
            worker.kill()
            self.killed += 1
            self._replace()
            call.add_done_callback(lambda f: f.exception())
            raise
        except EOFError:
            self.crashed += 1
            self._replace()
            code = worker.process.exitcode
            if code is not None and code < 0 and self.share:
                raise QueryLimitError(memory_message(self.share)) from None
            raise StoreError(f"the query worker stopped unexpectedly (exit code {code})"
                             ) from None
        if reply[0] == "error" and isinstance(reply[1], QueryLimitError) and \
                not worker.process.is_alive():
            self.crashed += 1
            self._replace()
        elif not worker.restore():  # a long query left it niced for good: a fresh one instead
            worker.close()
            self._replace()
        else:
            self._release(worker)
        return reply

    def available(self) -> int:
        """Workers that exist or are being replaced: a killed one always comes back."""
        return self._live

    def stats(self) -> dict:
        return {"mode": self.mode, "workers": self.size, "busy": self._busy,
                "available": len(self._idle), "waiting": len(self._waiting),
                "abandoned": 0, "killed": self.killed, "crashed": self.crashed,
                "timeouts": self.timeouts, "memory_mb": self.budget_mb,
                "memory_mb_per_worker": self.share // 2**20,
                "memory_mb_at_open": (round(self.opened.resident / 2**20)
                                      if self.opened else None)}

    async def close(self) -> None:
        """Stop every worker (at server shutdown)."""
        self._closed = True
        for worker in self._idle:
            worker.close()
        self._idle.clear()
        self._threads.shutdown(wait=False, cancel_futures=True)


def executor_for(store: Store, workers: int, memory_mb: int,
                 processes: int = 1) -> ThreadQueries | ProcessQueries:
    """Worker processes for an on-disk store, threads otherwise (see the module docstring)."""
    if store.backend == "disk" and os.name == "posix":
        return ProcessQueries(workers, memory_mb, processes)
    return ThreadQueries(workers)


__all__ = ["QueryJob", "QueryAnswer", "answer", "format_named", "ThreadQueries", "ProcessQueries",
           "executor_for", "memory_message", "split_budget", "Opened", "ClientShares",
           "client_limit"]
