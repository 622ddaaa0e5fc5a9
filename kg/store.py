"""The RDF store: one class over an rdflib ``Dataset`` with Oxigraph underneath.

A location string chooses the backend:

``memory:``
    an in-memory Oxigraph store (tests, notebooks);
a directory (the default is ``./data/store`` or ``$KG_STORE``)
    a persistent on-disk Oxigraph store;
``http://…`` / ``https://…``
    a remote SPARQL 1.1 endpoint (see :mod:`kg.remote`); callers use the same
    methods. Its revision counts the changes made through this object only: a
    SPARQL endpoint has no standard way to say that someone else changed it.

The default graph is the set union of the named graphs, kept by the store
itself: every write to a named graph also writes each of its triples once into
Oxigraph's default graph, and removing a graph removes from it only the
triples that no other graph states. Queries without ``GRAPH`` therefore count
a fact once however many graphs state it (Oxigraph 0.5's own union default
graph repeats it per graph), while ``GRAPH ?g`` still sees every copy with
its graph. A SPARQL Update reads that default graph but must write into named
graphs (see :meth:`Store.update`). Every write is a transaction: it either happens whole or not at all, and each committed change
increases :attr:`Store.revision`, which the NetworkX view uses to know when to
rebuild.

Each revision's change is journalled (:meth:`Store.changes_since`): the triples
a write inserted or deleted, as (subject, predicate, object) IRIs, so the view
can update the few nodes a document touches instead of rebuilding
(:mod:`kg.view_update`). On disk the journal is ``changes/r000042.json``, written
before the write commits (a later write at the same revision adds to it), so
readers in other processes follow too. Writes that are not plain data (a SPARQL
update with ``WHERE``, a rebuild) are journalled as unknown.

On disk a store is a directory with ``meta.json`` (revision, which data
directory is current) and one Oxigraph directory per full rebuild
(``data-000001``, ...), and ``snapshots/`` with read-only checkpoints of the
current revision for reader processes (:meth:`Store.pin_snapshot`). :meth:`Store.replace_all` fills a fresh directory with
Oxigraph's bulk loader and then switches ``meta.json`` to it with an atomic
rename, so a failed build leaves the previous data untouched and another
process can see that a new revision exists.

>>> store = Store("memory:")
>>> store.add_graph("https://example.org/g", b'<https://example.org/a> <https://example.org/p> "x" .',
...                 "ntriples")
1
>>> store.revision, len(store)
(1, 1)
>>> store.add_graph("https://example.org/h", b'<https://example.org/a> <https://example.org/p> "x" .',
...                 "ntriples")
1
>>> [row["o"].value for row in store.query("SELECT ?o WHERE { ?s ?p ?o }")]
['x']
>>> len(list(store.query("SELECT ?g WHERE { GRAPH ?g { ?s ?p ?o } }")))
2
"""

from __future__ import annotations

import gc
import itertools
import json
import os
import re
import shutil
import sys
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from contextlib import suppress
from pathlib import Path
from typing import IO, TYPE_CHECKING, TypeVar, Union

import pyoxigraph as ox

from kg import formats
from kg.errors import InputError, ParseError, QuerySyntaxError, ReadOnlyError, StoreError
from kg.namespaces import PREFIXES, SERIALIZATION_PREFIXES

if TYPE_CHECKING:  # rdflib and the remote client are imported when used (start-up time)
    from rdflib import Dataset, Graph, URIRef

    from kg.remote import RemoteEndpoint
from kg.sparql_lexer import syntax_message
from kg.update_plan import MERGE, RULE, forget, plan, unstated

DEFAULT_LOCATION = "data/store"
MEMORY = "memory:"
SNAPSHOTS = "snapshots"  # folder of reader checkpoints inside an on-disk store
CHANGES = "changes"  # folder of the change journal inside an on-disk store
JOURNAL_LIMIT = 20_000  # triples: a bigger change is journalled as unknown (views rebuild)
JOURNAL_KEEP = 1_000  # revisions whose changes are kept
LAYOUT = "merged-default-graph"  # meta.json "layout": the default graph is kept as the union

_NETWORK = re.compile(r"\b(?:LOAD|SERVICE)\b", re.IGNORECASE)

Source = Union[str, bytes, Path, IO[bytes]]
T = TypeVar("T")
GraphName = Union[str, "URIRef", ox.NamedNode]


def default_location() -> str:
    """``$KG_STORE`` if set, else ``data/store`` (relative to the working directory)."""
    return os.environ.get("KG_STORE", DEFAULT_LOCATION)


def _graph_node(graph: GraphName | None) -> ox.NamedNode | ox.DefaultGraph:
    if graph is None:
        return ox.DefaultGraph()
    return graph if isinstance(graph, ox.NamedNode) else ox.NamedNode(str(graph))


def _ox_format(fmt: formats.Format) -> ox.RdfFormat:
    if not isinstance(fmt.oxigraph, ox.RdfFormat):
        raise StoreError(f"{fmt.name} is not an RDF serialisation")
    return fmt.oxigraph


class Store:
    """The knowledge graph's quads, behind one small interface.

    Use :meth:`query` / :meth:`update` for SPARQL (strings; they run on
    Oxigraph's engine), :attr:`dataset` where an rdflib ``Dataset`` is wanted,
    :meth:`add_graph` / :meth:`remove_graph` / :meth:`replace_all` to change
    data transactionally, and :meth:`dump` to serialise.
    """

    def __init__(self, location: str | Path | None = None, *, read_only: bool = False):
        self.location = str(location) if location is not None else default_location()
        self.read_only = read_only
        self._lock = threading.RLock()
        self._dataset: Dataset | None = None
        self._revision = 0
        self._data_dir: str | None = None
        self._meta: dict = {}
        self._length: tuple[int, int] | None = None  # (revision, quads)
        self.write_lock = threading.RLock()  # held by whole write operations (see writing())
        self._snap_lock = threading.Lock()
        self._snapshot: tuple[int, str | None, Path] | None = None  # (revision, data dir, path)
        self._pins: Counter[Path] = Counter()
        self._snap_numbers = itertools.count(1)
        self.merged = True  # the default graph is kept as the union (False: a foreign endpoint)
        self._journal: dict[int, list | None] = {}  # revision -> its changes (None: unknown)
        self._intent: tuple[int, list | None] | None = None  # the change being committed
        if self.location.startswith(("http://", "https://")):
            from kg.remote import RemoteEndpoint  # noqa: PLC0415

            self.backend = "remote"
            self._ox = RemoteEndpoint(self.location)
            self.merged = self._ox.merged_default_graph = _remote_is_merged(self._ox)
        elif self.location == MEMORY:
            self.backend = "memory"
            self._ox = ox.Store()
        else:
            self.backend = "disk"
            self._ox = self._open_disk()

    # --- opening and metadata -------------------------------------------------------

    @property
    def _root(self) -> Path:
        return Path(self.location)

    def _read_meta(self) -> dict:
        path = self._root / "meta.json"
        if not path.exists():
            return {"revision": 0, "data": None}
        try:
            return json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise StoreError(f"{path}: unreadable store metadata ({exc})") from exc

    def _write_meta(self, revision: int, data_dir: str) -> None:
        self._meta.update(revision=revision, data=data_dir)
        tmp = self._root / "meta.json.tmp"
        tmp.write_text(json.dumps(self._meta, indent=1), encoding="utf-8")
        os.replace(tmp, self._root / "meta.json")

    def get_meta(self, key: str) -> object:
        """A value the store keeps beside the data (e.g. the last build's input hash)."""
        return self._meta.get("notes", {}).get(key)

    def set_meta(self, key: str, value: object) -> None:
        """Keep a small JSON value beside the data; persistent for on-disk stores."""
        self._check_writable()
        self._meta.setdefault("notes", {})[key] = value
        if self.backend == "disk":
            self._write_meta(self._revision, self._data_dir)

    def _open_disk(self) -> ox.Store:
        meta = self._read_meta()
        data_dir = meta.get("data")
        store = self._open_dir(meta, data_dir)
        self._meta, self._revision = meta, int(meta.get("revision", 0))
        if self._meta.get("layout") != LAYOUT:
            self._adopt_layout(store)
        return store

    def _adopt_layout(self, handle: ox.Store) -> None:
        """Fill the default graph of a store written before it was kept as the union.

        Done once, by the first writable open; a read-only open cannot, so it refuses
        rather than answer with an empty default graph.
        """
        if self.read_only:
            raise StoreError(
                f"the store {self.location!r} was built before the default graph was kept "
                "as the union of the named graphs; open it writable once (e.g. 'kg build') "
                "to add it")
        try:
            handle.update(MERGE)
            handle.flush()
        except OSError as exc:
            raise StoreError(f"cannot add the merged default graph: {exc}") from exc
        self._meta["layout"] = LAYOUT
        self._write_meta(int(self._meta.get("revision", 0)), self._data_dir)

    def _open_dir(self, meta: dict, data_dir: str | None) -> ox.Store:
        """A new handle on ``data_dir`` (read-only or writable); the caller adopts ``meta``."""
        if self.read_only:
            if not data_dir or not (self._root / data_dir).is_dir():
                raise StoreError(
                    f"no store at {self.location!r}; run 'kg build' first (or pass --store)"
                )
            self._data_dir = data_dir
            # A writer in another process may be compacting files while we open: RocksDB then
            # reports a missing table file. That is a race, not damage, so try again briefly.
            for attempt in range(20):
                try:
                    return ox.Store.read_only(str(self._root / data_dir))
                except (OSError, RuntimeError) as exc:
                    if attempt == 19:
                        raise StoreError(f"cannot open store {self.location!r}: {exc}") from exc
                    time.sleep(0.05)
        self._root.mkdir(parents=True, exist_ok=True)
        if not data_dir:
            data_dir = "data-000000"
            meta["layout"] = LAYOUT  # a new, empty store: its (empty) default graph is merged
            self._meta = meta
            self._write_meta(int(meta.get("revision", 0)), data_dir)
        self._data_dir = data_dir
        try:
            return ox.Store(str(self._root / data_dir))
        except OSError as exc:
            raise StoreError(
                f"cannot open store {self.location!r} for writing: {exc} "
                "(is another process using it? read commands open it read-only)"
            ) from exc

    def refresh(self) -> bool:
        """Follow a store that another process changed; True when the handle was replaced.

        A writable store reopens only when ``meta.json`` names another data
        directory (another process rebuilt the store): its own writes change the
        open handle in place, and RocksDB would refuse a second handle on the
        directory it holds. A read-only store also reopens when the revision
        moved (a writer elsewhere committed). The new handle is opened before
        the old one is let go, so the handle is never empty: if opening fails,
        the old one stays and the next call tries again.
        """
        if self.backend != "disk":
            return False
        meta = self._read_meta()
        same_dir = meta.get("data") == self._data_dir
        if same_dir and (not self.read_only or int(meta.get("revision", 0)) == self._revision):
            return False
        with self._lock:
            old_dir = self._data_dir
            try:
                fresh = self._open_disk()
            except StoreError:
                self._data_dir = old_dir
                return False
            self._ox, self._dataset = fresh, None
        return True

    @property
    def data_dir(self) -> str | None:
        """The name of the Oxigraph directory in use (on-disk stores; a rebuild changes it)."""
        return self._data_dir

    @property
    def revision(self) -> int:
        """A number that grows with every committed change."""
        return self._revision

    @property
    def oxigraph(self) -> ox.Store:
        """The underlying ``pyoxigraph.Store``, for hot paths that need it directly."""
        return self._ox

    @property
    def dataset(self) -> Dataset:
        """An rdflib ``Dataset`` over the same quads; its default graph is the merged one."""
        from oxrdflib import OxigraphStore  # noqa: PLC0415
        from rdflib import Dataset  # noqa: PLC0415

        if self._dataset is None and self.backend == "remote":
            from rdflib.plugins.stores.sparqlstore import SPARQLUpdateStore  # noqa: PLC0415

            # Oxigraph reads this switch from the URL; other servers ignore it.
            switch = "" if self.merged else "?union-default-graph"
            remote = SPARQLUpdateStore(self._ox.query_url + switch,
                                       self._ox.update_url, method="POST_FORM")
            self._dataset = Dataset(store=remote, default_union=True)  # no default-graph-uri
        if self._dataset is None:
            self._dataset = Dataset(store=OxigraphStore(store=self._ox), default_union=False)
            for prefix, iri in PREFIXES.items():
                self._dataset.bind(prefix, iri)
        return self._dataset

    # --- reading ---------------------------------------------------------------------

    def query(
        self,
        sparql: str,
        *,
        default_graphs: Iterable[GraphName] | None = None,
        named_graphs: Iterable[GraphName] | None = None,
        union: bool = True,
    ) -> ox.QuerySolutions | ox.QueryTriples | ox.QueryBoolean:
        """Run a SPARQL query on Oxigraph and return its (lazy) result.

        The default graph is the set union of all named graphs (each triple
        once) unless ``default_graphs`` names the graphs to use; the usual
        prefixes (``ekg:``, ``rdfs:`` ...) are predeclared. ``union`` is kept
        for callers: see :func:`query_options`.
        """
        return run_query(self._ox, sparql, default_graphs=default_graphs,
                         named_graphs=named_graphs, union=union)

    def select(self, sparql: str, **kwargs) -> list[dict[str, object]]:
        """Rows of a SELECT query as dicts of Python values (str, int, date ...)."""
        result = self.query(sparql, **kwargs)
        if not isinstance(result, ox.QuerySolutions):
            raise QuerySyntaxError("select() needs a SELECT query")
        names = [v.value for v in result.variables]
        return [
            {name: to_python(term) for name, term in zip(names, row) if term is not None}
            for row in result
        ]

    def graphs(self) -> dict[str, int]:
        """Every named graph with its number of triples."""
        counts = self.query(
            "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g ORDER BY ?g",
            union=False,
        )
        return {row["g"].value: int(row["n"].value) for row in counts}

    def graph_names(self) -> list[str]:
        """The IRIs of the named graphs that hold triples, sorted: :meth:`graphs` without
        the counts, which cost a read of every quad (seconds at 1M quads)."""
        if self.backend == "remote":
            rows = self.query("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }", union=False)
            return sorted(row["g"].value for row in rows)
        return sorted(g.value for g in self._ox.named_graphs()
                      if isinstance(g, ox.NamedNode)
                      and next(iter(self._ox.quads_for_pattern(None, None, None, g)), None)
                      is not None)

    def quads(self, graph: GraphName | None = None) -> Iterator[ox.Quad]:
        """Every quad of the named graphs (of one if given), as pyoxigraph quads.

        The merged default graph is left out: it repeats what the named graphs say.
        """
        if graph is None:
            return named_quads(self._ox)
        return self._ox.quads_for_pattern(None, None, None, _graph_node(graph))

    def __len__(self) -> int:
        """The number of quads in the named graphs (counted once per revision)."""
        if self.backend == "remote":
            return len(self._ox)  # others may write to an endpoint; ask every time
        if self._length is None or self._length[0] != self._revision:
            self._length = (self._revision, _named_count(self._ox))
        return self._length[1]

    def counted(self) -> int | None:
        """:func:`len` if it is already known for this revision (never counts; None if not)."""
        if self.backend != "remote" and self._length is not None and \
                self._length[0] == self._revision:
            return self._length[1]
        return None

    def dump(
        self,
        output: IO[bytes] | str | Path | None,
        fmt: str | formats.Format = "trig",
        *,
        graph: GraphName | None = None,
    ) -> bytes | None:
        """Serialise the named graphs (quad formats) or one graph (``graph=``) with Oxigraph.

        Triple formats without ``graph`` get the union of all graphs, each triple
        once. Quad formats leave the merged default graph out: loading the file
        again rebuilds it.
        """
        fmt = fmt if isinstance(fmt, formats.Format) else formats.by_name(fmt, ("rdf",))
        ox_fmt = _ox_format(fmt)
        prefixes = dict(SERIALIZATION_PREFIXES)
        if graph is not None:
            return self._ox.dump(output, ox_fmt, from_graph=_graph_node(graph), prefixes=prefixes)
        if fmt.quads:
            return ox.serialize(named_quads(self._ox), output, ox_fmt, prefixes=prefixes)
        if self.merged:
            return self._ox.dump(output, ox_fmt, from_graph=ox.DefaultGraph(), prefixes=prefixes)
        union = ox.Store()
        union.extend(ox.Quad(q.subject, q.predicate, q.object) for q in self._ox)
        return union.dump(output, ox_fmt, from_graph=ox.DefaultGraph(), prefixes=prefixes)

    # --- writing ---------------------------------------------------------------------

    def _check_writable(self) -> None:
        if self.read_only:
            raise ReadOnlyError(f"store {self.location!r} is open read-only")

    def _committed(self) -> None:
        """Count a committed change: ``meta.json`` first, then the revision in memory.

        In that order, a reader that sees the new revision also finds it on disk
        (and its journal entry, written before the change, see :meth:`_begin`).
        """
        revision = self._revision + 1
        intent, self._intent = self._intent, None
        changes = intent[1] if intent is not None and intent[0] == revision else None
        if self.backend == "disk":
            if intent is None or intent[0] != revision:
                self._write_journal(revision, None)
            self._write_meta(revision, self._data_dir)
        self._revision = revision
        self._journal[revision] = changes
        for old in [r for r in self._journal if r <= revision - JOURNAL_KEEP]:
            del self._journal[old]

    # --- the change journal -----------------------------------------------------------

    def _begin(self, changes: list | None) -> None:
        """Journal what the next commit changes, before it happens (call under the write
        lock). On disk the entry is written now: if the process dies between the commit
        and ``meta.json``, the next write at that revision adds its own changes to it."""
        if changes is not None and len(changes) > JOURNAL_LIMIT:
            changes = None
        revision = self._revision + 1
        if self.backend == "disk":
            self._write_journal(revision, changes)
        self._intent = (revision, changes)

    def _journal_path(self, revision: int) -> Path:
        return self._root / CHANGES / f"r{revision:06d}.json"

    def _write_journal(self, revision: int, changes: list | None) -> None:
        path = self._journal_path(revision)
        try:
            path.parent.mkdir(exist_ok=True)
            try:
                earlier = json.loads(path.read_text(encoding="utf-8"))
            except (OSError, ValueError):
                earlier = None
            if isinstance(earlier, dict) and earlier.get("revision") == revision and \
                    earlier.get("data") == self._data_dir:
                found = earlier.get("changes")
                changes = None if found is None or changes is None else \
                    [tuple(c) for c in found] + list(changes)
            tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
            tmp.write_text(json.dumps({"revision": revision, "data": self._data_dir,
                                       "changes": changes}), encoding="utf-8")
            os.replace(tmp, path)
            if revision % 100 == 0:
                for old in path.parent.glob("r*.json"):
                    if old.stem[1:].isdigit() and int(old.stem[1:]) <= revision - JOURNAL_KEEP:
                        old.unlink(missing_ok=True)
        except OSError:  # no journal: readers rebuild their view
            with suppress(OSError):
                path.unlink(missing_ok=True)

    def _read_journal(self, revision: int) -> list | None:
        try:
            entry = json.loads(self._journal_path(revision).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        if not isinstance(entry, dict) or entry.get("revision") != revision or \
                entry.get("data") != self._data_dir or entry.get("changes") is None:
            return None
        return [tuple(c) for c in entry["changes"]]

    def changes_since(self, revision: int, data_dir: str | None = None,
                      until: int | None = None) -> list | None:
        """The triples inserted or deleted after ``revision`` up to ``until`` (default: the
        current revision), as ``(subject, predicate, object)``: IRIs, ``_:id`` for a blank
        node of the store, None for a literal object or a blank node the write made. None
        when a change in between is unknown (not journalled, not plain data, too big, or
        another data directory than ``data_dir``)."""
        until = self._revision if until is None else until
        if data_dir != self._data_dir or revision > until or until > self._revision:
            return None
        out: list = []
        for r in range(revision + 1, until + 1):
            found = self._journal.get(r) if r in self._journal else (
                self._read_journal(r) if self.backend == "disk" else None)
            if found is None:
                return None
            out.extend(found)
            if len(out) > JOURNAL_LIMIT:
                return None
        return out

    def _graph_changes(self, graphs: Iterable[GraphName]) -> list | None:
        """The triples of ``graphs`` now (what dropping them deletes); None if too many."""
        out: list = []
        for graph in graphs:
            node = _graph_node(graph)
            if self._graph_size(node) + len(out) > JOURNAL_LIMIT:
                return None
            out.extend(_change(q) for q in self._ox.quads_for_pattern(None, None, None, node))
        return out

    def _update_changes(self, data) -> list | None:
        """What a targeted update (:class:`kg.update_plan.Data`) inserts and deletes."""
        if data is None:
            return None
        out = self._graph_changes(data.dropped)
        if out is None:
            return None
        try:
            for text, fresh in ((data.inserted, True), (data.deleted, False)):
                if text:
                    out.extend(_change(t, fresh) for t in ox.parse(
                        text.encode(), format=ox.RdfFormat.TURTLE))
        except (SyntaxError, ValueError):
            return None
        return out

    def update(self, sparql: str) -> None:
        """Run a SPARQL 1.1 Update as one transaction, keeping the default graph merged.

        The update reads the merged default graph (a ``WHERE`` without ``GRAPH``
        sees every fact once) but must write into named graphs: an update that
        would insert or delete triples in the default graph directly (outside
        ``GRAPH`` and without ``WITH``, ``LOAD`` without ``INTO GRAPH``, ``...
        TO DEFAULT``, ``CLEAR``/``DROP DEFAULT``) is refused with
        :class:`InputError` naming the rule, and nothing is written. Otherwise
        the default graph is kept in step in the same request, hence the same
        transaction (:mod:`kg.update_plan`): ``INSERT DATA`` also writes its
        triples there; other updates are followed by a reconciliation that
        scans the store.
        """
        self._check_writable()
        if not self.merged:
            self._run_update(sparql, sparql)
            return
        steps = plan(sparql)
        if steps.refused:
            _check_syntax(sparql)  # a syntax error is the better message, if there is one
            raise InputError(f"{RULE}; found: {'; '.join(steps.refused)}")
        with self.write_lock:
            changes = self._update_changes(steps.data) if self.backend != "remote" else None
            self._run_update(steps.full_text(), sparql, changes)

    def _run_update(self, text: str, original: str, changes: list | None = None) -> None:
        """One update request (one transaction) under the write lock, then a new revision.

        ``original`` is the user's text, which error messages quote; ``changes`` what it
        inserts and deletes (None: unknown), for the journal.
        """
        with self.write_lock, self._lock:
            self._begin(changes)
            try:
                self._ox.update(text, prefixes=PREFIXES)
            except SyntaxError as exc:
                if text != original:
                    _check_syntax(original)
                raise QuerySyntaxError(syntax_message(original, str(exc), PREFIXES)) from exc
            except OSError as exc:
                raise StoreError(f"update failed: {exc}") from exc
            self._committed()

    def add_graph(
        self,
        graph: GraphName,
        data: Source | Graph | Iterable[ox.Triple],
        fmt: str | formats.Format | None = None,
        *,
        replace: bool = False,
    ) -> int:
        """Add triples to a named graph in one transaction; returns the change in its size.

        ``data`` is an rdflib ``Graph``, pyoxigraph triples, or a serialisation
        (bytes, str, a path or a binary file) in format ``fmt``. With
        ``replace=True`` the graph's old content goes in the same transaction.
        Nothing is written if parsing fails. Each triple also goes into the
        merged default graph.
        """
        self._check_writable()
        target = _graph_node(graph)
        triples = list(dict.fromkeys(parse_triples(data, fmt)))
        if replace:
            with self.write_lock, self._lock:
                before = self._graph_size(target)
                self.replace_graphs({target.value: triples})
                return len(triples) - before
        quads = [ox.Quad(t.subject, t.predicate, t.object, target) for t in triples]
        with self.write_lock, self._lock:
            before = _named_count(self._ox) if self.backend == "remote" else \
                -sum(1 for q in quads if q not in self._ox)
            self._begin([_change(t) for t in triples] if self.backend != "remote" else None)
            try:
                self._ox.extend(_with_default(quads) if self.merged else quads)
            except OSError as exc:
                raise StoreError(f"write failed: {exc}") from exc
            self._committed()
            return _named_count(self._ox) - before if self.backend == "remote" else -before

    def replace_graphs(self, graphs: dict[str, Iterable[ox.Triple]]) -> None:
        """Give each named graph its new triples (none: the graph goes), in one transaction.

        The default graph loses only triples that no graph outside ``graphs``
        states and the new content does not restate, so the work is in
        proportion to the graphs replaced, not to the store.
        """
        self._check_writable()
        graphs = {graph: list(triples) for graph, triples in graphs.items()}
        operations = []
        for graph, triples in graphs.items():
            node = _graph_node(graph)
            if self.merged:
                operations.append(_forget(node))
            operations.append(f"DROP SILENT GRAPH <{node.value}>")
            body = ox.serialize(list(triples), format=ox.RdfFormat.N_TRIPLES).decode()
            if body:
                default = body if self.merged else ""
                operations.append(f"INSERT DATA {{ GRAPH <{node.value}> {{ {body} }}\n{default} }}")
        if operations:
            with self.write_lock:
                changes = self._graph_changes(graphs) if self.backend != "remote" else None
                if changes is not None:
                    for triples in graphs.values():
                        changes.extend(_change(t, True) for t in triples)
                self._run_update(*[" ;\n".join(operations)] * 2, changes)

    def write_data(self, changes: Iterable[tuple[str, GraphName, Iterable[ox.Triple]]]) -> bool:
        """Apply ``changes`` to named graphs, in order, as one transaction.

        Each change is ``("drop", graph, ())``, ``("insert", graph, triples)`` or
        ``("delete", graph, triples)``: the update ``DROP SILENT GRAPH`` / ``INSERT
        DATA`` / ``DELETE DATA`` would be, with the merged default graph kept in step
        the way :meth:`update` keeps it for those (:mod:`kg.update_plan`), but
        written directly rather than read back from the update's text (which costs
        more than the update when the data is large). False if there was nothing to do.
        """
        self._check_writable()
        operations, deleted, dropped, journal = [], [], [], []
        for kind, graph, triples in changes:
            node = _graph_node(graph)
            if kind == "drop":
                if self.merged:
                    operations.append(_forget(node))
                operations.append(f"DROP SILENT GRAPH <{node.value}>")
                dropped.append(node)
                continue
            if kind not in ("insert", "delete"):
                raise ValueError(f"unknown change {kind!r}")
            triples = list(dict.fromkeys(triples))
            if not triples:
                continue
            body = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES).decode()
            journal.extend(_change(t, kind == "insert") for t in triples)
            if kind == "insert":
                default = body if self.merged else ""
                operations.append(f"INSERT DATA {{ GRAPH <{node.value}> {{ {body} }}\n{default} }}")
            else:
                if any(isinstance(term, ox.BlankNode) for t in triples
                       for term in (t.subject, t.object)):
                    raise ValueError("DELETE DATA cannot name blank nodes")
                operations.append(f"DELETE DATA {{ GRAPH <{node.value}> {{ {body} }} }}")
                deleted += triples
        if not operations:
            return False
        if deleted and self.merged:
            operations.append(unstated(" ".join(f"({t.subject} {t.predicate} {t.object})"
                                                for t in dict.fromkeys(deleted))))
        text = " ;\n".join(operations)
        with self.write_lock, self._lock:  # what the dropped graphs hold, read as they go
            found = None if self.backend == "remote" else self._graph_changes(dropped)
            self._run_update(text, text, None if found is None else found + journal)
        return True

    def remove_graph(self, graph: GraphName) -> bool:
        """Drop a named graph; False if it did not exist.

        Its triples leave the default graph unless another named graph states them.
        """
        self._check_writable()
        target = _graph_node(graph)
        with self.write_lock, self._lock:
            if not self._ox.contains_named_graph(target):
                return False
            forget = f"{_forget(target)} ;\n" if self.merged else ""
            changes = self._graph_changes([target]) if self.backend != "remote" else None
            self._run_update(*[f"{forget}DROP SILENT GRAPH <{target.value}>"] * 2, changes)
            return True

    def _graph_size(self, graph: ox.NamedNode) -> int:
        rows = self._ox.query(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{graph.value}> "
                              "{ ?s ?p ?o } }")
        return int(next(iter(rows))["n"].value)

    def replace_all(self, quads: Iterable[ox.Quad] | None = None,
                    files: Iterable[tuple[Path, GraphName]] = ()) -> None:
        """Replace the whole content of the store in one step.

        ``quads`` and ``files`` (each ``(path, graph)``) are loaded into fresh
        storage first; only when everything is loaded does the store switch
        to it. On disk this uses Oxigraph's bulk loader in a new directory and
        an atomic rename of ``meta.json``, so readers never see a half build.
        """
        self._check_writable()
        with self.write_lock, self._lock:
            self._begin(None)  # a whole new content: views rebuild
            if self.backend != "disk":
                fresh = ox.Store()
                self._fill(fresh, quads, files, merged=self.merged)
                if self.backend == "remote":
                    self._ox.replace(iter(fresh))  # one request: the server swaps it whole
                else:
                    self._ox, self._dataset = fresh, None
                self._committed()
                return
            number = int(self._data_dir.split("-")[-1]) + 1 if self._data_dir else 1
            new_dir = f"data-{number:06d}"
            new_path = self._root / new_dir
            shutil.rmtree(new_path, ignore_errors=True)
            try:
                fresh = ox.Store(str(new_path))
                self._fill(fresh, quads, files, bulk=True, merged=self.merged)
                fresh.flush()
            except BaseException:
                fresh = None
                gc.collect()
                shutil.rmtree(new_path, ignore_errors=True)
                raise
            old_dir = self._data_dir
            self._write_meta(self._revision + 1, new_dir)
            self._ox, self._dataset, self._data_dir = fresh, None, new_dir
            self._revision += 1
            self._journal[self._revision] = None
            gc.collect()
            if old_dir and old_dir != new_dir:
                shutil.rmtree(self._root / old_dir, ignore_errors=True)

    def staged(self, fill: Callable[[ox.Store, bool], T]) -> T:
        """Change the store on a copy and switch to it only if ``fill`` succeeds.

        ``fill(staging, empty)`` gets a writable pyoxigraph store holding the
        current content (``empty`` says the store had no quad) and may bulk-load,
        update and query it; it must keep the merged default graph itself. If it
        returns, the store switches to the staging copy as one new revision; if it
        raises, the copy is thrown away and the store is exactly as it was (same
        revision, same quads). On disk the copy is a RocksDB checkpoint in a new
        ``data-NNNNNN`` directory (hard links: about a flush, whatever the size)
        and the switch is the atomic ``meta.json`` rename of :meth:`replace_all`;
        in memory the copy is a real one (its cost grows with the store). A remote
        endpoint has neither, so it is refused with :class:`StoreError`.
        """
        self._check_writable()
        if self.backend == "remote":
            raise StoreError(
                f"kg load writes through a staging copy of a local store; {self.location!r} is "
                "a SPARQL endpoint (load into a folder or memory: store, or use the server's "
                "own loader, e.g. 'oxigraph load')")
        with self.write_lock, self._lock:
            self._begin(None)  # anything may change: views rebuild
            empty = next(iter(self._ox.quads_for_pattern(None, None, None)), None) is None
            if self.backend == "memory":
                fresh = ox.Store()
                if not empty:
                    fresh.bulk_extend(iter(self._ox))
                result = fill(fresh, empty)
                self._ox, self._dataset = fresh, None
                self._committed()
                return result
            number = int(self._data_dir.split("-")[-1]) + 1 if self._data_dir else 1
            new_dir = f"data-{number:06d}"
            new_path = self._root / new_dir
            shutil.rmtree(new_path, ignore_errors=True)
            try:
                if not empty:
                    self._ox.flush()
                    self._ox.backup(str(new_path))
                fresh = ox.Store(str(new_path))
                result = fill(fresh, empty)
                fresh.flush()
            except BaseException:
                fresh = None
                gc.collect()
                shutil.rmtree(new_path, ignore_errors=True)
                raise
            old_dir = self._data_dir
            self._write_meta(self._revision + 1, new_dir)
            self._ox, self._dataset, self._data_dir = fresh, None, new_dir
            self._revision += 1
            self._journal[self._revision] = None
            gc.collect()
            if old_dir and old_dir != new_dir:
                shutil.rmtree(self._root / old_dir, ignore_errors=True)
            return result

    @staticmethod
    def _fill(target: ox.Store, quads: Iterable[ox.Quad] | None,
              files: Iterable[tuple[Path, GraphName]], bulk: bool = False,
              merged: bool = True) -> None:
        """Load quads and files into ``target``; with ``merged`` each triple also once
        into its default graph (parsed once: every quad is written with its copy)."""
        add = target.bulk_extend if bulk else target.extend
        widen = _with_default if merged else iter
        if quads is not None:
            add(widen(quads))
        for path, graph in files:
            fmt = _ox_format(formats.by_extension(path, ("rdf",)))
            node = _graph_node(graph)
            try:
                parsed = ox.parse(path=str(path), format=fmt)
                add(widen(ox.Quad(q.subject, q.predicate, q.object, node) for q in parsed))
            except SyntaxError as exc:
                raise ParseError(str(exc), file=str(path)) from exc

    # --- writers and reader snapshots -------------------------------------------------------

    def writing(self) -> threading.RLock:
        """The lock that whole write operations hold, so they run one at a time.

        A write operation is more than one transaction: ingestion reads the
        store, resolves and screens the facts against it and then commits. ``with store.writing(): ...`` keeps such work from interleaving
        in this process; other processes cannot write to the same directory.
        """
        return self.write_lock

    def pin_snapshot(self) -> tuple[int, Path]:
        """A read-only checkpoint of the committed data, for reader processes.

        Returns ``(revision, path)``; open the path with
        ``pyoxigraph.Store.read_only``. One checkpoint is made per revision (RocksDB
        hard-links its immutable files, so it costs a flush and some links, about
        0.1 s) and shared by every reader; it always holds a committed state. Call
        :meth:`unpin_snapshot` when done: checkpoints no reader holds and that are
        no longer current are removed.
        """
        if self.backend != "disk":
            raise StoreError("only an on-disk store has snapshots")
        with self._snap_lock:
            revision, data_dir, handle = self._revision, self._data_dir, self._ox
            current = self._snapshot
            if current is None or current[:2] != (revision, data_dir) or \
                    not current[2].is_dir():
                current = self._snapshot = (revision, data_dir, self._checkpoint(handle, revision))
                self._sweep()
            self._pins[current[2]] += 1
            return current[0], current[2]

    def unpin_snapshot(self, path: Path) -> None:
        """Let go of a checkpoint from :meth:`pin_snapshot`."""
        with self._snap_lock:
            self._pins[path] -= 1
            if self._pins[path] <= 0:
                del self._pins[path]
                self._sweep()

    def _checkpoint(self, handle: ox.Store, revision: int) -> Path:
        folder = self._root / SNAPSHOTS
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"{os.getpid()}-{revision:06d}-{next(self._snap_numbers)}"
        shutil.rmtree(path, ignore_errors=True)
        try:
            handle.backup(str(path))
        except OSError as exc:
            shutil.rmtree(path, ignore_errors=True)
            raise StoreError(f"cannot take a snapshot of {self.location!r}: {exc}") from exc
        return path

    def _sweep(self) -> None:
        """Remove checkpoints that are neither current nor pinned, and those of dead processes."""
        folder = self._root / SNAPSHOTS
        current = self._snapshot[2] if self._snapshot else None
        own = str(os.getpid())
        for path in folder.iterdir() if folder.is_dir() else ():
            pid = path.name.split("-")[0]
            if pid == own:
                if path != current and path not in self._pins:
                    shutil.rmtree(path, ignore_errors=True)
            elif pid.isdigit() and not _alive(int(pid)):
                shutil.rmtree(path, ignore_errors=True)

    def drop_snapshots(self) -> None:
        """Remove this process's reader checkpoints (when no reader process is left)."""
        if self.backend == "disk":
            with self._snap_lock:
                self._snapshot = None
                self._pins.clear()
                self._sweep()

    def close(self) -> None:
        """Flush and release the store (a closed store cannot be used again)."""
        self.drop_snapshots()
        with self._lock:
            if self._ox is not None and self.backend == "disk" and not self.read_only:
                with suppress(OSError):
                    self._ox.flush()
            if self.backend == "remote" and self._ox is not None:
                self._ox.close()
            self._ox = None
            self._dataset = None
            gc.collect()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"Store({self.location!r}, revision={self._revision})"


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def query_options(default_graphs: Iterable[GraphName] | None = None,
                  named_graphs: Iterable[GraphName] | None = None,
                  union: bool = True, *, merged: bool = True) -> dict:
    """The keyword arguments of ``pyoxigraph.Store.query`` for this project's datasets.

    The one place that chooses the default graph. A store kept by :class:`Store`
    has the union of its named graphs, each triple once, in its own default
    graph (``merged``), so that graph is used and ``union`` changes nothing.
    Oxigraph's ``use_default_graph_as_union`` would repeat a triple once per
    graph that states it (Oxigraph 0.5, issue 1919); it is only asked for on a
    foreign endpoint whose default graph nobody keeps (``merged=False``).
    ``default_graphs`` (the protocol's ``default-graph-uri``) wins over both.
    """
    kwargs: dict = {"prefixes": PREFIXES}
    if default_graphs is not None:
        kwargs["default_graph"] = [_graph_node(g) for g in default_graphs]
    elif union and not merged:
        kwargs["use_default_graph_as_union"] = True
    if named_graphs is not None:
        kwargs["named_graphs"] = [_graph_node(g) for g in named_graphs]
    return kwargs


def run_query(handle: ox.Store, sparql: str, *,
              default_graphs: Iterable[GraphName] | None = None,
              named_graphs: Iterable[GraphName] | None = None,
              union: bool = True) -> ox.QuerySolutions | ox.QueryTriples | ox.QueryBoolean:
    """``handle.query`` with the predeclared prefixes and the project's errors.

    Shared by :meth:`Store.query` and reader processes that open a snapshot.
    """
    merged = getattr(handle, "merged_default_graph", True)
    try:
        return handle.query(sparql, **query_options(default_graphs, named_graphs, union,
                                                    merged=merged))
    except SyntaxError as exc:
        raise QuerySyntaxError(syntax_message(sparql, str(exc), PREFIXES)) from exc
    except OSError as exc:
        raise StoreError(f"query failed: {exc}") from exc


def named_quads(handle: ox.Store | RemoteEndpoint) -> Iterator[ox.Quad]:
    """The quads of the named graphs, without the merged default graph.

    A pyoxigraph store is read graph by graph (its graph-first index, so the
    default graph is not even decoded); a write between two graphs can show,
    which the view's revision check catches. A remote endpoint is read in one go.
    """
    if isinstance(handle, ox.Store):
        return (quad for graph in list(handle.named_graphs())
                for quad in handle.quads_for_pattern(None, None, None, graph))
    default = ox.DefaultGraph
    return (q for q in handle if type(q.graph_name) is not default)


def _named_count(handle: ox.Store) -> int:
    """How many quads the named graphs hold (Oxigraph counts them in one read)."""
    rows = handle.query("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")
    return int(next(iter(rows))["n"].value)


def _with_default(quads: Iterable[ox.Quad]) -> Iterator[ox.Quad]:
    """Each quad of a named graph, then its triple in the default graph.

    Quads of the default graph are skipped: the default graph is made from the
    named graphs (so copying a store with ``iter(store.oxigraph)`` works); data
    meant to stay must come in a named graph.
    """
    default = ox.DefaultGraph()
    for quad in quads:
        if type(quad.graph_name) is ox.DefaultGraph:
            continue
        yield quad
        yield ox.Quad(quad.subject, quad.predicate, quad.object, default)


def _change(triple, fresh: bool = False) -> tuple[str | None, str, str | None]:
    """A journal entry for a triple: IRIs as they are, blank nodes as ``_:id`` (None when
    ``fresh``: the write makes new ones), literals as None."""
    s, o = triple.subject, triple.object
    sv = s.value if type(s) is ox.NamedNode else (
        None if fresh or type(s) is not ox.BlankNode else "_:" + s.value)
    ov = o.value if type(o) is ox.NamedNode else (
        None if fresh or type(o) is not ox.BlankNode else "_:" + o.value)
    return sv, triple.predicate.value, ov


def _forget(graph: ox.NamedNode) -> str:
    """An update that takes out of the default graph what only ``graph`` states."""
    return forget(graph.value)


def _check_syntax(sparql: str) -> None:
    """Raise :class:`QuerySyntaxError` if Oxigraph cannot read the update ``sparql``.

    It is run on an empty scratch store, unless it would reach out (``LOAD``,
    ``SERVICE``): those are left to the real run.
    """
    if _NETWORK.search(sparql):
        return
    try:
        ox.Store().update(sparql, prefixes=PREFIXES)
    except SyntaxError as exc:
        raise QuerySyntaxError(syntax_message(sparql, str(exc), PREFIXES)) from exc
    except Exception:  # noqa: BLE001, S110 - not a syntax error: the real run decides
        pass


def _remote_is_merged(endpoint: RemoteEndpoint) -> bool:
    """Whether an endpoint's default graph can be taken as the union of its graphs.

    True when it is empty or has a default graph of its own (it was written
    through :class:`Store`, or keeps one itself); False for an endpoint whose
    data sits only in named graphs, which then gets Oxigraph's union switch.
    Also fails early, with a clear message, if the endpoint is unreachable.
    """
    has_named = bool(endpoint.query("ASK { GRAPH ?g { ?s ?p ?o } }"))
    return not has_named or bool(endpoint.query("ASK { ?s ?p ?o }"))


def parse_triples(data: Source | Graph | Iterable[ox.Triple],
                  fmt: str | formats.Format | None = None) -> list[ox.Triple]:
    """Triples from an rdflib Graph, pyoxigraph triples, or a serialisation.

    Raises :class:`ParseError` (with the line where the parser says) for bad input.
    """
    rdflib = sys.modules.get("rdflib")  # not imported: data cannot be an rdflib Graph
    if rdflib is not None and isinstance(data, rdflib.Graph):
        from oxrdflib._converter import to_ox  # noqa: PLC0415 - private but the exact mapping

        return [ox.Triple(to_ox(s), to_ox(p), to_ox(o)) for s, p, o in data]
    if isinstance(data, (str, bytes, Path)) or hasattr(data, "read"):
        name = str(data) if isinstance(data, Path) else None
        if fmt is None:
            if name is None:
                raise ParseError("the format of the data must be given")
            fmt = formats.by_extension(name, ("rdf",))
        fmt = fmt if isinstance(fmt, formats.Format) else formats.by_name(fmt, ("rdf",))
        try:
            if isinstance(data, Path):
                quads = ox.parse(path=str(data), format=_ox_format(fmt))
            else:
                quads = ox.parse(data, format=_ox_format(fmt))
            return [ox.Triple(q.subject, q.predicate, q.object) for q in quads]
        except SyntaxError as exc:
            found = re.search(r"line (\d+)", str(exc))
            line = getattr(exc, "lineno", None) or (int(found.group(1)) if found else None)
            raise ParseError(str(exc), file=name, line=line) from exc
    return list(data)


def to_python(term: object) -> object:
    """A Python value for a pyoxigraph term: IRIs and strings as str, numbers as numbers."""
    if isinstance(term, ox.Literal):
        from oxrdflib._converter import from_ox  # noqa: PLC0415

        value = from_ox(term).toPython()
        return value if not hasattr(value, "n3") else str(value)
    return getattr(term, "value", term)


def open_store(location: str | Path | None = None, *, read_only: bool = False) -> Store:
    """Open the store at ``location`` (see the module docstring for what it may be)."""
    return Store(location, read_only=read_only)


__all__ = ["Store", "open_store", "default_location", "parse_triples", "to_python",
           "query_options", "run_query", "named_quads", "MEMORY", "DEFAULT_LOCATION", "SNAPSHOTS"]
