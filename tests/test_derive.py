"""Incremental derivation (kg.derive): after any sequence of document additions, replacements,
removals and review decisions, the derived graph equals the full recomputation
(kg.build.derive_cooperations over the whole store)."""

from __future__ import annotations

import random

import pyoxigraph as ox
import pytest

from kg import derive
from kg.build import derive_cooperations
from kg.ingest import commit_document, document_graph, remove_document
from kg.namespaces import DERIVED_GRAPH, EKG, ID
from kg.store import Store
from tests.test_resolve import assert_derived_is_complete, fresh, ingest

PARTY, PARTICIPANT = ox.NamedNode(str(EKG.party)), ox.NamedNode(str(EKG.participant))
ACTORS = [ox.NamedNode(f"{ID}country/{c}") for c in ("DE", "FR", "JP", "CL", "NO", "AT")]
SOURCES = [ox.NamedNode(f"{ID}agreement/a{n}") for n in range(6)] + \
          [ox.NamedNode(f"{ID}cooperation/c{n}") for n in range(3)]


def full(store: Store) -> set[ox.Triple]:
    staging = ox.Store()
    staging.extend(q for q in store.quads() if q.graph_name != ox.NamedNode(str(DERIVED_GRAPH)))
    return {ox.Triple(q.subject, q.predicate, q.object) for q in derive_cooperations(staging)}


def derived(store: Store) -> set[ox.Triple]:
    return {ox.Triple(q.subject, q.predicate, q.object) for q in store.quads(DERIVED_GRAPH)}


def random_document(rng: random.Random) -> list[ox.Triple]:
    """Some agreements (and cooperations) with random parties; the same agreement IRI can
    appear in several documents, as it does after a merge."""
    triples = []
    for source in rng.sample(SOURCES, rng.randint(0, 3)):
        predicate = PARTICIPANT if "cooperation" in source.value else PARTY
        for actor in rng.sample(ACTORS, rng.randint(1, 3)):
            triples.append(ox.Triple(source, predicate, actor))
    return triples


@pytest.mark.parametrize("seed", range(8))
def test_random_changes_keep_the_derived_graph_complete(seed):
    rng = random.Random(seed)
    store = Store("memory:")
    keys = [f"{n:016x}" for n in range(5)]
    for step in range(40):
        key = rng.choice(keys)
        if rng.random() < 0.25:
            commit_document(store, document_graph(key), [])
        else:
            commit_document(store, document_graph(key), random_document(rng))
        assert derived(store) == full(store), f"step {step}"


def test_the_delta_touches_only_the_pairs_of_the_change():
    store = Store("memory:")
    a, b, c, d = ACTORS[:4]
    commit_document(store, document_graph("0" * 16), [ox.Triple(SOURCES[0], PARTY, a),
                                                      ox.Triple(SOURCES[0], PARTY, b)])
    delete, insert = derive.delta(store.oxigraph, {document_graph("1" * 16): [
        ox.Triple(SOURCES[1], PARTY, c), ox.Triple(SOURCES[1], PARTY, d)]})
    assert delete == []
    touched = {q.subject.value for q in insert if q.predicate.value.endswith("cooperatesWith")}
    assert touched == {c.value, d.value}


def test_a_sequence_of_reports_keeps_the_derived_graph_complete(seed_store):
    store = fresh(list(seed_store.quads()))
    done = {}
    for name in ("cl_de_hydrogen_de.txt", "cl_de_hydrogen_en.txt", "na_de_hydrogen_same_day.txt",
                 "cl_de_hydrogen_undated.txt", "jp_rosatom_en.txt", "at_no_hydropower.txt"):
        done[name] = ingest(store, name)
        assert_derived_is_complete(store)
    remove_document(store, done["cl_de_hydrogen_de.txt"].key)
    assert_derived_is_complete(store)
    remove_document(store, done["jp_rosatom_en.txt"].key)
    assert_derived_is_complete(store)
    ingest(store, "cl_de_hydrogen_de.txt")
    assert_derived_is_complete(store)
