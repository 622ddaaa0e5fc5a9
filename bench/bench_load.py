"""How fast ``kg load`` is, against pyoxigraph's ``bulk_load`` and rdflib's ``parse`` of the same file.

One synthetic N-Quads file (bench/synthetic.py with ``--valid``: evidence nodes name their
extractor, so the file conforms to the shapes and ``kg load`` validates it whole) is loaded,
in each round and in turn, each time in a new process:

raw memory / raw disk
    ``pyoxigraph.Store().bulk_load(path=…)`` (disk: into a new directory, then ``flush``);
kg load memory / kg load disk
    :func:`kg.load.load` into a new ``Store("memory:")`` / a new store folder: the same
    bulk loader, plus the merged default graph (every triple once more) and the SHACL
    checks (compiled to SPARQL) over everything loaded;
before: kg load memory / disk
    with ``--before-load DIR``, the same with the code of another checkout (e.g. main);
rdflib parse
    ``rdflib.Dataset().parse(path, format="nquads")`` (first round only: it is slow).

The alternatives alternate within each round (reversed every other round) so that the
machine's noise (2 cores, other jobs) falls on all of them. Each is timed in wall-clock
seconds and in CPU seconds of its process (all threads: the loader's, RocksDB's); on a
shared machine the CPU time is the steadier measure of the work done. Medians over the
rounds, and the ratios raw/kg per round (their medians). ``--before`` also times today's
import path before ``kg load`` existed, ``kg build`` with the file in ``seeds/curated`` (run
with the code of another checkout), at a smaller size, and ``kg build`` of this checkout
on the same input. A script, not a test::

    .venv/bin/python bench/bench_load.py --triples 1000000 --rounds 2 --before-load ../main
    .venv/bin/python bench/bench_load.py --triples 100000 --rounds 1 --before ../other-checkout \\
        --before-triples 50000
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import synthetic  # noqa: E402

# One measurement, in a new process: ``kind`` (raw, kg, rdflib), ``where`` (memory, disk),
# the N-Quads file and a scratch folder; prints wall and CPU seconds as JSON.
TIMED = """
import json, resource, sys, time
kind, where, path, scratch = sys.argv[1:5]

def cpu():
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime

out = {}
if kind == "raw":
    import pyoxigraph as ox
    started, began = time.perf_counter(), cpu()
    store = ox.Store() if where == "memory" else ox.Store(scratch + "/raw")
    store.bulk_load(path=path, format=ox.RdfFormat.N_QUADS)
    if where == "disk":
        store.flush()
elif kind == "kg":
    from kg.load import load
    from kg.store import Store
    started, began = time.perf_counter(), cpu()
    store = Store("memory:" if where == "memory" else scratch + "/kg")
    report = load(store, [path])
    out["validation"] = report.seconds_validation
    store.close()
elif kind == "phases":  # kg load's steps one by one, outside a staging copy
    from pathlib import Path
    import pyoxigraph as ox
    from kg import load as L
    from kg.namespaces import PREFIXES
    store = ox.Store() if where == "memory" else ox.Store(scratch + "/phases")

    def phase(name, step):
        started, began = time.perf_counter(), cpu()
        step()
        out[name] = [time.perf_counter() - started, cpu() - began]

    def copies():
        source, target = Path(path), ox.NamedNode("urn:x-bench:target")
        with open(path, "rb") as data, open(scratch + "/copies.nt", "wb") as written:
            quads = L._parse(data, L.file_format(source), source, target, lenient=True)
            ox.serialize(L._triples(quads, set(), [0]), written, ox.RdfFormat.N_TRIPLES)

    def checks():
        compiled = L.ShapeChecks(L.shape_checks(L.REPO_ROOT).graph, L.subclass_closure(
            L.ontology_subclasses(L.REPO_ROOT) + L.store_subclasses(store)))
        compiled.violations(lambda q: store.query(q, prefixes=PREFIXES))

    phase("quads: bulk_load of the file", lambda: store.bulk_load(
        path=path, format=ox.RdfFormat.N_QUADS))
    phase("copies: second parse, written as N-Triples", copies)
    phase("copies: bulk_load into the default graph", lambda: store.bulk_load(
        path=scratch + "/copies.nt", format=ox.RdfFormat.N_TRIPLES,
        to_graph=ox.DefaultGraph(), lenient=True))
    phase("flush", store.flush)
    phase("shape checks (whole store)", checks)
    print(json.dumps(out))
    sys.exit(0)
else:
    from rdflib import Dataset
    started, began = time.perf_counter(), cpu()
    Dataset().parse(path, format="nquads")
out["wall"], out["cpu"] = time.perf_counter() - started, cpu() - began
out["rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
print(json.dumps(out))
"""


def timed(kind: str, where: str, path: Path, code: Path) -> dict:
    """Wall and CPU seconds of one load in a new process running the code in ``code``."""
    scratch = Path(tempfile.mkdtemp(prefix="bench-load-"))
    try:
        env = {**os.environ, "PYTHONPATH": str(code)}
        result = subprocess.run([sys.executable, "-c", TIMED, kind, where, str(path),
                                 str(scratch)], capture_output=True, text=True, env=env,
                                cwd=code, check=False)
        if result.returncode != 0:
            raise RuntimeError(result.stderr[-2000:])
        return json.loads(result.stdout.strip().splitlines()[-1])
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


BUILD = """
import sys, time, resource
from pathlib import Path
from kg.build import build
from kg.store import Store
root, store = Path(sys.argv[1]), Store(sys.argv[2])
started = time.perf_counter()
report = build(store, root, extract=False)
print(time.perf_counter() - started, report.triples,
      resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024)
"""


def kg_build(code: Path, triples: int, scratch: Path) -> tuple[float, int, int]:
    """``kg build`` (the code in ``code``) with ``triples`` synthetic quads in seeds/curated."""
    root = scratch / f"project-{code.name}"
    for folder in ("ontology", "seeds"):
        shutil.copytree(HERE.parent / folder, root / folder, dirs_exist_ok=True)
    with open(root / "seeds" / "curated" / "synthetic.nq", "w", encoding="utf-8") as out:
        out.writelines(synthetic.generate(triples=triples, valid=True))
    env = {**os.environ, "PYTHONPATH": str(code)}
    result = subprocess.run([sys.executable, "-c", BUILD, str(root), str(scratch / "store")],
                            capture_output=True, text=True, env=env, cwd=code, check=False)
    shutil.rmtree(scratch / "store", ignore_errors=True)
    if result.returncode != 0:
        raise RuntimeError(result.stderr[-2000:])
    seconds, loaded, rss = result.stdout.split()
    return float(seconds), int(loaded), int(rss)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--triples", type=int, default=1_000_000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--no-rdflib", action="store_true")
    parser.add_argument("--file", type=Path, help="an N-Quads file to load instead of a "
                                                  "new synthetic one")
    parser.add_argument("--before-load", type=Path,
                        help="checkout whose kg load is timed as 'before' in the same rounds")
    parser.add_argument("--phases", action="store_true",
                        help="also time kg load's steps one by one (memory and disk)")
    parser.add_argument("--before", type=Path, help="checkout whose kg build is 'before'")
    parser.add_argument("--before-triples", type=int, default=50_000)
    args = parser.parse_args(argv)

    work = Path(tempfile.mkdtemp(prefix="bench-load-data-"))
    path = args.file
    if path is None:
        path = work / "synthetic.nq"
        with open(path, "w", encoding="utf-8") as out:
            out.writelines(synthetic.generate(triples=args.triples, valid=True))
    quads = sum(1 for _ in open(path, "rb"))
    print(f"{quads:,} quads, {path.stat().st_size / 1e6:.0f} MB N-Quads; {os.cpu_count()} cores; "
          f"load average {os.getloadavg()[0]:.1f}", flush=True)

    here = HERE.parent
    alternatives = {"raw memory": ("raw", "memory", here),
                    "kg load memory": ("kg", "memory", here),
                    "raw disk": ("raw", "disk", here),
                    "kg load disk": ("kg", "disk", here)}
    if args.before_load:
        alternatives["before: kg load memory"] = ("kg", "memory", args.before_load)
        alternatives["before: kg load disk"] = ("kg", "disk", args.before_load)
    groups = [[n for n in alternatives if "memory" in n], [n for n in alternatives if "disk" in n]]
    results: dict[str, list[dict]] = {name: [] for name in alternatives}
    results["rdflib parse"] = []
    for number in range(args.rounds):
        order = [n for group in groups for n in (group if number % 2 == 0 else group[::-1])]
        if number == 0 and not args.no_rdflib:
            order.append("rdflib parse")
        for name in order:
            kind, where, code = alternatives.get(name, ("rdflib", "memory", here))
            measured = timed(kind, where, path, code)
            results[name].append(measured)
            checks = f"; shape checks {measured['validation']:.2f} s" \
                if "validation" in measured else ""
            print(f"round {number + 1}: {name}: {measured['wall']:.2f} s wall, "
                  f"{measured['cpu']:.2f} s CPU ({quads / measured['wall']:,.0f} quads/s"
                  f"{checks}; peak RSS {measured['rss_mb']} MB; load average "
                  f"{os.getloadavg()[0]:.1f})", flush=True)

    def ratios(name: str, key: str) -> str:
        raw = results["raw memory" if "memory" in name else "raw disk"]
        values = [r[key] / k[key] for r, k in zip(raw, results[name], strict=False)]
        return f"{statistics.median(values):.2f}×"

    if args.rounds:
        print("\n| what | median wall s | quads/s | median CPU s | shape checks s (wall) "
              "| vs raw bulk_load: wall | CPU |")
        print("|---|---:|---:|---:|---:|---:|---:|")
    for name, values in results.items():
        if not values:
            continue
        wall = statistics.median(v["wall"] for v in values)
        cpu = statistics.median(v["cpu"] for v in values)
        checks = f"{statistics.median(v['validation'] for v in values):.2f}" \
            if "validation" in values[0] else ""
        kg = "kg load" in name
        print(f"| {name} | {wall:.2f} | {quads / wall:,.0f} | {cpu:.2f} | {checks} | "
              f"{ratios(name, 'wall') if kg else ''} | {ratios(name, 'cpu') if kg else ''} |")

    if args.phases:
        codes = [("this checkout", here)] + \
            ([("before", args.before_load)] if args.before_load else [])
        for where in ("memory", "disk"):
            print(f"\n{where}: step | " + " | ".join(f"{label}: wall s, CPU s"
                                                    for label, _ in codes), flush=True)
            measured = [timed("phases", where, path, code) for _, code in codes]
            for step in measured[0]:
                print(f"{where}: {step} | " + " | ".join(
                    f"{m[step][0]:.2f}, {m[step][1]:.2f}" for m in measured), flush=True)

    if args.before:
        scratch = Path(tempfile.mkdtemp(prefix="bench-load-build-"))
        try:
            for label, code in (("before: kg build (" + str(args.before) + ")", args.before),
                                ("after: kg build (this checkout)", HERE.parent)):
                seconds, loaded, rss = kg_build(code, args.before_triples, scratch)
                print(f"| {label}, {args.before_triples:,} synthetic quads in seeds/curated "
                      f"({loaded:,} triples built) | {seconds:.2f} | {loaded / seconds:,.0f} | "
                      f"peak RSS {rss} MB |", flush=True)
        finally:
            shutil.rmtree(scratch, ignore_errors=True)
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
