"""Benchmark of the NetworkX view on a synthetic graph of about a million triples.

Generates the graph (bench/synthetic.py), loads it into an in-memory store,
builds the view a few times, then times ``partners`` for random countries and
one explained shortest ``path`` between random actors (median and p95), and
the same ``partners`` question as SPARQL on Oxigraph for comparison. Reports
memory (resident size added by the view, and peak). A script, not a test::

    .venv/bin/python bench/bench_view.py               # ~1M triples, < 3 min
    .venv/bin/python bench/bench_view.py --triples 200000 --calls 100

Targets on a 2-core machine: view rebuild <= 10 s, partners <= 5 ms, one
explained shortest path <= 20 ms.
"""

from __future__ import annotations

import argparse
import gc
import os
import random
import resource
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import pyoxigraph as ox  # noqa: E402

import synthetic  # noqa: E402
from kg import query as q  # noqa: E402
from kg.errors import NoPathError  # noqa: E402
from kg.store import Store  # noqa: E402
from kg.view import View  # noqa: E402

PARTNERS_SPARQL = """
SELECT ?partner (COUNT(DISTINCT ?a) AS ?n) (MIN(STR(?d)) AS ?first) (MAX(STR(?d)) AS ?last)
       (GROUP_CONCAT(DISTINCT STR(?t); separator=" ") AS ?topics)
WHERE {
  ?a ekg:party <%s> , ?partner .
  FILTER(?partner != <%s>)
  OPTIONAL { ?a ekg:signedOn ?d }
  OPTIONAL { ?a ekg:topic ?t }
} GROUP BY ?partner ORDER BY DESC(?n)
"""


def rss_mb() -> float:
    """Current resident set size in MB (Linux /proc; falls back to the peak)."""
    try:
        with open("/proc/self/statm") as handle:
            pages = int(handle.read().split()[1])
        return pages * os.sysconf("SC_PAGE_SIZE") / 2**20
    except OSError:
        return peak_mb()


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def timed(fn, *args, **kwargs) -> tuple[float, object]:
    start = time.perf_counter()
    result = fn(*args, **kwargs)
    return time.perf_counter() - start, result


def summary(samples: list[float]) -> str:
    ms = sorted(s * 1000 for s in samples)
    p95 = ms[min(len(ms) - 1, int(round(0.95 * (len(ms) - 1))))]
    return f"median {statistics.median(ms):7.2f} ms   p95 {p95:7.2f} ms   max {ms[-1]:7.2f} ms"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--triples", type=int, default=1_000_000)
    parser.add_argument("--builds", type=int, default=3, help="view builds to time (at least 1)")
    parser.add_argument("--calls", type=int, default=200, help="partners/path calls to time")
    parser.add_argument("--sparql-calls", type=int, default=50)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    rng = random.Random(args.seed)
    load_avg = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"machine: {os.cpu_count()} cores, load average {load_avg:.2f}; "
          f"python {sys.version.split()[0]}, pyoxigraph {ox.__version__}")

    seconds, data = timed(lambda: "".join(synthetic.generate(triples=args.triples)).encode())
    print(f"generate  {seconds:6.2f} s  ({len(data) / 2**20:.0f} MB of N-Quads)")
    store = Store("memory:")
    staged = ox.Store()
    staged.bulk_load(data, format=ox.RdfFormat.N_QUADS)
    del data
    # through the Store, so that its default graph (the union, each triple once) is kept
    seconds, _ = timed(store.replace_all, quads=iter(staged))
    del staged
    gc.collect()
    print(f"load      {seconds:6.2f} s  ({len(store):,} quads into a memory store)")

    before = rss_mb()
    builds, cpu = [], []
    view = None
    for _ in range(args.builds):
        view = None
        gc.collect()
        started = time.process_time()
        seconds, view = timed(View.from_store, store)
        cpu.append(time.process_time() - started)
        builds.append(seconds)
    gc.collect()
    view_mb = rss_mb() - before
    stats = view.stats()
    print(f"view      median {statistics.median(builds):6.2f} s over {len(builds)} builds "
          f"({', '.join(f'{b:.2f}' for b in builds)})")
    print(f"          CPU time median {statistics.median(cpu):6.2f} s "
          f"(wall time above includes waiting for the CPU on a loaded machine)")
    print(f"          steps of the last build: "
          + ", ".join(f"{k} {v:.2f}" for k, v in view.timings.items()))
    print(f"          {stats['entity_nodes']:,} entity nodes, {stats['entity_edges']:,} edges; "
          f"{stats['actors']:,} actors, {stats['cooperation_edges']:,} cooperation edges; "
          f"{stats['agreements']:,} agreements")
    print(f"memory    view adds {view_mb:,.0f} MB resident; peak RSS {peak_mb():,.0f} MB")

    countries = sorted(n for n, d in view.cooperation.nodes(data=True) if d["type"] == "Country")
    actors = sorted(view.cooperation.nodes)
    topics = sorted(view.narrower)
    sample = [rng.choice(countries) for _ in range(args.calls)]

    q.partners(view, sample[0])  # warm caches (agreement infos are memoised per view)
    times, sizes = [], []
    for country in sample:
        seconds, found = timed(q.partners, view, country)
        times.append(seconds)
        sizes.append(len(found))
    print(f"partners  {summary(times)}   ({args.calls} random countries, "
          f"median {statistics.median(sizes):.0f} partners)")
    partners_median = statistics.median(times)

    times = []
    for country in sample:
        seconds, _ = timed(lambda c=country: [
            link.to_json(view) for link in q.partner_links(view, c)[1][:50]])
        times.append(seconds)
    print(f"  page    {summary(times)}   (the first 50 as JSON, as /cooperations?actor= "
          f"answers at its default page size)")

    times = []
    for country in sample:
        topic = rng.choice(topics)
        seconds, _ = timed(q.partners, view, country, topic=topic, since="2005", until="2015-06")
        times.append(seconds)
    print(f"  +filter {summary(times)}   (random topic incl. narrower, 2005..2015-06)")

    cold = View.from_store(store)
    times = []
    for country in sample[:50]:
        seconds, _ = timed(q.partners, cold, country)
        times.append(seconds)
        cold._cache.clear()
    print(f"  cold    {summary(times)}   (no memoised agreement records, 50 calls)")
    del cold

    times, lengths, missing = [], [], 0
    for _ in range(args.calls):
        a, b = rng.sample(actors, 2)
        start = time.perf_counter()
        try:
            [found] = q.path(view, a, b)
            lengths.append(found.length)
        except NoPathError:
            missing += 1
        times.append(time.perf_counter() - start)
    print(f"path      {summary(times)}   ({args.calls} random actor pairs, explained, "
          f"median {statistics.median(lengths) if lengths else 0:.0f} hops, {missing} unlinked)")
    path_median = statistics.median(times)

    times = []
    for _ in range(max(1, args.calls // 4)):
        a, b = rng.sample(actors, 2)
        seconds, _ = timed(lambda: _try_path(view, a, b, k=3))
        times.append(seconds)
    print(f"path k=3  {summary(times)}   ({len(times)} pairs)")

    times = []
    names = [view.label(rng.choice(actors)) for _ in range(20)]
    for name in names:
        typo = name[:-2] + name[-1:]  # drop a letter
        seconds, _ = timed(_try_resolve, view, typo)
        times.append(seconds)
    print(f"resolve   {summary(times)}   (20 misspelt names, fuzzy)")

    times = []
    for country in sample[: args.sparql_calls]:
        seconds, _ = timed(lambda c=country: list(store.query(PARTNERS_SPARQL % (c, c))))
        times.append(seconds)
    sparql_median = statistics.median(times)
    print(f"SPARQL    {summary(times)}   (partners as one SPARQL query, {len(times)} calls)")
    print(f"ratio     SPARQL / view partners = {sparql_median / partners_median:.1f}x "
          f"(the view also returns agreement records, evidence and labels)")

    build = statistics.median(builds)
    print()
    print("targets   view rebuild <= 10 s: "
          f"{build:.2f} s wall / {statistics.median(cpu):.2f} s CPU "
          f"{'ok' if build <= 10 else 'MISSED'};  partners <= 5 ms: "
          f"{partners_median * 1000:.2f} ms {'ok' if partners_median <= 0.005 else 'MISSED'};  "
          f"path <= 20 ms: {path_median * 1000:.2f} ms {'ok' if path_median <= 0.02 else 'MISSED'}")


def _try_path(view, a, b, k):
    try:
        return q.path(view, a, b, k=k)
    except NoPathError:
        return []


def _try_resolve(view, name):
    try:
        return q.resolve(view, name)
    except Exception:  # noqa: BLE001 - a miss is a valid outcome here
        return None


if __name__ == "__main__":
    main()
