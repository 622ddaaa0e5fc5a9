"""Adding and removing documents in a store: extract, screen, commit.

One function per step a document takes on its way into the graph, shared by
``POST /documents`` (api) and ``kg ingest`` (CLI), so both write the same way:

- :func:`ingest_text` runs the extractor on a text, screens its triples against
  the SHACL shapes with what the store knows (:func:`kg.build.screen_document`)
  and commits them (:func:`commit_document`);
- :func:`commit_document` replaces a document's named graph, its review records
  and the cooperation links it touches in the ``derived`` graph
  (``ekg:cooperatesWith``, :mod:`kg.derive`) in one store transaction, so a
  reader never sees one without the other;
- :func:`remove_document` drops a document's graph the same way.

Each holds the store's write lock while it reads what it needs and writes, so
callers may run them from several threads.
"""

from __future__ import annotations

import weakref
from dataclasses import dataclass, field

import pyoxigraph as ox

from kg import derive, review
from kg.build import derive_cooperations, screen_document
from kg.errors import NotFoundError
from kg.extract.document import Document
from kg.extract.pipeline import extract_document
from kg.namespaces import DERIVED_GRAPH, EKG, ID, graph_iri
from kg.resolve import EntityIndex
from kg.store import Store, parse_triples

DERIVE_PREDICATES = (EKG.party, EKG.participant)
DOCUMENT_BASE = "https://w3id.org/energy-kg/id/document/"


@dataclass
class Ingested:
    """What :func:`ingest_text` did with one document."""

    key: str
    graph: str
    triples: int
    store_change: int
    revision: int
    replaced: bool
    language: str
    extraction: dict
    rejected: list[dict] = field(default_factory=list)
    merged: list[dict] = field(default_factory=list)  # nodes taken for known ones (kg.resolve)
    pending: list[str] = field(default_factory=list)  # review items made (kg.review)
    unchanged: bool = False          # the same text was there already: nothing was written
    replaced_key: str | None = None  # the older text from the same location, now removed
    agreements: list[dict] = field(default_factory=list)  # iri, title, created | merged

    @property
    def document(self) -> str:
        """The document's IRI."""
        return DOCUMENT_BASE + self.key


def document_graph(key: str) -> str:
    """The named graph holding what was extracted from document ``key``."""
    return str(graph_iri("extracted", key))


def ingest_text(store: Store, doc: Document, *, threshold: float | None = None) -> Ingested:
    """Extract ``doc``, screen its triples and commit them as its named graph.

    The document's graph is replaced if it was there (the same key again).
    Its agreements, persons and organizations are resolved against the store's
    (:mod:`kg.resolve`); facts below ``threshold`` (default
    :func:`kg.review.threshold_from_env`) go to the review queue (:mod:`kg.review`).
    """
    result = extract_document(doc)
    extraction = result.to_json()
    threshold = review.threshold_from_env() if threshold is None else threshold
    with store.writing():
        graph = document_graph(doc.key)
        existed = store.oxigraph.contains_named_graph(ox.NamedNode(graph))
        done = screen(store, doc.key, parse_triples(result.to_rdf()), threshold, skip={graph})
        before = len(store)
        commit_document(store, graph, done.triples, document=done.document,
                        review_triples=done.records)
        return Ingested(
            key=doc.key, graph=graph, triples=len(done.triples),
            store_change=len(store) - before, revision=store.revision, replaced=existed,
            language=result.language,
            extraction=extraction,
            rejected=done.rejected, merged=done.merged, pending=[i.id for i in done.items])


@dataclass
class Screened:
    """One document's triples made ready to commit (:func:`screen`)."""

    document: str
    triples: list[ox.Triple]
    rejected: list[dict]
    merges: list
    items: list
    records: list[ox.Triple]

    @property
    def merged(self) -> list[dict]:
        return [{"merge": m.key, "node": m.source, "into": m.target, "kind": m.kind,
                 "score": m.score, "close_call": m.close_call} for m in self.merges]


def screen(store: Store, key: str, triples: list[ox.Triple], threshold: float | None = None,
           skip: set[str] = frozenset()) -> Screened:
    """Resolve, screen and split one document's extracted triples (under the write lock).

    Its agreements, persons and organizations get the IRIs of the known ones they
    are (:mod:`kg.resolve`; not of the graphs in ``skip``, the document's own old
    versions), the nodes that break the shapes are kept out
    (:func:`kg.build.screen_document`), and facts below ``threshold`` (default
    :func:`kg.review.threshold_from_env`) go to the review queue, as do close-call
    merges. What reviewers decided about the document before is respected.
    """
    threshold = review.threshold_from_env() if threshold is None else threshold
    document = DOCUMENT_BASE + key
    with store.writing():
        decided, refused = review.decisions_for(store, document)
        merges: list = []
        present = [g for g in skip if store.oxigraph.contains_named_graph(ox.NamedNode(g))]
        kept, rejected = screen_document(store, triples, merges=merges, refused=refused,
                                         run_query=_without(store, set(present))
                                         if present else None, index=entity_index(store))
        kept, items = review.split(kept, threshold, decided)
        records = review.records(merges, items, kept, decided)
    return Screened(document, kept, [{"node": v.focus_node, "property": v.path,
                                      "message": v.message} for v in rejected],
                    merges, items, records)


_INDEXES: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()  # store -> (revision, index)


def entity_index(store: Store) -> EntityIndex | None:
    """The names of ``store``'s persons and organizations (:class:`kg.resolve.EntityIndex`),
    so that resolving a document does not read them all again.

    Built once per store and kept in step by :func:`commit_documents`; any other
    change (a revision it did not make) has it built again when next asked for. A
    remote endpoint gets none: others may write to it unseen.
    """
    if store.backend == "remote":
        return None
    with store.writing():
        kept = _INDEXES.get(store)
        if kept is None or kept[0] != store.revision:
            kept = _INDEXES[store] = (store.revision, EntityIndex.build(store.query))
        return kept[1]


def _without(store: Store, skip: set[str]):
    """A query function over every named graph of ``store`` but those in ``skip`` (the
    document's old versions, which must not be taken for other reports of the same facts)."""
    if store.backend == "remote":
        graphs = [g for g in store.graph_names() if g not in skip]
    else:
        graphs = [g.value for g in store.oxigraph.named_graphs() if g.value not in skip]

    def run(sparql: str):
        return store.query(sparql, default_graphs=graphs)
    return run


def remove_document(store: Store, key: str) -> int:
    """Remove document ``key``'s graph (and what it derived); the number of quads removed."""
    graph = document_graph(key)
    with store.writing():
        if not store.oxigraph.contains_named_graph(ox.NamedNode(graph)):
            prefix = document_graph("")
            raise NotFoundError(f"no document {key}",
                                suggestions=[g[len(prefix):] for g in store.graph_names()
                                             if g.startswith(prefix)][:10])
        size = graph_size(store, graph)
        commit_document(store, graph, [], document=DOCUMENT_BASE + key)
        return size


def graph_size(store: Store, graph: str) -> int:
    """The number of triples in one named graph."""
    rows = store.select(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}")
    return int(rows[0]["n"]) if rows else 0


def commit_document(store: Store, graph: str, triples: list[ox.Triple], *,
                    document: str | None = None,
                    review_triples: list[ox.Triple] = ()) -> None:
    """Replace ``graph`` by ``triples`` and update the derived graph, in one update.

    Only the cooperation links of the pairs whose agreements the change touches
    are rewritten (:func:`kg.derive.delta`). With ``document``, its pending review
    items and standing merges are replaced by ``review_triples`` in the same update.
    This holds the store's write lock: the derived update is computed from the
    store as it is.
    """
    with store.writing():
        reviews = {graph: list(review_triples)} if document else None
        commit_documents(store, {graph: triples}, reviews=reviews)


def _triples(quads: list[ox.Quad]) -> list[ox.Triple]:
    return [ox.Triple(q.subject, q.predicate, q.object) for q in quads]


def derived_with(store: Store, replaced: str, new_triples: list[ox.Triple]) -> list[ox.Quad]:
    """The whole derived graph as it will be once ``replaced`` holds ``new_triples``
    (the full recomputation, kept to compare with and to measure against)."""
    staging = ox.Store()
    skip = {replaced, str(DERIVED_GRAPH)}
    for predicate in DERIVE_PREDICATES:
        node = ox.NamedNode(str(predicate))
        staging.extend(q for q in store.oxigraph.quads_for_pattern(None, node, None)
                       if isinstance(q.graph_name, ox.NamedNode)  # not the merged default graph
                       and q.graph_name.value not in skip)
    target = ox.NamedNode(replaced)
    staging.extend(ox.Quad(t.subject, t.predicate, t.object, target) for t in new_triples)
    return derive_cooperations(staging)


# --- several documents in one transaction (kg ingest) -------------------------------------

def document_key_of(graph: str) -> str:
    """The key of an extracted document graph (the inverse of :func:`document_graph`)."""
    return graph[len(document_graph("")):]


def commit_documents(store: Store, documents: dict[str, list[ox.Triple]],
                     removed: list[str] = (), *,
                     reviews: dict[str, list[ox.Triple]] | None = None) -> None:
    """Write several document graphs and drop others, with the derived graph, in one update.

    ``documents`` maps a graph to its (screened) triples; each replaces the
    graph's old content. ``removed`` lists graphs to drop (the old versions of
    replaced documents). One store transaction: a reader sees all of it or
    none, and the derived graph always matches the documents. Only the
    cooperation links of the pairs whose agreements change are rewritten
    (:func:`kg.derive.delta`). The pending review items and standing merges of
    every document written or dropped are replaced by ``reviews`` (graph → the
    review records :func:`screen` made for it). The update is made only of
    ``DROP GRAPH``, ``INSERT DATA`` and ``DELETE DATA``
    (:meth:`kg.store.Store.write_data`), which the store keeps its merged
    default graph in step with at the cost of their data. The store's
    :func:`entity_index` learns the names written.
    """
    with store.writing():
        changes = {**{g: [] for g in removed}, **documents}
        operations: list[tuple[str, str, list[ox.Triple]]] = []
        for graph, triples in changes.items():
            operations += [("drop", graph, []), ("insert", graph, triples)]
        operations.append(("delete", review.REVIEW_GRAPH, review.stale_records(
            store, [DOCUMENT_BASE + document_key_of(g) for g in changes])))
        records = [t for graph_records in (reviews or {}).values() for t in graph_records]
        operations.append(("insert", review.REVIEW_GRAPH, records))
        delete, insert = derive.delta(store.oxigraph, changes)
        operations += [("delete", str(DERIVED_GRAPH), _triples(delete)),
                       ("insert", str(DERIVED_GRAPH), _triples(insert))]
        kept = _INDEXES.get(store)
        if store.write_data(operations) and kept is not None \
                and kept[0] == store.revision - 1:  # the index saw all before: keep it so
            kept[1].add((t for triples in documents.values() for t in triples), store.query)
            _INDEXES[store] = (store.revision, kept[1])


def derived_with_many(store: Store, replaced: dict[str, list[ox.Triple]]) -> list[ox.Quad]:
    """The derived graph as it will be once each graph of ``replaced`` holds its triples."""
    staging = ox.Store()
    skip = set(replaced) | {str(DERIVED_GRAPH)}
    for predicate in DERIVE_PREDICATES:
        node = ox.NamedNode(str(predicate))
        staging.extend(q for q in store.oxigraph.quads_for_pattern(None, node, None)
                       if isinstance(q.graph_name, ox.NamedNode)  # not the merged default graph
                       and q.graph_name.value not in skip)
    for graph, triples in replaced.items():
        target = ox.NamedNode(graph)
        staging.extend(ox.Quad(t.subject, t.predicate, t.object, target) for t in triples)
    return derive_cooperations(staging)


SOURCES_QUERY = """
SELECT ?g ?location WHERE { GRAPH ?g { ?document a ekg:Document ; ekg:sourceLocation ?location } }
"""


def stored_documents(store: Store) -> tuple[set[str], dict[str, str]]:
    """The keys of the documents in ``store``, and the key each source location holds.

    The locations come from the documents' own graphs (``ekg:sourceLocation``),
    so the store alone says which text a file or URL last gave.
    """
    prefix = document_graph("")
    keys = {g[len(prefix):] for g in store.graph_names() if g.startswith(prefix)}
    located: dict[str, str] = {}
    for row in list(store.query(SOURCES_QUERY, union=False)):
        graph = row["g"].value
        if graph.startswith(prefix):
            located[row["location"].value] = graph[len(prefix):]
    return keys, located


def location_key(store: Store, location: str) -> str | None:
    """The key of the document last read from ``location`` (a file: URI or URL), if any."""
    literal = ox.Literal(location, datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#anyURI"))
    prefix = document_graph("")
    rows = list(store.query("SELECT ?g WHERE { GRAPH ?g { ?d ekg:sourceLocation "
                            f"{literal} }} }}", union=False))
    found = [r["g"].value[len(prefix):] for r in rows if r["g"].value.startswith(prefix)]
    return found[0] if found else None


_AGREEMENT = str(ID) + "agreement/"
_TITLES = ("http://purl.org/dc/terms/title", "http://www.w3.org/2000/01/rdf-schema#label")


def _agreements(store: Store, triples: list[ox.Triple], skip: set[str]) -> list[dict]:
    """The agreements a document's triples describe: created, or merged into a known one."""
    iris = sorted({t.subject.value for t in triples if isinstance(t.subject, ox.NamedNode)
                   and t.subject.value.startswith(_AGREEMENT)})
    if not iris:
        return []
    values = " ".join(f"<{iri}>" for iri in iris)
    known: set[str] = set()
    titles: dict[str, str] = {}
    for row in list(store.query(f"SELECT ?a ?g ?p ?o WHERE {{ VALUES ?a {{ {values} }} "
                                f"GRAPH ?g {{ ?a ?p ?o }} }}", union=False)):
        if row["g"].value in skip:
            continue
        known.add(row["a"].value)
        if row["p"].value in _TITLES and isinstance(row["o"], ox.Literal):
            titles.setdefault(row["a"].value, row["o"].value)
    for t in triples:
        if t.predicate.value in _TITLES and t.subject.value in iris:
            titles.setdefault(t.subject.value, t.object.value)
    return [{"iri": iri, "title": titles.get(iri), "status": "merged" if iri in known
             else "created"} for iri in iris]


def _pending_agreements(done: Screened) -> list[dict]:
    """The agreements of a document that wait on the review queue as a whole."""
    out = []
    for item in done.items:
        if item.predicate == _TYPE and item.subject.startswith(_AGREEMENT):
            title = next((t.object.value for t in item.payload if t.subject.value == item.subject
                          and t.predicate.value in _TITLES), None)
            out.append({"iri": item.subject, "title": title, "status": "pending",
                        "review": item.id})
    return out


_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"


def ingest_document(store: Store, doc: Document, *, threshold: float | None = None) -> Ingested:
    """Add ``doc`` unless its text is there already; replace the older text from its location.

    The rule ``kg ingest`` follows, for one document (``POST /documents``):
    the same key again writes nothing (``unchanged``); a document whose
    ``doc.location`` gave another key before replaces that document in the same
    transaction (``replaced_key``); the answer lists the agreements the
    document created or merged into known ones, and those waiting for review
    (``status: pending``, with the review item's id).
    """
    graph = document_graph(doc.key)
    with store.writing():
        if store.oxigraph.contains_named_graph(ox.NamedNode(graph)):
            return Ingested(key=doc.key, graph=graph, triples=graph_size(store, graph),
                            store_change=0, revision=store.revision, replaced=False,
                            language=doc.language or "", extraction={}, unchanged=True)
    result = extract_document(doc)
    extraction = result.to_json()
    with store.writing():
        old = location_key(store, doc.location) if doc.location else None
        old = old if old != doc.key else None
        removed = [document_graph(old)] if old else []
        done = screen(store, doc.key, parse_triples(result.to_rdf()), threshold,
                      skip={graph, *removed})
        triples, rejected = done.triples, done.rejected
        agreements = _agreements(store, triples, {graph, *removed}) + _pending_agreements(done)
        before = len(store)
        commit_documents(store, {graph: triples}, removed, reviews={graph: done.records})
        return Ingested(
            key=doc.key, graph=graph, triples=len(triples),
            store_change=len(store) - before, revision=store.revision, replaced=bool(old),
            language=result.language, extraction=extraction,
            rejected=[{"node": v.focus_node, "property": v.path, "message": v.message}
                      for v in rejected],
            replaced_key=old, agreements=agreements, merged=done.merged,
            pending=[i.id for i in done.items])
