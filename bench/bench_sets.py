"""What set semantics for the default graph costs, against the previous layout, in one run.

Builds the same synthetic graph (bench/synthetic.py, about a million quads, of which a share
``--overlap`` is restated in a second graph, as curated facts that extraction also finds) two
ways, each on disk:

today
    the previous layout: the quads in their named graphs only, queried with Oxigraph's
    ``use_default_graph_as_union`` (a triple comes back once per graph that states it);
merged
    :class:`kg.store.Store` as it is now: the named graphs plus the store-kept default graph
    (each triple once), which queries use.

Prints load time, disk size, the median of a few typical queries (with their answers, which
differ where a triple sits in two graphs), and the cost of the writes that keep the default
graph in step, with ratios merged/today. A script, not a test::

    .venv/bin/python bench/bench_sets.py                  # ~1M quads, a few minutes
    .venv/bin/python bench/bench_sets.py --triples 200000 --runs 5
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import pyoxigraph as ox  # noqa: E402

import synthetic  # noqa: E402
from kg.namespaces import PREFIXES  # noqa: E402
from kg.store import Store  # noqa: E402

CURATED = ox.NamedNode(synthetic.GRAPH + "curated")
COUNTRY = synthetic.ID + "country/"

QUERIES = {
    "count all": "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }",
    "agreements by class": "SELECT ?c (COUNT(?a) AS ?n) WHERE { ?a a ?c ; ekg:party ?x } "
                           "GROUP BY ?c",
    "partners of {c}": "SELECT ?partner (COUNT(?a) AS ?n) WHERE { ?a ekg:party <{c}>, ?partner "
                       "FILTER(?partner != <{c}>) } GROUP BY ?partner ORDER BY DESC(?n) LIMIT 20",
    "entity page {c}": "SELECT ?p ?o WHERE { <{c}> ?p ?o }",
    "path ^party/party": "SELECT (COUNT(*) AS ?n) WHERE { <{c}> ^ekg:party/ekg:party ?x }",
    "graphs (GRAPH ?g)": "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g",
}


def quads(triples: int, overlap: float) -> list[ox.Quad]:
    """The synthetic graph, with every ``1/overlap``-th extracted quad restated as curated."""
    data = "".join(synthetic.generate(triples=triples)).encode()
    parsed = list(ox.parse(data, format=ox.RdfFormat.N_QUADS))
    step = max(1, round(1 / overlap)) if overlap > 0 else 0
    extracted = [q for q in parsed if "/graph/extracted/" in str(q.graph_name)]
    again = [ox.Quad(q.subject, q.predicate, q.object, CURATED) for q in extracted[::step]] \
        if step else []
    return parsed + again


def size_mb(path: Path) -> float:
    out = subprocess.run(["du", "-sk", str(path)], capture_output=True, text=True, check=True)
    return int(out.stdout.split()[0]) / 1024


def median_ms(fn: Callable[[], object], runs: int) -> tuple[float, object]:
    fn()  # warm the caches once
    times, result = [], None
    for _ in range(runs):
        started = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - started)
    return statistics.median(times) * 1000, result


def answer(result) -> str:
    """A short form of a query's answer: one value, or the number of rows."""
    rows = list(result)
    if len(rows) == 1 and len(rows[0]) == 1:
        return rows[0][0].value
    return f"{len(rows)} rows"


def popular_country(store: ox.Store) -> str:
    rows = store.query("SELECT ?c (COUNT(DISTINCT ?a) AS ?n) WHERE { ?a ekg:party ?c "
                       f"FILTER(STRSTARTS(STR(?c), '{COUNTRY}')) }} GROUP BY ?c ORDER BY DESC(?n) "
                       "LIMIT 1", prefixes=PREFIXES, use_default_graph_as_union=True)
    return next(iter(rows))["c"].value


def small_graph(n: int) -> list[ox.Triple]:
    """``n`` new triples, half of which restate facts the store already has."""
    ex = "https://example.org/bench/"
    p = ox.NamedNode(ex + "p")
    return [ox.Triple(ox.NamedNode(f"{ex}s{i}"), p, ox.Literal(str(i))) for i in range(n)]


def main(argv: list[str] | None = None) -> None:  # noqa: PLR0915 - a report, top to bottom
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--triples", type=int, default=1_000_000)
    parser.add_argument("--overlap", type=float, default=0.1,
                        help="share of extracted quads also stated in the curated graph")
    parser.add_argument("--runs", type=int, default=9, help="runs per query (median)")
    args = parser.parse_args(argv)
    load_avg = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"machine: {os.cpu_count()} cores, load average {load_avg:.2f}; "
          f"python {sys.version.split()[0]}, pyoxigraph {ox.__version__}")

    started = time.perf_counter()
    data = quads(args.triples, args.overlap)
    distinct = len({(q.subject, q.predicate, q.object) for q in data})
    print(f"data      {len(data):,} quads, {distinct:,} distinct triples "
          f"({len(data) - distinct:,} stated twice); generated in "
          f"{time.perf_counter() - started:.1f} s")

    root = Path(tempfile.mkdtemp(prefix="bench-sets-"))
    try:
        # --- load, the way each layout fills a fresh directory
        started = time.perf_counter()
        today = ox.Store(str(root / "today"))
        today.bulk_extend(iter(data))
        today.flush()
        load_today = time.perf_counter() - started

        started = time.perf_counter()
        merged = Store(str(root / "merged"))
        merged.replace_all(quads=iter(data))
        load_merged = time.perf_counter() - started
        del data
        disk_today = size_mb(root / "today")
        disk_merged = size_mb(root / "merged" / merged._data_dir)

        print(f"\n{'':24} {'today':>12} {'merged':>12} {'ratio':>7}")
        print(f"{'load (s)':24} {load_today:12.2f} {load_merged:12.2f} "
              f"{load_merged / load_today:7.2f}")
        print(f"{'disk (MB)':24} {disk_today:12.1f} {disk_merged:12.1f} "
              f"{disk_merged / disk_today:7.2f}")

        country = popular_country(today)
        handle = merged.oxigraph
        print(f"\nqueries, median of {args.runs} runs (ms); answers today | merged; "
              f"{{c}} = {country.rsplit('/', 1)[-1]}")
        for name, text in QUERIES.items():
            sparql = text.replace("{c}", country)
            union = "GRAPH ?g" not in sparql
            ms_today, res_today = median_ms(lambda s=sparql, u=union: answer(today.query(
                s, prefixes=PREFIXES, use_default_graph_as_union=u)), args.runs)
            ms_merged, res_merged = median_ms(lambda s=sparql: answer(merged.query(s)),
                                              args.runs)
            label = name.replace("{c}", "c")
            print(f"{label:24} {ms_today:12.2f} {ms_merged:12.2f} {ms_merged / ms_today:7.2f}"
                  f"   {res_today} | {res_merged}")

        # --- writes that keep the default graph in step (merged) or need nothing (today)
        print("\nwrites (ms, one run each)")
        triples = small_graph(1000)
        graph = ox.NamedNode("https://example.org/bench/graph")
        rows = [("add_graph, 1000 triples",
                 lambda: today.extend(ox.Quad(t.subject, t.predicate, t.object, graph)
                                      for t in triples),
                 lambda: merged.add_graph(graph, triples)),
                ("remove_graph, 1000 triples", lambda: today.remove_graph(graph),
                 lambda: merged.remove_graph(graph)),
                ("update INSERT DATA, 1 triple",
                 lambda: today.update(f"INSERT DATA {{ GRAPH <{graph.value}> "
                                      "{ <https://example.org/u> <https://example.org/p> 1 } }"),
                 lambda: merged.update(f"INSERT DATA {{ GRAPH <{graph.value}> "
                                       "{ <https://example.org/u> <https://example.org/p> 1 } }")),
                ("replace_graphs (ingest)",
                 lambda: today.update(f"DROP SILENT GRAPH <{graph.value}> ; INSERT DATA {{ GRAPH "
                                      f"<{graph.value}> {{ <https://example.org/u> "
                                      "<https://example.org/p> 2 } }"),
                 lambda: merged.replace_graphs({graph.value: triples[:10]}))]
        for name, do_today, do_merged in rows:
            t0 = time.perf_counter()
            do_today()
            t1 = time.perf_counter()
            do_merged()
            t2 = time.perf_counter()
            print(f"{name:30} {(t1 - t0) * 1000:10.1f} {(t2 - t1) * 1000:10.1f} "
                  f"{(t2 - t1) / max(t1 - t0, 1e-9):9.2f}")
        merged.close()
    finally:
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
