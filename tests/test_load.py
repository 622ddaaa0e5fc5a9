"""kg.load: every format, graph names, --graph/--replace, validation that rejects a load whole,
parse errors with file and line, the merged default graph, disk and memory (and remote refused)."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest

from kg import build as building
from kg import load as loading
from kg.build import REPO_ROOT, build
from kg.errors import ParseError, StoreError, ValidationError
from kg.load import (RESTRICT, check_store, default_graph_for, load, shape_checks,
                     store_subclasses, touched_view)
from kg.namespaces import PREFIXES
from kg.store import LAYOUT, Store

CURATED_BAD = Path(__file__).parent / "data" / "curated_bad"
EKG = "https://w3id.org/energy-kg/ontology#"
ID = "https://w3id.org/energy-kg/id/"
G1, G2 = "https://example.org/graph/one", "https://example.org/graph/two"

# Two organizations and a memorandum between them: conforms to the shapes.
VALID_TTL = f"""
@prefix ekg: <{EKG}> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
<{ID}org/load-a> a ekg:Organization ; rdfs:label "Load A"@en .
<{ID}org/load-b> a ekg:Organization ; rdfs:label "Load B"@en .
<{ID}agreement/load-ab> a ekg:Memorandum ; rdfs:label "A-B memorandum"@en ;
    ekg:party <{ID}org/load-a>, <{ID}org/load-b> ; ekg:signedOn "2020-05-01"^^xsd:date .
"""


def _dataset(graph: str | None) -> list[ox.Quad]:
    target = ox.NamedNode(graph) if graph else ox.DefaultGraph()
    return [ox.Quad(t.subject, t.predicate, t.object, target)
            for t in ox.parse(VALID_TTL.encode(), format=ox.RdfFormat.TURTLE)]


def _write(path: Path, quads: list[ox.Quad], fmt: ox.RdfFormat) -> Path:
    if fmt.supports_datasets:
        path.write_bytes(ox.serialize(quads, format=fmt))
    else:
        path.write_bytes(ox.serialize([q.triple for q in quads], format=fmt))
    return path


def _named(store: Store) -> set[tuple]:
    return {(str(q.subject), str(q.predicate), str(q.object), str(q.graph_name))
            for q in store.quads()}


def _default(store: Store) -> set[tuple]:
    return {(str(q.subject), str(q.predicate), str(q.object))
            for q in store.oxigraph.quads_for_pattern(None, None, None, ox.DefaultGraph())}


def _assert_merged(store: Store) -> None:
    """The default graph is exactly the set of triples of the named graphs."""
    assert _default(store) == {q[:3] for q in _named(store)}


@pytest.fixture(params=["memory", "disk"])
def location(request, tmp_path: Path) -> str:
    return "memory:" if request.param == "memory" else str(tmp_path / "store")


FORMATS = [("nt", ox.RdfFormat.N_TRIPLES), ("ttl", ox.RdfFormat.TURTLE),
           ("rdf", ox.RdfFormat.RDF_XML), ("nq", ox.RdfFormat.N_QUADS),
           ("trig", ox.RdfFormat.TRIG), ("jsonld", ox.RdfFormat.JSON_LD)]


@pytest.mark.parametrize("ext, fmt", FORMATS, ids=[e for e, _ in FORMATS])
def test_every_format_loads(location: str, tmp_path: Path, ext: str, fmt: ox.RdfFormat):
    store = Store(location)
    quads = _dataset(G1 if fmt.supports_datasets else None)
    path = _write(tmp_path / f"people.{ext}", quads, fmt)
    report = load(store, [path])
    expected_graph = G1 if fmt.supports_datasets else default_graph_for(path)
    assert report.quads == len(quads) and report.graphs == [expected_graph]
    assert store.graphs() == {expected_graph: len(quads)}
    assert store.revision == report.revision == 1
    _assert_merged(store)
    if location != "memory:":
        assert Store(location, read_only=True).graphs() == {expected_graph: len(quads)}
        assert '"layout": "merged-default-graph"' in (Path(location) / "meta.json").read_text()


def test_quad_formats_keep_their_graph_names(location: str, tmp_path: Path):
    quads = _dataset(G1)[:3] + _dataset(G2)[3:]
    default_triple = _dataset(None)[0]
    nq = tmp_path / "two.nq"
    nq.write_bytes(ox.serialize(quads + [default_triple], format=ox.RdfFormat.N_QUADS))
    store = Store(location)
    report = load(store, [nq], graph="curated")
    curated = "https://w3id.org/energy-kg/graph/curated"
    assert store.graphs() == {G1: 3, G2: len(quads) - 3, curated: 1}
    assert set(report.graphs) == {G1, G2, curated}
    _assert_merged(store)


def test_triples_go_into_graph_or_file_named_graph(tmp_path: Path):
    path = _write(tmp_path / "my data.v2.ttl", _dataset(None), ox.RdfFormat.TURTLE)
    assert default_graph_for(path) == "https://w3id.org/energy-kg/graph/load/my-data"
    store = Store("memory:")
    load(store, [path])
    load(store, [path], graph=G2)
    load(store, [path], graph="curated")
    assert set(store.graphs()) == {"https://w3id.org/energy-kg/graph/load/my-data", G2,
                                   "https://w3id.org/energy-kg/graph/curated"}
    assert not any(type(q.graph_name) is ox.DefaultGraph for q in store.quads())


def test_default_graph_stays_a_set(location: str, tmp_path: Path):
    path = _write(tmp_path / "x.ttl", _dataset(None), ox.RdfFormat.TURTLE)
    store = Store(location)
    load(store, [path], graph=G1)
    load(store, [path], graph=G2)
    rows = store.select(f"SELECT (COUNT(*) AS ?n) WHERE {{ <{ID}org/load-a> ?p ?o }}")
    assert rows[0]["n"] == 2  # a type and a label, once each although two graphs state them
    rows = store.select(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH ?g {{ <{ID}org/load-a> ?p ?o }} }}")
    assert rows[0]["n"] == 4
    _assert_merged(store)


def test_replace_replaces_the_touched_graphs(location: str, tmp_path: Path):
    store = Store(location)
    first = _write(tmp_path / "first.trig", _dataset(G1) + _dataset(G2), ox.RdfFormat.TRIG)
    load(store, [first])
    smaller = _dataset(G1)[:2]  # org A only: its type and label
    second = _write(tmp_path / "second.nq", smaller, ox.RdfFormat.N_QUADS)
    report = load(store, [second], replace=True)
    assert report.replaced == [G1]
    assert store.graphs() == {G1: 2, G2: len(_dataset(G2))}  # G2 untouched
    _assert_merged(store)
    # dropping G2's content removes from the default graph what only G2 stated
    third = _write(tmp_path / "third.nt", smaller, ox.RdfFormat.N_TRIPLES)
    load(store, [third], graph=G2, replace=True)
    assert store.graphs() == {G1: 2, G2: 2}
    assert len(_default(store)) == 2
    _assert_merged(store)


@pytest.fixture
def seeded(tmp_path: Path) -> Store:
    """A disk store built from the seeds (no extraction)."""
    store = Store(str(tmp_path / "seeded"))
    build(store, REPO_ROOT, extract=False)
    return store


@pytest.mark.parametrize("bad_file", sorted(CURATED_BAD.glob("*.ttl")), ids=lambda p: p.name)
def test_violation_rejects_the_load_and_leaves_the_store_as_it_was(seeded: Store,
                                                                   bad_file: Path):
    before, revision = seeded.dump(None, "nquads"), seeded.revision
    data_dirs = sorted(p.name for p in Path(seeded.location).glob("data-*"))
    with pytest.raises(ValidationError) as info:
        load(seeded, [bad_file], graph="curated")
    assert bad_file.name in str(info.value)
    assert info.value.violations[0].file == str(bad_file)
    assert seeded.revision == revision
    assert seeded.dump(None, "nquads") == before
    assert sorted(p.name for p in Path(seeded.location).glob("data-*")) == data_dirs
    reopened = Store(seeded.location, read_only=True)
    assert reopened.revision == revision and reopened.dump(None, "nquads") == before


def test_violation_in_memory_leaves_the_store_as_it_was(tmp_path: Path):
    store = Store("memory:")
    build(store, REPO_ROOT, extract=False)
    before, revision = store.dump(None, "nquads"), store.revision
    with pytest.raises(ValidationError):
        load(store, [CURATED_BAD / "impossible_signing_date.ttl"])
    assert store.revision == revision and store.dump(None, "nquads") == before


def test_a_small_load_into_a_full_store_checks_the_touched_nodes(seeded: Store, tmp_path: Path):
    path = _write(tmp_path / "ok.ttl", _dataset(None), ox.RdfFormat.TURTLE)
    report = load(seeded, [path], graph="curated")
    assert report.checked == "touched"
    empty = Store("memory:")
    assert load(empty, [path]).checked == "all"


def test_replace_that_breaks_other_graphs_nodes_is_rejected(tmp_path: Path):
    """Org A's only type and label are in G1; the agreement in G2 needs A to be an actor."""
    store = Store("memory:")
    orgs = _dataset(G1)[:4]
    agreement = _dataset(G2)[4:]
    load(store, [_write(tmp_path / "orgs.nq", orgs, ox.RdfFormat.N_QUADS)])
    load(store, [_write(tmp_path / "agreement.nq", agreement, ox.RdfFormat.N_QUADS)])
    filler = [ox.Quad(ox.NamedNode(f"https://example.org/x{i}"), ox.NamedNode(EKG + "note"),
                      ox.Literal(str(i)), ox.NamedNode("https://example.org/filler"))
              for i in range(100)]
    load(store, [_write(tmp_path / "filler.nq", filler, ox.RdfFormat.N_QUADS)])
    revision = store.revision
    only_b = orgs[2:]
    with pytest.raises(ValidationError) as info:
        load(store, [_write(tmp_path / "orgs2.nq", only_b, ox.RdfFormat.N_QUADS)],
             replace=True)
    assert any(v.focus_node == f"{ID}agreement/load-ab" for v in info.value.violations)
    assert store.revision == revision and store.graphs()[G1] == 4


@pytest.mark.parametrize("name, text, line", [
    ("broken.ttl", '@prefix ex: <https://example.org/> .\n\nex:a ex:b "unclosed .\n', 3),
    ("broken.nt", '<https://example.org/a> <https://example.org/b> "x" .\n<https://e.org/a> <b> .\n', 2),
    ("broken.nq", '<https://example.org/a> <https://example.org/b> "x" <g> <h> .\n', 1),
    ("broken.jsonld", '{\n  "@id": "https://example.org/a",\n  "https://example.org/b": [1,\n}', 4),
])
def test_parse_error_names_file_and_line(location: str, tmp_path: Path, name: str, text: str,
                                         line: int):
    store = Store(location)
    good = _write(tmp_path / "good.ttl", _dataset(None), ox.RdfFormat.TURTLE)
    load(store, [good])
    before, revision = store.dump(None, "nquads"), store.revision
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ParseError) as info:
        load(store, [good, path])
    assert info.value.file == str(path) and info.value.line == line
    assert str(info.value).startswith(f"{path}:{line}: ")
    assert store.revision == revision and store.dump(None, "nquads") == before


def test_remote_store_is_refused_clearly(oxigraph_server, tmp_path: Path):
    oxigraph_server.clear()
    store = Store(oxigraph_server.url)
    path = _write(tmp_path / "x.ttl", _dataset(None), ox.RdfFormat.TURTLE)
    with pytest.raises(StoreError, match="SPARQL endpoint"):
        load(store, [path])
    assert store.graphs() == {}


# --- the SPARQL checks agree with pySHACL ----------------------------------------------

BAD_CASES = {
    "country code": f'<{ID}country/XX> a ekg:Country ; rdfs:label "X" ; ekg:isoCode "xx1" .',
    "region without country": f'<{ID}region/XX-1> a ekg:Region ; rdfs:label "R" ; '
                              'ekg:isoCode "XX-1" .',
    "actor without label": f'<{ID}org/nolabel> a ekg:Organization .',
    "two signers": f'<{ID}agreement/s> a ekg:Treaty ; ekg:party <{ID}country/JP>, '
                   f'<{ID}country/RU> ; ekg:signature [ a ekg:Signature ; ekg:signer '
                   f'<{ID}person/a>, <{ID}person/b> ; ekg:onBehalfOf <{ID}country/JP> ] .',
    "topic outside the list": f'<{ID}agreement/t> a ekg:Treaty ; ekg:party <{ID}country/JP>, '
                              f'<{ID}country/RU> ; ekg:topic <{ID}topic/knitting> .',
    "evidence confidence": '[] a ekg:Evidence ; ekg:supports <https://example.org/x> ; '
                           'ekg:document <https://example.org/d> ; ekg:quote "q" ; '
                           'ekg:confidence 1.5 ; ekg:extractor "t" .',
    "two dates": f'<{ID}agreement/d> a ekg:Contract ; ekg:party <{ID}country/JP>, '
                 f'<{ID}country/RU> ; ekg:signedOn "2020"^^xsd:gYear, "2021"^^xsd:gYear .',
    "untyped agreement": f'<{ID}agreement/u> ekg:party <{ID}country/JP>, <{ID}country/RU> .',
    "party not an actor": f'<{ID}agreement/p> a ekg:Treaty ; ekg:party <{ID}country/JP>, '
                          '<https://example.org/nobody> .',
    "based in a person": f'<{ID}org/o> a ekg:Organization ; rdfs:label "O" ; '
                         f'ekg:basedIn <{ID}org/o> .',
    "cooperation of one": f'<{ID}cooperation/c> a ekg:Cooperation ; ekg:participant '
                          f'<{ID}country/JP> ; ekg:since "long ago" .',
    # (rdflib takes "2020-13"^^xsd:gYearMonth for well-formed, so pySHACL lets it pass;
    # the SPARQL checks reject it, as XSD does: see test_month_13_is_ill_formed)
    "bad duration": f'<{ID}agreement/v> a ekg:Treaty ; ekg:party <{ID}country/JP>, '
                    f'<{ID}country/RU> ; ekg:validFor "3 years" .',
}
PREAMBLE = ("@prefix ekg: <https://w3id.org/energy-kg/ontology#> .\n"
            "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n"
            "@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .\n")


@pytest.mark.parametrize("case", sorted(BAD_CASES))
def test_sparql_checks_find_what_pyshacl_finds(case: str, tmp_path: Path):
    path = tmp_path / "case.ttl"
    path.write_text(PREAMBLE + BAD_CASES[case], encoding="utf-8")
    sources = building.collect_sources(REPO_ROOT)
    sources.append(building.Source(path, "https://w3id.org/energy-kg/graph/curated",
                                   building.parse_file(path)))
    staging = ox.Store()
    for source in sources:
        staging.extend(ox.Quad(t.subject, t.predicate, t.object, ox.NamedNode(source.graph))
                       for t in source.triples)
    mine = check_store(staging, union=True)
    data = building._rdflib_graph(t for s in sources for t in s.triples)
    theirs = building.shacl_violations(data, building.load_shapes(REPO_ROOT),
                                       building._ontology_graph(sources))
    def keyed(violations):
        return {(v.focus_node if v.focus_node.startswith("http") else "_:", v.message)
                for v in violations}
    assert keyed(mine) == keyed(theirs)
    assert mine, case


def test_month_13_is_ill_formed():
    staging = ox.Store()
    staging.load(PREAMBLE.encode() + f'<{ID}cooperation/c> a ekg:Cooperation ; ekg:participant '
                 f'<{ID}country/JP>, <{ID}country/RU> ; ekg:since "2020-13"^^xsd:gYearMonth .'
                 .encode(), format=ox.RdfFormat.TURTLE, to_graph=ox.NamedNode(G1))
    assert EKG + "since" in {v.path for v in check_store(staging, union=True)
                             if v.focus_node.endswith("cooperation/c")}


def test_touched_view_finds_the_same_violations(tmp_path: Path):
    """Checking the touched nodes in their small view = checking the whole store, for them."""
    store = Store("memory:")
    build(store, REPO_ROOT, extract=False)
    path = tmp_path / "case.ttl"
    path.write_text(PREAMBLE + "\n".join(BAD_CASES.values()), encoding="utf-8")
    handle = store.oxigraph
    handle.bulk_extend(q for t in ox.parse(path=str(path), format=ox.RdfFormat.TURTLE)
                       for q in (ox.Quad(t.subject, t.predicate, t.object, ox.NamedNode(G1)),
                                 ox.Quad(t.subject, t.predicate, t.object)))
    checks = shape_checks(REPO_ROOT, store_subclasses(handle))
    whole = {v for v in checks.violations(lambda q: handle.query(q, prefixes=PREFIXES))}
    view = touched_view(handle, [G1], [], checks.object_targets)
    touched = set(checks.violations(lambda q: view.query(q, prefixes=PREFIXES), RESTRICT))
    assert touched and touched == whole


def test_layout_is_kept_on_disk(tmp_path: Path):
    store = Store(str(tmp_path / "s"))
    load(store, [_write(tmp_path / "x.nt", _dataset(None), ox.RdfFormat.N_TRIPLES)])
    assert store._meta.get("layout") == LAYOUT
    assert sorted(p.name for p in (tmp_path / "s").glob("data-*")) == ["data-000001"]


def test_counts_are_checked_on_targeted_nodes_only():
    """Counts scan every value of a path; a node that no shape targets is not reported, a
    targeted node without values is (minCount), as are too many values (maxCount)."""
    staging = ox.Store()
    staging.load(PREAMBLE.encode() + (
        # two signers but neither typed ekg:Signature nor the object of ekg:signature
        f'<{ID}untargeted> ekg:signer <{ID}person/a>, <{ID}person/b> .\n'
        # a signature with no signer and two onBehalfOf values
        f'<{ID}signature/s> a ekg:Signature ; ekg:onBehalfOf <{ID}country/JP>, '
        f'<{ID}country/RU> .\n').encode(), format=ox.RdfFormat.TURTLE,
        to_graph=ox.NamedNode(G1))
    found = {(v.focus_node, v.path) for v in check_store(staging, union=True)}
    assert (ID + "signature/s", EKG + "signer") in found
    assert (ID + "signature/s", EKG + "onBehalfOf") in found
    assert not any(focus == ID + "untargeted" for focus, _ in found)


def test_shapes_without_targets_in_the_data_are_skipped():
    checks = shape_checks(REPO_ROOT)
    assert list(checks.queries(targeted=lambda pattern: False)) == []
    asked: list[str] = []
    staging = ox.Store()
    staging.load(PREAMBLE.encode() + f'<{ID}signature/s> a ekg:Signature .'.encode(),
                 format=ox.RdfFormat.TURTLE)

    def run(sparql: str):
        if sparql.startswith("ASK"):
            asked.append(sparql)
        return staging.query(sparql, prefixes=PREFIXES)

    violations = checks.violations(run)
    assert {v.focus_node for v in violations} == {ID + "signature/s"}
    assert any("Signature" in q for q in asked)


@pytest.mark.parametrize("ext, fmt", [("nq", ox.RdfFormat.N_QUADS), ("ttl", ox.RdfFormat.TURTLE)])
def test_progress_fills_one_bar_per_file(tmp_path: Path, ext: str, fmt: ox.RdfFormat):
    """The bar moves during the bulk load itself (not only during the copies' pass), never
    backwards, and ends at the file size."""
    path = _write(tmp_path / f"people.{ext}", _dataset(G1 if fmt.supports_datasets else None),
                  fmt)
    seen: list[tuple[str, int, int]] = []
    load(Store("memory:"), [path], progress=lambda *call: seen.append(call))
    size = path.stat().st_size
    assert {(name, total) for name, _, total in seen} == {(path.name, size)}
    done = [d for _, d, _ in seen]
    assert done == sorted(done) and done[-1] == size
    if ext == "nq":  # the quads' own bulk load reports its reading
        assert any(0 < d <= size * loading.QUADS_SHARE for d in done)
