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

Queries see the union of all named graphs by default. Every write is a
transaction: it either happens whole or not at all, and each committed change
increases :attr:`Store.revision`, which the NetworkX view uses to know when to
rebuild.

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
>>> [row["o"].value for row in store.query("SELECT ?o WHERE { ?s ?p ?o }")]
['x']
"""

from __future__ import annotations

import gc
import itertools
import json
import os
import re
import shutil
import threading
import time
from collections import Counter
from collections.abc import Iterable, Iterator
from contextlib import suppress
from pathlib import Path
from typing import IO, Union

import pyoxigraph as ox
from oxrdflib import OxigraphStore
from rdflib import Dataset, Graph, URIRef

from kg import formats
from kg.errors import ParseError, QuerySyntaxError, ReadOnlyError, StoreError
from kg.namespaces import PREFIXES, SERIALIZATION_PREFIXES
from kg.remote import RemoteEndpoint
from kg.sparql_lexer import syntax_message

DEFAULT_LOCATION = "data/store"
MEMORY = "memory:"
SNAPSHOTS = "snapshots"  # folder of reader checkpoints inside an on-disk store

Source = Union[str, bytes, Path, IO[bytes]]
GraphName = Union[str, URIRef, ox.NamedNode]


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
        if self.location.startswith(("http://", "https://")):
            self.backend = "remote"
            self._ox = RemoteEndpoint(self.location)
            len(self._ox)  # fail early, with a clear message, if the endpoint is unreachable
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
        return store

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
    def revision(self) -> int:
        """A number that grows with every committed change."""
        return self._revision

    @property
    def oxigraph(self) -> ox.Store:
        """The underlying ``pyoxigraph.Store``, for hot paths that need it directly."""
        return self._ox

    @property
    def dataset(self) -> Dataset:
        """An rdflib ``Dataset`` over the same quads; its default graph is the union."""
        if self._dataset is None and self.backend == "remote":
            from rdflib.plugins.stores.sparqlstore import SPARQLUpdateStore  # noqa: PLC0415

            # Oxigraph reads this switch from the URL; other servers ignore it.
            remote = SPARQLUpdateStore(self._ox.query_url + "?union-default-graph",
                                       self._ox.update_url, method="POST_FORM")
            self._dataset = Dataset(store=remote, default_union=True)
        if self._dataset is None:
            self._dataset = Dataset(store=OxigraphStore(store=self._ox), default_union=True)
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

        The default graph is the union of all graphs unless ``default_graphs``
        names the graphs to use; the usual prefixes (``ekg:``, ``rdfs:`` ...)
        are predeclared.
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

    def quads(self, graph: GraphName | None = None) -> Iterator[ox.Quad]:
        """Every quad (of one named graph if given), as pyoxigraph quads."""
        if graph is None:
            return iter(self._ox)
        return self._ox.quads_for_pattern(None, None, None, _graph_node(graph))

    def __len__(self) -> int:
        """The number of quads (counted once per revision: Oxigraph counts by scanning)."""
        if self.backend == "remote":
            return len(self._ox)  # others may write to an endpoint; ask every time
        if self._length is None or self._length[0] != self._revision:
            self._length = (self._revision, len(self._ox))
        return self._length[1]

    def dump(
        self,
        output: IO[bytes] | str | Path | None,
        fmt: str | formats.Format = "trig",
        *,
        graph: GraphName | None = None,
    ) -> bytes | None:
        """Serialise everything (quad formats) or one graph (``graph=``) with Oxigraph.

        Triple formats without ``graph`` get the union of all graphs.
        """
        fmt = fmt if isinstance(fmt, formats.Format) else formats.by_name(fmt, ("rdf",))
        ox_fmt = _ox_format(fmt)
        prefixes = dict(SERIALIZATION_PREFIXES)
        if graph is not None:
            return self._ox.dump(output, ox_fmt, from_graph=_graph_node(graph), prefixes=prefixes)
        if fmt.quads:
            return self._ox.dump(output, ox_fmt, prefixes=prefixes)
        union = ox.Store()
        union.extend(ox.Quad(q.subject, q.predicate, q.object) for q in self._ox)
        return union.dump(output, ox_fmt, from_graph=ox.DefaultGraph(), prefixes=prefixes)

    # --- writing ---------------------------------------------------------------------

    def _check_writable(self) -> None:
        if self.read_only:
            raise ReadOnlyError(f"store {self.location!r} is open read-only")

    def _committed(self) -> None:
        """Count a committed change: ``meta.json`` first, then the revision in memory.

        In that order, a reader that sees the new revision also finds it on disk.
        """
        revision = self._revision + 1
        if self.backend == "disk":
            self._write_meta(revision, self._data_dir)
        self._revision = revision

    def update(self, sparql: str) -> None:
        """Run a SPARQL 1.1 Update as one transaction."""
        self._check_writable()
        with self.write_lock, self._lock:
            try:
                self._ox.update(sparql, prefixes=PREFIXES)
            except SyntaxError as exc:
                raise QuerySyntaxError(syntax_message(sparql, str(exc), PREFIXES)) from exc
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
        """Add triples to a named graph in one transaction; returns how many were new.

        ``data`` is an rdflib ``Graph``, pyoxigraph triples, or a serialisation
        (bytes, str, a path or a binary file) in format ``fmt``. With
        ``replace=True`` the graph's old content goes in the same transaction.
        Nothing is written if parsing fails.
        """
        self._check_writable()
        target = _graph_node(graph)
        triples = parse_triples(data, fmt)
        quads = [ox.Quad(t.subject, t.predicate, t.object, target) for t in triples]
        with self.write_lock, self._lock:
            before = len(self._ox)
            if replace:
                # One update = one transaction: the old content and the new arrive together.
                body = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES).decode()
                self._ox.update(f"DROP SILENT GRAPH <{target.value}> ;\n"
                                f"INSERT DATA {{ GRAPH <{target.value}> {{ {body} }} }}")
            else:
                self._ox.extend(quads)
            self._committed()
            return len(self._ox) - before

    def remove_graph(self, graph: GraphName) -> bool:
        """Drop a named graph; False if it did not exist."""
        self._check_writable()
        target = _graph_node(graph)
        with self.write_lock, self._lock:
            if not self._ox.contains_named_graph(target):
                return False
            self._ox.remove_graph(target)
            self._committed()
            return True

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
            if self.backend != "disk":
                fresh = ox.Store()
                self._fill(fresh, quads, files)
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
                self._fill(fresh, quads, files, bulk=True)
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
            gc.collect()
            if old_dir and old_dir != new_dir:
                shutil.rmtree(self._root / old_dir, ignore_errors=True)

    @staticmethod
    def _fill(target: ox.Store, quads: Iterable[ox.Quad] | None,
              files: Iterable[tuple[Path, GraphName]], bulk: bool = False) -> None:
        if quads is not None:
            (target.bulk_extend if bulk else target.extend)(quads)
        for path, graph in files:
            fmt = _ox_format(formats.by_extension(path, ("rdf",)))
            try:
                if bulk:
                    target.bulk_load(path=str(path), format=fmt, to_graph=_graph_node(graph))
                else:
                    target.load(path=str(path), format=fmt, to_graph=_graph_node(graph))
            except SyntaxError as exc:
                raise ParseError(str(exc), file=str(path)) from exc

    # --- writers and reader snapshots -------------------------------------------------------

    def writing(self) -> threading.RLock:
        """The lock that whole write operations hold, so they run one at a time.

        A write operation is more than one transaction: ingestion reads the
        store, screens the facts with pySHACL (not thread-safe) and then
        commits. ``with store.writing(): ...`` keeps such work from interleaving
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
                  union: bool = True) -> dict:
    """The keyword arguments of ``pyoxigraph.Store.query`` for this project's datasets."""
    kwargs: dict = {"prefixes": PREFIXES}
    if default_graphs is not None:
        kwargs["default_graph"] = [_graph_node(g) for g in default_graphs]
    else:
        kwargs["use_default_graph_as_union"] = union
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
    try:
        return handle.query(sparql, **query_options(default_graphs, named_graphs, union))
    except SyntaxError as exc:
        raise QuerySyntaxError(syntax_message(sparql, str(exc), PREFIXES)) from exc
    except OSError as exc:
        raise StoreError(f"query failed: {exc}") from exc


def parse_triples(data: Source | Graph | Iterable[ox.Triple],
                  fmt: str | formats.Format | None = None) -> list[ox.Triple]:
    """Triples from an rdflib Graph, pyoxigraph triples, or a serialisation.

    Raises :class:`ParseError` (with the line where the parser says) for bad input.
    """
    if isinstance(data, Graph):
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
           "query_options", "run_query", "MEMORY", "DEFAULT_LOCATION", "SNAPSHOTS"]
