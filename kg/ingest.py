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

from dataclasses import dataclass, field

import pyoxigraph as ox

from kg import derive, review
from kg.build import derive_cooperations, screen_document
from kg.errors import NotFoundError
from kg.extract.document import Document
from kg.extract.pipeline import extract_document
from kg.namespaces import DERIVED_GRAPH, EKG, graph_iri
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
        document = DOCUMENT_BASE + doc.key
        existed = store.oxigraph.contains_named_graph(ox.NamedNode(graph))
        decided, refused = review.decisions_for(store, document)
        merges: list = []
        triples, rejected = screen_document(
            store, parse_triples(result.to_rdf()), merges=merges, refused=refused,
            run_query=_without(store, graph) if existed else None)
        triples, items = review.split(triples, threshold, decided)
        records = review.records(merges, items, triples, decided)
        before = len(store)
        commit_document(store, graph, triples, document=document, review_triples=records)
        return Ingested(
            key=doc.key, graph=graph, triples=len(triples),
            store_change=len(store) - before, revision=store.revision, replaced=existed,
            language=result.language,
            extraction=extraction,
            rejected=[{"node": v.focus_node, "property": v.path, "message": v.message}
                      for v in rejected],
            merged=[{"merge": m.key, "node": m.source, "into": m.target, "kind": m.kind,
                     "score": m.score, "close_call": m.close_call} for m in merges],
            pending=[i.id for i in items])


def _without(store: Store, graph: str):
    """A query function over every graph of ``store`` but ``graph`` (the document's old
    version, which must not be taken for another report of the same facts)."""
    if store.backend == "remote":
        graphs = [g for g in store.graphs() if g != graph]
    else:
        graphs = [g.value for g in store.oxigraph.named_graphs() if g.value != graph]

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
                                suggestions=[g[len(prefix):] for g in store.graphs()
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
        operations = [f"DROP SILENT GRAPH <{graph}>"]
        if triples:
            operations.append(f"INSERT DATA {{ GRAPH <{graph}> {{ {_nt(triples)} }} }}")
        if document:
            operations += review.clear_operations(document)
            if review_triples:
                operations.append(f"INSERT DATA {{ GRAPH <{review.REVIEW_GRAPH}> "
                                  f"{{ {_nt(list(review_triples))} }} }}")
        delete, insert = derive.delta(store.oxigraph, {graph: triples})
        if delete:
            operations.append(f"DELETE DATA {{ GRAPH <{DERIVED_GRAPH}> {{ {_nt(_triples(delete))} }} }}")
        if insert:
            operations.append(f"INSERT DATA {{ GRAPH <{DERIVED_GRAPH}> {{ {_nt(_triples(insert))} }} }}")
        store.update(" ;\n".join(operations))


def _nt(triples: list[ox.Triple]) -> str:
    return ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES).decode() if triples else ""


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
                       if getattr(q.graph_name, "value", None) not in skip)
    target = ox.NamedNode(replaced)
    staging.extend(ox.Quad(t.subject, t.predicate, t.object, target) for t in new_triples)
    return derive_cooperations(staging)
