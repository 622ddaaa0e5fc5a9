"""A view updated for a change (kg.view_update) equals, order included, the view built
again from scratch: after ingesting a document, deleting it, and SPARQL updates, on a
real store on disk; and after many random small writes to a synthetic store."""

from __future__ import annotations

import random
import sys
from pathlib import Path

import pytest

from kg import query as kq
from kg import view as kv
from kg.extract.document import make_document
from kg.ingest import document_graph, ingest_document, remove_document
from kg.store import Store
from kg.view import View, follow, get_view

ROOT = Path(__file__).resolve().parent.parent
ID = "https://w3id.org/energy-kg/id/"
EKG = "https://w3id.org/energy-kg/ontology#"
GRAPH = "https://w3id.org/energy-kg/graph/"

FIRST = ("Oslo, 14 September 2022. Norway and Germany signed a memorandum of understanding on "
         "carbon capture and storage in Oslo on 14 September 2022.")
SECOND = ("Tokyo, 3 March 2023. Japan and Kazakhstan signed an agreement on uranium supplies "
          "and nuclear fuel in Tokyo on 3 March 2023. The Japanese minister of economy "
          "signed for Japan.")


def canonical(view: View) -> dict:
    """Everything a view holds, lists and the orders of dicts included (what a user of the
    view can see: adjacency order decides which of two equally short paths is found)."""
    view.load_parts()
    ent, coop = view.entities, view.cooperation
    return {
        "nodes": list(ent._node.items()),
        "succ": [(u, [(v, list(k.items())) for v, k in adj.items()]) for u, adj in ent._succ.items()],
        "pred": [(u, [(v, list(k.items())) for v, k in adj.items()]) for u, adj in ent._pred.items()],
        "actors": list(coop._node.items()),
        "cooperation": [(a, list(adj.items())) for a, adj in coop._adj.items()],
        "agreement_records": list(view.agreement_records.items()),
        "cooperation_records": list(view.cooperation_records.items()),
        "evidence": list(view.evidence.items()),
        "names": view.names,  # (its keys' order comes from hashing: not part of the view)
        "narrower": view.narrower, "kind_keys": view.kind_keys,
        "actor_order": view.actor_order, "partner_order": view.partner_order,
        "agreement_order": view.agreement_order, "agreement_place": view.agreement_place,
        "agreements_by_topic": view.agreements_by_topic,
        "agreements_by_party": view.agreements_by_party,
        "links_canonical": view.links_canonical, "revision": view.revision,
    }


def assert_same(updated: View, built: View) -> None:
    mine, theirs = canonical(updated), canonical(built)
    for key in theirs:
        if mine[key] != theirs[key]:
            a, b = mine[key], theirs[key]
            if isinstance(a, list):
                a_keys, b_keys = [x[0] for x in a], [x[0] for x in b]
                if a_keys != b_keys:
                    only = sorted(set(a_keys) ^ set(b_keys))[:5]
                    pytest.fail(f"{key}: other keys or order; differing {only}")
                diff = [(x, y) for x, y in zip(a, b) if x != y][:3]
                pytest.fail(f"{key} differs: {diff}")
            if isinstance(a, dict):
                diff = [(k, a.get(k), b.get(k)) for k in set(a) | set(b) if a.get(k) != b.get(k)]
                pytest.fail(f"{key} differs: {diff[:3]}")
            pytest.fail(f"{key} differs: {a!r} != {b!r}")


def answers(view: View, actors: list[str]) -> list:
    """What users ask the view: partners (with topics and dates), agreements, paths."""
    out = []
    for actor in actors:
        center, links = kq.partner_links(view, actor)
        out.append([link.summary(view) for link in links])
        out.append([a.iri for a in kq.agreements(view, party=actor)][:50])
    for a, b in zip(actors, actors[1:]):
        try:
            found = kq.path(view, a, b, k=2)
            out.append([[n.iri for n in p.nodes] for p in found])
        except Exception as exc:  # noqa: BLE001 - no path is an answer too
            out.append(type(exc).__name__)
    return out


def updated_and_built(store: Store, before: View) -> tuple[View, View]:
    """The view ``before`` brought up to the store's revision, and one built from scratch."""
    updated = follow(before, store)
    assert updated is not None, "the change should have been followed, not rebuilt"
    assert "update" in updated.timings
    return updated, View.from_store(store)


@pytest.fixture
def disk_store(tmp_path) -> Store:
    from tests.api.live_server import load

    return load(Store(str(tmp_path / "store")))


def test_an_ingested_then_deleted_document_updates_the_view_as_a_build_would(disk_store):
    store = disk_store
    view = get_view(store)
    actors = [ID + "country/NO", ID + "country/DE", ID + "country/JP", ID + "country/KZ"]
    for text in (FIRST, SECOND):
        done = ingest_document(store, make_document(text, language="en"))
        assert done.triples > 0
        view, built = updated_and_built(store, view)
        assert_same(view, built)
        assert answers(view, actors) == answers(built, actors)
    assert document_graph(done.key) in store.graphs()
    remove_document(store, done.key)  # the Japan-Kazakhstan agreement goes again
    view, built = updated_and_built(store, view)
    assert_same(view, built)
    assert answers(view, actors) == answers(built, actors)
    # get_view follows the journal too, and a reader in another process reads it from disk
    assert get_view(store).revision == store.revision
    reader = Store(store.location, read_only=True)
    assert reader.changes_since(view.revision - 3, view.data_dir) is not None


def test_sparql_updates_update_the_view_as_a_build_would(disk_store):
    store = disk_store
    view = get_view(store)
    g = GRAPH + "test-update"
    jp, ru, kz = ID + "country/JP", ID + "country/RU", ID + "country/KZ"
    new = ID + "agreement/2024-01-01-test"
    steps = [
        # a new agreement with parties, a signature, a topic and evidence
        f"""INSERT DATA {{ GRAPH <{g}> {{
            <{new}> a ekg:Memorandum ; rdfs:label "Test memorandum"@en ;
                ekg:party <{jp}>, <{kz}> ; ekg:signedOn "2024-01-01"^^xsd:date ;
                ekg:topic <{ID}topic/hydrogen> ; ekg:signature _:sig .
            _:sig ekg:signer <{ID}person/test-signer> ; ekg:onBehalfOf <{ru}> ;
                ekg:title "Minister" .
            _:e a ekg:Evidence ; ekg:supports <{new}> ; ekg:quote "they signed" ;
                ekg:document <{ID}document/test> .
            <{ID}person/test-signer> a ekg:Person ; rdfs:label "Test Signer"@en . }} }}""",
        # a country's name, a party less, a date changed
        f"""DELETE DATA {{ GRAPH <{g}> {{ <{new}> ekg:party <{kz}> .
                                          <{new}> ekg:signedOn "2024-01-01"^^xsd:date }} }} ;
            INSERT DATA {{ GRAPH <{g}> {{ <{jp}> rdfs:label "Nippon"@en .
                                          <{new}> ekg:signedOn "2019-05"^^xsd:gYearMonth }} }}""",
        # an untyped organisation appears through an edge, then a derived link alone
        f"""INSERT DATA {{ GRAPH <{g}> {{ <{new}> ekg:party <{ID}org/test-untyped> .
            <{ID}country/IS> ekg:cooperatesWith <{ID}country/KZ> }} }}""",
        # the agreement goes: its graph is dropped
        f"DROP GRAPH <{g}>",
    ]
    for step in steps:
        store.update(step)
        view, built = updated_and_built(store, view)
        assert_same(view, built)
        assert answers(view, [jp, kz, ru]) == answers(built, [jp, kz, ru])


def test_changes_the_journal_cannot_say_build_the_view_again(disk_store):
    store = disk_store
    view = get_view(store)
    store.update(f"DELETE {{ GRAPH ?g {{ ?s <{EKG}isoCode> ?c }} }} "
                 f"WHERE {{ GRAPH ?g {{ ?s <{EKG}isoCode> ?c }} }}")
    assert follow(view, store) is None
    fresh = get_view(store)
    assert "update" not in fresh.timings and fresh.revision == store.revision


def test_a_restart_loads_the_last_snapshot_and_follows_the_journal(disk_store):
    store = disk_store
    get_view(store)
    kv.wait_for_snapshots()
    store.update(f"INSERT DATA {{ GRAPH <{GRAPH}test-journal> {{ <{ID}country/JP> "
                 f"<{EKG}isoCode> \"JPN\" }} }}")
    reader = Store(store.location, read_only=True)  # a restarted server
    view = get_view(reader)
    assert "snapshot" in view.timings and "update" in view.timings
    assert view.revision == store.revision
    assert_same(view, View.from_store(reader))


# --- many small random writes ---------------------------------------------------------------

def _synthetic(location: str) -> Store:
    sys.path.insert(0, str(ROOT / "bench"))
    try:
        import synthetic
    finally:
        sys.path.remove(str(ROOT / "bench"))
    store = Store(location)
    synthetic.load(store, triples=6000, seed=7, countries=12, regions_per_country=2,
                   organizations=40, persons=80)
    return store


def _random_write(store: Store, rng: random.Random, step: int) -> str:
    """One small write of a kind a user or an ingestion makes."""
    nodes = {k: [r["s"].value for r in store.query(
        f"SELECT DISTINCT ?s WHERE {{ ?s a <{EKG}{k}> }}")] for k in
        ("Country", "Organization", "Person", "Memorandum", "Treaty", "Cooperation", "Topic")}
    agreements = nodes["Memorandum"] + nodes["Treaty"]
    actors = nodes["Country"] + nodes["Organization"]
    g = f"{GRAPH}random-{rng.randrange(4)}"
    pick = rng.choice
    kind = rng.randrange(11)
    if kind == 0:  # a new agreement, as an ingested document states one
        a = f"{ID}agreement/random-{step}"
        parties = " , ".join(f"<{x}>" for x in rng.sample(actors, rng.randrange(1, 4)))
        text = (f"<{a}> a <{EKG}{pick(['Memorandum', 'Treaty', 'Agreement'])}> ; "
                f"<http://www.w3.org/2000/01/rdf-schema#label> \"Random {step}\"@en ; "
                f"<{EKG}party> {parties} ; <{EKG}topic> <{pick(nodes['Topic'])}> ; "
                f"<{EKG}signedOn> \"{rng.randrange(1990, 2025)}\" ; "
                f"<{EKG}signature> _:s{step} . _:s{step} <{EKG}signer> <{pick(nodes['Person'])}> ; "
                f"<{EKG}onBehalfOf> <{pick(actors)}> ; <{EKG}title> \"T{rng.randrange(3)}\" . "
                f"_:e{step} a <{EKG}Evidence> ; <{EKG}supports> <{a}> ; "
                f"<{EKG}quote> \"q{step}\" ; <{EKG}document> <{ID}document/d{step % 3}> .")
        return f"INSERT DATA {{ GRAPH <{g}> {{ {text} }} }}"
    if kind == 1:  # a party more or less
        a, x = pick(agreements), pick(actors)
        op = pick(["INSERT", "DELETE"])
        return f"{op} DATA {{ GRAPH <{g}> {{ <{a}> <{EKG}party> <{x}> }} }}"
    if kind == 2:  # a name
        x = pick(actors + agreements)
        return (f"INSERT DATA {{ GRAPH <{g}> {{ <{x}> <http://www.w3.org/2000/01/rdf-schema#label> "
                f"\"{pick(['A', 'Zed', 'mid'])} {step}\"@{pick(['en', 'de'])} }} }}")
    if kind == 3:  # a graph goes
        return f"DROP SILENT GRAPH <{g}>"
    if kind == 4:  # a derived link alone
        a, b = rng.sample(actors, 2)
        return f"INSERT DATA {{ GRAPH <{g}> {{ <{a}> <{EKG}cooperatesWith> <{b}> }} }}"
    if kind == 5:  # a role
        p, x = pick(nodes["Person"]), pick(actors)
        return (f"INSERT DATA {{ GRAPH <{g}> {{ <{p}> <{EKG}role> _:r . _:r "
                f"<{EKG}organization> <{x}> ; <{EKG}title> \"Chief {step}\" }} }}")
    if kind == 6:  # an untyped node appears through an edge
        a = pick(agreements)
        return (f"INSERT DATA {{ GRAPH <{g}> {{ <{a}> <{EKG}party> <{ID}org/untyped-{step % 5}> ; "
                f"<{EKG}renews> <{ID}agreement/untyped-{step % 4}> }} }}")
    if kind == 7:  # a class changes
        x = pick(nodes["Organization"])
        return (f"INSERT DATA {{ GRAPH <{g}> {{ <{x}> a <{EKG}"
                f"{pick(['Country', 'Region', 'Person'])}> }} }}")
    if kind == 8:  # a stated cooperation
        c = f"{ID}cooperation/random-{step}"
        a, b = rng.sample(actors, 2)
        return (f"INSERT DATA {{ GRAPH <{g}> {{ <{c}> a <{EKG}Cooperation> ; <{EKG}participant> "
                f"<{a}> , <{b}> ; <{EKG}since> \"{rng.randrange(1990, 2025)}\" }} }}")
    if kind == 9:  # a date
        a = pick(agreements)
        return (f"INSERT DATA {{ GRAPH <{g}> {{ <{a}> <{EKG}signedOn> "
                f"\"{rng.randrange(1990, 2025)}-0{rng.randrange(1, 9)}\" }} }}")
    # a signature of an existing agreement on behalf of another actor
    a = pick(agreements)
    return (f"INSERT DATA {{ GRAPH <{g}> {{ <{a}> <{EKG}signature> _:x . _:x "
            f"<{EKG}signer> <{pick(nodes['Person'])}> ; <{EKG}onBehalfOf> <{pick(actors)}> }} }}")


def _random_graph_write(store: Store, rng: random.Random, step: int) -> None:
    """A write through the store's own methods: triples deleted, a graph added with the
    objects of existing triples shuffled (odd data: literals where nodes were, and so on),
    a graph removed or replaced."""
    import pyoxigraph as ox

    named = [q for q in store.oxigraph.quads_for_pattern(None, None, None, None)
             if isinstance(q.graph_name, ox.NamedNode)]
    kind = rng.randrange(4)
    ours = [g for g in store.graphs() if "/fz-" in g or "/random-" in g]
    if kind == 0:
        picked = [q for q in rng.sample(named, 5) if not isinstance(q.subject, ox.BlankNode)
                  and not isinstance(q.object, ox.BlankNode)]
        if picked:
            store.update(" ;\n".join(
                f"DELETE DATA {{ GRAPH <{q.graph_name.value}> {{ {q.subject} {q.predicate} "
                f"{q.object} }} }}" for q in picked))
    elif kind == 1 or not ours:
        picked = rng.sample(named, 8)
        objects = [q.object for q in picked]
        rng.shuffle(objects)
        store.add_graph(f"{GRAPH}fz-{step}", [ox.Triple(q.subject, q.predicate, o)
                                              for q, o in zip(picked, objects)])
    elif kind == 2:
        store.remove_graph(rng.choice(ours))
    else:
        graph = rng.choice(ours)
        kept = [ox.Triple(q.subject, q.predicate, q.object) for q in store.quads(graph)]
        store.replace_graphs({graph: kept[: len(kept) // 2]})


@pytest.mark.slow
@pytest.mark.parametrize("seed", [1, 2])
def test_random_small_writes_update_the_view_as_a_build_would(tmp_path, seed):
    store = _synthetic(str(tmp_path / f"store-{seed}") if seed % 2 else "memory:")
    view = get_view(store)
    rng = random.Random(seed)
    followed = 0
    for step in range(40):
        if rng.random() < 0.3:
            _random_graph_write(store, rng, step)
        else:
            store.update(_random_write(store, rng, step))
        built = View.from_store(store)
        updated = follow(view, store)
        if updated is None:  # a class change may touch too much: then a build, as get_view
            view = built
            continue
        followed += 1
        assert_same(updated, built)
        view = updated
    assert followed >= 30
