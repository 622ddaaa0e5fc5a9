"""kg.build: validation before loading, derived cooperations, atomic and idempotent builds."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.build import build, validate_paths
from kg.errors import ParseError, ValidationError
from kg.namespaces import CURATED_GRAPH, DERIVED_GRAPH, ONTOLOGY_GRAPH
from kg.store import Store

CURATED_BAD = Path(__file__).parent / "data" / "curated_bad"


def test_seed_build_has_every_graph(seed_store: Store):
    graphs = seed_store.graphs()
    for graph in (ONTOLOGY_GRAPH, CURATED_GRAPH, DERIVED_GRAPH):
        assert graphs.get(str(graph), 0) > 0, graph


def test_derived_pairs_trace_back_to_agreements(seed_store: Store):
    rows = seed_store.select("""
        SELECT ?source WHERE {
          GRAPH <https://w3id.org/energy-kg/graph/derived> {
            region:DE-NW ekg:cooperatesWith region:JP-07 .
            ?link a ekg:CooperationLink ; ekg:actor region:DE-NW, region:JP-07 ; ekg:basedOn ?source .
          }
          ?source ekg:signedOn "2026-01-15"^^xsd:date .
        }""")
    assert rows, "the NRW–Fukushima pair must be traced to the 2026 memorandum"


def test_cooperates_with_is_symmetric(seed_store: Store):
    asymmetric = seed_store.query(
        "ASK { ?a ekg:cooperatesWith ?b FILTER NOT EXISTS { ?b ekg:cooperatesWith ?a } }")
    assert not bool(asymmetric)


def test_unchanged_inputs_are_a_no_op(tmp_path: Path, project_copy: Path):
    store = Store(str(tmp_path / "store"))
    first = build(store, project_copy, extract=False)
    second = build(store, project_copy, extract=False)
    assert not first.unchanged and second.unchanged
    assert store.revision == first.revision


def test_rebuild_after_a_change(tmp_path: Path, project_copy: Path):
    store = Store(str(tmp_path / "store"))
    build(store, project_copy, extract=False)
    extra = project_copy / "seeds" / "curated" / "zz_extra.ttl"
    extra.write_text('<https://w3id.org/energy-kg/id/org/example> a '
                     '<https://w3id.org/energy-kg/ontology#Organization> ; '
                     '<http://www.w3.org/2000/01/rdf-schema#label> "Example" .\n', encoding="utf-8")
    report = build(store, project_copy, extract=False)
    assert not report.unchanged
    assert store.select("SELECT ?x WHERE { ?x rdfs:label 'Example' }")


@pytest.mark.parametrize("bad_file", sorted(CURATED_BAD.glob("*.ttl")), ids=lambda p: p.name)
def test_failed_build_leaves_store_exactly_as_it_was(tmp_path: Path, project_copy: Path,
                                                      bad_file: Path):
    store = Store(str(tmp_path / "store"))
    build(store, project_copy, extract=False)
    before = store.dump(None, "nquads")
    revision = store.revision
    (project_copy / "seeds" / "curated" / bad_file.name).write_bytes(bad_file.read_bytes())
    with pytest.raises(ValidationError) as info:
        build(store, project_copy, extract=False)
    assert bad_file.name in str(info.value)
    assert store.dump(None, "nquads") == before
    assert store.revision == revision
    reopened = Store(str(tmp_path / "store"), read_only=True)
    assert reopened.dump(None, "nquads") == before


def test_unreadable_curated_file_names_file_and_line(project_copy: Path, memory_store: Store):
    broken = project_copy / "seeds" / "curated" / "broken.ttl"
    broken.write_text("@prefix ex: <https://example.org/> .\n\nex:a ex:b \"unclosed .\n",
                      encoding="utf-8")
    with pytest.raises(ParseError) as info:
        build(memory_store, project_copy, extract=False)
    assert "broken.ttl" in str(info.value) and info.value.line == 3
    assert len(memory_store) == 0


def test_curated_seeds_conform():
    curated = sorted((Path(__file__).parent.parent / "seeds" / "curated").glob("*.ttl"))
    assert curated and validate_paths(curated) == []


@pytest.mark.parametrize("bad_file", sorted(CURATED_BAD.glob("*.ttl")), ids=lambda p: p.name)
def test_validation_names_file_and_node(bad_file: Path):
    violations = validate_paths([bad_file])
    assert violations
    assert all(v.file == str(bad_file) for v in violations)
    assert all(v.focus_node.startswith("https://") for v in violations)


def test_ontology_graph_holds_topics(seed_store: Store):
    assert seed_store.select(
        "SELECT ?t WHERE { GRAPH <%s> { ?t a skos:Concept ; skos:prefLabel 'hydrogen'@en } }"
        % ONTOLOGY_GRAPH)


def test_screen_document_keeps_out_facts_that_break_the_shapes(seed_store: Store):
    from kg.build import screen_document
    from kg.store import parse_triples

    data = b"""
    @prefix ekg: <https://w3id.org/energy-kg/ontology#> .
    @prefix id: <https://w3id.org/energy-kg/id/> .
    @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
    <https://w3id.org/energy-kg/id/agreement/good> a ekg:Memorandum ;
        ekg:party <https://w3id.org/energy-kg/id/country/JP>, <https://w3id.org/energy-kg/id/country/RU> ;
        ekg:signedOn "2020-05-01"^^xsd:date .
    <https://w3id.org/energy-kg/id/agreement/bad> a ekg:Memorandum ;
        ekg:party <https://w3id.org/energy-kg/id/country/JP>, <https://w3id.org/energy-kg/id/topic/hydrogen> ;
        ekg:signedOn "2020-05-01"^^xsd:date .
    [] a ekg:Evidence ; ekg:supports <https://w3id.org/energy-kg/id/agreement/bad> ;
        ekg:quote "..." .
    """
    kept, rejected = screen_document(seed_store, parse_triples(data, "turtle"))
    rejected_nodes = {v.focus_node for v in rejected}
    assert "https://w3id.org/energy-kg/id/agreement/bad" in rejected_nodes
    assert "https://w3id.org/energy-kg/id/agreement/good" not in rejected_nodes
    subjects = {t.subject.value for t in kept if hasattr(t.subject, "value")}
    assert "https://w3id.org/energy-kg/id/agreement/good" in subjects
    assert "https://w3id.org/energy-kg/id/agreement/bad" not in subjects
    assert not any(t.predicate.value.endswith("#supports") for t in kept)


def test_extracted_agreement_takes_the_curated_iri(seed_store: Store):
    rows = seed_store.select("""
        SELECT DISTINCT ?a WHERE { ?a ekg:signedOn "2016-12-16"^^xsd:date }""")
    assert [r["a"] for r in rows] == [
        "https://w3id.org/energy-kg/id/agreement/2016-12-16-japan-rosatom-nuclear-energy"]
    evidence = seed_store.select("""
        SELECT ?quote WHERE {
          GRAPH ?g { ?e ekg:supports agreement:2016-12-16-japan-rosatom-nuclear-energy ;
                        ekg:quote ?quote }
          FILTER(STRSTARTS(STR(?g), "https://w3id.org/energy-kg/graph/extracted/"))
        }""")
    assert any("Tokio" in r["quote"] for r in evidence)


def test_reconcile_needs_same_date_and_shared_parties():
    import pyoxigraph as ox

    from kg.build import KnownAgreement, reconcile

    party, signed = (ox.NamedNode(f"https://w3id.org/energy-kg/ontology#{p}")
                     for p in ("party", "signedOn"))
    a = ox.NamedNode("https://w3id.org/energy-kg/id/agreement/extracted")
    triples = [ox.Triple(a, party, ox.NamedNode("https://w3id.org/energy-kg/id/country/JP")),
               ox.Triple(a, party, ox.NamedNode("https://w3id.org/energy-kg/id/country/RU")),
               ox.Triple(a, signed, ox.Literal("2009-05-12"))]
    jp_ru = frozenset({"https://w3id.org/energy-kg/id/country/JP",
                       "https://w3id.org/energy-kg/id/country/RU"})
    same = reconcile(triples, {"https://w3id.org/energy-kg/id/agreement/known":
                               KnownAgreement("2009-05-12", jp_ru)})
    assert {t.subject.value for t in same} == {"https://w3id.org/energy-kg/id/agreement/known"}
    other_day = reconcile(triples, {"https://w3id.org/energy-kg/id/agreement/known":
                                    KnownAgreement("2009-05-13", jp_ru)})
    assert other_day == triples
    undated = [t for t in triples if t.predicate != signed]
    assert reconcile(undated, {"https://w3id.org/energy-kg/id/agreement/known":
                               KnownAgreement("2009-05-12", jp_ru)}) == undated  # no shared source


def test_undated_agreement_merges_with_the_one_curated_from_the_same_document(seed_store: Store):
    rows = seed_store.select("""
        SELECT DISTINCT ?a WHERE { ?a ekg:party region:DE-NW, region:JP-07 }""")
    assert sorted(r["a"].rsplit("/", 1)[-1][:10] for r in rows) == ["2014-fukus", "2026-01-15"]


def test_build_into_a_remote_sparql_endpoint(oxigraph_server):
    from kg import query
    from kg.view import get_view

    oxigraph_server.clear()
    store = Store(oxigraph_server.url)
    report = build(store, extract=False)
    assert store.graphs()[str(CURATED_GRAPH)] == report.graphs[str(CURATED_GRAPH)]
    partners = {p.label for p in query.partners(get_view(store), "Japan")}
    assert {"Russia", "Rosatom"} <= partners


NOTES = "https://example.org/notes"


def test_rebuild_keeps_the_graphs_it_does_not_make(tmp_path: Path, project_copy: Path):
    """A graph written with SPARQL UPDATE survives a rebuild (and its agreements take part
    in the derived links); what was written into a graph the build makes gives way to
    seeds/; force drops the other graphs and says which."""
    store = Store(str(tmp_path / "store"))
    build(store, project_copy, extract=False)
    store.update(f"""INSERT DATA {{ GRAPH <{NOTES}> {{
        <{NOTES}#a> a ekg:Memorandum ; ekg:party country:IS, country:NZ ;
            ekg:signedOn "2024-05-01"^^xsd:date . }}
      GRAPH <{CURATED_GRAPH}> {{ <{NOTES}#x> rdfs:label "gone" }} }}""")
    (project_copy / "seeds" / "curated" / "zz_extra.ttl").write_text(  # a change: a rebuild
        '<https://w3id.org/energy-kg/id/org/example> a '
        '<https://w3id.org/energy-kg/ontology#Organization> ; '
        '<http://www.w3.org/2000/01/rdf-schema#label> "Example" .\n', encoding="utf-8")
    report = build(store, project_copy, extract=False)
    assert not report.unchanged and report.kept_graphs == [NOTES]
    assert store.graphs()[NOTES] == 4
    assert not store.query(f'ASK {{ <{NOTES}#x> rdfs:label "gone" }}')
    assert store.query("ASK { GRAPH <https://w3id.org/energy-kg/graph/derived> "
                       "{ country:IS ekg:cooperatesWith country:NZ } }")
    assert build(store, project_copy, extract=False).kept_graphs == [NOTES]  # unchanged too
    forced = build(store, project_copy, extract=False, force=True)
    assert forced.dropped_graphs == [NOTES] and not forced.kept_graphs
    assert NOTES not in store.graphs()
    assert not store.query("ASK { country:IS ekg:cooperatesWith country:NZ }")


# --- screening a document: the SPARQL shape checks against pySHACL ---------------------------

def _documents() -> list[tuple[str, list]]:
    """Invented reports, extracted, and the same with facts that break the shapes."""
    import pyoxigraph as ox

    from kg.extract.document import make_document
    from kg.extract.pipeline import extract_document
    from kg.store import parse_triples
    from tests.test_load import BAD_CASES, PREAMBLE

    data = Path(__file__).parent / "data"
    found = []
    for path in sorted([*(data / "ingest").rglob("*.txt"), *(data / "reports").glob("*.txt")]):
        text = path.read_text(encoding="utf-8")
        found.append((path.name, parse_triples(extract_document(make_document(text)).to_rdf())))
    _, first = found[0]
    ekg = "https://w3id.org/energy-kg/ontology#"
    agreement = next(t.subject for t in first if t.predicate.value == ekg + "party")
    topic = ox.NamedNode("https://w3id.org/energy-kg/id/topic/hydrogen")
    broken = [ox.Triple(agreement, ox.NamedNode(ekg + "party"), topic),
              ox.Triple(agreement, ox.NamedNode(ekg + "signedOn"),
                        ox.Literal("1999", datatype=ox.NamedNode(
                            "http://www.w3.org/2001/XMLSchema#gYear"))),
              ox.Triple(agreement, ox.NamedNode(ekg + "signedOn"),
                        ox.Literal("2001", datatype=ox.NamedNode(
                            "http://www.w3.org/2001/XMLSchema#gYear")))]
    found.append(("extracted, then broken", first + broken))
    for case, turtle in sorted(BAD_CASES.items()):
        found.append((case, parse_triples((PREAMBLE + turtle).encode(), "turtle")))
    return found


def test_a_document_is_screened_by_the_sparql_checks_as_by_pyshacl(seed_store: Store):
    """The same violations, and the same again when what the store says of the nodes is
    limited to the predicates the shapes name (what screening reads)."""
    from kg.build import (_extracted_violations, _extracted_violations_pyshacl,
                          _shapes_and_ontology, known_descriptions, shape_predicates)
    from kg.resolve import REPO_ROOT

    shapes, ontology = _shapes_and_ontology(REPO_ROOT)
    predicates = shape_predicates(shapes)
    assert predicates and "https://w3id.org/energy-kg/ontology#party" in predicates
    def keyed(violations):
        return {(v.focus_node, v.path, v.message) for v in violations}

    flagged = 0
    for name, triples in _documents():
        described = known_descriptions(seed_store, triples)
        theirs = _extracted_violations_pyshacl(triples, described, shapes, ontology)
        assert keyed(_extracted_violations(triples, described, shapes, ontology)) == \
            keyed(theirs), name
        fewer = known_descriptions(seed_store, triples, predicates=predicates)
        assert keyed(_extracted_violations(triples, fewer, shapes, ontology)) == \
            keyed(theirs), name
        flagged += bool(theirs)
    assert flagged >= 10  # the broken ones, at least
