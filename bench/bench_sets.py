"""What set semantics for the default graph costs, against the previous layout, in one run.

The same synthetic graph (bench/synthetic.py, ~1M quads; a share ``--overlap`` of the extracted
quads is restated in the curated graph, as curated facts that extraction also finds) is put on
disk two ways:

today
    main's layout before this change: the quads in their named graphs only, queried with
    Oxigraph's ``use_default_graph_as_union`` (a triple comes back once per graph stating it);
merged
    :class:`kg.store.Store` now: the named graphs plus the store-kept default graph (each
    triple once), which queries use (:func:`kg.store.run_query`).

Measured, alternating the two layouts so that the machine's noise falls on both: load time,
disk size, a few typical queries cold (each run in a fresh process that opens the store
read-only: RocksDB's caches are empty, the OS page cache is not) and warm (one process, after
one unmeasured run), and the writes that keep the default graph in step. Medians, and the
ratio merged/today. A script, not a test::

    .venv/bin/python bench/bench_sets.py --out docs/results/sets-1M.md
    .venv/bin/python bench/bench_sets.py --triples 100000 --runs 3      # a quick look
"""

from __future__ import annotations

import argparse
import gc
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
from kg.store import Store, named_quads, run_query  # noqa: E402

CURATED = ox.NamedNode(synthetic.GRAPH + "curated")
COUNTRY = synthetic.ID + "country/"
LAYOUTS = ("today", "merged")

QUERIES = {
    "COUNT of parties": "SELECT (COUNT(?p) AS ?n) WHERE { ?a ekg:party ?p }",
    "partners of {c}": "SELECT ?partner (COUNT(?a) AS ?n) WHERE { ?a ekg:party <{c}>, ?partner "
                       "FILTER(?partner != <{c}>) } GROUP BY ?partner ORDER BY DESC(?n) LIMIT 20",
    "path ^party/party of {c}": "SELECT (COUNT(?x) AS ?n) WHERE { <{c}> ^ekg:party/ekg:party ?x }",
    "path topic/broader*": "SELECT (COUNT(?t) AS ?n) WHERE { ?a ekg:topic/skos:broader* ?t }",
    "CONSTRUCT parties of {c}": "CONSTRUCT { ?a ekg:party ?p } WHERE { ?a ekg:party <{c}>, ?p }",
    "entity page {c}": "SELECT ?p ?o WHERE { <{c}> ?p ?o }",
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


def run(layout: str, handle, sparql: str):
    if layout == "today":
        return handle.query(sparql, prefixes=PREFIXES, use_default_graph_as_union=True)
    return run_query(handle, sparql)


def answer(result) -> str:
    """A short form of a query's answer: one value, or the number of rows or triples."""
    rows = list(result)
    if len(rows) == 1 and isinstance(result, ox.QuerySolutions) and len(rows[0]) == 1:
        return rows[0][0].value
    return f"{len(rows)} {'triples' if isinstance(result, ox.QueryTriples) else 'rows'}"


def timed(fn: Callable[[], object]) -> tuple[float, object]:
    started = time.perf_counter()
    result = fn()
    return time.perf_counter() - started, result


def cold_one(layout: str, path: str, sparql: str) -> None:
    """In a fresh process: open read-only, run once, print ms and the answer."""
    handle = ox.Store.read_only(path)
    seconds, result = timed(lambda: answer(run(layout, handle, sparql)))
    print(f"{seconds * 1000:.3f}\t{result}")


def interleaved(runs: int, first: Callable[[], object], second: Callable[[], object]
                ) -> tuple[list[float], list[float]]:
    """Times of ``first`` and ``second``, alternating which goes first."""
    a, b = [], []
    for i in range(runs):
        order = [(first, a), (second, b)] if i % 2 == 0 else [(second, b), (first, a)]
        for fn, times in order:
            times.append(timed(fn)[0])
    return a, b


def row(label: str, today: float, merged: float, unit: str, note: str = "") -> str:
    ratio = merged / today if today else float("nan")
    return f"| {label} | {today:,.{1 if unit == 's' else 2}f} | {merged:,.{1 if unit == 's' else 2}f} " \
           f"| {ratio:.2f} | {note} |"


def main(argv: list[str] | None = None) -> None:  # noqa: PLR0915 - a report, top to bottom
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--triples", type=int, default=1_000_000)
    parser.add_argument("--overlap", type=float, default=0.1,
                        help="share of extracted quads also stated in the curated graph")
    parser.add_argument("--runs", type=int, default=7, help="runs per query (median)")
    parser.add_argument("--loads", type=int, default=3, help="loads per layout (median)")
    parser.add_argument("--out", type=Path, help="also write the report (Markdown) here")
    parser.add_argument("--cold-one", nargs=3, metavar=("LAYOUT", "PATH", "SPARQL"),
                        help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.cold_one:
        cold_one(*args.cold_one)
        return

    lines: list[str] = []

    def say(text: str = "") -> None:
        print(text, flush=True)
        lines.append(text)

    load_avg = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    command = "python bench/bench_sets.py " + " ".join(argv if argv is not None else sys.argv[1:])
    say(f"# Set semantics for the default graph: cost at {args.triples:,} triples\n")
    say(f"Command: `{command.strip()}`  ")
    say(f"Machine: {os.cpu_count()} cores, load average {load_avg:.2f} at the start (other "
        f"jobs were running); python {sys.version.split()[0]}, pyoxigraph {ox.__version__}; "
        "disk store (RocksDB) for both layouts.\n")

    started = time.perf_counter()
    data = quads(args.triples, args.overlap)
    distinct = len({(q.subject, q.predicate, q.object) for q in data})
    say(f"Data: {len(data):,} quads, {distinct:,} distinct triples "
        f"({len(data) - distinct:,} stated in two graphs), generated in "
        f"{time.perf_counter() - started:.1f} s.\n")

    root = Path(tempfile.mkdtemp(prefix="bench-sets-"))
    try:
        # --- loads, alternating; the last directory of each layout is kept for the queries
        loads: dict[str, list[float]] = {name: [] for name in LAYOUTS}
        paths: dict[str, Path] = {}
        for i in range(args.loads):
            for layout in (LAYOUTS if i % 2 == 0 else LAYOUTS[::-1]):
                target = root / f"{layout}-{i}"
                gc.collect()
                started = time.perf_counter()
                store = Store(str(target))
                store.merged = layout == "merged"  # off: main's code path, no default graph
                store.replace_all(quads=iter(data))
                paths[layout] = target / store._data_dir
                handle = store
                loads[layout].append(time.perf_counter() - started)
                handle.close() if hasattr(handle, "close") else None
                del handle
                gc.collect()
                for old in root.glob(f"{layout}-*"):
                    if old != target:
                        shutil.rmtree(old, ignore_errors=True)
        del data
        gc.collect()

        say("| | today | merged | merged/today | |")
        say("|---|---:|---:|---:|---|")
        say(row("load (s)", statistics.median(loads["today"]),
                statistics.median(loads["merged"]), "s", f"median of {args.loads}"))
        say(row("disk (MB)", size_mb(paths["today"]), size_mb(paths["merged"]), "s",
                "after the load"))

        probe = ox.Store.read_only(str(paths["today"]))
        country = next(iter(probe.query(
            "SELECT ?c (COUNT(DISTINCT ?a) AS ?n) WHERE { ?a ekg:party ?c "
            f"FILTER(STRSTARTS(STR(?c), '{COUNTRY}')) }} GROUP BY ?c ORDER BY DESC(?n) LIMIT 1",
            prefixes=PREFIXES, use_default_graph_as_union=True)))["c"].value
        del probe
        gc.collect()
        texts = {name.replace("{c}", country.rsplit("/", 1)[-1]): text.replace("{c}", country)
                 for name, text in QUERIES.items()}

        # --- cold: each run in a new process
        say(f"\nQueries (ms), cold: a new process opens the store read-only and runs the "
            f"query once; median of {args.runs}, the layouts alternating.\n")
        say("| query | today | merged | merged/today | answer today / merged |")
        say("|---|---:|---:|---:|---|")
        for name, sparql in texts.items():
            times: dict[str, list[float]] = {name: [] for name in LAYOUTS}
            answers = {}
            for i in range(args.runs):
                for layout in (LAYOUTS if i % 2 == 0 else LAYOUTS[::-1]):
                    out = subprocess.run(
                        [sys.executable, __file__, "--cold-one", layout, str(paths[layout]),
                         sparql], capture_output=True, text=True, check=True).stdout
                    ms, result = out.strip().split("\t")
                    times[layout].append(float(ms))
                    answers[layout] = result
            say(row(name, statistics.median(times["today"]), statistics.median(times["merged"]),
                    "ms", f"{answers['today']} / {answers['merged']}"))

        # --- warm: one process, both stores open
        handles = {layout: ox.Store.read_only(str(paths[layout])) for layout in LAYOUTS}
        say(f"\nQueries (ms), warm: one process, after one unmeasured run; median of "
            f"{args.runs}, alternating.\n")
        say("| query | today | merged | merged/today | |")
        say("|---|---:|---:|---:|---|")
        for name, sparql in texts.items():
            for layout in LAYOUTS:
                answer(run(layout, handles[layout], sparql))
            a, b = interleaved(args.runs,
                               lambda s=sparql: answer(run("today", handles["today"], s)),
                               lambda s=sparql: answer(run("merged", handles["merged"], s)))
            say(row(name, statistics.median(a) * 1000, statistics.median(b) * 1000, "ms"))
        a, b = interleaved(max(3, args.runs // 2),
                           lambda: sum(1 for _ in handles["today"]),
                           lambda: sum(1 for _ in named_quads(handles["merged"])))
        say(row("scan of the named quads (the view's input)", statistics.median(a) * 1000,
                statistics.median(b) * 1000, "ms", "merged skips its default graph"))
        del handles
        gc.collect()

        # --- writes
        say(f"\nWrites (ms) through kg.store.Store, median of {args.runs}, alternating. today: "
            "the same Store with the default graph off, as on main (one update, no default "
            "graph to keep).\n")
        say("| write | today | merged | merged/today | |")
        say("|---|---:|---:|---:|---|")
        today = Store(str(paths["today"].parent))
        today.merged = False  # main's writes: no default graph to keep
        merged = Store(str(paths["merged"].parent))
        graph = "https://w3id.org/energy-kg/graph/extracted/bench-doc"
        one = f"GRAPH <{graph}> {{ <{country}> <https://example.org/p> 1 }}"
        doc = [ox.Triple(ox.NamedNode(f"https://example.org/bench/s{i}"),
                         ox.NamedNode(synthetic.EKG + "party"), ox.NamedNode(country))
               for i in range(200)]
        body = ox.serialize(doc, format=ox.RdfFormat.N_TRIPLES).decode()
        writes = [
            ("update INSERT DATA, 1 triple",
             lambda: today.update(f"INSERT DATA {{ {one} }}"),
             lambda: merged.update(f"INSERT DATA {{ {one} }}"), "no scan: the data is copied"),
            ("update DELETE DATA, 1 triple",
             lambda: today.update(f"DELETE DATA {{ {one} }}"),
             lambda: merged.update(f"DELETE DATA {{ {one} }}"), "no scan: its triples are checked"),
            ("update INSERT DATA again",
             lambda: today.update(f"INSERT DATA {{ {one} }}"),
             lambda: merged.update(f"INSERT DATA {{ {one} }}"), ""),
            ("update DELETE WHERE { GRAPH ?g {…} }",
             lambda: today.update(f"DELETE WHERE {{ GRAPH ?g {{ <{country}> "
                                  "<https://example.org/p> ?o } }"),
             lambda: merged.update(f"DELETE WHERE {{ GRAPH ?g {{ <{country}> "
                                   "<https://example.org/p> ?o } }"),
             "any other update: reconciliation scans the store"),
            ("replace a document graph (200 triples)",
             lambda: today.replace_graphs({graph: doc}),
             lambda: merged.replace_graphs({graph: doc}), "as kg.ingest does"),
            ("remove that graph",
             lambda: today.remove_graph(graph),
             lambda: merged.remove_graph(graph), ""),
        ]
        results: dict[str, tuple[list[float], list[float]]] = {w[0]: ([], []) for w in writes}
        for i in range(args.runs):
            for name, do_today, do_merged, _ in writes:  # in order: each leaves the next its state
                pair = [(do_today, 0), (do_merged, 1)]
                for fn, slot in (pair if i % 2 == 0 else pair[::-1]):
                    results[name][slot].append(timed(fn)[0])
        for name, _, _, note in writes:
            a, b = results[name]
            say(row(name, statistics.median(a) * 1000, statistics.median(b) * 1000, "ms", note))
        merged.close()
        today.close()
        del today, merged
    finally:
        shutil.rmtree(root, ignore_errors=True)
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text("\n".join(lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
