"""Build the knowledge graph: ontology + gazetteer + curated + extracted facts → store.

The build reads every input first, validates it against the SHACL shapes, derives
``ekg:cooperatesWith`` into the ``derived`` graph and only then replaces the
store's content in one step (:meth:`kg.store.Store.replace_all`). So a build
that fails — an unreadable file, a curated SHACL violation — leaves the store
exactly as it was. Extracted facts that break the shapes are reported and kept
out; they never fail the build.

A build whose inputs are byte-for-byte unchanged since the last one leaves the
store alone (``BuildReport.unchanged``), so ``kg build`` is idempotent.

Documents added to a running store through the API (``POST /documents``) are
not in ``seeds/``: a build keeps their named graphs as they are (they are not
re-extracted: the store keeps their facts, not their text) and derives the
cooperation links with them (``BuildReport.kept``). Only ``force=True`` drops
them (``BuildReport.dropped``). A build records which document graphs came
from ``seeds/documents``, so a document deleted from there is not taken for an
ingested one by the next build.

Other named graphs are kept the same way: a build makes only its own graphs
(:data:`BUILD_GRAPHS`: ontology, gazetteer, curated, derived, the review graph
and its reviewed facts, and the ``extracted/`` document graphs), so any other
graph, written through SPARQL ``/update`` or by ``kg load`` into a graph of its
own, is carried over as it is and takes part in the derived links
(``BuildReport.kept_graphs``); ``force=True`` drops those too
(``BuildReport.dropped_graphs``). Writes into the build's own graphs (an
``INSERT`` into ``graph/curated``, ``kg load --graph curated``) are replaced by
what ``seeds/`` says: change ``seeds/`` for those.

>>> from kg.store import Store
>>> report = build(Store("memory:"), extract=False)
>>> report.graphs["https://w3id.org/energy-kg/graph/ontology"] > 0
True
"""

from __future__ import annotations

import functools
import hashlib
import logging
import time
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox
from oxrdflib._converter import from_ox
from rdflib import DCTERMS, PROV, RDF, RDFS, SH, SKOS, Graph, URIRef

from kg import formats
from kg.errors import ParseError, ValidationError, Violation
from kg.namespaces import (
    CURATED_GRAPH, DERIVED_GRAPH, EKG, GAZETTEER_GRAPH, ONTOLOGY_GRAPH, PREFIXES, entity_iri,
    graph_iri, split_entity_iri,
)
from kg.load import check_store, shapes_from_rdflib
from kg.store import Store, parse_triples

REPO_ROOT = Path(__file__).resolve().parent.parent
SHAPES_FILE = "shapes.ttl"
RDF_SUFFIXES = {f.extension for f in formats.rdf_formats()}
DOCUMENT_SUFFIXES = {".txt", ".md"}
_RDF_TYPE = ox.NamedNode(str(RDF.type))
_SUBCLASS_OF = ox.NamedNode(str(RDFS.subClassOf))

Progress = Callable[[str, int, int], None]


@dataclass
class Source:
    """One input file, the graph it goes to, and its parsed triples."""

    path: Path
    graph: str
    triples: list[ox.Triple] = field(default_factory=list)


@dataclass
class BuildReport:
    """What a build did: triples per graph and per class, rejected facts, timing."""

    graphs: dict[str, int] = field(default_factory=dict)
    classes: dict[str, int] = field(default_factory=dict)
    documents: dict[str, str] = field(default_factory=dict)  # file → document graph
    rejected: list[Violation] = field(default_factory=list)  # extracted facts kept out
    errors: list[str] = field(default_factory=list)  # documents that could not be extracted
    derived_pairs: int = 0
    seconds: float = 0.0
    unchanged: bool = False
    revision: int = 0
    kept: list[str] = field(default_factory=list)  # ingested document graphs kept as they were
    dropped: list[str] = field(default_factory=list)  # ingested document graphs dropped (force)
    kept_graphs: list[str] = field(default_factory=list)  # other graphs (/update, kg load) kept
    dropped_graphs: list[str] = field(default_factory=list)  # other graphs dropped (force)

    @property
    def triples(self) -> int:
        return sum(self.graphs.values())


# --- reading inputs ---------------------------------------------------------------------

def _rdf_files(folder: Path) -> list[Path]:
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.suffix in RDF_SUFFIXES and p.is_file())


def parse_file(path: Path) -> list[ox.Triple]:
    """Triples of one RDF file (format from its extension); ParseError names file and line."""
    try:
        return parse_triples(path.read_bytes(), formats.by_extension(path, ("rdf",)))
    except ParseError as exc:
        raise ParseError(exc.message, file=str(path), line=exc.line) from None
    except OSError as exc:
        raise ParseError(f"cannot read: {exc.strerror}", file=str(path)) from None


def collect_sources(root: Path) -> list[Source]:
    """Every RDF input below ``root`` with the named graph it belongs to."""
    plan = [
        (root / "ontology", str(ONTOLOGY_GRAPH)),
        (root / "seeds" / "gazetteer", str(GAZETTEER_GRAPH)),
        (root / "seeds" / "curated", str(CURATED_GRAPH)),
    ]
    sources = []
    for folder, graph in plan:
        for path in _rdf_files(folder):
            if path.name == SHAPES_FILE:
                continue
            sources.append(Source(path, graph, parse_file(path)))
    return sources


def document_files(root: Path) -> list[Path]:
    """The source documents of the corpus (``seeds/documents/*.txt|md``)."""
    folder = root / "seeds" / "documents"
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.suffix in DOCUMENT_SUFFIXES)


def fingerprint(root: Path, extract: bool) -> str:
    """A hash of every input byte and of the code that turns it into triples.

    The code counts too (this module, and the extractor when documents are
    extracted), so a changed rule rebuilds even if no input file changed.
    """
    digest = hashlib.sha256(f"extract={extract};".encode())
    code = [Path(__file__)]
    if extract:
        code += sorted((Path(__file__).parent / "extract").glob("*.py"))
    for path in code:
        digest.update(path.read_bytes())
    for folder in ("ontology", "seeds"):
        base = root / folder
        if base.is_dir():
            for path in sorted(base.rglob("*")):
                if path.is_file():
                    digest.update(str(path.relative_to(root)).encode())
                    digest.update(path.read_bytes())
    return digest.hexdigest()


# --- validation -------------------------------------------------------------------------

# rdflib logs a traceback for every ill-typed literal ("2016-02-30"^^xsd:date) it meets;
# the SHACL shapes report those properly, with file and node, so the log stays quiet.
logging.getLogger("rdflib.term").setLevel(logging.ERROR)


def _rdflib_graph(triples: Iterable[ox.Triple]) -> Graph:
    graph = Graph()
    for t in triples:
        graph.add((from_ox(t.subject), from_ox(t.predicate), from_ox(t.object)))
    return graph


def load_shapes(root: Path) -> Graph | None:
    """The SHACL shapes graph (``ontology/shapes.ttl``), or None if there is none."""
    path = root / "ontology" / SHAPES_FILE
    if not path.exists():
        return None
    return _rdflib_graph(parse_file(path))


def shacl_violations(data: Graph, shapes: Graph, ontology: Graph) -> list[Violation]:
    """Run pySHACL and list the violations.

    SHACL follows ``rdfs:subClassOf`` triples in the data graph, so the
    ontology's named-class hierarchy is added to a copy of the data instead of
    passing the ontology as pySHACL's ``ont_graph`` (which clones every blank
    node of the OWL file and takes minutes) or running RDFS inference.
    """
    from pyshacl import validate  # noqa: PLC0415 - slow import, only needed here

    checked = Graph()
    checked += data
    for sub, sup in ontology.subject_objects(RDFS.subClassOf):
        if isinstance(sub, URIRef) and isinstance(sup, URIRef):
            checked.add((sub, RDFS.subClassOf, sup))
    conforms, report, _ = validate(
        checked, shacl_graph=shapes, inference="none",
        abort_on_first=False, allow_warnings=True, advanced=True,
    )
    if conforms:
        return []
    # The report is read by triple patterns, not with rdflib's SPARQL parser: pyparsing's
    # caught exceptions leave reference cycles holding the frames below them (ingestion's
    # among them), which another thread's collection would then free, with any pyoxigraph
    # result still in them (pyo3 refuses that: "unsendable ... dropped on another thread").
    found = []
    for result in report.subjects(RDF.type, SH.ValidationResult):
        for severity in report.objects(result, SH.resultSeverity):
            if severity != SH.Violation:
                continue
            paths = list(report.objects(result, SH.resultPath)) or [None]
            messages = list(report.objects(result, SH.resultMessage)) or [None]
            for focus in report.objects(result, SH.focusNode):
                for path in paths:
                    for message in messages:
                        found.append(Violation(str(focus), str(message or "violates a shape"),
                                               str(path) if path is not None else None,
                                               severity="Violation"))
    return sorted(found, key=lambda v: (v.focus_node, v.path or "", v.message))


def _where_defined(sources: list[Source]) -> dict[str, str]:
    where: dict[str, str] = {}
    for source in sources:
        for t in source.triples:
            where.setdefault(str(getattr(t.subject, "value", t.subject)), str(source.path))
    return where


def _ontology_graph(sources: list[Source]) -> Graph:
    return _rdflib_graph(t for s in sources if s.graph == str(ONTOLOGY_GRAPH) for t in s.triples)


def validate_sources(sources: list[Source], shapes: Graph | None,
                     ontology: Graph | None = None, root: Path = REPO_ROOT) -> list[Violation]:
    """SHACL violations of the curated (and gazetteer) data, each naming its file and node.

    The shapes run as SPARQL queries on an Oxigraph store of the sources
    (:func:`kg.load.check_store`, the checks ``kg load`` runs), not through
    pySHACL over an rdflib copy.
    """
    if shapes is None:
        return []
    staging = ox.Store()
    for source in sources:
        target = ox.NamedNode(source.graph)
        staging.extend(ox.Quad(t.subject, t.predicate, t.object, target) for t in source.triples)
    return _checked(staging, sources, shapes, ontology, root)


def _checked(staging: ox.Store, sources: list[Source], shapes: Graph,
             ontology: Graph | None, root: Path) -> list[Violation]:
    extra = [] if ontology is None else [
        (str(sub), str(sup)) for sub, sup in ontology.subject_objects(RDFS.subClassOf)
        if isinstance(sub, URIRef) and isinstance(sup, URIRef)]
    violations = check_store(staging, root, union=True, shapes=shapes_from_rdflib(shapes),
                             subclasses=extra)
    where = _where_defined([s for s in sources if s.graph != str(ONTOLOGY_GRAPH)])
    for v in violations:
        v.file = where.get(v.focus_node)
    return violations


def validate_paths(paths: Iterable[Path], root: Path = REPO_ROOT) -> list[Violation]:
    """Validate RDF files against the shapes, with ontology and gazetteer as context.

    The entry point of ``kg validate``: raises ParseError for unreadable files.
    """
    paths = [Path(p) for p in paths]
    context = [s for s in collect_sources(root) if s.graph != str(CURATED_GRAPH)]
    checked = [Source(p, str(CURATED_GRAPH), parse_file(p)) for p in paths]
    violations = validate_sources(context + checked, load_shapes(root), root=root)
    mine = {str(p) for p in paths}
    return [v for v in violations if v.file in mine]


# --- extraction -------------------------------------------------------------------------

def extract_documents(paths: list[Path], progress: Progress | None = None):
    """Yield ``(path, document_key, triples or None, error or None)`` per document."""
    from kg.extract import extract_documents as run_extractor  # noqa: PLC0415

    for number, (path, result) in enumerate(run_extractor(paths), 1):
        if progress:
            progress(path.name, number, len(paths))
        if isinstance(result, Exception):
            yield path, None, None, str(result)
        else:
            yield path, result.doc.key, parse_triples(result.to_rdf()), None


def _by_subject(sources: list[Source]) -> dict[str, list[ox.Triple]]:
    described: dict[str, list[ox.Triple]] = defaultdict(list)
    for source in sources:
        for t in source.triples:
            described[str(getattr(t.subject, "value", ""))].append(t)
    return described


def _document_data(triples: list[ox.Triple], described: dict[str, list[ox.Triple]]
                   ) -> list[ox.Triple]:
    """The data graph one document is checked on: its triples plus the curated/gazetteer/
    ontology/store description of every node they mention (its type, scheme, country ...)
    and the types of what those point at (``sh:class``)."""
    mentioned = {str(getattr(t.subject, "value", "")) for t in triples} | \
        {str(getattr(t.object, "value", "")) for t in triples}
    data = list(triples)
    second_hop = set()
    for node in mentioned:
        for t in described.get(node, ()):
            data.append(t)
            second_hop.add(str(getattr(t.object, "value", "")))
    for node in second_hop - mentioned:
        data += [t for t in described.get(node, ()) if t.predicate == _RDF_TYPE]
    return list(dict.fromkeys(data))


_CHECKS: dict[tuple[int, int], tuple[Graph, Graph, object, set[tuple[str, str]]]] = {}


def _compiled_checks(shapes: Graph, ontology: Graph, extra: set[tuple[str, str]]):
    """The shapes compiled to SPARQL (:class:`kg.load.ShapeChecks`), with the ontology's
    class hierarchy and ``extra`` subclass pairs (compiled once per shapes and ontology)."""
    from kg.load import ShapeChecks, subclass_closure  # noqa: PLC0415

    key = (id(shapes), id(ontology))
    cached = _CHECKS.get(key)
    if cached is None or cached[0] is not shapes or cached[1] is not ontology:
        pairs = {(str(sub), str(sup)) for sub, sup in ontology.subject_objects(RDFS.subClassOf)
                 if isinstance(sub, URIRef) and isinstance(sup, URIRef)}
        checks = ShapeChecks(shapes_from_rdflib(shapes), subclass_closure(pairs))
        if len(_CHECKS) > 8:
            _CHECKS.clear()
        cached = _CHECKS[key] = (shapes, ontology, checks, pairs)
    _, _, checks, pairs = cached
    if extra - pairs:  # the data says more of the class hierarchy than the ontology
        checks = ShapeChecks(checks.graph, subclass_closure(pairs | extra))
    return checks


def _extracted_violations(triples: list[ox.Triple], described: dict[str, list[ox.Triple]],
                          shapes: Graph, ontology: Graph) -> list[Violation]:
    """Violations of one document's facts, checked with what is known of the nodes they use.

    The data graph is the document's triples plus what is known of every node they
    mention (:func:`_document_data`), so a document is checked in milliseconds instead
    of re-validating everything. The shapes run as the SPARQL checks ``kg load`` uses
    (:class:`kg.load.ShapeChecks`) on a small Oxigraph store of that data, with the
    document's own subjects as the only focus nodes; they find what pySHACL finds
    (:func:`shacl_violations`, ``tests/test_build.py``) in a fraction of its time.
    """
    from kg.load import FOCUS, FOCUS_GRAPH, RESTRICT  # noqa: PLC0415

    data = _document_data(triples, described)
    view = ox.Store()
    view.extend(ox.Quad(t.subject, t.predicate, t.object) for t in data)
    view.extend(ox.Quad(s, _RDF_TYPE, FOCUS, FOCUS_GRAPH)
                for s in dict.fromkeys(t.subject for t in triples))
    extra = {(t.subject.value, t.object.value) for t in data if t.predicate == _SUBCLASS_OF
             and isinstance(t.subject, ox.NamedNode) and isinstance(t.object, ox.NamedNode)}
    checks = _compiled_checks(shapes, ontology, extra)
    found = checks.violations(lambda q: view.query(q, prefixes=PREFIXES), RESTRICT,
                              predicates={t.predicate.value for t in data})
    for v in found:  # a blank node is named as its triples' subjects name it (no "_:")
        if v.focus_node.startswith("_:"):
            v.focus_node = v.focus_node[2:]
    return found


def _extracted_violations_pyshacl(triples: list[ox.Triple],
                                  described: dict[str, list[ox.Triple]],
                                  shapes: Graph, ontology: Graph) -> list[Violation]:
    """What :func:`_extracted_violations` finds, found by pySHACL (to compare with)."""
    mine = {str(getattr(t.subject, "value", "")) for t in triples}
    data = _rdflib_graph(_document_data(triples, described))
    return [v for v in shacl_violations(data, shapes, ontology) if v.focus_node in mine]


# --- reconciling extracted agreements with known ones -----------------------------------

KNOWN_AGREEMENTS = """
SELECT ?agreement ?date ?party ?document WHERE {
  ?agreement ekg:party ?party .
  OPTIONAL { ?agreement ekg:signedOn ?date }
  OPTIONAL { ?agreement prov:wasDerivedFrom ?document }
}"""


@dataclass(frozen=True)
class KnownAgreement:
    """What reconciliation compares: the date as written, the parties, the source documents."""

    date: str | None
    parties: frozenset[str]
    documents: frozenset[str] = frozenset()


def known_agreements(run_query: Callable[[str], Iterable]) -> dict[str, KnownAgreement]:
    """Agreements already in a store, for :func:`reconcile` (``run_query`` runs SPARQL)."""
    found: dict[str, tuple[list, set[str], set[str]]] = {}
    for row in run_query(KNOWN_AGREEMENTS):
        date, parties, documents = found.setdefault(row["agreement"].value, ([None], set(), set()))
        if row["date"] is not None:
            date[0] = row["date"].value
        parties.add(row["party"].value)
        if row["document"] is not None:
            documents.add(row["document"].value)
    return {iri: KnownAgreement(date[0], frozenset(parties), frozenset(documents))
            for iri, (date, parties, documents) in found.items()}


def _shares_parties(a: frozenset[str] | set[str], b: frozenset[str]) -> bool:
    shared = len(a & b)
    return shared > 0 and shared >= min(2, len(a), len(b))


def reconcile(triples: list[ox.Triple], known: dict[str, KnownAgreement]) -> list[ox.Triple]:
    """Give an extracted agreement the IRI of the known agreement it reports.

    A dated extracted agreement is a known one signed on the same date (same
    precision) that shares its parties (at least two, or all of a smaller set).
    An undated one is a known agreement drawn from the same document that
    shares its parties, when exactly one such agreement is left unclaimed.
    The known description wins: the extracted node's type, date and title are
    dropped (its label is kept as an alternative label), everything else —
    signatories, witnesses, topics, evidence — is attached to the known IRI.
    """
    extracted: dict[str, dict] = defaultdict(lambda: {"date": None, "parties": set(), "docs": set()})
    for t in triples:
        subject, predicate = getattr(t.subject, "value", None), t.predicate.value
        if predicate == str(EKG.party):
            extracted[subject]["parties"].add(t.object.value)
        elif predicate == str(EKG.signedOn):
            extracted[subject]["date"] = t.object.value
        elif predicate == str(PROV.wasDerivedFrom):
            extracted[subject]["docs"].add(t.object.value)
    extracted = {iri: e for iri, e in extracted.items() if e["parties"]}
    renamed: dict[str, str] = {}
    for iri, e in extracted.items():  # dated first: they are unambiguous
        match = next((other for other, k in known.items() if other != iri and e["date"]
                      and k.date == e["date"] and _shares_parties(e["parties"], k.parties)), None)
        if match:
            renamed[iri] = match
    for iri, e in extracted.items():
        if e["date"] or iri in renamed:
            continue
        left = [other for other, k in known.items()
                if other != iri and other not in renamed.values() and e["docs"] & k.documents
                and _shares_parties(e["parties"], k.parties)]
        if len(left) == 1:
            renamed[iri] = left[0]
    if not renamed:
        return triples
    label, alt_label = ox.NamedNode(str(RDFS.label)), ox.NamedNode(str(SKOS.altLabel))
    known_says = {_RDF_TYPE.value, str(EKG.signedOn), str(DCTERMS.title)}
    out = []
    for t in triples:
        subject = getattr(t.subject, "value", None)
        if subject in renamed:
            if t.predicate.value in known_says:
                continue
            predicate = alt_label if t.predicate == label else t.predicate
            t = ox.Triple(ox.NamedNode(renamed[subject]), predicate, t.object)
        if getattr(t.object, "value", None) in renamed and isinstance(t.object, ox.NamedNode):
            t = ox.Triple(t.subject, t.predicate, ox.NamedNode(renamed[t.object.value]))
        out.append(t)
    return out


@functools.lru_cache(maxsize=4)
def _shapes_and_ontology(root: Path) -> tuple[Graph | None, Graph]:
    ontology = _rdflib_graph(t for path in _rdf_files(root / "ontology")
                             if path.name != SHAPES_FILE for t in parse_file(path))
    return load_shapes(root), ontology


_PREDICATES: dict[int, tuple[Graph, set[str] | None]] = {}


def shape_predicates(shapes: Graph | None) -> set[str] | None:
    """The predicates the shapes can look at: every IRI they name, ``rdf:type`` and
    ``rdfs:subClassOf`` (None: any, for closed shapes or none at all). A statement with
    another predicate cannot change what the shapes say of a node."""
    if shapes is None:
        return None
    kept = _PREDICATES.get(id(shapes))
    if kept is None or kept[0] is not shapes:
        closed = (None, URIRef("http://www.w3.org/ns/shacl#closed"), None) in shapes
        found = None if closed else {str(o) for o in shapes.objects() if isinstance(o, URIRef)} \
            | {str(RDF.type), str(RDFS.subClassOf)}
        if len(_PREDICATES) > 8:
            _PREDICATES.clear()
        kept = _PREDICATES[id(shapes)] = (shapes, found)
    return kept[1]


def known_descriptions(store: Store, triples: list[ox.Triple],
                       run_query: Callable[[str], Iterable] | None = None,
                       predicates: set[str] | None = None) -> dict[str, list[ox.Triple]]:
    """What the store says of every IRI the triples mention (but blank-node values: other
    documents' structure), and the types of what that points at, by subject; only the
    statements with one of ``predicates`` if given (:func:`shape_predicates`)."""
    ask = run_query or store.query
    nodes = {t.subject for t in triples} | {t.object for t in triples}
    iris = sorted(n.value for n in nodes if isinstance(n, ox.NamedNode))
    described: dict[str, list[ox.Triple]] = defaultdict(list)
    if iris and run_query is None and store.merged and store.backend != "remote":
        # the merged default graph, read directly (quicker than a query at this size)
        union = ox.DefaultGraph()
        for iri in iris:
            described[iri] = [ox.Triple(q.subject, q.predicate, q.object) for q in
                              store.oxigraph.quads_for_pattern(ox.NamedNode(iri), None, None, union)
                              if not isinstance(q.object, ox.BlankNode)
                              and (predicates is None or q.predicate.value in predicates)]
    elif iris:
        values = " ".join(f"<{iri}>" for iri in iris)
        # Each result is iterated where it is made, never kept in a local: a frame that
        # outlives the call (kept by a reference cycle) must not hold a pyoxigraph result,
        # which may only be freed on this thread. Blank nodes are other documents' structure.
        for row in ask(f"SELECT ?s ?p ?o WHERE {{ VALUES ?s {{ {values} }} ?s ?p ?o "
                       "FILTER(!isBlank(?o)) }"):
            if predicates is None or row["p"].value in predicates:
                described[row["s"].value].append(ox.Triple(row["s"], row["p"], row["o"]))
    pointed = {t.object.value for ts in described.values() for t in ts
               if isinstance(t.object, ox.NamedNode)} - set(iris)
    if pointed and run_query is None and store.merged and store.backend != "remote":
        union = ox.DefaultGraph()
        for iri in sorted(pointed):
            described[iri] += [ox.Triple(q.subject, q.predicate, q.object) for q in
                               store.oxigraph.quads_for_pattern(ox.NamedNode(iri), _RDF_TYPE,
                                                                None, union)]
    elif pointed:
        values = " ".join(f"<{iri}>" for iri in sorted(pointed))
        for row in ask(f"SELECT ?s ?o WHERE {{ VALUES ?s {{ {values} }} ?s a ?o }}"):
            described[row["s"].value].append(ox.Triple(row["s"], _RDF_TYPE, row["o"]))
    return described


def screen_document(store: Store, triples: list[ox.Triple],
                    root: Path = REPO_ROOT, *, merges: list | None = None,
                    refused: set[str] = frozenset(),
                    run_query: Callable[[str], Iterable] | None = None,
                    index=None) -> tuple[list[ox.Triple], list[Violation]]:
    """Check one document's extracted triples against the shapes, with what ``store`` knows.

    Agreements, persons and organizations the store already has get their known
    IRI first (:func:`kg.resolve.resolve`; the merges made are appended to
    ``merges``, those in ``refused`` are not made; ``run_query`` is how the store
    is asked, by default ``store.query``; ``index`` is a :class:`kg.resolve.EntityIndex`
    of the store's persons and organizations). Returns the triples to keep
    (violating nodes and their evidence removed) and the violations. This is
    what ``kg build`` does per document, for ingestion into a running store
    (``POST /documents``).
    """
    shapes, ontology = _shapes_and_ontology(Path(root))
    ask = run_query or store.query
    described = known_descriptions(store, triples, run_query, shape_predicates(shapes))
    return _screen(triples, ask, described, shapes, ontology,
                   merges=merges, refused=refused, index=index)


def _screen(triples: list[ox.Triple], run_query: Callable[[str], Iterable],
            described: dict[str, list[ox.Triple]], shapes: Graph | None,
            ontology: Graph, *, merges: list | None = None,
            refused: set[str] = frozenset(), index=None) -> tuple[list[ox.Triple], list[Violation]]:
    """Resolve one document's nodes against the store's, then keep out the nodes that
    break the shapes."""
    from kg.resolve import resolve  # noqa: PLC0415

    resolution = resolve(triples, run_query, refused=refused, index=index)
    triples = resolution.triples
    if merges is not None:
        merges.extend(resolution.merges)
    targets = sorted({m.target for m in resolution.merges})
    if targets and shapes is not None:  # the shapes must see what the store says of them
        described = _described(run_query, targets, dict(described))
    if shapes is None or not triples:
        return triples, []
    bad = _extracted_violations(triples, described, shapes, ontology)
    return _drop_nodes(triples, {v.focus_node for v in bad}), bad


def _described(run_query: Callable[[str], Iterable], iris: list[str],
               described: dict[str, list[ox.Triple]]) -> dict[str, list[ox.Triple]]:
    """``described`` with the statements about ``iris`` and the types of what they point at."""
    values = " ".join(f"<{iri}>" for iri in iris)
    added: dict[str, list[ox.Triple]] = defaultdict(list)
    for row in run_query(f"SELECT ?s ?p ?o WHERE {{ VALUES ?s {{ {values} }} ?s ?p ?o "
                         "FILTER(!isBlank(?o)) }"):  # other documents' signatures, roles
        added[row["s"].value].append(ox.Triple(row["s"], row["p"], row["o"]))
    pointed = {t.object.value for ts in added.values() for t in ts
               if isinstance(t.object, ox.NamedNode)} - set(added)
    if pointed:
        values = " ".join(f"<{iri}>" for iri in sorted(pointed))
        for row in run_query(f"SELECT ?s ?o WHERE {{ VALUES ?s {{ {values} }} ?s a ?o }}"):
            added[row["s"].value].append(ox.Triple(row["s"], _RDF_TYPE, row["o"]))
    for iri, triples in added.items():
        described[iri] = list(dict.fromkeys([*described.get(iri, ()), *triples]))
    return described


def _drop_nodes(triples: list[ox.Triple], bad: set[str]) -> list[ox.Triple]:
    """Triples that neither describe nor point at a rejected node, nor support one."""
    supported_bad = {
        str(t.subject.value) for t in triples
        if t.predicate.value == str(EKG.supports) and getattr(t.object, "value", None) in bad
    }
    drop = bad | supported_bad
    return [t for t in triples
            if getattr(t.subject, "value", None) not in drop
            and getattr(t.object, "value", None) not in drop]


# --- derivation -------------------------------------------------------------------------

PAIRS_QUERY = """
SELECT DISTINCT ?a ?b ?source WHERE {
  { ?source ekg:party ?a, ?b } UNION { ?source ekg:participant ?a, ?b }
  FILTER(STR(?a) < STR(?b))
}"""


def derive_cooperations(staging: ox.Store) -> list[ox.Quad]:
    """``ekg:cooperatesWith`` both ways for every pair of co-parties, with a traceable link."""
    from kg.derive import pair_quads  # noqa: PLC0415 - kg.derive is the one place links are made

    sources: dict[tuple[str, str], set[str]] = defaultdict(set)
    for row in staging.query(PAIRS_QUERY, prefixes=PREFIXES, use_default_graph_as_union=True):
        sources[(row["a"].value, row["b"].value)].add(row["source"].value)
    quads = []
    for (a, b), behind in sorted(sources.items()):
        quads += pair_quads(a, b, behind)
    return quads


def _link_key(iri: str) -> str:
    from kg.derive import link_key  # noqa: PLC0415

    return link_key(iri)


# --- documents added through the API ---------------------------------------------------

EXTRACTED_PREFIX = str(graph_iri("extracted", ""))


def _build_graphs() -> frozenset[str]:
    from kg.review import REVIEW_GRAPH, REVIEWED_GRAPH  # noqa: PLC0415 - imports kg.store

    return frozenset({str(ONTOLOGY_GRAPH), str(GAZETTEER_GRAPH), str(CURATED_GRAPH),
                      str(DERIVED_GRAPH), REVIEW_GRAPH, REVIEWED_GRAPH})


BUILD_GRAPHS = _build_graphs()  # the graphs a build makes, besides the document graphs


def ingested_graphs(names: Iterable[str], previous_build: object) -> list[str]:
    """The extracted-document graphs among ``names`` (a store's graph names) that no build put
    there (API ingestion).

    ``previous_build`` is the store's ``build`` note; its ``documents`` list
    names the graphs the last build extracted from ``seeds/documents``. A store
    built before that list was kept has no such list: then every extracted
    graph counts as ingested, so nothing is lost (``force`` drops them).
    """
    from_seeds = set()
    if isinstance(previous_build, dict):
        from_seeds = set(previous_build.get("documents") or ())
    return [g for g in names if g.startswith(EXTRACTED_PREFIX) and g not in from_seeds]


def other_graphs(names: Iterable[str]) -> list[str]:
    """The graphs among ``names`` (a store's graph names) that a build does not make (written
    by ``/update``, ``kg load`` ...): neither one of :data:`BUILD_GRAPHS` nor a document graph."""
    return [g for g in names if g not in BUILD_GRAPHS and not g.startswith(EXTRACTED_PREFIX)]


def _document_of(graph: str) -> str:
    return str(entity_iri("document", graph.rsplit("/", 1)[-1]))


def _carry_over(store: Store, graphs: list[str], rebuilt: set[str],
                staging: ox.Store) -> list[str]:
    """Copy the ingested ``graphs`` that this build did not re-extract into ``staging``."""
    kept = [g for g in graphs if g not in rebuilt]
    for graph in kept:
        staging.extend(store.quads(graph))
    return kept


# --- the build --------------------------------------------------------------------------

def build(store: Store, root: Path | str = REPO_ROOT, *, extract: bool = True,
          progress: Progress | None = None, force: bool = False) -> BuildReport:
    """Build the graph from ``root`` (``ontology/`` and ``seeds/``) into ``store``.

    Documents added through the API are kept (``report.kept``) unless
    ``force`` is given, which drops them (``report.dropped``). Raises
    ParseError for unreadable inputs and ValidationError for curated data that
    breaks the shapes; in both cases the store is untouched.
    """
    started = time.perf_counter()
    root = Path(root)
    report = BuildReport()
    stamp = fingerprint(root, extract)
    previous = store.get_meta("build")
    if not force and isinstance(previous, dict) and previous.get("inputs") == stamp \
            and previous.get("revision") == store.revision:
        report.unchanged = True
        report.graphs = store.graphs()
        names = sorted(report.graphs)  # read once, with the counts
        report.kept = ingested_graphs(names, previous)
        report.kept_graphs = other_graphs(names)
        report.revision = store.revision
        report.seconds = time.perf_counter() - started
        return report

    sources = collect_sources(root)
    shapes, ontology = load_shapes(root), _ontology_graph(sources)
    staging = ox.Store()
    for source in sources:
        target = ox.NamedNode(source.graph)
        staging.extend(ox.Quad(t.subject, t.predicate, t.object, target) for t in source.triples)
    if shapes is not None:  # the shape checks of kg load, on the staged sources
        violations = _checked(staging, sources, shapes, ontology, root)
        if violations:
            raise ValidationError(violations)

    from kg import review  # noqa: PLC0415 - kg.review imports kg.store and kg.derive

    review_graph = ox.NamedNode(review.REVIEW_GRAPH)
    if extract:
        described = _by_subject(sources)
        threshold = review.threshold_from_env()
        for path, key, triples, error in extract_documents(document_files(root), progress):
            if error:
                report.errors.append(error)
                continue
            decided, refused = review.decisions_for(store, str(entity_iri("document", key)))
            merges: list = []
            triples, bad = _screen(  # resolved with the documents extracted before this one
                triples,
                lambda q: staging.query(q, prefixes=PREFIXES, use_default_graph_as_union=True),
                described, shapes, ontology, merges=merges, refused=refused)
            triples, items = review.split(triples, threshold, decided)
            for v in bad:
                v.file = str(path)
            report.rejected += bad
            doc_graph = str(graph_iri("extracted", key))
            target = ox.NamedNode(doc_graph)
            staging.extend(ox.Quad(t.subject, t.predicate, t.object, target) for t in triples)
            staging.extend(ox.Quad(t.subject, t.predicate, t.object, review_graph)
                           for t in review.records(merges, items, triples, decided))
            report.documents[str(path)] = doc_graph

    names = store.graph_names()  # read once: the build has not written to the store yet
    ingested = ingested_graphs(names, previous)
    from_seeds = set(report.documents.values())
    if force:
        report.dropped = [g for g in ingested if g not in from_seeds]
        report.dropped_graphs = other_graphs(names)
    else:
        report.kept = _carry_over(store, ingested, from_seeds, staging)
        report.kept_graphs = _carry_over(store, other_graphs(names), set(), staging)
    staging.extend(review.carry_over(store, kept={_document_of(g) for g in report.kept},
                                     recreated={_document_of(g) for g in from_seeds}))

    derived = derive_cooperations(staging)
    report.derived_pairs = sum(1 for q in derived if q.predicate.value == str(EKG.cooperatesWith)) // 2
    staging.extend(derived)

    store.replace_all(quads=iter(staging))
    store.set_meta("build", {"inputs": stamp, "revision": store.revision,
                             "documents": sorted(from_seeds)})
    report.graphs = store.graphs()
    report.classes = class_counts(store)
    report.revision = store.revision
    report.seconds = time.perf_counter() - started
    return report


def class_counts(store: Store) -> dict[str, int]:
    """Instances per class of our ontology (``ekg:Country`` → 12, ...)."""
    rows = store.query(
        "SELECT ?c (COUNT(DISTINCT ?x) AS ?n) WHERE { ?x a ?c FILTER(STRSTARTS(STR(?c), STR(ekg:))) }"
        " GROUP BY ?c ORDER BY DESC(?n)"
    )
    return {"ekg:" + row["c"].value.split("#", 1)[1]: int(row["n"].value) for row in rows}
