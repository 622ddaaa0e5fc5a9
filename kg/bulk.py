"""``kg ingest``: many documents from many sources, extracted in parallel, written by one writer.

The flow, for a list of sources (:mod:`kg.sources`)::

    expand sources → items ─(threads: fetch, rate-limited)→ items with bytes
      ─(process pool or Dask: read HTML/PDF, key, extract)→ prepared documents, in order
      ─(this process, the one writer: screen, batch, commit)→ store

- **Keys.** A worker reads the document and computes its key
  (:func:`kg.namespaces.text_key`); a key the store already holds is not
  extracted again. The writer then decides: the same key again is
  *unchanged* (nothing is written); a new key from a location (file or URL)
  that gave another key before *replaces* that document (the old graph is
  dropped in the same transaction); otherwise the document is *new*.
- **Batches.** The writer screens each document (:func:`kg.ingest.screen`: it resolves
  its agreements, persons and organizations against what the store holds, keeps out what
  breaks the shapes and sends uncertain facts to the review queue) and collects it
  into a batch, committed as one transaction (:func:`kg.ingest.commit_documents`)
  every ``batch_size`` documents. A document whose screening could depend on a
  document still in the batch — they share an agreement, person, organization
  or cooperation node, or agreements with the same parties — first commits the
  batch, so every document is screened against all documents before it.
- **Kill safety.** A killed run loses at most the batch it was assembling;
  every committed document is whole (one transaction), and running the same
  command again skips what is committed and does the rest. Ctrl-C commits
  the documents already screened, then stops.
- **Parallelism.** ``jobs=1`` extracts in this process; ``jobs=N`` in a pool of
  N worker processes; ``dask="tcp://host:8786"`` on the workers of an existing
  Dask cluster (``pip install 'energy-kg[cluster]'``). The workers only read
  and extract; the store is written here, whether it is a folder, memory or a
  SPARQL endpoint. Meanwhile a thread reads the names of the store's persons and
  organizations for resolution (:func:`kg.ingest.entity_index`), once per run.
  ``IngestReport.writing`` is the writer's share of the time.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor, ThreadPoolExecutor
from dataclasses import dataclass, field

import pyoxigraph as ox

from kg.errors import KGError
from kg.ingest import commit_documents, document_graph, entity_index, stored_documents
from kg.namespaces import EKG, ID
from kg.sources import Failure, Item, expand, to_document
from kg.store import Store

BATCH_SIZE = 25
_PARTY = (str(EKG.party), str(EKG.participant))
_SHARED_KINDS = ("agreement/", "person/", "org/", "cooperation/", "place/")


# --- in the workers ----------------------------------------------------------------------

@dataclass
class Prepared:
    """A document read and extracted by a worker (or why it could not be)."""

    label: str
    location: str
    key: str | None = None
    status: str = "extracted"          # extracted | known | failed
    reason: str | None = None
    ntriples: bytes = b""
    title: str | None = None
    language: str | None = None
    warnings: list[str] = field(default_factory=list)


_KNOWN: frozenset[str] = frozenset()


def _init_worker(known: frozenset[str]) -> None:
    global _KNOWN
    _KNOWN = known


def prepare(item: Item | Failure, known: frozenset[str] | None = None) -> Prepared:
    """Read ``item`` into a document, key it and, unless the key is ``known``, extract it."""
    if isinstance(item, Failure):
        return Prepared(item.label, item.label, status="failed", reason=item.reason)
    known = _KNOWN if known is None else known
    try:
        doc = to_document(item)
        if doc.key in known:
            return Prepared(item.label, item.location, doc.key, "known", title=doc.title)
        from kg.extract.pipeline import extract_document  # noqa: PLC0415
        from kg.store import parse_triples  # noqa: PLC0415

        result = extract_document(doc)
        triples = parse_triples(result.to_rdf())
        return Prepared(item.label, item.location, doc.key, "extracted",
                        ntriples=ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES),
                        title=doc.title, language=result.language, warnings=doc.warnings)
    except KGError as exc:
        message = str(exc)
        if message.startswith(item.label + ": "):
            message = message[len(item.label) + 2:]
        return Prepared(item.label, item.location, status="failed", reason=message)
    except Exception as exc:  # noqa: BLE001 - one bad document never stops a run
        return Prepared(item.label, item.location, status="failed",
                        reason=f"extraction failed: {type(exc).__name__}: {exc}")


# --- running the workers -----------------------------------------------------------------

class _Done:
    """A finished 'future' (for results made in this process)."""

    def __init__(self, value):
        self._value = value

    def result(self):
        return self._value


def _in_order(submit: Callable[[Item | Failure], object], items: Iterable[Item | Failure],
              window: int) -> Iterator[Prepared]:
    """Submit items keeping at most ``window`` in flight; yield results in item order."""
    pending: deque = deque()
    for item in items:
        pending.append(_Done(prepare(item)) if isinstance(item, Failure) else submit(item))
        while len(pending) >= window:
            yield pending.popleft().result()
    while pending:
        yield pending.popleft().result()


def _fetched(items: Iterable[Item | Failure], fetcher, threads: int = 8) -> Iterator[Item | Failure]:
    """Items with their bytes: those still to fetch are fetched on threads (in order)."""
    if fetcher is None:
        yield from items
        return

    def fetch(item: Item) -> Item | Failure:
        try:
            got = fetcher.get(item.location)
        except KGError as exc:
            message = str(exc)
            return Failure(item.label, message[len(item.label) + 2:]
                           if message.startswith(item.label + ": ") else message)
        return Item(item.location, item.label, got.data, got.media_type, item.meta, item.name)

    with ThreadPoolExecutor(threads, thread_name_prefix="kg-fetch") as pool:
        pending: deque = deque()
        for item in items:
            needs = isinstance(item, Item) and item.data is None
            pending.append(pool.submit(fetch, item) if needs else _Done(item))
            while len(pending) >= threads * 2:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()


def run_workers(items: Iterable[Item | Failure], known: frozenset[str], *, jobs: int = 1,
                dask: str | None = None) -> Iterator[Prepared]:
    """Prepared documents in item order: in this process, a process pool, or on Dask."""
    if dask:
        yield from _run_dask(items, known, dask)
        return
    if jobs <= 1:
        for item in items:
            yield prepare(item, known)
        return
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["kg._ingest_worker", "kg.bulk"])
    pool = ProcessPoolExecutor(jobs, mp_context=context, initializer=_init_worker,
                               initargs=(known,))
    try:
        yield from _in_order(lambda item: pool.submit(prepare, item), items, jobs * 4)
    finally:
        pool.shutdown(wait=False, cancel_futures=True)


def _run_dask(items: Iterable[Item | Failure], known: frozenset[str],
              address: str) -> Iterator[Prepared]:
    try:
        from distributed import Client  # noqa: PLC0415
    except ImportError:
        raise KGError("--dask needs the 'distributed' package: "
                      "pip install 'energy-kg[cluster]'") from None
    try:
        client = Client(address, timeout="10s")
    except (OSError, TimeoutError) as exc:
        raise KGError(f"cannot reach the Dask scheduler at {address}: {exc}") from None
    try:
        workers = max(1, sum(w.get("nthreads", 1) for w in
                             client.scheduler_info().get("workers", {}).values()))
        [shared] = client.scatter([known], broadcast=True)  # a list: one object, not its items
        yield from _in_order(lambda item: client.submit(prepare, item, shared, pure=False),
                             items, workers * 4)
    finally:
        client.close()


# --- the writer ---------------------------------------------------------------------------

@dataclass
class Outcome:
    """What happened to one document."""

    status: str                 # new | replaced | unchanged | failed
    label: str
    key: str | None = None
    reason: str | None = None
    title: str | None = None
    rejected: int = 0


@dataclass
class IngestReport:
    outcomes: list[Outcome] = field(default_factory=list)
    batches: int = 0
    revision: int = 0
    seconds: float = 0.0
    writing: float = 0.0   # of which the writer's (screening and committing)

    def _of(self, status: str) -> list[Outcome]:
        return [o for o in self.outcomes if o.status == status]

    @property
    def new(self) -> list[Outcome]:
        return self._of("new")

    @property
    def replaced(self) -> list[Outcome]:
        return self._of("replaced")

    @property
    def unchanged(self) -> list[Outcome]:
        return self._of("unchanged")

    @property
    def failed(self) -> list[Outcome]:
        return self._of("failed")

    def counts(self) -> dict[str, int]:
        return {s: len(self._of(s)) for s in ("new", "unchanged", "replaced", "failed")}


def _footprint(triples: list[ox.Triple]) -> tuple[set[str], list[frozenset[str]]]:
    """What screening a document may look up: the agreement, person, organization,
    cooperation and place nodes it mentions, and the party sets of its agreements."""
    nodes: set[str] = set()
    parties: dict[str, set[str]] = {}
    base = str(ID)
    for t in triples:
        for node in (t.subject, t.object):
            if isinstance(node, ox.NamedNode) and node.value.startswith(base) \
                    and node.value[len(base):].startswith(_SHARED_KINDS):
                nodes.add(node.value)
        if t.predicate.value in _PARTY:
            parties.setdefault(getattr(t.subject, "value", ""), set()).add(t.object.value)
    return nodes, [frozenset(p) for p in parties.values()]


def _shares_parties(a: frozenset[str], b: frozenset[str]) -> bool:
    shared = len(a & b)
    return shared > 0 and shared >= min(2, len(a), len(b))


class Writer:
    """The one writer: decides new/unchanged/replaced, screens, batches and commits."""

    def __init__(self, store: Store, *, batch_size: int = BATCH_SIZE,
                 on_outcome: Callable[[Outcome], None] | None = None,
                 threshold: float | None = None):
        self.store = store
        self.batch_size = max(1, batch_size)
        self.on_outcome = on_outcome
        self.keys, self.located = stored_documents(store)
        self.report = IngestReport(revision=store.revision)
        self._batch: dict[str, list[ox.Triple]] = {}
        self._reviews: dict[str, list[ox.Triple]] = {}  # review records (kg.review) per graph
        self.threshold = threshold
        self._drop: list[str] = []
        self._outcomes: list[Outcome] = []
        self._locations: dict[str, str] = {}
        self._nodes: set[str] = set()
        self._parties: list[frozenset[str]] = []

    def _done(self, outcome: Outcome) -> None:
        self.report.outcomes.append(outcome)
        if self.on_outcome:
            self.on_outcome(outcome)

    def _old_key(self, location: str) -> str | None:
        return self._locations.get(location) or self.located.get(location)

    def add(self, doc: Prepared) -> None:
        if doc.status == "failed":
            self._done(Outcome("failed", doc.label, reason=doc.reason))
            return
        key, old = doc.key, self._old_key(doc.location)
        taken = key in self.keys or document_graph(key) in self._batch
        if taken or doc.status == "known":
            if old and old != key and old in self.keys and document_graph(old) not in self._drop:
                # the location now gives a text the store already has: its old text goes
                self._drop.append(document_graph(old))
                self._locations[doc.location] = key
                self._outcomes.append(Outcome("replaced", doc.label, key, title=doc.title))
                self._flush_if_full()
            else:
                self._done(Outcome("unchanged", doc.label, key, title=doc.title))
            return
        from kg.ingest import screen  # noqa: PLC0415
        from kg.store import parse_triples  # noqa: PLC0415

        triples = parse_triples(doc.ntriples, "ntriples")
        nodes, parties = _footprint(triples)
        if self._batch and (nodes & self._nodes or doc.location in self._locations or any(
                _shares_parties(a, b) for a in parties for b in self._parties)):
            self.flush()  # its screening must see the documents before it
        skip = {document_graph(key)} | ({document_graph(old)} if old and old != key else set())
        done = screen(self.store, key, triples, self.threshold, skip=skip)
        kept, rejected = done.triples, done.rejected
        self._batch[document_graph(key)] = kept
        self._reviews[document_graph(key)] = done.records
        self._nodes |= nodes
        self._parties += parties
        status = "new"
        if old and old != key and old in self.keys:
            self._drop.append(document_graph(old))
            status = "replaced"
        self._locations[doc.location] = key
        self._outcomes.append(Outcome(status, doc.label, key, title=doc.title,
                                      rejected=len(rejected)))
        self._flush_if_full()

    def _flush_if_full(self) -> None:
        if len(self._outcomes) >= self.batch_size:
            self.flush()

    def flush(self) -> None:
        """Commit the batch being assembled (one transaction)."""
        if not self._outcomes:
            return
        commit_documents(self.store, self._batch, self._drop, reviews=self._reviews)
        for graph in self._drop:
            self.keys.discard(graph[len(document_graph("")):])
        self.keys |= {g[len(document_graph("")):] for g in self._batch}
        self.located.update(self._locations)
        self.report.batches += 1
        self.report.revision = self.store.revision
        outcomes = self._outcomes
        self._batch, self._drop, self._outcomes, self._locations = {}, [], [], {}
        self._reviews = {}
        self._nodes, self._parties = set(), []
        for outcome in outcomes:
            self._done(outcome)


def ingest(store: Store, sources: Iterable[str], *, fetcher=None, jobs: int | None = None,
           dask: str | None = None, language: str | None = None, batch_size: int = BATCH_SIZE,
           on_total: Callable[[int], None] | None = None,
           on_outcome: Callable[[Outcome], None] | None = None) -> IngestReport:
    """Ingest every document of ``sources`` into ``store`` (see the module docstring)."""
    started = time.perf_counter()
    jobs = jobs or os.cpu_count() or 1
    writer = Writer(store, batch_size=batch_size, on_outcome=on_outcome)
    items = list(expand(sources, fetcher=fetcher, language=language))
    if on_total:
        on_total(len(items))
    reading = None
    if (jobs > 1 or dask) and any(isinstance(i, Item) and i.location not in writer.located
                                  for i in items):
        # the names resolution compares with (kg.ingest.entity_index), read while the
        # workers start and extract the first documents (if some source is new)
        reading = threading.Thread(target=entity_index, args=(store,), daemon=True,
                                   name="kg-entity-index")
        reading.start()
    clock = time.perf_counter
    try:
        for prepared in run_workers(_fetched(items, fetcher), frozenset(writer.keys),
                                    jobs=jobs, dask=dask):
            began = clock()
            writer.add(prepared)
            writer.report.writing += clock() - began
    except KeyboardInterrupt:
        writer.flush()  # what is screened is kept; the rest comes with the next run
        raise
    finally:
        if reading is not None:
            reading.join()
    began = clock()
    writer.flush()
    writer.report.writing += clock() - began
    writer.report.revision = store.revision
    writer.report.seconds = time.perf_counter() - started
    return writer.report
