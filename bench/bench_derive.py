"""Incremental against full derivation of ``ekg:cooperatesWith`` for one document.

    python bench/bench_derive.py [--agreements 100000] [--actors 2000] [--runs 20]

Fills an in-memory store with synthetic agreements (two to four parties each, about
``agreements`` × 9 triples with their derived links) and then, ``runs`` times, replaces
one document's graph (two agreements): the time :func:`kg.derive.delta` takes to work out
the derived update, against the full recomputation the ingestion did before
(:func:`kg.ingest.derived_with`), and the whole :func:`kg.ingest.commit_document`.

Measured on the 2-CPU development machine, loaded by other work (100,000 agreements, 2.2M
quads in named graphs, merged default graph): the delta 5 ms, the whole commit (document
graph, review records, derived delta, default graph kept) 116 ms, the full recomputation
42 s (medians; before the merged default graph: 1.6 ms, 3 ms and 23 s).
"""

from __future__ import annotations

import argparse
import gc
import random
import statistics
import time

import pyoxigraph as ox

from kg import derive
from kg.build import derive_cooperations
from kg.ingest import commit_document, derived_with, document_graph
from kg.namespaces import EKG, ID
from kg.store import Store

PARTY = ox.NamedNode(str(EKG.party))


def agreement(rng: random.Random, n: int, actors: int) -> list[ox.Triple]:
    node = ox.NamedNode(f"{ID}agreement/bench-{n}")
    parties = rng.sample(range(actors), rng.randint(2, 4))
    return [ox.Triple(node, PARTY, ox.NamedNode(f"{ID}org/actor-{p}")) for p in parties]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--agreements", type=int, default=100_000)
    parser.add_argument("--actors", type=int, default=2_000)
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()
    rng = random.Random(7)
    staging = ox.Store()
    for n in range(args.agreements):
        graph = ox.NamedNode(document_graph(f"{n // 10:016x}"))
        staging.extend(ox.Quad(t.subject, t.predicate, t.object, graph)
                       for t in agreement(rng, n, args.actors))
    staging.extend(derive_cooperations(staging))
    store = Store("memory:")
    store.replace_all(quads=iter(staging))
    print(f"store: {len(store):,} quads, {args.agreements:,} agreements")
    incremental, full, commit = [], [], []
    changes = []
    for run in range(args.runs):  # the incremental way first: a full recomputation leaves
        graph = document_graph(f"{run:016x}")  # a million objects for the allocator to return
        triples = agreement(rng, 10_000_000 + 2 * run, args.actors) + \
            agreement(rng, 10_000_001 + 2 * run, args.actors)
        changes.append((graph, triples))
        started = time.perf_counter()
        derive.delta(store.oxigraph, {graph: triples})
        incremental.append(time.perf_counter() - started)
        started = time.perf_counter()
        commit_document(store, graph, triples)
        commit.append(time.perf_counter() - started)
    for graph, triples in changes[:3]:
        gc.collect()
        started = time.perf_counter()
        derived_with(store, graph, triples)  # what the commit did before kg.derive
        full.append(time.perf_counter() - started)
    print("delta per run (ms):", [round(x * 1000, 1) for x in incremental])
    for name, times in (("incremental delta", incremental), ("full recomputation", full),
                        ("commit_document (incremental)", commit)):
        print(f"{name:32s} median {statistics.median(times) * 1000:9.2f} ms")
    print(f"speed-up of the derivation: {statistics.median(full) / statistics.median(incremental):.0f}x")


if __name__ == "__main__":
    main()
