"""Benchmark of ``kg ingest``: documents/s at 1, 2 and all cores into a store of ~1M triples,
and one incremental ingestion against a full recomputation of the derived graph.

Documents are generated from the corpus texts (``../shared/corpus/dev/texts``, else
``tests/data/ingest``) by varying country names, years and cities, so every one is new
and different. The base store is an on-disk store filled with ``bench/synthetic.py``
(``--triples``, 1M by default); each measurement ingests into a fresh copy of it.

The settings are measured in interleaved rounds (1, 2, all cores, 1, 2, all, ...), each
round ingesting ``--docs / --rounds`` fresh documents, and the medians are reported with
their ratio to one core, because the machine is shared and figures are noisy. Then, in
the same run, one document is committed the way ``kg.ingest.commit_document`` does it
(the incremental update of the derived graph, ``kg.derive``) and with a full recomputation
of the derived graph (the behaviour before it), alternately, ``--repeat`` times.

Each run also prints the time the one writer spent screening and committing (the rest is
waiting for the extraction workers, and starting them).

    .venv/bin/python bench/bench_ingest.py                      # 2000 docs, 1M triples
    .venv/bin/python bench/bench_ingest.py --docs 200 --rounds 2  # quicker
    .venv/bin/python bench/bench_ingest.py --base store-1M      # keep the base store
"""

from __future__ import annotations

import argparse
import os
import random
import re
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

COUNTRIES = [("Deutschland", "Germany"), ("Frankreich", "France"), ("Japan", "Japan"),
             ("Norwegen", "Norway"), ("Kanada", "Canada"), ("Indien", "India"),
             ("Chile", "Chile"), ("Marokko", "Morocco"), ("Ägypten", "Egypt"),
             ("Australien", "Australia"), ("Brasilien", "Brazil"), ("Kasachstan", "Kazakhstan"),
             ("Polen", "Poland"), ("Spanien", "Spain"), ("Italien", "Italy"),
             ("Südkorea", "South Korea"), ("Vietnam", "Vietnam"), ("Nigeria", "Nigeria"),
             ("Griechenland", "Greece"), ("Dänemark", "Denmark"), ("Belgien", "Belgium"),
             ("Österreich", "Austria"), ("Mexiko", "Mexico"), ("Argentinien", "Argentina")]
CITIES = ["Berlin", "Paris", "Tokio", "Oslo", "Ottawa", "Neu-Delhi", "Santiago", "Rabat",
          "Kairo", "Canberra", "Brasília", "Astana", "Warschau", "Madrid", "Rom", "Seoul",
          "Hanoi", "Abuja", "Athen", "Kopenhagen", "Brüssel", "Wien", "Lissabon", "Prag"]
_YEAR = re.compile(r"\b(19[89]\d|20[0-2]\d)\b")


def corpus_texts() -> list[str]:
    folder = ROOT.parent / "shared" / "corpus" / "dev" / "texts"
    if not folder.is_dir():
        folder = ROOT / "tests" / "data" / "ingest"
    return [p.read_text(encoding="utf-8") for p in sorted(folder.rglob("*.txt"))]


def vary(text: str, rng: random.Random, number: int) -> str:
    """Another report of the same kind: other countries, another year, another city."""
    names = [pair for pair in COUNTRIES if pair[0] in text or pair[1] in text]
    swaps = {}
    for de, en in names:
        other = rng.choice(COUNTRIES)
        swaps[de], swaps[en] = other[0], other[1]
    for city in CITIES:
        if city in text:
            swaps[city] = rng.choice(CITIES)
    if swaps:
        pattern = re.compile("|".join(re.escape(k) for k in sorted(swaps, key=len, reverse=True)))
        text = pattern.sub(lambda m: swaps[m.group(0)], text)
    shift = rng.randint(-8, 3)
    text = _YEAR.sub(lambda m: str(min(2025, int(m.group(1)) + shift)), text)
    return text.rstrip() + f"\n\n(Meldung {number})\n"


def generate(folder: Path, count: int, seed: int = 7, start: int = 0) -> list[Path]:
    rng = random.Random(seed + start)
    texts = corpus_texts()
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for n in range(start, start + count):
        path = folder / f"doc{n:05d}.txt"
        path.write_text(vary(texts[n % len(texts)], rng, n), encoding="utf-8")
        paths.append(path)
    return paths


def base_store(folder: Path, triples: int, location: Path | None = None) -> Path:
    """An on-disk store: the project's build (ontology, gazetteer, seeds) plus synthetic data
    (at ``location`` if given: kept there, and used as it is when it exists)."""
    import synthetic
    from kg.build import build
    from kg.store import Store

    if location is not None and (location / "meta.json").exists():
        store = Store(location, read_only=True)
        print(f"base store: {len(store):,} quads at {location} (kept from an earlier run)",
              flush=True)
        store.close()
        return location
    location = location or folder / "base"
    store = Store(location)
    build(store, extract=False)
    if triples:
        synthetic.load(store, triples=triples)
    n = len(store)
    store.close()
    print(f"base store: {n:,} quads at {location}", flush=True)
    return location


def run_once(base: Path, work: Path, docs: Path, jobs: int, batch: int
             ) -> tuple[float, int, float, int]:
    from kg.bulk import ingest
    from kg.store import Store

    target = work / f"store-{jobs}"
    shutil.rmtree(target, ignore_errors=True)
    shutil.copytree(base, target)
    store = Store(target)
    started = time.perf_counter()
    report = ingest(store, [docs], jobs=jobs, batch_size=batch)
    seconds = time.perf_counter() - started
    store.close()
    shutil.rmtree(target, ignore_errors=True)
    counts = report.counts()
    assert counts["failed"] == 0, [o.reason for o in report.failed][:3]
    return seconds, counts["new"], report.writing, report.batches


DERIVING: list[float] = []  # the time commit_full spent computing the derived graph


def commit_full(store, graph: str, triples) -> None:
    """The commit before incremental derivation: the document's graph and the whole derived
    graph recomputed (written the same way as commit_document writes, in one transaction)."""
    import pyoxigraph as ox

    from kg.ingest import derived_with
    from kg.namespaces import DERIVED_GRAPH

    with store.writing():
        started = time.perf_counter()
        derived = derived_with(store, graph, triples)
        DERIVING.append(time.perf_counter() - started)
        store.write_data([("drop", graph, []), ("insert", graph, triples),
                          ("drop", str(DERIVED_GRAPH), []),
                          ("insert", str(DERIVED_GRAPH),
                           [ox.Triple(q.subject, q.predicate, q.object) for q in derived])])


def incremental_vs_full(base: Path, work: Path, repeat: int) -> dict[str, list[float]]:
    """One document committed by kg.ingest.commit_document and by a full recomputation."""
    from kg.build import screen_document
    from kg.extract.document import make_document
    from kg.extract.pipeline import extract_document
    from kg.ingest import commit_document, document_graph, entity_index
    from kg.store import Store, parse_triples

    target = work / "store-commit"
    shutil.rmtree(target, ignore_errors=True)
    shutil.copytree(base, target)
    store = Store(target)
    rng = random.Random(99)
    texts = corpus_texts()
    times: dict[str, list[float]] = {"commit_document": [], "full recomputation": []}
    for n in range(repeat):
        for name, commit in (("commit_document", commit_document), ("full recomputation",
                                                                     commit_full)):
            doc = make_document(vary(texts[n % len(texts)], rng, 900_000 + 2 * n +
                                     (name != "commit_document")))
            triples, _ = screen_document(store, parse_triples(extract_document(doc).to_rdf()),
                                         index=entity_index(store))
            started = time.perf_counter()
            commit(store, document_graph(doc.key), triples)
            times[name].append(time.perf_counter() - started)
    store.close()
    shutil.rmtree(target, ignore_errors=True)
    return times


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--docs", type=int, default=2000, help="documents in all (default 2000)")
    parser.add_argument("--rounds", type=int, default=3, help="interleaved rounds (default 3)")
    parser.add_argument("--triples", type=int, default=1_000_000, help="synthetic triples")
    parser.add_argument("--batch", type=int, default=25, help="documents per transaction")
    parser.add_argument("--repeat", type=int, default=5, help="single commits to time")
    parser.add_argument("--keep", type=Path, help="keep the work folder here")
    parser.add_argument("--base", type=Path,
                        help="the base store: made here if missing, else used as it is")
    args = parser.parse_args(argv)
    cores = os.cpu_count() or 1
    settings = sorted({1, 2, cores})
    per_round = max(1, args.docs // (args.rounds * len(settings)))
    work = args.keep or Path(tempfile.mkdtemp(prefix="bench-ingest-"))
    work.mkdir(parents=True, exist_ok=True)
    print(f"{cores} cores; {per_round} new documents per measurement, {args.rounds} rounds of "
          f"{settings} jobs ({per_round * args.rounds * len(settings)} documents), "
          f"batch {args.batch}", flush=True)
    base = base_store(work, args.triples, args.base)
    rates: dict[int, list[float]] = {j: [] for j in settings}
    number = 0
    for round_number in range(args.rounds):
        for jobs in settings:
            docs = work / f"docs-{round_number}-{jobs}"
            generate(docs, per_round, start=number)
            number += per_round
            seconds, new, writing, batches = run_once(base, work, docs, jobs, args.batch)
            rates[jobs].append(new / seconds)
            print(f"  round {round_number + 1}, jobs {jobs}: {new} documents in {seconds:.1f} s "
                  f"= {new / seconds:.2f} documents/s; the writer {writing:.1f} s "
                  f"({writing / new * 1000:.0f} ms a document, {batches} transactions); "
                  f"load average "
                  f"{os.getloadavg()[0]:.1f}", flush=True)
    one = statistics.median(rates[1])
    print("\ndocuments/s (median of rounds), ratio to 1 core:")
    for jobs in settings:
        median = statistics.median(rates[jobs])
        print(f"  jobs {jobs:>2}: {median:6.2f} documents/s  x{median / one:.2f}")
    times = incremental_vs_full(base, work, args.repeat)
    print(f"\none document committed into {args.triples:,}+ triples (median of {args.repeat}):")
    medians = {name: statistics.median(values) for name, values in times.items()}
    for name, value in medians.items():
        print(f"  {name:20s} {value * 1000:8.1f} ms")
    print(f"  ratio full / commit_document: x{medians['full recomputation'] / medians['commit_document']:.2f}")
    print(f"  (of the full recomputation, computing the derived graph: "
          f"{statistics.median(DERIVING) * 1000:.1f} ms; the rest is writing it)")
    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
