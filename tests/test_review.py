"""The review queue (kg.review): uncertain facts wait, accepted ones become curated, rejected
ones stay out for good, close-call merges can be undone, and nothing pending is asserted."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from kg import review
from kg.build import build
from kg.errors import InputError, NotFoundError
from kg.extract.document import make_document
from kg.extract.pipeline import extract_document
from kg.ingest import ingest_text
from kg.namespaces import ID
from kg.store import Store, parse_triples
from kg.view import get_view
from tests.test_resolve import REPORTS, agreements_between, assert_derived_is_complete, fresh

SINGLE = f"{ID}agreement/2024-04-03-cl-hydrogen"  # one party: the extractor is unsure (0.6)
DE_CL = f"{ID}agreement/2024-03-14-cl-de-hydrogen"


@pytest.fixture(scope="module")
def seed_quads(seed_store: Store) -> list[ox.Quad]:
    return list(seed_store.quads())


def ingest(store: Store, name: str, threshold: float | None = None):
    text = (REPORTS / name).read_text(encoding="utf-8")
    return ingest_text(store, make_document(text, name=name, raw=text.encode()),
                       threshold=threshold)


def asserted(store: Store, node: str) -> bool:
    return bool(store.select(f"SELECT ?p WHERE {{ <{node}> ?p ?o }} LIMIT 1"))


def test_split_takes_out_what_is_below_the_threshold():
    text = (REPORTS / "cl_single_party.txt").read_text(encoding="utf-8")
    result = extract_document(make_document(text, name="x.txt", raw=text.encode()))
    triples = parse_triples(result.to_rdf())
    kept, items = review.split(triples, 0.65)
    assert [(i.subject, i.kind, i.score) for i in items] == [(SINGLE, "fact", 0.6)]
    assert "Chile signed a memorandum" in items[0].quote
    assert not any(t.subject.value == SINGLE for t in kept if isinstance(t.subject, ox.NamedNode))
    assert all(t in triples for t in items[0].payload) and len(kept) + len(items[0].payload) == \
        len(triples)
    kept, items = review.split(triples, 0.5)
    assert kept == triples and items == []


def test_a_pending_fact_is_not_asserted_until_accepted(seed_quads):
    store = fresh(seed_quads)
    done = ingest(store, "cl_single_party.txt")
    assert len(done.pending) == 1
    assert not asserted(store, SINGLE)
    assert SINGLE not in get_view(store).agreement_records
    assert SINGLE in get_view(store, include_pending=True).agreement_records
    (item,) = [i for i in review.items(store) if i.id in done.pending]
    assert item.status == "pending" and item.document.endswith(done.key)
    assert store.select(f"""SELECT ?i WHERE {{ ?i a ekg:ReviewItem ; ekg:status ekg:Pending ;
                              ekg:factSubject <{SINGLE}> }}""")  # what SPARQL users see

    accepted = review.decide(store, item.id, "accept")
    assert accepted.status == "accepted" and accepted.reviewed_at
    rows = store.select(f"SELECT ?g WHERE {{ GRAPH ?g {{ <{SINGLE}> ekg:party ?p }} }}")
    assert {r["g"] for r in rows} == {review.REVIEWED_GRAPH}
    assert store.select(f"""SELECT ?q WHERE {{ GRAPH <{review.REVIEWED_GRAPH}> {{
        ?e ekg:supports <{SINGLE}> ; ekg:quote ?q ; ekg:document ?d }} }}""")  # provenance
    assert SINGLE in get_view(store).agreement_records
    with pytest.raises(InputError, match="already accepted"):
        review.decide(store, item.id, "reject")

    again = ingest(store, "cl_single_party.txt")  # not queued again, not asserted twice
    assert again.pending == []
    rows = store.select(f"SELECT ?g WHERE {{ GRAPH ?g {{ <{SINGLE}> ekg:party ?p }} }}")
    assert {r["g"] for r in rows} == {review.REVIEWED_GRAPH}


def test_a_rejected_fact_is_not_extracted_again_from_the_same_document(seed_quads):
    store = fresh(seed_quads)
    storage = f"{ID}topic/energy-storage"
    agreement = f"{ID}agreement/2024-05-05-at-no-hydropower"
    done = ingest(store, "at_no_hydropower.txt", threshold=0.75)  # topics (0.7) wait
    topics = {i.object: i for i in review.items(store) if i.id in done.pending
              and i.predicate.endswith("#topic")}
    assert set(topics) == {f"{ID}topic/hydropower", storage}
    assert not store.select(f"SELECT ?t WHERE {{ <{agreement}> ekg:topic ?t }}")
    assert review.decide(store, topics[storage].id, "reject").status == "rejected"

    again = ingest(store, "at_no_hydropower.txt")  # the default threshold: topics are confident
    assert again.pending == []
    found = {r["t"] for r in store.select(f"SELECT ?t WHERE {{ <{agreement}> ekg:topic ?t }}")}
    assert found == {f"{ID}topic/hydropower"}
    assert [i.id for i in review.items(store, "rejected")] == [topics[storage].id]
    assert review.items(store, "pending") == [i for i in review.items(store, "pending")
                                              if not i.document.endswith(done.key)]


def test_accepting_an_agreement_derives_its_cooperation(seed_quads):
    store = fresh(seed_quads)
    done = ingest(store, "cl_de_hydrogen_de.txt", threshold=0.9)
    assert agreements_between(store, "country/DE", "country/CL") == set()
    assert not store.select("ASK { country:DE ekg:cooperatesWith country:CL }".replace(
        "ASK", "SELECT * WHERE").replace("}", "} LIMIT 1"))
    pending = get_view(store, include_pending=True)
    assert pending.cooperation.has_edge(f"{ID}country/DE", f"{ID}country/CL")
    (item,) = [i for i in review.items(store) if i.id in done.pending and i.subject == DE_CL]
    review.decide(store, item.id, "accept")
    assert agreements_between(store, "country/DE", "country/CL") == {DE_CL}
    assert get_view(store).cooperation.has_edge(f"{ID}country/DE", f"{ID}country/CL")
    assert_derived_is_complete(store)


def test_a_close_call_merge_waits_and_a_rejection_splits_it(seed_quads):
    store = fresh(seed_quads)
    ingest(store, "cl_de_hydrogen_de.txt")
    undated = ingest(store, "cl_de_hydrogen_undated.txt")
    (merge,) = [m for m in undated.merged if m["kind"] == "agreement"]
    assert merge["close_call"]
    (item,) = [i for i in review.items(store) if i.kind == "merge"]
    assert item.id == merge["merge"] and item.reasons
    assert item.quote and "Chile and Germany" in item.quote
    assert len(agreements_between(store, "country/DE", "country/CL")) == 1

    assert review.decide(store, item.id, "reject").status == "rejected"
    assert len(agreements_between(store, "country/DE", "country/CL")) == 2
    assert review.get_merge(store, item.id)[1] == "undone"
    assert_derived_is_complete(store)
    ingest(store, "cl_de_hydrogen_undated.txt")
    assert len(agreements_between(store, "country/DE", "country/CL")) == 2


def test_accepting_a_close_call_keeps_the_merge(seed_quads):
    store = fresh(seed_quads)
    ingest(store, "cl_de_hydrogen_de.txt")
    ingest(store, "cl_de_hydrogen_undated.txt")
    (item,) = [i for i in review.items(store) if i.kind == "merge"]
    review.decide(store, item.id, "accept")
    assert review.get_merge(store, item.id)[1] == "merged"
    ingest(store, "cl_de_hydrogen_undated.txt")  # again: merged, and not asked again
    assert [i for i in review.items(store) if i.kind == "merge"] == []
    assert len(agreements_between(store, "country/DE", "country/CL")) == 1


def test_unknown_items_and_decisions():
    store = Store("memory:")
    with pytest.raises(NotFoundError):
        review.decide(store, "0123456789ab", "accept")
    with pytest.raises(InputError):
        review.decide(store, "0123456789ab", "maybe")
    with pytest.raises(InputError):
        review.items(store, "sideways")


def test_a_full_build_keeps_the_decisions_and_the_reviewed_facts(seed_quads):
    store = fresh(seed_quads)
    done = ingest(store, "cl_single_party.txt")
    review.decide(store, done.pending[0], "accept")
    topics = ingest(store, "at_no_hydropower.txt", threshold=0.75)
    rejected = next(i for i in review.items(store) if i.id in topics.pending)
    review.decide(store, rejected.id, "reject")
    waiting = {i.id for i in review.items(store, "pending")}
    build(store)  # inputs unchanged, but the store moved on: a full rebuild
    assert asserted(store, SINGLE)
    assert {i.id for i in review.items(store, "accepted")} == {done.pending[0]}
    assert {i.id for i in review.items(store, "rejected")} == {rejected.id}
    assert {i.id for i in review.items(store, "pending")} == waiting
    assert_derived_is_complete(store)


def test_the_threshold_comes_from_the_environment(monkeypatch):
    monkeypatch.setenv("KG_REVIEW_THRESHOLD", "0.8")
    assert review.threshold_from_env() == 0.8
    monkeypatch.setenv("KG_REVIEW_THRESHOLD", "high")
    with pytest.raises(InputError):
        review.threshold_from_env()
    monkeypatch.delenv("KG_REVIEW_THRESHOLD")
    assert review.threshold_from_env() == review.DEFAULT_THRESHOLD == 0.65
