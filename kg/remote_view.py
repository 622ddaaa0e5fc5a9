"""The view over a remote SPARQL endpoint: a bounded index it refreshes, and the endpoint.

Over a remote endpoint (:class:`kg.store.Store` with an ``http(s)://`` location)
the API never downloads the dataset. It answers from two sources:

**The index** (:class:`RemoteView`, a :class:`kg.view.View` built by the same
builder as a local store's view) holds what lists and ranks need: every entity
with its type and names, the relations between actors, agreements, cooperations,
topics and places (party, participant, topic, partOf, basedIn, memberOf,
signedAt, ratifiedBy, ...), the agreements' dates, kinds and parties (also the
actors a signatory signed for), and the cooperation graph. It leaves out the
person layer (signatory, witness and signer links, roles), provenance
(``prov:wasDerivedFrom``), evidence and the derived graph (``ekg:cooperatesWith``
and its link nodes, which repeat what the agreements say: one grouped query
checks it, and a pair it states that no agreement explains is added). So
partners, neighbours, the pairs listing, agreement lists and their filters,
name resolution and search answer from the index as from a local view.

It is read with a few SELECT queries, predicate by predicate, whose results
come back as SPARQL TSV and are parsed without a pyoxigraph object per term
(:class:`Projection`); a child process (``python -m kg.remote_view build``) does
the reading and the build, makes the structures compact (edges that carry no
attributes share their key dicts, lists become tuples) and pickles the view,
which the server then loads. The build's memory and CPU are the child's, not
the server's. Each result goes into the builder as it arrives
(:meth:`Projection.stream`) and is dropped: the child never holds the raw rows of
the whole projection, the builder lets go of each part once it is read, and the
child runs with one malloc arena and trims the heap before pickling (at a million
quads it peaks under 300 MB; the index it writes is the same).

**The endpoint**, on demand, for what a page shows in full: the complete record
of an agreement (signatories, witnesses, signatures, documents, evidence) is
read when a page asks for it (:meth:`RemoteView.record`, :meth:`RemoteView.prefetch`)
and kept in a bounded cache; entity pages (:meth:`RemoteIndex.entity_view`) and
paths the index cannot settle (:func:`paths`: one end a person or a document, or
longer than two hops) are answered on a small view of the neighbourhood of the
entities concerned, read from the endpoint and built by the same builder (the
types and names of nodes the index knows come from the index); and until the
index is first ready, a partner page is answered on a small view of the actor's
agreements and partners (:meth:`RemoteIndex.actor_view`).

The last index is saved per endpoint (:func:`saved_index_folder`): a restart
answers from it at once, then checks it against the endpoint.

:class:`RemoteIndex` keeps the index current:

* writes made through this process's store are seen at the next poll (its
  revision moved);
* writes by other clients that go through :class:`kg.store.Store` (another API
  process, ``kg`` commands with ``--store URL``) replace a *revision marker*
  (an empty named graph, :meth:`kg.remote.RemoteEndpoint.bump`); a background
  thread polls the markers and the number of named graphs every
  ``KG_REMOTE_POLL`` seconds (default 2) with one query that reads no quad;
* any other write (SPARQL Update sent straight to the endpoint) is seen at the
  next full refresh, every ``KG_REMOTE_REFRESH`` seconds (default 300), which
  reads the projection again and rebuilds only if it changed.

A change is visible once the new index is built (seconds to tens of seconds at a
million quads); until then the previous index answers. Pages read from the
endpoint (records, paths, entity pages) always show its current data. The
caches the API fills per view are bounded (:class:`BoundedCache`).
"""

from __future__ import annotations

import argparse
import concurrent.futures
import gc
import hashlib
import json
import os
import pickle
import re
import subprocess
import sys
import tempfile
import threading
import time
import weakref
from collections import OrderedDict, defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path

import pyoxigraph as ox

from kg import heap
from kg.errors import InputError, NoPathError, NotFoundError, QueryLimitError, StoreError
from kg.namespaces import CURATED_GRAPH, PREFIXES
from kg.view import (
    ID, NAME_PREDICATES, RDF_TYPE, SKOS, EvidenceRecord, View, _first, _float, _from_core, _int,
)

EKG = PREFIXES["ekg"]
RDFS = PREFIXES["rdfs"]
DCTERMS = PREFIXES["dcterms"]
PROV = PREFIXES["prov"]
_CURATED = str(CURATED_GRAPH)


def _ekg(*names: str) -> frozenset[str]:
    return frozenset(EKG + n for n in names)


# Literal objects the view reads (names are asked for with their graph).
LITERAL_PREDICATES = _ekg("signedOn", "since", "kindKey", "ratifiedOn") | {DCTERMS + "title"}
EVIDENCE_PREDICATES = _ekg("supports", "quote", "confidence", "extractor", "property", "value",
                           "document")
DERIVED_PREDICATES = _ekg("cooperatesWith", "actor", "basedOn")
# read on demand (records, neighbourhoods), not kept in the index
PERSON_PREDICATES = _ekg("signatory", "witness", "signer", "role", "organization", "country",
                         "title", "start", "end")
PROVENANCE_PREDICATES = frozenset({PROV + "wasDerivedFrom"})
REVIEW_PREDICATES = _ekg("mergedNode", "mergedInto", "aboutDocument", "factSubject",
                         "factPredicate", "factObject", "merge")
LEFT_OUT = (EVIDENCE_PREDICATES | DERIVED_PREDICATES | PERSON_PREDICATES
            | PROVENANCE_PREDICATES | REVIEW_PREDICATES)
SKIPPED_TYPES = (EKG + "Evidence", EKG + "CooperationLink")
BLANK_STRUCTURES = (EKG + "Signature", EKG + "Role")  # blank ones: their links say enough
NAMES = (RDFS + "label", SKOS + "prefLabel", SKOS + "altLabel", EKG + "isoCode")
POINTERS = (EKG + "signature", EKG + "ratification", EKG + "event", EKG + "role")


# --- SPARQL TSV -------------------------------------------------------------------------------

_ESCAPE = re.compile(r"\\(u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8}|.)")
_ESCAPES = {"t": "\t", "n": "\n", "r": "\r", "b": "\b", "f": "\f", '"': '"', "'": "'",
            "\\": "\\"}


def _unescape(text: str) -> str:
    def one(found: re.Match) -> str:
        code = found.group(1)
        if len(code) > 1:
            return chr(int(code[1:], 16))
        return _ESCAPES.get(code, code)

    return _ESCAPE.sub(one, text)


def literal(term: str) -> tuple[str, str | None] | None:
    """``(lexical form, language)`` of a literal as SPARQL TSV writes it (None: not a literal).

    >>> literal('"Japan"@en'), literal('"2010"^^<http://www.w3.org/2001/XMLSchema#gYear>')
    (('Japan', 'en'), ('2010', None))
    >>> literal(r'"a\\tb \\"c\\""'), literal("42"), literal("<https://x/y>")
    (('a\\tb "c"', None), ('42', None), None)
    """
    first = term[:1]
    if first == '"':
        end = term.rindex('"')
        value = term[1:end]
        if "\\" in value:
            value = _unescape(value)
        rest = term[end + 1:]
        return value, (rest[1:] if rest[:1] == "@" else None)
    if first in ("<", "_") or not term:
        return None
    return term, None  # a number or boolean written bare


def node(term: str) -> str:
    """The view's id of an IRI (``<…>``) or blank node (``_:…``) written in SPARQL TSV."""
    if term[:1] == "<":
        return term[1:-1]
    return term


def rows(text: str, names: tuple[str, ...]) -> Iterator[list[str]]:
    """The rows of a SPARQL TSV result as lists of terms in the order of ``names``."""
    end = text.find("\n")
    order = _order(text[:end] if end >= 0 else text, names)
    find = text.find
    start = end + 1 if end >= 0 else len(text)
    # line by line, not a list of them all: each line's text is freed before the next is made
    while start < len(text):
        end = find("\n", start)
        if end < 0:
            end = len(text)
        if end > start:
            row = text[start:end].split("\t")
            yield row if order is None else [row[i] for i in order]
        start = end + 1


def _order(header: str, names: tuple[str, ...]) -> list[int] | None:
    columns = [c.lstrip("?") for c in header.split("\t")]
    if columns == list(names):
        return None
    try:
        return [columns.index(n) for n in names]
    except ValueError:
        raise StoreError(f"unexpected SPARQL TSV columns {columns} (wanted {list(names)})") \
            from None


# --- the index's projection -------------------------------------------------------------------

class Projection:
    """The queries that read what the index needs from an endpoint, and their parsing.

    ``select`` runs a SPARQL SELECT and returns its TSV text
    (:meth:`kg.remote.RemoteEndpoint.select_tsv`); ``workers`` queries run at a time.
    """

    def __init__(self, select: Callable[[str], str], workers: int = 3):
        self.select = select
        self.workers = workers
        self.timings: dict[str, float] = {}
        self.rows = 0
        self.bytes = 0
        self.digest: str | None = None

    def predicates(self) -> list[str]:
        text = self.select("SELECT DISTINCT ?p WHERE { ?s ?p ?o }")
        return [node(r[0]) for r in rows(text, ("p",))]

    @staticmethod
    def queries(predicates: list[str]) -> dict[str, str]:
        """The query of each predicate the index reads, by predicate."""
        out: dict[str, str] = {}
        for p in predicates:
            if p in LEFT_OUT:
                continue
            if p == RDF_TYPE:
                skipped = " && ".join(f"?o != <{t}>" for t in SKIPPED_TYPES)
                blank = " && ".join(f"?o != <{t}>" for t in BLANK_STRUCTURES)
                out[p] = (f"SELECT ?s ?o ?g WHERE {{ GRAPH ?g {{ ?s <{p}> ?o }} "
                          f"FILTER({skipped} && (!isBlank(?s) || ({blank}))) }}")
            elif p in NAME_PREDICATES:
                out[p] = (f"SELECT ?s ?o ?c WHERE {{ GRAPH ?g {{ ?s <{p}> ?o }} "
                          f"BIND(?g = <{_CURATED}> AS ?c) }}")
            elif p in LITERAL_PREDICATES or p == RDFS + "subClassOf":
                out[p] = f"SELECT ?s ?o WHERE {{ ?s <{p}> ?o }}"
            else:
                out[p] = f"SELECT ?s ?o WHERE {{ ?s <{p}> ?o FILTER(!isLiteral(?o)) }}"
        return out

    def stream(self, known: str | None = None) -> Iterator:
        """The projection as the builder's rows (:class:`kg.view_build.Rows`), one predicate
        at a time in the order a local scan reads them, each parsed as its result arrives
        and dropped once the builder has taken it: no raw material of the whole projection
        is ever held. At the end,
        :attr:`digest` is the digest of what was read; when it equals ``known``,
        :class:`Unchanged` is raised instead of ending, so the build stops there."""
        from kg.view_build import SOURCES, Rows, _order  # noqa: PLC0415

        started = time.perf_counter()
        predicates = self.predicates()
        self.timings["predicates"] = round(time.perf_counter() - started, 3)
        queries = self.queries(predicates)
        order = _order(set(queries))
        digests: dict[str, bytes] = {}
        parsing = 0.0
        with concurrent.futures.ThreadPoolExecutor(self.workers) as pool:
            # the workers run only a query or two ahead, so only that much text waits
            pending = iter(order)
            futures: list = []
            for p in pending:
                futures.append((p, pool.submit(self.select, queries[p])))
                if len(futures) >= self.workers:
                    break
            while futures:
                predicate, future = futures.pop(0)
                text = future.result()
                del future
                for p in pending:
                    futures.append((p, pool.submit(self.select, queries[p])))
                    break
                digests[predicate] = hashlib.sha1(text.encode()).digest()
                self.bytes += len(text)
                clock = time.perf_counter()
                out = self.rows_of(predicate, text, Rows, SOURCES)
                del text
                parsing += time.perf_counter() - clock
                for one in out:
                    yield one
                del out
        self.timings["fetch"] = round(time.perf_counter() - started - parsing, 3)
        self.timings["parse"] = round(parsing, 3)
        digest = hashlib.sha1()
        for name in sorted(digests):
            digest.update(name.encode() + b"\0" + digests[name])
        self.digest = digest.hexdigest()
        if self.digest == known:
            raise Unchanged(self.digest)

    def rows_of(self, pv: str, text: str, Rows, SOURCES) -> list:  # noqa: N803
        """One predicate's TSV result as the builder's rows: each (subject, object) once,
        in the endpoint's order; literals apart; names stated in the curated graph also
        as rows of that graph; the sources of typed records with ``rdf:type``."""
        intern = sys.intern
        pv = intern(pv)
        links: dict = {}
        lits: dict = {}
        count = 0
        if pv == RDF_TYPE:
            sources: dict = {}
            for s, o, g in rows(text, ("s", "o", "g")):
                count += 1
                sv = intern(node(s))
                if o[:1] == "<":
                    ov = intern(o[1:-1])
                    links[(sv, ov)] = None
                    if ov.startswith(EKG):
                        sources[(sv, intern(node(g)))] = None
                elif o[:2] == "_:":
                    links[(sv, o)] = None
                else:
                    value, lang = literal(o)
                    lits[(sv, value, lang)] = None
            self.rows += count
            return [Rows(pv, list(links), list(lits)), Rows(SOURCES, list(sources), [])]
        if pv in NAME_PREDICATES:
            curated: dict = {}
            for s, o, c in rows(text, ("s", "o", "c")):
                count += 1
                sv = intern(node(s))
                lit = literal(o)
                if lit is not None:
                    row = (sv, lit[0], lit[1])
                    lits[row] = None
                    if c == "true":
                        curated[row] = None
                else:
                    links[(sv, intern(node(o)))] = None
            self.rows += count
            out = [Rows(pv, [], list(curated), _CURATED)] if curated else []
            return out + [Rows(pv, list(links), list(lits))]
        kind_p = pv == EKG + "kindKey"
        for s, o in rows(text, ("s", "o")):
            count += 1
            sv = intern(s[1:-1]) if s[:1] == "<" else s
            if o[:1] == "<":
                links[(sv, intern(o[1:-1]))] = None
            elif o[:2] == "_:":
                links[(sv, o)] = None
            else:
                value, lang = literal(o)
                lits[(sv, value, None if kind_p else lang)] = None
        self.rows += count
        return [Rows(pv, list(links), list(lits))]

    def cooperation_counts(self) -> dict[str, int]:
        """Each actor's number of ``ekg:cooperatesWith`` partners (one grouped query)."""
        text = self.select(f"SELECT ?a (COUNT(DISTINCT ?b) AS ?n) WHERE {{ "
                           f"?a <{EKG}cooperatesWith> ?b }} GROUP BY ?a")
        return {node(a): int(literal(n)[0]) for a, n in rows(text, ("a", "n"))}

    def cooperation_pairs(self, actors: list[str], chunk: int = 200) -> list[tuple[str, str]]:
        """The ``ekg:cooperatesWith`` pairs of some actors."""
        out = []
        for i in range(0, len(actors), chunk):
            values = " ".join(f"<{a}>" for a in actors[i:i + chunk])
            text = self.select(f"SELECT ?a ?b WHERE {{ VALUES ?a {{ {values} }} "
                               f"?a <{EKG}cooperatesWith> ?b }}")
            out.extend((node(a), node(b)) for a, b in rows(text, ("a", "b")))
        return out


def _new_scan() -> tuple:
    """Empty raw material: ``(types, sources, names, lits, links, subclass, kind_keys)``."""
    return (defaultdict(set), defaultdict(set), defaultdict(list), defaultdict(list), [], [],
            {})


class Unchanged(Exception):  # noqa: N818 - not an error: the projection read is the known one
    """Raised by :meth:`Projection.stream` when what it read has the known digest."""


def build_index(projection: Projection, revision: int = 0,
                known: str | None = None) -> View | None:
    """The index: the projection read and built as it streams in (:meth:`Projection.stream`),
    completed with the derived pairs no agreement explains, and made compact. None when the
    projection's digest is ``known`` (the build stops once everything is read)."""
    started = time.perf_counter()
    try:
        view = View.from_rows(projection.stream(known), revision)
    except Unchanged:
        return None
    digest = projection.digest
    clock = time.perf_counter()
    _add_derived_pairs(view, projection)
    view.timings["derived"] = round(time.perf_counter() - clock, 3)
    clock = time.perf_counter()
    compact(view)
    view.timings["compact"] = round(time.perf_counter() - clock, 3)
    view.timings.update({f"read_{k}": v for k, v in projection.timings.items()})
    view.build_seconds = time.perf_counter() - started
    view.digest = digest
    return view


def _add_derived_pairs(view: View, projection: Projection) -> None:
    """Add the cooperation edges the derived graph states and no agreement explains.

    The builder makes such an edge (weight 1, no agreements, ``derived``) from each
    ``ekg:cooperatesWith`` pair of two actors; here the pairs are only read for the
    actors whose number of ``ekg:cooperatesWith`` partners differs from their
    number of partners in the view built without them.
    """
    adj = view.cooperation._adj
    counts = projection.cooperation_counts()
    suspects = sorted(a for a, n in counts.items() if a in adj and n != len(adj[a]))
    if not suspects:
        return
    touched = set()
    for a, b in projection.cooperation_pairs(suspects):
        if a == b or a not in adj or b not in adj or b in adj[a]:
            continue
        data = {"agreements": [], "cooperations": [], "topics": [], "weight": 1,
                "derived": True}
        adj[a][b] = adj[b][a] = data
        touched.update((a, b))
    place = view.actor_order
    for a in touched:
        edges = adj[a]
        view.partner_order[a] = sorted(edges, key=lambda o: (-edges[o]["weight"], place[o]))


def compact(view: View) -> None:
    """Make a built view smaller without changing what it answers: edges without
    attributes share one key dict per set of keys, empty adjacencies share one dict,
    lists that are only read become tuples (equal ones shared), and records drop the
    person and provenance fields the index does not hold (:meth:`RemoteView.record`
    reads them)."""
    graph = view.entities
    succ, pred = graph._succ, graph._pred
    empty: dict = {}
    shared: dict[tuple, dict] = {}
    for u, targets in succ.items():
        for v, keys in targets.items():
            if all(not data for data in keys.values()):
                key = tuple(keys)
                one = shared.get(key)
                if one is None:
                    one = shared[key] = {k: empty for k in key}
                targets[v] = one
                pred[v][u] = one
    for adjacency in (succ, pred):
        for u, targets in adjacency.items():
            if not targets:
                adjacency[u] = empty
    tuples: dict[tuple, tuple] = {}

    def frozen(values) -> tuple:
        t = tuple(values)
        return tuples.setdefault(t, t)

    strings: dict[str, str] = {}

    def shared(value):  # equal strings once (dates repeat across records and edges)
        return strings.setdefault(value, value) if isinstance(value, str) else value

    seen: set[int] = set()
    for targets in view.cooperation._adj.values():
        for data in targets.values():
            if id(data) in seen:
                continue
            seen.add(id(data))
            for name in ("agreements", "cooperations", "topics"):
                data[name] = frozen(data[name])
            for name in ("first", "last"):
                if name in data:
                    data[name] = shared(data[name])
    for attrs in view.entities._node.values():
        for name in ("date", "since"):
            if name in attrs:
                attrs[name] = shared(attrs[name])
    for records in (view.agreement_records, view.cooperation_records):
        for rec in records.values():
            rec.parties, rec.topics, rec.sources = (frozen(rec.parties), frozen(rec.topics),
                                                    frozen(rec.sources))
            rec.date = shared(rec.date)
            if rec.span is not None:
                rec.span = frozen(shared(x) for x in rec.span)
            if rec.active is not None:
                rec.active = frozen(shared(x) for x in rec.active)
            rec.signatories = rec.witnesses = rec.documents = ()
            rec.signatures = ()
    view.names = {k: frozen(v) for k, v in view.names.items()}
    for name in ("partner_order", "agreements_by_topic", "agreements_by_party"):
        setattr(view, name, {k: frozen(v) for k, v in getattr(view, name).items()})


# --- the build in a child process -------------------------------------------------------------

def _peak_rss_mb() -> float:
    try:
        with open(f"/proc/{os.getpid()}/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return float("nan")


def _give_back() -> None:
    """Collect, and hand the free pages of the C heap back to the system (glibc only)."""
    gc.collect()
    heap.trim()


def build_main(argv: list[str] | None = None) -> None:
    """``python -m kg.remote_view build --endpoint URL --out FILE [--known DIGEST]``: read the
    projection, build the index and pickle it; one JSON line on stdout says what happened."""
    from kg.remote import RemoteEndpoint  # noqa: PLC0415

    parser = argparse.ArgumentParser(prog="python -m kg.remote_view build")
    parser.add_argument("--endpoint", required=True)
    parser.add_argument("--out", required=True)
    parser.add_argument("--known", default=None)
    parser.add_argument("--revision", type=int, default=0)
    parser.add_argument("--union", action="store_true",
                        help="the endpoint's default graph is not kept as the union")
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args(argv)
    try:
        os.nice(10)  # a background job: the server's own requests come first
    except OSError:
        pass
    endpoint = RemoteEndpoint(args.endpoint, timeout=3600)
    endpoint.merged_default_graph = not args.union
    started = time.perf_counter()
    projection = Projection(endpoint.select_tsv, workers=args.workers)
    view = build_index(projection, args.revision, args.known)
    report = {"rows": projection.rows, "bytes": projection.bytes,
              "seconds": round(time.perf_counter() - started, 3)}
    if view is None:
        report["status"] = "unchanged"
    else:
        _give_back()  # what the build let go, before the pickler's memo is made
        state = _index_state(view)
        with open(args.out, "wb") as out:
            pickle.dump({"digest": view.digest, "python": sys.version_info[:2]}, out,
                        protocol=pickle.HIGHEST_PROTOCOL)
            pickle.dump(state, out, protocol=pickle.HIGHEST_PROTOCOL)
        report.update(status="built", digest=view.digest, timings=view.timings,
                      stats=view.stats(), seconds=round(time.perf_counter() - started, 3))
    report["peak_rss_mb"] = round(_peak_rss_mb(), 1)
    print(json.dumps(report), flush=True)


_NOT_SAVED = ("_cache", "_lock", "_parts_lock", "_pending", "entities", "cooperation",
              "evidence")


def _index_state(view: View) -> dict:
    """The index's structures in one frame (evidence is read on demand, not kept): the
    graphs as their raw adjacency dicts, as :func:`kg.view._from_core` takes them back."""
    state = {k: v for k, v in view.__dict__.items() if k not in _NOT_SAVED}
    ent, coop = view.entities, view.cooperation
    state["entities"] = (ent.graph, ent._node, ent._succ, ent._pred)
    state["cooperation"] = (coop.graph, coop._node, coop._adj)
    return state


def _load(path: str) -> tuple[dict, RemoteView]:
    collecting = gc.isenabled()
    gc.disable()
    try:
        with open(path, "rb") as handle:
            header = pickle.load(handle)
            state = pickle.load(handle)
        state["evidence"] = {}
        view = _from_core(state)
        del state
    finally:
        gc.freeze()
        if collecting:
            gc.enable()
    view.__class__ = RemoteView
    return header, view


# --- small views read from the endpoint --------------------------------------------------------

def _values(iris: Iterable[str]) -> str:
    return " ".join(f"<{i}>" for i in iris)


def _iri_ok(iri: str) -> bool:
    return bool(iri) and not iri.startswith("_:") and not any(c in iri for c in '<>"{}|^`\\ \n')


_IN = "FILTER(?p IN ({}))".format


Row = tuple[str, str, str, str]  # subject, predicate, object, graph ("": not asked) in TSV


class Neighbourhoods:
    """Reads the triples around some nodes from the endpoint, for small views built on
    demand (:func:`small_view`), as SPARQL TSV rows ``(s, p, o, g)``.

    Every small view also gets the *base*: the topics (types, names, broader and
    narrower links) and the ontology's ``rdfs:subClassOf`` and ``ekg:kindKey``,
    which the builder needs to classify and order what it builds. The graph of a
    row is asked for only where the builder reads it: types (an agreement's
    ``sources``) and names (a curated name wins a tie).
    """

    CHUNK = 500

    def __init__(self, store):
        self.store = store
        self.endpoint = store.oxigraph
        self._base: tuple[object, list[Row]] | None = None
        self.index: View | None = None  # types, names, dates of nodes it knows come from it

    def _rows(self, sparql: str) -> list[Row]:
        text = self.endpoint.select_tsv(sparql)
        lines = text.split("\n")
        columns = [c.lstrip("?") for c in lines[0].split("\t")]
        try:
            s, p, o = (columns.index(n) for n in ("s", "p", "o"))
        except ValueError:
            raise StoreError(f"unexpected SPARQL TSV columns {columns}") from None
        g = columns.index("g") if "g" in columns else None
        out = []
        for line in lines[1:]:
            if line:
                row = line.split("\t")
                out.append((row[s], row[p], row[o], row[g] if g is not None else ""))
        return out

    def base(self, key: object) -> list[Row]:
        if self._base is None or self._base[0] != key:
            kept = ", ".join(f"<{p}>" for p in (RDF_TYPE, *NAMES, SKOS + "broader",
                                                SKOS + "narrower"))
            topics = self._rows(
                f"SELECT DISTINCT ?s ?p ?o ?g WHERE {{ {{ ?s a <{EKG}Topic> }} UNION "
                f"{{ ?s <{SKOS}broader>|<{SKOS}narrower> ?x }} UNION "
                f"{{ ?x <{SKOS}broader>|<{SKOS}narrower> ?s }} "
                f"GRAPH ?g {{ ?s ?p ?o }} {_IN(kept)} }}")
            ontology = self._rows(
                f"SELECT ?s ?p ?o ?g WHERE {{ {{ ?s <{RDFS}subClassOf> ?o "
                f"BIND(<{RDFS}subClassOf> AS ?p) }} UNION {{ ?s <{EKG}kindKey> ?o "
                f"BIND(<{EKG}kindKey> AS ?p) }} }}")
            self._base = (key, topics + ontology)
        return self._base[1]

    def described(self, iris: Iterable[str], chain: bool = False) -> list[Row]:
        """Types and names of some nodes (with ``chain``: also the regions and countries
        they are part of or based in, transitively, with their types and names)."""
        wanted = {i for i in iris if _iri_ok(i)}
        out: list[Row] = []
        known = self.index
        if known is not None and not chain:  # what the index knows, from the index
            nodes = known.entities._node
            out += _rows_of(known, sorted(i for i in wanted if i in nodes))
            wanted = {i for i in wanted if i not in nodes}
        if chain:
            up = (EKG + "partOf", EKG + "basedIn")
            todo, seen = set(wanted), set(wanted)
            for _ in range(4):  # kg.view.View.country_of looks 4 steps up
                found = self._each(sorted(todo), up, graph=False)
                out += found
                todo = {node(r[2]) for r in found if r[2][:1] == "<"} - seen
                seen |= todo
                if not todo:
                    break
            wanted = seen
        return out + self._each(sorted(wanted), (RDF_TYPE, *NAMES), graph=True)

    def _each(self, iris: list[str], predicates: tuple[str, ...], graph: bool) -> list[Row]:
        """The triples of some subjects with some predicates (one pattern per predicate,
        which Oxigraph answers from its index), with their graph if ``graph``."""
        if graph:
            each = " UNION ".join(f"{{ GRAPH ?g {{ ?s <{p}> ?o }} BIND(<{p}> AS ?p) }}"
                                  for p in predicates)
        else:
            each = " UNION ".join(f"{{ ?s <{p}> ?o BIND(<{p}> AS ?p) }}" for p in predicates)
        queries = [f"SELECT ?s ?p ?o {'?g' if graph else ''} WHERE {{ "
                   f"VALUES ?s {{ {_values(iris[i:i + self.CHUNK])} }} {each} }}"
                   for i in range(0, len(iris), self.CHUNK)]
        if len(queries) < 2:
            return [row for q in queries for row in self._rows(q)]
        # a few at a time: the server answers them in parallel while these lines are parsed
        with concurrent.futures.ThreadPoolExecutor(3) as pool:
            return [row for found in pool.map(self._rows, queries) for row in found]

    def records(self, iris: Iterable[str]) -> list[Row]:
        """Everything about some agreements or cooperations: their triples, their
        signatures and ratifications, their evidence, and the types and names of
        the nodes they name."""
        wanted = sorted({i for i in iris if _iri_ok(i)})
        pointers = ", ".join(f"<{p}>" for p in POINTERS)
        out: list[Row] = []
        for i in range(0, len(wanted), self.CHUNK):
            values = _values(wanted[i:i + self.CHUNK])
            out += self._rows(
                f"SELECT ?s ?p ?o ?g WHERE {{ VALUES ?r {{ {values} }} "
                f"{{ GRAPH ?g {{ ?r ?p ?o }} BIND(?r AS ?s) }} UNION "
                f"{{ ?r ?q ?s FILTER(isBlank(?s) || ?q IN ({pointers})) ?s ?p ?o }} "
                f"UNION {{ ?s <{EKG}supports> ?r . ?s ?p ?o }} }}")
        return out + self.described(_named(out, exclude=set(wanted)))

    def actor(self, iri: str) -> list[Row]:
        """What the partners of one actor are computed from: its agreements and stated
        cooperations (also those a signatory signed for it), their parties, topics and
        dates, its ``ekg:cooperatesWith`` pairs, and the types, names and regions or
        countries of everyone named."""
        if not _iri_ok(iri):
            return []
        kept = (RDF_TYPE, EKG + "party", EKG + "participant", EKG + "topic", EKG + "signedOn",
                EKG + "since")
        each = " UNION ".join(f"{{ ?r <{p}> ?o BIND(<{p}> AS ?p) BIND(?r AS ?s) }}"
                              for p in kept)
        records = (f"{{ SELECT DISTINCT ?r WHERE {{ {{ ?r <{EKG}party>|<{EKG}participant> "
                   f"<{iri}> }} UNION {{ ?r <{EKG}signature>/<{EKG}onBehalfOf> <{iri}> }} }} }}")
        # a signature counts here only for the party it adds (an actor signed for that is
        # not a party already): a signature node with just that, as the builder reads it
        signed = (f"?r <{EKG}signature> ?x . ?x <{EKG}onBehalfOf> ?b "
                  f"FILTER NOT EXISTS {{ ?r <{EKG}party> ?b }}")
        out = self._rows(
            f"SELECT ?s ?p ?o WHERE {{ {records} {{ {each} }} UNION "
            f"{{ {signed} BIND(?r AS ?s) BIND(<{EKG}signature> AS ?p) BIND(?x AS ?o) }} UNION "
            f"{{ {signed} BIND(?x AS ?s) BIND(<{EKG}onBehalfOf> AS ?p) BIND(?b AS ?o) }} }}")
        out += self._rows(f"SELECT ?s ?p ?o WHERE {{ BIND(<{iri}> AS ?s) "
                          f"BIND(<{EKG}cooperatesWith> AS ?p) ?s ?p ?o }}")
        subjects = {node(r[0]) for r in out}
        return out + self.described(_named(out, exclude=subjects) | {iri}, chain=True)

    def around(self, iris: Iterable[str], exclude: set[str] = frozenset()) -> list[Row]:
        """Every relation of some nodes, in both directions, with the structural nodes
        that make a relation of them (a role, a signature signed for an actor, a
        ratification) and the types and names of the nodes at the other end."""
        wanted = sorted({i for i in iris if _iri_ok(i)})
        pointers = ", ".join(f"<{p}>" for p in POINTERS)
        left_out = ", ".join(f"<{p}>" for p in (EVIDENCE_PREDICATES | DERIVED_PREDICATES))
        out: list[Row] = []
        for i in range(0, len(wanted), self.CHUNK):
            values = f"VALUES ?u {{ {_values(wanted[i:i + self.CHUNK])} }}"
            # simple patterns, one query each, each starting from ?u: Oxigraph answers them
            # from its indexes, where one query with the five as a UNION took tens of
            # times longer (and a pattern it starts elsewhere, minutes). Structural nodes
            # pointing at a node are blank nodes (as the extractor and the seeds write them)
            for pattern in (
                    f"?u ?p ?o BIND(?u AS ?s) FILTER(?p NOT IN ({left_out}))",
                    f"?s ?p ?u BIND(?u AS ?o) FILTER(?p NOT IN ({left_out}))",
                    f"?u ?q ?s FILTER(isBlank(?s) || ?q IN ({pointers})) ?s ?p ?o",
                    f"?s ?q ?u FILTER(isBlank(?s)) ?s ?p ?o",
                    f"?o ?q ?u FILTER(isBlank(?o)) ?s ?p ?o FILTER(?p IN ({pointers}))"):
                out += self._rows(f"SELECT ?s ?p ?o WHERE {{ {values} {pattern} }}")
        return out + self.described(_named(out, exclude=exclude | set(wanted)))


def _term(value: str, language: str | None = None) -> str:
    """A literal in the N-Triples syntax SPARQL TSV uses."""
    escaped = (value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
               .replace("\r", "\\r").replace("\t", "\\t"))
    return f'"{escaped}"' + (f"@{language}" if language else "")


def _rows_of(view: View, iris: list[str]) -> list[Row]:
    """Rows that tell the builder what the index knows of some nodes: type, name (the one
    the index chose), and for an agreement or cooperation its date and topics (what paths
    filter on); the relations themselves are read from the endpoint."""
    nodes = view.entities._node
    label, type_, topic = f"<{RDFS}label>", f"<{RDF_TYPE}>", f"<{EKG}topic>"
    out: list[Row] = []
    for iri in iris:
        attrs = nodes[iri]
        s = f"<{iri}>"
        if attrs.get("type") and "/" not in attrs["type"] and "#" not in attrs["type"]:
            out.append((s, type_, f"<{EKG}{attrs['type']}>", ""))
        if attrs.get("label"):
            out.append((s, label, _term(attrs["label"], "en"), ""))
        rec = view.agreement_records.get(iri) or view.cooperation_records.get(iri)
        if rec is not None:
            if rec.date:
                dated = "since" if rec.type == "Cooperation" else "signedOn"
                out.append((s, f"<{EKG}{dated}>", _term(rec.date), ""))
            out += [(s, topic, f"<{t}>", "") for t in rec.topics]
    return out


def _named(rows_: list[Row], exclude: set[str] = frozenset()) -> set[str]:
    """The IRIs some rows name (subjects and objects), but ``exclude``."""
    out = set()
    for s, _, o, *_ in rows_:
        if s[:1] == "<":
            out.add(s[1:-1])
        if o[:1] == "<":
            out.add(o[1:-1])
    return out - exclude


def scan_rows(rows_: Iterable[Row]) -> tuple:
    """The builder's raw material from ``(s, p, o, g)`` rows, as ``kg.view_build.scan_quads``
    makes it from quads (a row's graph is "" when it was not asked for)."""
    intern = sys.intern
    types, sources, names, lits, links, subclass, kind_keys = scan = _new_scan()
    ekg_len = len(EKG)
    curated = f"<{_CURATED}>"
    type_p, subclass_p, kind_p = RDF_TYPE, RDFS + "subClassOf", EKG + "kindKey"
    seen: set[tuple[str, str, str]] = set()  # a link or literal read twice (from two graphs,
    for s, p, o, g in dict.fromkeys(rows_):  # or by two queries) counts once, as in a store
        if p != f"<{type_p}>" and p[1:-1] not in NAME_PREDICATES:
            if (s, p, o) in seen:
                continue
            seen.add((s, p, o))
        pv = intern(p[1:-1])
        sv = intern(node(s))
        lit = literal(o)
        if lit is not None:
            if pv in NAME_PREDICATES:
                names[sv].append((pv, lit[0], lit[1], g == curated))
            elif pv == kind_p:
                kind_keys[sv] = lit[0]
            else:
                lits[sv].append((pv, lit[0], lit[1]))
            continue
        ov = intern(node(o))
        if pv == type_p:
            if ov.startswith(EKG):
                types[sv].add(ov[ekg_len:])
                if g:
                    sources[sv].add(intern(node(g)))
            else:
                types[sv].add(ov)
        elif pv == subclass_p:
            subclass.append((sv, ov))
        else:
            links.append((sv, pv, ov))
    return scan


def small_view(rows_: list[Row], revision: int = 0) -> View:
    """A view built from rows read from the endpoint (the same builder as the index)."""
    return View.from_scan(scan_rows(rows_), revision)


# --- the index ---------------------------------------------------------------------------------

class LimitedDict(OrderedDict):
    """A dict that forgets its oldest entries past ``size`` (reads stay plain dict reads)."""

    def __init__(self, size: int):
        super().__init__()
        self.size = size

    def __setitem__(self, key, value) -> None:
        OrderedDict.__setitem__(self, key, value)
        if len(self) > self.size:
            self.popitem(last=False)


# how many entries each of the view's caches keeps (see kg.query)
CACHE_SIZES = {"summary-json": 20000, "agreement-json": 2000, "agreement-info": 500,
               "entity-json": 20000, "entities": 20000, "country-of": 20000}


class BoundedCache(dict):
    """``View._cache`` of the index: each per-item cache is a :class:`LimitedDict`, and
    the other entries (neighbour rings, search indexes ...) are at most ``others``."""

    def __init__(self, others: int = 64):
        super().__init__({name: LimitedDict(size) for name, size in CACHE_SIZES.items()})
        self._others: OrderedDict = OrderedDict()
        self._limit = others

    def __setitem__(self, key, value) -> None:
        dict.__setitem__(self, key, value)
        if key in CACHE_SIZES:
            return
        self._others[key] = None
        while len(self._others) > self._limit:
            old, _ = self._others.popitem(last=False)
            self.pop(old, None)

    def clear(self) -> None:
        dict.clear(self)
        self._others.clear()


class RemoteEvidence(Mapping):
    """``View.evidence`` of the index: a node's evidence is read from the endpoint when a
    page asks for it (or with its record, :meth:`RemoteView.prefetch`); the latest
    ``size`` nodes' are kept."""

    def __init__(self, select: Callable[[str], str], size: int = 4000):
        self._select = select
        self._kept: LimitedDict = LimitedDict(size)
        self._lock = threading.Lock()

    def put(self, iri: str, records: list[EvidenceRecord]) -> None:
        with self._lock:
            self._kept[iri] = records

    def get(self, iri, default=None):
        found = self._kept.get(iri)
        if found is None:
            found = self._fetch(iri)
            self.put(iri, found)
        return found or default

    def _fetch(self, iri: str) -> list[EvidenceRecord]:
        if not _iri_ok(iri):
            return []
        text = self._select(f"SELECT ?e ?p ?o WHERE {{ ?e <{EKG}supports> <{iri}> ; ?p ?o }}")
        values: dict[str, dict[str, list[str]]] = {}
        for e, p, o in rows(text, ("e", "p", "o")):
            lit = literal(o)
            values.setdefault(e, {}).setdefault(node(p), []).append(
                lit[0] if lit is not None else node(o))
        out = []
        for e, got in values.items():
            get = got.get
            out.append(EvidenceRecord(
                node=node(e), supports=iri, document=_first(get(EKG + "document")),
                quote=_first(get(EKG + "quote")),
                confidence=_float(_first(get(EKG + "confidence"))),
                extractor=_first(get(EKG + "extractor")),
                property=_first(get(EKG + "property")), value=_first(get(EKG + "value")),
                start=_int(_first(get(EKG + "start"))), end=_int(_first(get(EKG + "end")))))
        return out

    def __getitem__(self, iri):
        found = self._kept.get(iri)
        return found if found is not None else self.get(iri, [])

    def __iter__(self):
        return iter(list(self._kept))

    def values(self):  # what is kept (``View.stats`` counts it): no query
        return list(self._kept.values())

    def __len__(self) -> int:
        return len(self._kept)


class RemoteView(View):
    """The index: a :class:`kg.view.View` whose records are complete only when asked for.

    :meth:`record` gives an agreement's full record (signatories, witnesses,
    signatures, documents), read from the endpoint with its evidence and kept
    (the latest ``FULL_RECORDS``); :meth:`prefetch` reads many in few queries.
    """

    FULL_RECORDS = 5000
    generation = 0
    digest = None
    _reader: Neighbourhoods | None = None
    _full: LimitedDict | None = None

    def attach(self, reader: Neighbourhoods, select: Callable[[str], str],
               generation: int) -> RemoteView:
        self._reader = reader
        self._full = LimitedDict(self.FULL_RECORDS)
        self._full_lock = threading.Lock()
        self.evidence = RemoteEvidence(select)
        self._cache = BoundedCache()
        self.generation = generation
        return self

    def record(self, iri: str):
        slim = self.agreement_records.get(iri) or self.cooperation_records.get(iri)
        if slim is None or self._full is None:
            return slim
        full = self._full.get(iri)
        if full is None:
            self.prefetch([iri])
            full = self._full.get(iri)
        return full if full is not None else slim

    def prefetch(self, iris: Iterable[str]) -> None:
        """Read the full records (and evidence) of the agreements and cooperations among
        ``iris`` that are not kept yet, a few hundred per query."""
        if self._full is None:
            return
        wanted = [i for i in dict.fromkeys(iris)
                  if (i in self.agreement_records or i in self.cooperation_records)
                  and i not in self._full]
        chunk = 200  # records per small view: what one holds at a time stays small
        for n in range(0, len(wanted), chunk):
            part = wanted[n:n + chunk]
            small = small_view(self._reader.base(self.generation) + self._reader.records(part))
            with self._full_lock:
                for iri in part:
                    rec = small.record(iri)
                    if rec is not None:
                        self._full[iri] = rec
                        self.evidence.put(iri, small.evidence.get(iri, []))


_indexes: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()
_indexes_lock = threading.Lock()


def index_of(store) -> RemoteIndex:
    """The :class:`RemoteIndex` of a remote store (one per store object)."""
    with _indexes_lock:
        index = _indexes.get(store)
        if index is None:
            index = _indexes[store] = RemoteIndex(store)
        return index


INDEX_FORMAT = 1  # raise when the index's structures change: saved indexes are ignored
FIRST_BUILD_DELAY = 3.0  # seconds the first build waits, so that early requests go first
FIRST_BUILD_GRACE = 10.0  # ... and at most this long while one is being answered


def saved_index_folder() -> Path | None:
    """Where a server keeps the last index of each endpoint, so that a restart answers at
    once: ``KG_REMOTE_CACHE`` (``off``: nowhere), else ``$XDG_CACHE_HOME/energy-kg`` or
    ``~/.cache/energy-kg``. Like a store's view snapshots, the files are pickles this
    program wrote: the folder must not be writable by anyone the server should not trust."""
    chosen = os.environ.get("KG_REMOTE_CACHE")
    if chosen is not None:
        return None if chosen.strip().lower() in ("", "off", "none", "0") else Path(chosen)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "energy-kg"


class IndexNotReadyError(QueryLimitError):
    """The index of a remote store is not built yet (the API answers 503)."""


def _seconds(name: str, default: float) -> float:
    try:
        return float(os.environ.get(name, default))
    except ValueError:
        return default


class RemoteIndex:
    """Keeps the index of one remote store current (see the module docstring).

    ``poll_seconds`` (``KG_REMOTE_POLL``): how often the revision markers and the
    number of named graphs are checked; ``refresh_seconds`` (``KG_REMOTE_REFRESH``,
    0: never): how often the projection is read again in full whatever the markers say.
    """

    def __init__(self, store):
        self._store = weakref.ref(store)
        self.endpoint = store.oxigraph
        self.poll_seconds = _seconds("KG_REMOTE_POLL", 2.0)
        self.refresh_seconds = _seconds("KG_REMOTE_REFRESH", 300.0)
        self.reader = Neighbourhoods(store)
        self.view: RemoteView | None = None
        self.generation = 0
        self.fingerprint: tuple | None = None  # (named graphs, markers) of the current view
        self.revision = -1  # the store's revision the current view was read at
        self.digest: str | None = None
        self.triples: int | None = None  # quads in the named graphs at the last full read
        self.checked = 0.0  # monotonic time of the last poll
        self.refreshed = 0.0  # ... of the last full read
        self.building = False
        self.last_build: dict = {}
        self.error: str | None = None
        self._ready = threading.Event()
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None
        self.loading = False
        self.from_saved = False  # the current index was loaded from the saved one
        self._saved_pending = False  # a saved index is being loaded
        self._child: subprocess.Popen | None = None
        # small views of actors and entities (a busy actor's is tens of MB at a million quads)
        self._small: LimitedDict = LimitedDict(2)
        self._small_lock = threading.Lock()

    # -- lifecycle --

    def start(self) -> RemoteIndex:
        with self._lock:
            if self._thread is None or not self._thread.is_alive():
                saved = self._saved_path()
                self._saved_pending = self.view is None and saved is not None and \
                    saved.with_suffix(".json").exists()
                self._stop.clear()
                self._thread = threading.Thread(target=self._run, name="kg-remote-index",
                                                daemon=True)
                self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()
        self._wake.set()
        child = self._child
        if child is not None and child.poll() is None:
            child.kill()
        thread = self._thread
        if thread is not None:
            thread.join(10)

    def wake(self) -> None:
        """Check for changes now (after a write through this process)."""
        self._wake.set()

    def _run(self) -> None:
        if self._saved_pending:
            try:
                self.load_saved()
            finally:
                self._saved_pending = False
        else:
            # The first build without a saved index: let the first requests (partner pages
            # read from the endpoint) have the endpoint first, for a few seconds at most.
            deadline = time.monotonic() + FIRST_BUILD_GRACE
            self._stop.wait(FIRST_BUILD_DELAY)
            while self._small_lock.locked() and time.monotonic() < deadline and \
                    not self._stop.is_set():
                self._stop.wait(0.1)
        while not self._stop.is_set():
            try:
                self._step()
                self.error = None
            except Exception as exc:  # noqa: BLE001 - keep polling; say why in /health
                self.error = f"{type(exc).__name__}: {exc}"[:500]
            self._wake.wait(self.poll_seconds if self.view is not None or self.error is None
                            else max(self.poll_seconds, 5.0))
            self._wake.clear()

    def _step(self) -> None:
        store = self._store()
        if store is None:
            self._stop.set()
            return
        now = time.monotonic()
        fingerprint = self.endpoint.markers()
        self.checked = now
        due = self.refresh_seconds > 0 and now - self.refreshed >= self.refresh_seconds
        due = due or (self.from_saved and self.refreshed == 0.0)  # read once after a restart
        if self.view is not None and fingerprint == self.fingerprint and \
                store.revision == self.revision and not due:
            return
        self.build(store, fingerprint)

    def build(self, store, fingerprint: tuple | None = None) -> None:
        """Read the projection and load the new index (in a child process); keep the current
        one if nothing it holds changed."""
        fingerprint = fingerprint or self.endpoint.markers()
        revision = store.revision
        self.building = True
        try:
            report, path = self._build_in_child(revision)
            self.refreshed = time.monotonic()
            self.last_build = report
            if report.get("status") == "built":
                try:
                    self._install(path, revision, report)
                finally:
                    Path(path).unlink(missing_ok=True)
            self.fingerprint, self.revision = fingerprint, revision
            self._ready.set()
            if report.get("status") == "built" or self.triples is None:
                self.triples = self._count()  # once per change, after the index is in
            self._save_state()
        finally:
            self.building = False

    def _count(self) -> int | None:
        """The quads of the named graphs (what ``/health`` reports; counted once per index,
        not per request)."""
        try:
            rows_ = self.endpoint.query("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")
            return int(next(iter(rows_))["n"].value)
        except (StoreError, StopIteration, ValueError):
            return self.triples

    def _install(self, path: str, revision: int, report: dict) -> None:
        """Load a built index and make it current; keep its file as the saved index."""
        # The old index goes before the new one is loaded (the two would not fit in the
        # memory the server should use): requests wait for the load (a second or two at a
        # million quads).
        self.loading = True
        old, self.view = self.view, None
        self.reader.index = None
        del old
        with self._small_lock:
            self._small.clear()
        clock = time.perf_counter()
        try:
            header, view = _load(path)
        finally:
            self.loading = False
        self.generation += 1
        view.attach(self.reader, self.endpoint.select_tsv, self.generation)
        self.reader.index = view
        view.revision = revision
        view.build_seconds = report.get("seconds", 0.0)
        view.timings = {**report.get("timings", {}),
                        "load": round(time.perf_counter() - clock, 3)}
        self.view = view
        self.digest = header["digest"]
        self.from_saved = False
        saved = self._saved_path()
        if saved is not None:
            try:
                os.replace(path, saved)
            except OSError:
                pass

    # -- the saved index (a restart answers from it at once) --

    def _saved_path(self) -> Path | None:
        folder = saved_index_folder()
        if folder is None:
            return None
        key = hashlib.sha1(self.endpoint.query_url.encode()).hexdigest()[:16]
        return folder / f"index-{key}.pickle"

    def _save_state(self) -> None:
        """Write what the saved index is of (digest, markers, count) beside it."""
        saved = self._saved_path()
        if saved is None or not saved.exists() or self.digest is None:
            return
        state = {"format": INDEX_FORMAT, "python": list(sys.version_info[:2]),
                 "endpoint": self.endpoint.query_url, "digest": self.digest,
                 "fingerprint": [self.fingerprint[0], list(self.fingerprint[1])]
                 if self.fingerprint else None, "triples": self.triples}
        tmp = saved.with_suffix(".json.tmp")
        try:
            tmp.write_text(json.dumps(state), encoding="utf-8")
            os.replace(tmp, saved.with_suffix(".json"))
        except OSError:
            pass

    def load_saved(self) -> bool:
        """Answer from the index saved by an earlier run, if there is one for this endpoint
        (then checked as usual: markers at the next poll, a full read at once)."""
        saved = self._saved_path()
        if saved is None or self.view is not None:
            return False
        try:
            state = json.loads(saved.with_suffix(".json").read_text(encoding="utf-8"))
            if state.get("format") != INDEX_FORMAT or \
                    tuple(state.get("python", ())) != tuple(sys.version_info[:2]) or \
                    state.get("endpoint") != self.endpoint.query_url:
                return False
            clock = time.perf_counter()
            header, view = _load(str(saved))
        except (OSError, ValueError, KeyError, pickle.UnpicklingError, EOFError,
                AttributeError, TypeError):
            return False
        if header.get("digest") != state.get("digest"):
            return False
        store = self._store()
        self.generation += 1
        view.attach(self.reader, self.endpoint.select_tsv, self.generation)
        self.reader.index = view
        view.revision = store.revision if store is not None else 0
        view.timings = {"saved": round(time.perf_counter() - clock, 3)}
        self.view, self.digest = view, header["digest"]
        fingerprint = state.get("fingerprint")
        self.fingerprint = (fingerprint[0], tuple(fingerprint[1])) if fingerprint else None
        self.revision = view.revision
        self.triples = state.get("triples")
        self.from_saved = True
        self._ready.set()
        return True

    def _build_in_child(self, revision: int) -> tuple[dict, str]:
        saved = self._saved_path()
        folder = None
        if saved is not None:
            try:
                saved.parent.mkdir(parents=True, exist_ok=True)
                folder = str(saved.parent)
            except OSError:
                folder = None
        handle, path = tempfile.mkstemp(prefix=".kg-remote-index-", suffix=".pickle",
                                        dir=folder)
        os.close(handle)
        command = [sys.executable, "-m", "kg.remote_view", "build",
                   "--endpoint", self.endpoint.query_url, "--out", path,
                   "--revision", str(revision)]
        if self.digest and self.view is not None:
            command += ["--known", self.digest]
        if not self.endpoint.merged_default_graph:
            command.append("--union")
        root = str(Path(__file__).resolve().parent.parent)
        env = dict(os.environ, PYTHONPATH=os.pathsep.join(
            p for p in (root, os.environ.get("PYTHONPATH")) if p))
        # one malloc arena: the reading threads' buffers are then freed into the memory the
        # build reuses, not into arenas of their own (about 35 MB less at a million quads)
        env.setdefault("MALLOC_ARENA_MAX", "1")
        try:
            child = self._child = subprocess.Popen(
                command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
            try:
                out, err = child.communicate(timeout=3600)
            finally:
                if child.poll() is None:
                    child.kill()
                    child.wait()
                self._child = None
            if child.returncode != 0:
                raise StoreError("the index build failed: "
                                 + (err.strip().splitlines() or ["?"])[-1][:400])
            report = json.loads(out.strip().splitlines()[-1])
        except BaseException:
            Path(path).unlink(missing_ok=True)
            raise
        if report.get("status") != "built":
            Path(path).unlink(missing_ok=True)
        return report, path

    # -- the views --

    def current(self) -> RemoteView | None:
        """The index if it is loaded (never waits)."""
        return self.view

    @property
    def first_build(self) -> bool:
        """Whether no index was loaded yet and the first is being built (not loaded from
        the saved one)."""
        return self.generation == 0 and not self._saved_pending

    def wait(self, timeout: float | None = None) -> RemoteView:
        """The index, waiting for it if needed (at most ``timeout`` seconds, default
        ``KG_REMOTE_WAIT`` or 600; then :class:`IndexNotReadyError`)."""
        view = self.view
        if view is not None:
            return view
        if timeout is None:
            timeout = _seconds("KG_REMOTE_WAIT", 600.0)
        self.start()
        deadline = None if timeout is None else time.monotonic() + timeout
        while True:
            left = None if deadline is None else deadline - time.monotonic()
            if left is not None and left <= 0:
                raise IndexNotReadyError("the index of the remote store is not ready yet"
                                         + (f" ({self.error})" if self.error else ""))
            self._ready.wait(0.5 if left is None else min(0.5, left))
            view = self.view
            if view is not None:
                return view

    SMALL_ROWS = 30_000  # small views up to this many rows are kept for the next request

    def _small_view(self, key: tuple, make: Callable[[], list[Row]]) -> View:
        """A small view built from rows read from the endpoint; the last two are kept if
        they are small (a busy actor's is tens of MB: built again when asked again). One is
        built at a time, which bounds the memory they take."""
        key = (*key, self.fingerprint, self.generation)
        with self._small_lock:
            found = self._small.get(key)
            if found is None:
                store = self._store()
                made = self.reader.base(self.generation) + make()
                size = len(made)
                found = small_view(made, store.revision if store is not None else 0)
                del made
                found._cache = BoundedCache()
                if size <= self.SMALL_ROWS:
                    self._small[key] = found
            return found

    def actor_view(self, iri: str) -> View:
        """A small view in which the partners of actor ``iri`` are what the index says."""
        return self._small_view(("actor", iri), lambda: self.reader.actor(iri))

    def entity_view(self, iri: str) -> View:
        """A small view for the page of one entity: its relations in both directions (with
        the structural nodes that make them) and, for an agreement or cooperation, its full
        record. Its partners are the index's (``api.routers.entities.detail``)."""
        def make() -> list[Row]:
            rows_ = self.reader.around([iri])
            view = self.view
            if view is None or iri in view.agreement_records or iri in view.cooperation_records:
                rows_ += self.reader.records([iri])
            return rows_

        return self._small_view(("entity", iri), make)

    def status(self) -> dict:
        """What ``/health`` says about the index (no query)."""
        now = time.monotonic()
        view = self.view
        return {
            "ready": view is not None, "generation": self.generation,
            "building": self.building,
            "checked_s_ago": round(now - self.checked, 1) if self.checked else None,
            "refreshed_s_ago": round(now - self.refreshed, 1) if self.refreshed else None,
            "poll_s": self.poll_seconds, "full_refresh_s": self.refresh_seconds,
            "named_graphs": self.fingerprint[0] if self.fingerprint else None,
            "from_saved": self.from_saved,
            "last_build_s": self.last_build.get("seconds"),
            "last_build_peak_rss_mb": self.last_build.get("peak_rss_mb"),
            "error": self.error,
        }


def resolve_iri(store, name: str) -> str | None:
    """The IRI an actor parameter names, without the index: an IRI as it is, else the one
    entity whose label, alias or code is ``name`` (case-insensitive) per the index's rules;
    None when that takes the index (no exact name, or a fuzzy one)."""
    text = (name or "").strip()
    if text.startswith("<") and text.endswith(">"):
        text = text[1:-1]
    if text.startswith("id:"):
        return ID + text[3:]
    if "://" in text:
        return text if _iri_ok(text) else None
    if "/" in text and _iri_ok(ID + text.strip("/")):
        found = store.query(f"ASK {{ <{ID + text.strip('/')}> ?p ?o }}")
        if bool(found):
            return ID + text.strip("/")
    if not text or len(text) > 200:
        return None
    inside = ", ".join(f"<{p}>" for p in NAMES)
    rows_ = store.query(
        f"SELECT DISTINCT ?s WHERE {{ ?s ?p ?l {_IN(inside)} "
        f"FILTER(isLiteral(?l) && LCASE(STR(?l)) = LCASE({json.dumps(text)})) }} LIMIT 50")
    candidates = [r["s"].value for r in rows_ if isinstance(r["s"], ox.NamedNode)]
    if not candidates:
        return None
    from kg import query as kq  # noqa: PLC0415

    reader = Neighbourhoods(store)
    small = small_view(reader.base(None) + reader.described(candidates))
    try:
        return kq.resolve(small, text).iri
    except NotFoundError:
        return None


# --- paths ---------------------------------------------------------------------------------------

MAX_RADIUS = 5  # paths up to 2 * MAX_RADIUS hops are found over a remote store
MAX_ROWS = 200_000  # a neighbourhood larger than this is not read (memory)


# Types whose relations the index does not hold (the person layer, provenance): a path
# from or to one, or through one given as ``via``, is looked for on the endpoint.
OUTSIDE_THE_INDEX = {"Person", "Document"}


def paths(index: RemoteIndex, source: str, target: str, k: int = 1, via: str | None = None,
          topic: str | None = None, since: str | None = None, until: str | None = None,
          max_hops: int | None = None, edge_kinds=None) -> tuple:
    """``kg.query.path`` over a remote store. Returns ``(start, end, paths)``.

    Names are resolved on the index. The search runs on the index first: the index lacks
    only relations that have a person or a document at one end, so a path between other
    entities that goes through one of them has at least two hops, and paths of at most
    two hops found on the index are as short as any (the common case: two actors party
    to one agreement). Otherwise the neighbourhoods of the ends are read from the
    endpoint ring by ring (a bidirectional search, one query per ring) and searched with
    ``kg.query.path`` on a small view of what was read: a view that holds every node
    within ``r`` hops of each end, with all their relations, holds every path of up to
    ``2 r`` hops, so paths found no longer than that are the shortest. A path found on
    the index bounds how far this goes.
    """
    from kg import query as kq  # noqa: PLC0415

    view = index.wait()
    start, end = kq.resolve(view, source), kq.resolve(view, target)
    stop = kq.resolve(view, via) if via else None
    ends = [start.iri, end.iri] + ([stop.iri] if stop else [])
    options = dict(k=k, topic=topic, since=since, until=until, max_hops=max_hops,
                   edge_kinds=edge_kinds)
    limit = min(MAX_RADIUS, -(-max_hops // 2)) if max_hops else MAX_RADIUS
    on_index: list = []
    if not any(view.type(e) in OUTSIDE_THE_INDEX for e in ends):
        try:
            on_index = kq.path(view, start.iri, end.iri, via=stop.iri if stop else None,
                               **options)
        except NoPathError:
            on_index = []
        if on_index and len(on_index) >= k and max(p.length for p in on_index) <= 2:
            return start, end, on_index
        if on_index and len(on_index) >= k:  # no path is longer than these: read no further
            limit = min(limit, -(-max(p.length for p in on_index) // 2))
    reader = index.reader
    rows_ = list(reader.base(index.generation))
    succ, pred = view.entities._succ, view.entities._pred

    def cost(ring: set[str]) -> int:  # what reading a ring costs, as the index sees it
        return sum(1 + len(succ.get(n, ())) + len(pred.get(n, ())) for n in ring)

    # the two ends' sides: nodes expanded (all their relations read) and the next ring
    sides = [{"expanded": set(), "ring": {start.iri} | ({stop.iri} if stop else set()),
              "radius": 0},
             {"expanded": set(), "ring": {end.iri}, "radius": 0}]
    found = []
    small = None
    while True:
        open_sides = [side for side in sides if side["ring"]]
        if not open_sides or sum(side["radius"] for side in sides) >= 2 * limit:
            break
        side = min(open_sides, key=lambda x: (cost(x["ring"]), x["radius"]))  # the cheaper
        done = sides[0]["expanded"] | sides[1]["expanded"]
        rows_ += reader.around(side["ring"] - done, exclude=done)
        side["expanded"] |= side["ring"]
        side["radius"] += 1
        if len(rows_) > MAX_ROWS:
            break
        small = small_view(rows_)
        reach = sides[0]["radius"] + sides[1]["radius"]
        try:
            found = kq.path(small, start.iri, end.iri, via=stop.iri if stop else None,
                            **options)
        except NotFoundError:  # NoPathError, or an end not read yet
            found = []
        if found and len(found) >= k and max(p.length for p in found) <= reach:
            return start, end, found
        allowed = kq._edge_kinds(small, edge_kinds, ends)
        search = kq._Search(small, allowed, None, None)
        side["ring"] = {v for u in side["ring"] if u in small.entities
                        for v in search.neighbours(u)} - side["expanded"]
        small = None
    if found or on_index:  # (when the neighbourhoods were too large to read: the index's)
        return start, end, found or on_index
    raise NoPathError(kq._no_path_message(start, end, stop, topic, since, until, max_hops,
                                          edge_kinds) + (
        f" (over a remote store paths are looked for up to {2 * limit} hops)"
        if not max_hops or max_hops > 2 * limit else ""))


# --- dispatch ------------------------------------------------------------------------------------

def is_remote(store) -> bool:
    return getattr(store, "backend", None) == "remote"


def get_view(store, include_pending: bool = False) -> View:
    """``kg.view.get_view``, with the index for a remote store (waiting for the first)."""
    if is_remote(store):
        if include_pending:
            raise InputError("include=pending is not available over a remote store (it "
                             "would read the whole dataset)")
        index = index_of(store)
        view = index.wait()
        if view.revision != store.revision:
            index.wake()
        return view
    from kg.view import get_view as local  # noqa: PLC0415

    return local(store, include_pending=include_pending)


def current_view(store) -> View | None:
    """``kg.view.current_view``, with the index for a remote store (never waits or builds)."""
    if is_remote(store):
        index = index_of(store)
        index.start()
        view = index.current()
        if view is not None and view.revision != store.revision:
            index.wake()  # this process wrote: look now
            return None
        return view
    from kg.view import current_view as local  # noqa: PLC0415

    return local(store)


def start_index(store) -> None:
    """Start reading the index of a remote store (nothing for another store)."""
    if is_remote(store):
        index_of(store).start()


def stop_index(store) -> None:
    """Stop the index of a remote store: its polling thread and a build under way."""
    if is_remote(store):
        index_of(store).stop()


def main(argv: list[str] | None = None) -> None:
    argv = sys.argv[1:] if argv is None else argv
    if not argv or argv[0] != "build":
        sys.exit("usage: python -m kg.remote_view build --endpoint URL --out FILE")
    build_main(argv[1:])


if __name__ == "__main__":
    # run the module's own copy, not __main__'s (should the pickled index ever name a
    # class of this module, the server imports it under that name)
    from kg import remote_view  # noqa: PLC0415

    remote_view.main()


__all__ = ["RemoteIndex", "RemoteView", "Projection", "Neighbourhoods", "index_of", "paths",
           "start_index", "stop_index",
           "get_view", "current_view", "resolve_iri", "build_index", "compact", "literal",
           "node", "rows", "BoundedCache", "LimitedDict", "RemoteEvidence"]
