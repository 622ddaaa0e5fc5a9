"""kg.store: backends, transactions, revisions, persistence."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg.errors import ParseError, QuerySyntaxError, ReadOnlyError, StoreError
from kg.store import Store, named_quads

G1 = "https://example.org/graph/one"
G2 = "https://example.org/graph/two"
TRIPLE = b'<https://example.org/a> <https://example.org/p> "one" .\n'
OTHER = b'<https://example.org/b> <https://example.org/p> "two" .\n'


@pytest.fixture(params=["memory", "disk", "remote"])
def store(request, tmp_path: Path) -> Store:
    if request.param == "remote":
        server = request.getfixturevalue("oxigraph_server")
        server.clear()
        return Store(server.url)
    location = "memory:" if request.param == "memory" else str(tmp_path / "store")
    return Store(location)


def test_add_graph_counts_and_bumps_revision(store: Store):
    assert store.revision == 0
    assert store.add_graph(G1, TRIPLE, "nt") == 1
    assert store.add_graph(G1, TRIPLE, "nt") == 0  # already there
    assert store.revision == 2
    assert store.graphs() == {G1: 1}


def test_graph_names_are_the_graphs_that_hold_triples(store: Store):
    store.add_graph(G2, TRIPLE, "nt")
    store.add_graph(G1, TRIPLE, "nt")
    store.update(f"CREATE SILENT GRAPH <{G1}-empty>")  # declared, holds nothing
    assert store.graph_names() == sorted(store.graphs()) == sorted([G1, G2])
    store.remove_graph(G2)
    assert store.graph_names() == [G1]


def test_queries_see_the_union_of_graphs(store: Store):
    store.add_graph(G1, TRIPLE, "nt")
    store.add_graph(G2, OTHER, "nt")
    rows = store.select("SELECT ?o WHERE { ?s ?p ?o } ORDER BY ?o")
    assert [r["o"] for r in rows] == ["one", "two"]
    only_one = store.select("SELECT ?o WHERE { ?s ?p ?o }", default_graphs=[G1])
    assert [r["o"] for r in only_one] == ["one"]


def test_replace_graph_is_one_step(store: Store):
    store.add_graph(G1, TRIPLE, "nt")
    store.add_graph(G1, OTHER, "nt", replace=True)
    assert [r["o"] for r in store.select("SELECT ?o WHERE { ?s ?p ?o }")] == ["two"]


@pytest.mark.parametrize("bad", [b'<https://example.org/a> <https://example.org/p> "open .\n',
                                 b"@prefix broken\n"])
def test_parse_error_changes_nothing(store: Store, bad: bytes):
    store.add_graph(G1, TRIPLE, "nt")
    before = (store.revision, store.dump(None, "nquads"))
    with pytest.raises(ParseError):
        store.add_graph(G2, bad, "turtle")
    assert (store.revision, store.dump(None, "nquads")) == before


def test_failed_replace_all_keeps_old_content(store: Store, tmp_path: Path):
    store.add_graph(G1, TRIPLE, "nt")
    before = store.dump(None, "nquads")
    broken = tmp_path / "broken.ttl"
    broken.write_text("<https://example.org/x> <https://example.org/p> .", encoding="utf-8")
    with pytest.raises(ParseError) as info:
        store.replace_all(files=[(broken, G2)])
    assert "broken.ttl" in str(info.value)
    assert store.dump(None, "nquads") == before


def test_replace_all_swaps_content(store: Store):
    store.add_graph(G1, TRIPLE, "nt")
    quad = ox.Quad(ox.NamedNode("https://example.org/z"), ox.NamedNode("https://example.org/p"),
                   ox.Literal("z"), ox.NamedNode(G2))
    store.replace_all(quads=[quad])
    assert store.graphs() == {G2: 1}


def test_update_and_syntax_errors(store: Store):
    store.update(f'INSERT DATA {{ GRAPH <{G1}> {{ <https://example.org/a> rdfs:label "A" }} }}')
    assert store.select("SELECT ?l WHERE { ?s rdfs:label ?l }") == [{"l": "A"}]
    with pytest.raises(QuerySyntaxError):
        store.query("SELECT WHERE {")
    with pytest.raises(QuerySyntaxError):
        store.update("INSERT nonsense")


def test_remove_graph(store: Store):
    store.add_graph(G1, TRIPLE, "nt")
    assert store.remove_graph(G1) is True
    assert store.remove_graph(G1) is False
    assert len(store) == 0


def test_disk_store_persists_and_reopens_read_only(tmp_path: Path):
    location = str(tmp_path / "store")
    writer = Store(location)
    writer.add_graph(G1, TRIPLE, "nt")
    writer.set_meta("note", {"x": 1})
    writer.close()
    reader = Store(location, read_only=True)
    assert reader.graphs() == {G1: 1}
    assert reader.revision == 1
    assert reader.get_meta("note") == {"x": 1}
    with pytest.raises(ReadOnlyError):
        reader.add_graph(G2, OTHER, "nt")


def test_reader_sees_a_newer_revision_after_refresh(tmp_path: Path):
    location = str(tmp_path / "store")
    writer = Store(location)
    writer.add_graph(G1, TRIPLE, "nt")
    reader = Store(location, read_only=True)
    quad = ox.Quad(ox.NamedNode("https://example.org/z"), ox.NamedNode("https://example.org/p"),
                   ox.Literal("z"), ox.NamedNode(G2))
    writer.replace_all(quads=[quad])
    assert reader.refresh() is True
    assert reader.graphs() == {G2: 1}
    assert reader.refresh() is False


def test_read_only_store_must_exist(tmp_path: Path):
    with pytest.raises(StoreError, match="kg build"):
        Store(str(tmp_path / "nothing"), read_only=True)


def test_second_process_reads_persisted_store(tmp_path: Path):
    location = str(tmp_path / "store")
    writer = Store(location)
    writer.add_graph(G1, TRIPLE, "nt")
    writer.close()
    out = subprocess.run(
        [sys.executable, "-m", "kg", "query", "--store", location, "-o", "csv",
         "SELECT ?o WHERE { ?s ?p ?o }"],
        capture_output=True, text=True, check=True,
    ).stdout
    assert out.split() == ["o", "one"]


def test_dump_one_graph_and_union(store: Store):
    store.add_graph(G1, TRIPLE, "nt")
    store.add_graph(G2, OTHER, "nt")
    assert store.dump(None, "nt", graph=G1) == TRIPLE
    union = store.dump(None, "nt")
    assert TRIPLE in union and OTHER in union


def test_remote_construct_and_rdflib_dataset(oxigraph_server):
    oxigraph_server.clear()
    store = Store(oxigraph_server.url)
    store.add_graph(G1, TRIPLE, "nt")
    triples = list(store.query("CONSTRUCT WHERE { ?s ?p ?o }"))
    assert [t.object.value for t in triples] == ["one"]
    assert len(list(store.dataset.query("SELECT * WHERE { ?s ?p ?o }"))) >= 1


def test_unreachable_endpoint_is_a_store_error():
    from tests.sparql_server import free_port

    with pytest.raises(StoreError, match="unreachable"):
        Store(f"http://127.0.0.1:{free_port()}")


def test_quads_for_pattern_matches_every_position(store: Store):
    store.add_graph(G1, TRIPLE, "nt")
    store.add_graph(G2, OTHER, "nt")
    p = ox.NamedNode("https://example.org/p")
    b = ox.NamedNode("https://example.org/b")
    found = store.oxigraph.quads_for_pattern(b, p, None, None)  # its graph and the default graph
    assert sorted(str(q.graph_name) for q in found) == [f"<{G2}>", "DEFAULT"]
    in_one = store.oxigraph.quads_for_pattern(None, p, None, ox.NamedNode(G1))
    assert [q.object.value for q in in_one] == ["one"]
    assert [q.graph_name.value for q in store.quads(G2)] == [G2]


def test_refresh_never_empties_a_writable_handle(tmp_path: Path):
    """A stale revision in meta.json (as while a commit is being recorded) keeps the handle."""
    store = Store(str(tmp_path / "store"))
    store.add_graph(G1, TRIPLE, "nt")
    store._revision += 1  # what a reader saw between the old order's two steps
    assert store.refresh() is False
    assert store.oxigraph is not None and len(store) == 1


def test_meta_json_is_written_before_the_revision_moves(tmp_path: Path, monkeypatch):
    store = Store(str(tmp_path / "store"))
    seen: list[tuple[int, int]] = []
    write = store._write_meta

    def spy(revision: int, data_dir: str) -> None:
        seen.append((store.revision, revision))
        write(revision, data_dir)

    monkeypatch.setattr(store, "_write_meta", spy)
    store.add_graph(G1, TRIPLE, "nt")
    assert seen == [(0, 1)]
    assert store.revision == 1


def test_failed_reopen_keeps_the_old_read_only_handle(tmp_path: Path, monkeypatch):
    location = str(tmp_path / "store")
    with Store(location) as writer:
        writer.add_graph(G1, TRIPLE, "nt")
    reader = Store(location, read_only=True)
    meta = tmp_path / "store" / "meta.json"
    meta.write_text(meta.read_text().replace('"data-000000"', '"data-000009"'))
    assert reader.refresh() is False  # no such directory: keep what we have
    assert reader.graphs() == {G1: 1}


def test_snapshots_are_shared_per_revision_and_swept(tmp_path: Path):
    store = Store(str(tmp_path / "store"))
    store.add_graph(G1, TRIPLE, "nt")
    revision, first = store.pin_snapshot()
    assert (revision, store.pin_snapshot()[1]) == (1, first)
    store.add_graph(G2, OTHER, "nt")
    _, second = store.pin_snapshot()
    assert second != first and first.is_dir()  # still pinned twice
    reader = ox.Store.read_only(str(second))
    in_named = len(list(named_quads(reader))), len(list(named_quads(ox.Store.read_only(str(first)))))
    assert in_named == (2, 1)
    store.unpin_snapshot(first)
    store.unpin_snapshot(first)
    assert not first.exists() and second.is_dir()
    store.close()
    assert not second.exists()


def test_memory_store_has_no_snapshots():
    with pytest.raises(StoreError):
        Store("memory:").pin_snapshot()


def test_write_data_does_what_the_same_update_does():
    """drop, insert and delete changes written directly give the store (named graphs and
    merged default graph) the same update text would give it, in one new revision."""
    def triples(text: str) -> list[ox.Triple]:
        return list(ox.parse(text.encode(), format=ox.RdfFormat.N_TRIPLES))

    start = {"urn:g1": '<urn:a> <urn:p> "1" .\n<urn:b> <urn:p> "2" .\n',
             "urn:g2": '<urn:a> <urn:p> "1" .\n<urn:c> <urn:p> <urn:d> .\n'}
    new_g1 = '<urn:a> <urn:p> "1" .\n<urn:e> <urn:p> "é" .\n'
    stale = '<urn:c> <urn:p> <urn:d> .\n'
    text = (f"DROP SILENT GRAPH <urn:g1> ; INSERT DATA {{ GRAPH <urn:g1> {{ {new_g1} }} }} ; "
            f"DELETE DATA {{ GRAPH <urn:g2> {{ {stale} }} }} ; "
            f"INSERT DATA {{ GRAPH <urn:g3> {{ {stale} }} }} ; DROP SILENT GRAPH <urn:none>")
    by_update, directly = Store("memory:"), Store("memory:")
    for store in (by_update, directly):
        for graph, body in start.items():
            store.add_graph(graph, body.encode(), "ntriples")
    by_update.update(text)
    revision = directly.revision
    assert directly.write_data([("drop", "urn:g1", []), ("insert", "urn:g1", triples(new_g1)),
                                ("delete", "urn:g2", triples(stale)),
                                ("insert", "urn:g3", triples(stale)),
                                ("drop", "urn:none", []), ("insert", "urn:g4", [])])
    assert directly.revision == revision + 1
    assert set(directly.oxigraph) == set(by_update.oxigraph)  # default graph included
    assert {q.graph_name for q in directly.oxigraph if type(q.graph_name) is ox.DefaultGraph}
    assert not directly.write_data([("insert", "urn:g5", [])])
    assert directly.revision == revision + 1
    with pytest.raises(ValueError):
        directly.write_data([("rename", "urn:g1", [])])
