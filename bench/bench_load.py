"""How fast ``kg load`` is, against pyoxigraph's ``bulk_load`` and rdflib's ``parse`` of the same file.

One synthetic N-Quads file (bench/synthetic.py with ``--valid``: evidence nodes name their
extractor, so the file conforms to the shapes and ``kg load`` validates it whole) is loaded,
in each round and in turn:

raw memory / raw disk
    ``pyoxigraph.Store().bulk_load(path=…)`` (disk: into a new directory, then ``flush``);
kg load memory / kg load disk
    :func:`kg.load.load` into a new ``Store("memory:")`` / a new store folder: the same
    bulk loader, plus the merged default graph (every triple once more) and the SHACL
    checks (compiled to SPARQL) over everything loaded;
rdflib parse
    ``rdflib.Dataset().parse(path, format="nquads")`` (first round only: it is slow).

The alternatives alternate within each round so that the machine's noise (2 cores, other
jobs) falls on all of them; medians over the rounds, and the ratios raw/kg per round.
``--before`` also times today's import path before this change, ``kg build`` with the file
in ``seeds/curated`` (run with the code of another checkout, e.g. main), at a smaller size,
and ``kg build`` of this checkout on the same input. A script, not a test::

    .venv/bin/python bench/bench_load.py --triples 1000000 --rounds 3
    .venv/bin/python bench/bench_load.py --triples 100000 --rounds 1 --before ../other-checkout \\
        --before-triples 50000
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
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

import pyoxigraph as ox  # noqa: E402

import synthetic  # noqa: E402
from kg.load import load  # noqa: E402
from kg.store import Store  # noqa: E402

NQ = ox.RdfFormat.N_QUADS


def raw_memory(path: Path, scratch: Path) -> int:
    store = ox.Store()
    store.bulk_load(path=str(path), format=NQ)
    return len(store)


def raw_disk(path: Path, scratch: Path) -> int:
    store = ox.Store(str(scratch / "raw"))
    store.bulk_load(path=str(path), format=NQ)
    store.flush()
    return 0


VALIDATION: list[float] = []  # seconds of the shape checks in the last kg load


def kg_memory(path: Path, scratch: Path) -> int:
    report = load(Store("memory:"), [path])
    VALIDATION.append(report.seconds_validation)
    return report.quads


def kg_disk(path: Path, scratch: Path) -> int:
    store = Store(str(scratch / "kg"))
    report = load(store, [path])
    VALIDATION.append(report.seconds_validation)
    store.close()
    return report.quads


def rdflib_parse(path: Path, scratch: Path) -> int:
    from rdflib import Dataset  # noqa: PLC0415

    dataset = Dataset()
    dataset.parse(str(path), format="nquads")
    return len(dataset)


ALTERNATIVES = {"raw memory": raw_memory, "kg load memory": kg_memory,
                "raw disk": raw_disk, "kg load disk": kg_disk, "rdflib parse": rdflib_parse}


def timed(name: str, path: Path) -> float:
    scratch = Path(tempfile.mkdtemp(prefix="bench-load-"))
    try:
        gc.collect()
        started = time.perf_counter()
        ALTERNATIVES[name](path, scratch)
        return time.perf_counter() - started
    finally:
        gc.collect()
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
    parser.add_argument("--before", type=Path, help="checkout whose kg build is 'before'")
    parser.add_argument("--before-triples", type=int, default=50_000)
    args = parser.parse_args(argv)

    work = Path(tempfile.mkdtemp(prefix="bench-load-data-"))
    path = work / "synthetic.nq"
    with open(path, "w", encoding="utf-8") as out:
        out.writelines(synthetic.generate(triples=args.triples, valid=True))
    quads = sum(1 for _ in open(path, "rb"))
    print(f"{quads:,} quads, {path.stat().st_size / 1e6:.0f} MB N-Quads; {os.cpu_count()} cores; "
          f"load average {os.getloadavg()[0]:.1f}", flush=True)

    times: dict[str, list[float]] = {name: [] for name in ALTERNATIVES}
    ratios: dict[str, list[float]] = {"memory": [], "disk": []}
    for number in range(args.rounds):
        order = ["raw memory", "kg load memory", "raw disk", "kg load disk"]
        if number % 2:
            order = ["kg load memory", "raw memory", "kg load disk", "raw disk"]
        if number == 0 and not args.no_rdflib:
            order.append("rdflib parse")
        for name in order:
            seconds = timed(name, path)
            times[name].append(seconds)
            checks = f"; shape checks {VALIDATION[-1]:.2f} s" if name.startswith("kg") else ""
            print(f"round {number + 1}: {name}: {seconds:.2f} s ({quads / seconds:,.0f} quads/s"
                  f"{checks})", flush=True)
        for where in ("memory", "disk"):
            ratios[where].append(times[f"raw {where}"][-1] / times[f"kg load {where}"][-1])

    print("\n| what | median s | quads/s | vs raw bulk_load (median of per-round ratios) |")
    print("|---|---:|---:|---:|")
    for name, values in times.items():
        if not values:
            continue
        median = statistics.median(values)
        where = "memory" if "memory" in name else "disk" if "disk" in name else None
        ratio = f"{statistics.median(ratios[where]):.2f}×" if name.startswith("kg") else ""
        print(f"| {name} | {median:.2f} | {quads / median:,.0f} | {ratio} |")

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
