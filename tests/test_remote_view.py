"""The index and the small views of a remote store (``kg.remote_view``), against a real
Oxigraph server on 127.0.0.1 holding the seed graph: they answer what the view of a local
store answers."""

from __future__ import annotations

import itertools
import json

import httpx
import pyoxigraph as ox
import pytest

from kg import query as kq
from kg import remote_view as rv
from kg.errors import NoPathError
from kg.namespaces import compact
from kg.store import Store
from kg.view import View, get_view
from tests.sparql_server import OxigraphServer


@pytest.fixture(autouse=True)
def _no_saved_index(monkeypatch):
    monkeypatch.setenv("KG_REMOTE_CACHE", "off")


def synthetic_store() -> Store:
    """A small synthetic graph (``bench/synthetic.py``): many actors, persons who sign,
    roles, evidence, derived links."""
    import sys  # noqa: PLC0415
    from pathlib import Path  # noqa: PLC0415

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))
    import synthetic  # noqa: PLC0415

    store = Store("memory:")
    synthetic.load(store, triples=12000, countries=25, organizations=120, persons=400)
    return store


@pytest.fixture(scope="module", params=["seed", "synthetic"])
def seeded(request, tmp_path_factory):
    """An Oxigraph server holding the seed graph (as ``kg build`` makes it) or a small
    synthetic one, its store, and the local view of the same graph."""
    local = request.getfixturevalue("seed_store") if request.param == "seed" \
        else synthetic_store()
    server = OxigraphServer(tmp_path_factory.mktemp("remote-view"))
    remote = Store(server.url)
    remote.replace_all(quads=local.quads())
    yield server, remote, get_view(local)
    server.stop()


@pytest.fixture(scope="module")
def index(seeded):
    _, remote, _ = seeded
    projection = rv.Projection(remote.oxigraph.select_tsv)
    view = rv.build_index(projection)
    view.__class__ = rv.RemoteView
    return view.attach(rv.Neighbourhoods(remote), remote.oxigraph.select_tsv, 1)


def _actors(view: View) -> list[str]:
    return sorted(a for a, partners in view.partner_order.items() if partners)


def _as_sets(record: dict) -> str:
    """An agreement's JSON with its lists as sets (their order comes from the store's
    index order, which a local and a remote read need not share)."""
    return json.dumps({k: sorted(map(json.dumps, v)) if isinstance(v, list) else v
                       for k, v in record.items()}, sort_keys=True)


def test_tsv_terms():
    assert rv.literal('"Tōkyō"@ja') == ("Tōkyō", "ja")
    assert rv.literal(r'"line\nnext\ttab \u00e9"') == ("line\nnext\ttab é", None)
    assert rv.literal('"5"^^<http://www.w3.org/2001/XMLSchema#integer>') == ("5", None)
    assert rv.literal("true") == ("true", None) and rv.literal("_:b0") is None
    assert rv.node("<https://x/y>") == "https://x/y" and rv.node("_:b0") == "_:b0"
    assert list(rv.rows("?o\t?s\n<a>\t<b>\n", ("s", "o"))) == [["<b>", "<a>"]]


def test_the_index_lists_and_ranks_as_the_local_view(seeded, index):
    _, _, local = seeded
    assert index.stats()["actors"] == local.stats()["actors"] > 100
    assert index.stats()["cooperation_edges"] == local.stats()["cooperation_edges"]
    actors = _actors(local)
    assert len(actors) >= 8 and actors == _actors(index)
    for actor in actors:
        _, mine = kq.partner_links(index, actor)
        _, theirs = kq.partner_links(local, actor)
        assert [link.summary_json(index) for link in mine] == \
            [link.summary_json(local) for link in theirs], actor
        assert kq.partner_neighbours(index, actor, 3) == kq.partner_neighbours(local, actor, 3)
    assert list(index.agreement_order) == local.agreement_order
    for topic in local.agreements_by_topic:
        assert kq.agreement_iris(index, topic=topic) == kq.agreement_iris(local, topic=topic)
    for iri in actors[:20]:
        name = local.label(iri)
        assert kq.resolve(index, name) == kq.resolve(local, name)


def test_full_records_and_evidence_are_read_on_demand(seeded, index):
    _, _, local = seeded
    iris = list(local.agreement_order) + sorted(local.cooperation_records)
    assert index.agreement_records[iris[0]].signatories == ()  # the index holds no persons
    index.prefetch(iris)
    for iri in iris:
        assert _as_sets(json.loads(kq.agreement_json(index, iri))) == \
            _as_sets(json.loads(kq.agreement_json(local, iri))), iri
    with_evidence = [i for i in iris if local.evidence.get(i)]
    assert with_evidence
    fresh = rv.RemoteEvidence(index.evidence._select)  # nothing kept: one query per node
    for iri in with_evidence:
        assert _evidence(fresh.get(iri)) == _evidence(local.evidence[iri])


def _evidence(records) -> list[str]:
    """Evidence records as comparable text (blank node ids differ between stores)."""
    return sorted(repr((None if r.node.startswith("_:") else r.node, r.supports, r.document,
                        r.quote, r.confidence, r.extractor, r.property, r.value, r.start,
                        r.end)) for r in records)


def test_a_small_view_of_an_actor_gives_its_partners(seeded):
    _, remote, local = seeded
    reader = rv.Neighbourhoods(remote)
    for actor in _actors(local):
        small = rv.small_view(reader.base(0) + reader.actor(actor))
        _, mine = kq.partner_links(small, actor)
        _, theirs = kq.partner_links(local, actor)
        assert [link.summary_json(small) for link in mine] == \
            [link.summary_json(local) for link in theirs], actor


def test_actor_names_resolve_without_the_index(seed_store, seeded):
    _, remote, local = seeded
    if local.stats()["actors"] != get_view(seed_store).stats()["actors"]:
        pytest.skip("names of the seed graph")
    for name in ("Japan", "japan", "JP", "https://w3id.org/energy-kg/id/country/RU",
                 "id:country/DE", "country/KZ"):
        assert rv.resolve_iri(remote, name) == kq.resolve(local, name).iri, name
    assert rv.resolve_iri(remote, "Japn") is None  # fuzzy: left to the index


def test_paths_from_the_endpoint_are_as_short_as_the_local_ones(seeded):
    _, remote, local = seeded
    index = rv.RemoteIndex(remote)
    index.view = rv.build_index(rv.Projection(remote.oxigraph.select_tsv))
    index.reader.index = index.view  # the types and names of known nodes from the index
    ends = _actors(local)[:9] + local.agreement_order[:2]
    for a, b in itertools.combinations(ends, 2):
        try:
            expected = [p.length for p in kq.path(local, a, b, k=2)]
        except NoPathError:
            expected = None
        try:
            start, end, found = rv.paths(index, a, b, k=2)
            got = [p.length for p in found]
            assert (start.iri, end.iri) == (a, b)
            for path in found:  # every hop is a relation the local view has
                for hop in path.hops:
                    u, v = hop.source.iri, hop.target.iri
                    keys = local.entities._succ[u].get(v, {}) if hop.direction == "forward" \
                        else local.entities._pred[u].get(v, {})
                    assert compact(hop.predicate) in keys
        except NoPathError:
            got = None
        assert got == expected, (a, b)


def test_the_derived_graph_is_checked_not_copied(seeded, tmp_path):
    """A pair the derived graph states and no agreement explains is in the index."""
    server, remote, local = seeded
    countries = sorted(i for i, d in local.cooperation.nodes(data=True)
                       if d["type"] == "Country")
    a, b = next((x, y) for x, y in itertools.combinations(countries, 2)
                if y not in local.cooperation._adj[x])
    link = f"<{a}> <{rv.EKG}cooperatesWith> <{b}> .\n<{b}> <{rv.EKG}cooperatesWith> <{a}> .\n"
    graph = "https://w3id.org/energy-kg/graph/test-derived-only"
    remote.add_graph(graph, link.encode(), "ntriples")
    try:
        view = rv.build_index(rv.Projection(remote.oxigraph.select_tsv))
        edge = view.cooperation._adj[a][b]
        assert edge["derived"] and edge["weight"] == 1 and b in view.partner_order[a]
    finally:
        remote.remove_graph(graph)


def test_a_foreign_endpoint_with_named_graphs_only(tmp_path):
    """Data that sits only in named graphs (no merged default graph): the index asks for
    Oxigraph's union default graph and answers the same."""
    seed_store = synthetic_store()
    server = OxigraphServer(tmp_path / "foreign")
    try:
        body = ox.serialize(seed_store.quads(), format=ox.RdfFormat.N_QUADS)
        httpx.put(f"{server.url}/store", content=body,
                  headers={"Content-Type": "application/n-quads"}, timeout=60).raise_for_status()
        remote = Store(server.url)
        assert not remote.merged
        view = rv.build_index(rv.Projection(remote.oxigraph.select_tsv))
        local = get_view(seed_store)
        for actor in _actors(local):
            _, mine = kq.partner_links(view, actor)
            _, theirs = kq.partner_links(local, actor)
            assert [link.summary_json(view) for link in mine] == \
                [link.summary_json(local) for link in theirs], actor
    finally:
        server.stop()


def test_caches_of_the_index_are_bounded():
    cache = rv.BoundedCache(others=3)
    for n in range(10):
        cache[("rings", n)] = n
    assert sum(1 for k in cache if isinstance(k, tuple)) == 3
    summaries = cache["summary-json"]
    summaries.size = 5
    for n in range(20):
        summaries[n] = b"x"
    assert list(summaries) == list(range(15, 20))
