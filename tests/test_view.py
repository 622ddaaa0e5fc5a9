"""The NetworkX view: entity graph, cooperation graph, indexes, cache."""

from __future__ import annotations

import threading
from pathlib import Path

import networkx as nx
import pytest

from kg.errors import InputError
from kg.store import Store
from kg.view import View, get_view, interval, overlaps, window

FIXTURE = Path(__file__).parent / "data" / "view" / "cooperation.ttl"
ID = "https://w3id.org/energy-kg/id/"
CURATED = "https://w3id.org/energy-kg/graph/curated"
JP, RU, KZ = ID + "country/JP", ID + "country/RU", ID + "country/KZ"
NRW, FUKUSHIMA, TOKYO = ID + "region/DE-NW", ID + "region/JP-07", ID + "region/JP-13"
ROSATOM, METI = ID + "org/rosatom", ID + "org/meti"
MEMO_2016 = ID + "agreement/2016-12-16-japan-rosatom-nuclear-energy"
AGR_2009 = ID + "agreement/2009-05-12-japan-russia-nuclear-energy"


@pytest.fixture(scope="module")
def store() -> Store:
    store = Store("memory:")
    store.add_graph(CURATED, FIXTURE.read_bytes(), "turtle")
    return store


@pytest.fixture(scope="module")
def view(store) -> View:
    return View.from_store(store)


def test_entity_graph_nodes_have_type_label_and_kind(view):
    nodes = view.entities.nodes
    assert isinstance(view.entities, nx.MultiDiGraph)
    assert nodes[JP] == {"type": "Country", "label": "Japan"}
    assert nodes[NRW]["label"] == "North Rhine-Westphalia"  # English wins over German
    assert nodes[ROSATOM]["type"] == "Organization"
    assert nodes[MEMO_2016]["type"] == "Memorandum"
    assert nodes[MEMO_2016]["kind"] == "memorandum"
    assert nodes[MEMO_2016]["date"] == "2016-12-16"
    assert nodes[ID + "agreement/2010-russia-kazakhstan-uranium"]["kind"] == "declaration_of_intent"
    assert nodes[ID + "topic/hydrogen"]["type"] == "Topic"
    assert nodes[ID + "cooperation/ru--kz"]["since"] == "2015-06"
    assert nodes[ID + "document/0123456789abcdef"]["type"] == "Document"


def test_entity_graph_edges_are_keyed_by_predicate(view):
    graph = view.entities
    assert graph.has_edge(MEMO_2016, ROSATOM, key="ekg:party")
    assert graph.has_edge(FUKUSHIMA, JP, key="ekg:partOf")
    assert graph.has_edge(ROSATOM, RU, key="ekg:basedIn")
    assert graph.has_edge(ID + "topic/uranium-mining", ID + "topic/nuclear-fuel-cycle",
                          key="skos:broader")
    # structural nodes are folded into edges: roles, signatures
    role = graph.edges[ID + "person/alexey-likhachev", ROSATOM, "ekg:role"]
    assert role["title"] == "Director General" and role["start"] == "2016"
    assert graph.edges[MEMO_2016, ID + "person/alexey-likhachev", "ekg:signatory"]["title"] == \
        "Generaldirektor"
    assert graph.has_edge(ID + "person/hiroshige-seko", JP, key="ekg:onBehalfOf")
    # derived links, evidence and blank nodes are not entities
    assert not any(n.startswith("_:") for n in graph)
    assert not any(k == "ekg:cooperatesWith" for _, _, k in graph.edges(keys=True))


def test_cooperation_graph_links_parties_and_participants(view):
    coop = view.cooperation
    assert isinstance(coop, nx.Graph) and not coop.is_multigraph()
    edge = coop.edges[JP, RU]
    assert edge["agreements"] == [AGR_2009]
    assert edge["topics"] == [ID + "topic/nuclear-energy"]
    assert (edge["first"], edge["last"], edge["weight"]) == ("2009-05-12", "2009-05-12", 1)
    # a signature on behalf of Japan makes Japan a party of the 2016 memorandum
    assert MEMO_2016 in coop.edges[JP, ROSATOM]["agreements"]
    # stated cooperations link their participants
    both = coop.edges[RU, KZ]
    assert both["cooperations"] == [ID + "cooperation/ru--kz"]
    assert both["weight"] == 2 and both["first"] == "2010" and both["last"] == "2015-06"
    assert coop.edges[NRW, TOKYO]["cooperations"] == [ID + "cooperation/de-nw--jp-13-hydrogen"]
    # partOf never makes a cooperation edge; persons are not actors
    assert not coop.has_edge(FUKUSHIMA, JP)
    assert ID + "person/alexey-likhachev" not in coop
    assert coop.nodes[ID + "country/IS"] == {"type": "Country", "label": "Iceland"}


def test_records_and_evidence(view):
    rec = view.agreement_records[MEMO_2016]
    assert set(rec.parties) == {METI, ROSATOM, JP}
    assert set(rec.signatories) == {ID + "person/alexey-likhachev", ID + "person/hiroshige-seko"}
    assert rec.topics == [ID + "topic/nuclear-fuel-cycle"]
    assert rec.signed_at == ID + "place/tokyo"
    assert rec.span == ("2016-12-16", "2016-12-16")
    assert rec.sources == [CURATED]
    assert rec.title.startswith("Memorandum on cooperation")
    [evidence] = view.evidence[MEMO_2016]
    assert evidence.quote.startswith("Rosatom and METI") and evidence.confidence == 0.9
    assert rec.documents == [ID + "document/0123456789abcdef"]
    assert view.cooperation_records[ID + "cooperation/de-nw--jp-27-hydrogen"].span is None


def test_topic_closure_includes_narrower_topics(view):
    assert view.topic_closure(ID + "topic/nuclear-energy") == {
        ID + "topic/nuclear-energy", ID + "topic/nuclear-fuel-cycle", ID + "topic/uranium-mining"}
    assert view.topic_closure(ID + "topic/uranium-mining") == {ID + "topic/uranium-mining"}


def test_country_of_walks_up_regions_and_organizations(view):
    assert view.country_of(FUKUSHIMA) == JP
    assert view.country_of(ROSATOM) == RU
    assert view.country_of(JP) is None


def test_derived_links_without_agreements_still_link_actors():
    view = View.from_turtle("""
        @prefix ekg: <https://w3id.org/energy-kg/ontology#> .
        <https://w3id.org/energy-kg/id/country/FR> a ekg:Country ;
            ekg:cooperatesWith <https://w3id.org/energy-kg/id/country/IT> .
        <https://w3id.org/energy-kg/id/country/IT> a ekg:Country .""")
    edge = view.cooperation.edges[ID + "country/FR", ID + "country/IT"]
    assert edge["derived"] is True and edge["agreements"] == []


def test_untyped_entities_get_their_class_from_the_iri():
    view = View.from_turtle("""
        @prefix ekg: <https://w3id.org/energy-kg/ontology#> .
        <https://w3id.org/energy-kg/id/agreement/x> ekg:party
            <https://w3id.org/energy-kg/id/country/FR>, <https://w3id.org/energy-kg/id/org/edf> .""")
    assert view.type(ID + "country/FR") == "Country"
    assert view.type(ID + "org/edf") == "Organization"
    assert view.cooperation.has_edge(ID + "country/FR", ID + "org/edf")


def test_get_view_is_cached_until_the_revision_changes():
    store = Store("memory:")
    store.add_graph(CURATED, FIXTURE.read_bytes(), "turtle")
    first = get_view(store)
    assert get_view(store) is first
    store.add_graph(CURATED, b"<https://w3id.org/energy-kg/id/country/FR> "
                    b"<http://www.w3.org/1999/02/22-rdf-syntax-ns#type> "
                    b"<https://w3id.org/energy-kg/ontology#Country> .", "ntriples")
    second = get_view(store)
    assert second is not first and second.revision == store.revision
    assert ID + "country/FR" in second.entities


def test_get_view_builds_once_for_concurrent_callers(store):
    seen = []
    threads = [threading.Thread(target=lambda: seen.append(get_view(store))) for _ in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len({id(v) for v in seen}) == 1


@pytest.mark.parametrize(("lexical", "expected"), [
    ("2010", ("2010-01-01", "2010-12-31")),
    ("2010-06", ("2010-06-01", "2010-06-31")),
    ("2010-06-15", ("2010-06-15", "2010-06-15")),
    ("2010-06-15+02:00", ("2010-06-15", "2010-06-15")),
    ("", None),
    ("Ende 2010", None),
])
def test_interval_keeps_precision(lexical, expected):
    assert interval(lexical) == expected


@pytest.mark.parametrize(("date", "since", "until", "inside"), [
    ("2010", "2010-06", None, True),       # a year overlaps a window starting mid-year
    ("2010", None, "2010-01", True),
    ("2010-06", "2010-06-30", None, True),
    ("2010-06", "2010-07", None, False),
    ("2009-12-31", "2010", None, False),
    ("2016-12-16", "2016", "2016", True),
    ("2016-12-16", "2017", "2020", False),
    (None, "2000", None, False),            # undated: outside every window
    (None, None, None, True),               # no window: everything
])
def test_windows_overlap_at_precision(date, since, until, inside):
    assert overlaps(interval(date), window(since, until)) is inside


@pytest.mark.parametrize(("since", "until"), [("2010/06", None), (None, "June"),
                                              ("2012", "2010")])
def test_bad_windows_are_input_errors(since, until):
    with pytest.raises(InputError):
        window(since, until)


def test_partner_order_lists_strongest_partners_first(view):
    coop = view.cooperation
    assert set(view.partner_order) == set(coop)
    for actor, others in view.partner_order.items():
        assert sorted(others) == sorted(coop._adj[actor])
        keys = [(-coop.edges[actor, o]["weight"], coop.nodes[o]["label"].casefold(), o)
                for o in others]
        assert keys == sorted(keys)
    assert ROSATOM in view.partner_order[JP]


def test_agreement_order_and_its_indexes(view):
    records = view.agreement_records
    keys = [((records[i].span or ("9999",))[0], records[i].label.casefold(), i)
            for i in view.agreement_order]
    assert keys == sorted(keys) and set(view.agreement_order) == set(records)
    assert all(view.agreement_order[n] == i for i, n in view.agreement_place.items())
    assert set(view.agreements_by_party) == {a for r in records.values() for a in r.parties}
    assert set(view.agreements_by_topic) == {t for r in records.values() for t in r.topics}
    for party, found in view.agreements_by_party.items():
        assert found == [i for i in view.agreement_order if party in records[i].parties]
    for topic, found in view.agreements_by_topic.items():
        assert found == [i for i in view.agreement_order if topic in records[i].topics]
    assert MEMO_2016 in view.agreements_by_party[JP]  # a party through its signatory


def test_evidence_confidence_is_a_finite_number():
    view = View.from_turtle("""
@prefix ekg: <https://w3id.org/energy-kg/ontology#> .
<https://w3id.org/energy-kg/id/country/JP> a ekg:Country .
<https://w3id.org/energy-kg/id/evidence/a> a ekg:Evidence ;
    ekg:supports <https://w3id.org/energy-kg/id/country/JP> ; ekg:confidence "NaN" .
<https://w3id.org/energy-kg/id/evidence/b> a ekg:Evidence ;
    ekg:supports <https://w3id.org/energy-kg/id/country/JP> ; ekg:confidence "0.75" .
""")
    assert sorted(e.confidence is None for e in view.evidence[JP]) == [False, True]
    assert {e.confidence for e in view.evidence[JP]} == {None, 0.75}


def test_ratifications_become_edges_and_events_stay_out():
    view = View.from_turtle("""
@prefix ekg: <https://w3id.org/energy-kg/ontology#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
<https://w3id.org/energy-kg/id/country/JP> a ekg:Country .
<https://w3id.org/energy-kg/id/country/RU> a ekg:Country .
<https://w3id.org/energy-kg/id/agreement/2009-05-12-japan-russia-nuclear-energy>
    a ekg:IntergovernmentalAgreement ;
    ekg:party <https://w3id.org/energy-kg/id/country/JP> , <https://w3id.org/energy-kg/id/country/RU> ;
    ekg:ratification [ a ekg:Ratification ; ekg:ratifiedBy <https://w3id.org/energy-kg/id/country/RU> ;
                       ekg:ratifiedOn "2010"^^xsd:gYear ] ;
    ekg:event [ a ekg:Event ; ekg:date "2009-05-12"^^xsd:date ] .
""")
    graph = view.entities
    assert graph.edges[AGR_2009, RU, "ekg:ratifiedBy"] == {"date": "2010"}
    assert not graph.has_edge(AGR_2009, JP, key="ekg:ratifiedBy")
    assert sorted(k for _, _, k in graph.out_edges(AGR_2009, keys=True)) == [
        "ekg:party", "ekg:party", "ekg:ratifiedBy"]
    assert set(graph) == {JP, RU, AGR_2009}


# --- the scan by predicate, and snapshots ---------------------------------------------------

def _fixture_store(location: str) -> Store:
    from tests.api.live_server import load

    return load(Store(location))


def _same_view(a: View, b: View) -> None:
    """The two views hold the same graphs and indexes (lists whose order comes from the
    store's index order compared as sets)."""
    assert dict(a.entities.nodes(data=True)) == dict(b.entities.nodes(data=True))
    edges = lambda v: sorted((u, w, k, repr(sorted(d.items())))  # noqa: E731
                             for u, w, k, d in v.entities.edges(keys=True, data=True))
    assert edges(a) == edges(b)
    assert dict(a.cooperation.nodes(data=True)) == dict(b.cooperation.nodes(data=True))
    for u, w, data in a.cooperation.edges(data=True):
        other = b.cooperation.edges[u, w]
        assert {k: sorted(v) if isinstance(v, list) else v for k, v in data.items()} == \
            {k: sorted(v) if isinstance(v, list) else v for k, v in other.items()}
    for records in ("agreement_records", "cooperation_records"):
        mine, theirs = getattr(a, records), getattr(b, records)
        assert mine.keys() == theirs.keys()
        for iri, rec in mine.items():
            for name in rec.__slots__:
                x, y = getattr(rec, name), getattr(theirs[iri], name)
                if isinstance(x, list):
                    x, y = sorted(map(repr, x)), sorted(map(repr, y))
                assert x == y, (iri, name)
    assert {k: sorted(map(repr, v)) for k, v in a.evidence.items()} == \
        {k: sorted(map(repr, v)) for k, v in b.evidence.items()}
    assert {k: set(v) for k, v in a.names.items()} == {k: set(v) for k, v in b.names.items()}
    assert a.partner_order == b.partner_order and a.agreement_order == b.agreement_order
    assert a.narrower == b.narrower and a.kind_keys == b.kind_keys


def test_the_scan_by_predicate_sees_what_the_scan_of_every_quad_sees():
    store = _fixture_store("memory:")
    by_predicate = View.from_store(store)  # a kg Store: its merged default graph, by predicate
    assert "scan" in by_predicate.timings
    every_quad = View.from_store(list(store.quads()))  # quads of the named graphs, one by one
    assert by_predicate.stats()["agreements"] > 5
    _same_view(by_predicate, every_quad)


def test_a_disk_store_keeps_its_view_between_processes(tmp_path):
    from kg import view as kv

    store = _fixture_store(str(tmp_path / "store"))
    built = get_view(store)
    assert "snapshot" not in built.timings
    kv.wait_for_snapshots()
    path = kv.snapshot_path(store)
    assert path.name == f"{store.data_dir}-r{store.revision:06d}-v{kv.SNAPSHOT_FORMAT}.pickle"
    assert path.is_file() and [p.name for p in path.parent.iterdir()] == [path.name]

    again = Store(str(tmp_path / "store"), read_only=True)  # as a restarted server opens it
    loaded = get_view(again)
    assert "snapshot" in loaded.timings and loaded.revision == built.revision
    _same_view(loaded, built)
    from kg import query as kq

    assert [p.to_dict() for p in kq.partners(loaded, "Japan")] == \
        [p.to_dict() for p in kq.partners(built, "Japan")]
    again.close()

    # a write: the view follows the store's journal (kg.view_update), no build; the
    # snapshot stays, and a restarted reader loads it and follows the journal too
    store.add_graph(CURATED + "-extra", (
        f"<{JP}> <https://w3id.org/energy-kg/ontology#isoCode> \"JPN\" .").encode(), "ntriples")
    fresh = get_view(store)
    assert "update" in fresh.timings and fresh.revision == built.revision + 1
    assert "jpn" in fresh.names
    kv.wait_for_snapshots()
    assert [p.name for p in path.parent.iterdir()] == [path.name]
    again = Store(str(tmp_path / "store"), read_only=True)
    loaded = get_view(again)
    assert "snapshot" in loaded.timings and "update" in loaded.timings
    assert loaded.revision == fresh.revision
    _same_view(loaded, fresh)
    again.close()


def test_damaged_or_foreign_snapshots_are_rebuilt(tmp_path):
    import pickle

    from kg import view as kv

    store = _fixture_store(str(tmp_path / "store"))
    path = kv.snapshot_path(store)
    path.parent.mkdir(parents=True)
    path.write_bytes(b"\x80\x05not a pickle")
    assert kv.load_snapshot(path, store.revision) is None
    with open(path, "wb") as out:  # another format or revision: not read
        pickle.dump({"format": kv.SNAPSHOT_FORMAT + 1, "revision": store.revision}, out)
    assert kv.load_snapshot(path, store.revision) is None
    view = get_view(store)
    assert "snapshot" not in view.timings and view.stats()["agreements"] > 5
    kv.wait_for_snapshots()
    assert kv.load_snapshot(path, store.revision).stats() == view.stats()
    assert kv.load_snapshot(path, store.revision + 1) is None


def test_memory_stores_have_no_snapshot():
    from kg import view as kv

    assert kv.snapshot_path(Store("memory:")) is None
