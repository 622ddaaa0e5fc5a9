"""Memory of ``kg serve`` and its SPARQL query workers, per process: idle, after ordinary
queries, and at the peak of four runaway ``ORDER BY`` queries at once.

What ``KG_QUERY_MEMORY_MB`` (the budget all query workers share) has to cover: a worker
holds some memory once it has opened the store, ordinary queries add to it, and a runaway
query must stop at the worker's share. The store is an on-disk store: ``--store DIR`` (used
as it is), or made in a temporary folder from the project's build without extraction plus
``--triples`` synthetic triples (``bench/synthetic.py``; 1M by default), as
``bench/bench_ingest.py`` makes its base store. ``kg serve`` runs with a token and the
README's defaults, plus any ``KG_...=value`` given on the command line.

Resident memory is read from ``/proc`` (``tests/rss.py``): per process (the server, the
resource tracker, the fork server, the workers) and summed over all of them, which counts
pages the processes share once per process (an upper bound)::

    PYTHONPATH=. .venv/bin/python bench/bench_query_memory.py                  # 1M triples
    PYTHONPATH=. .venv/bin/python bench/bench_query_memory.py --triples 0 KG_QUERY_MEMORY_MB=1536
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from tests.rss import PeakSampler, descendants  # noqa: E402
from tests.sparql_server import free_port  # noqa: E402

MB = 2**20
ORDINARY = [
    "ASK { ?s ?p ?o }",
    "SELECT ?p (COUNT(?a) AS ?n) WHERE { ?a ekg:party ?p } GROUP BY ?p ORDER BY DESC(?n) LIMIT 10",
    "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g",
    "SELECT ?s ?p ?o WHERE { ?s ?p ?o } LIMIT 100000",  # the default row cap, in full
]
RUNAWAY = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f } ORDER BY ?f ?c"


def make_store(folder: Path, triples: int) -> Path:
    import synthetic  # noqa: PLC0415

    from kg.build import build  # noqa: PLC0415
    from kg.store import Store  # noqa: PLC0415

    location = folder / "store"
    store = Store(location)
    build(store, extract=False)
    if triples:
        synthetic.load(store, triples=triples)
    print(f"store: {len(store):,} quads in its named graphs", flush=True)
    store.close()
    return location


def status(pid: int) -> dict[str, int]:
    found = {}
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            key, _, value = line.partition(":")
            if key in ("VmRSS", "VmSize"):
                found[key] = int(value.split()[0]) * 1024
    except OSError:
        pass
    return found


def label(pid: int, server: int) -> str:
    if pid == server:
        return "server"
    try:
        command = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
    except OSError:
        return "gone"
    if "resource_tracker" in command:
        return "resource tracker"
    if "forkserver import main" in command:
        return "fork server" if pid in children(server) else "query worker"
    return "other"


def children(pid: int) -> list[int]:
    out: list[int] = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        out += [int(c) for c in (task / "children").read_text().split()]
    return out


def table(title: str, server: int) -> None:
    pids = [server, *descendants(server)]
    rows = [(label(p, server), status(p)) for p in pids]
    total = sum(s.get("VmRSS", 0) for _, s in rows)
    print(f"\n{title}: {total / MB:,.0f} MB resident in all")
    for name, s in rows:
        print(f"  {name:17} RSS {s.get('VmRSS', 0) / MB:6,.0f} MB   address space "
              f"{s.get('VmSize', 0) / MB:7,.0f} MB")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", type=Path, help="an existing on-disk store (else one is made)")
    parser.add_argument("--triples", type=int, default=1_000_000,
                        help="synthetic triples in the store made (default 1M)")
    parser.add_argument("settings", nargs="*", help="KG_...=value for kg serve")
    args = parser.parse_args()
    settings = dict(item.split("=", 1) for item in args.settings)
    with tempfile.TemporaryDirectory(prefix="kg-qmem-") as tmp:
        store = args.store or make_store(Path(tmp), args.triples)
        env = {k: v for k, v in os.environ.items() if not k.startswith("KG_")}
        env.update(KG_API_TOKEN="bench-token-0123456789", PYTHONPATH=str(ROOT), **settings)
        port = free_port()
        url = f"http://127.0.0.1:{port}"
        log = Path(tmp) / "serve.log"
        with log.open("w") as sink:
            process = subprocess.Popen(
                [sys.executable, "-m", "kg", "serve", "--store", str(store), "--port", str(port),
                 "--log-level", "warning"], cwd=ROOT, env=env, stdout=subprocess.DEVNULL,
                stderr=sink)
        try:
            deadline = time.monotonic() + 300
            while True:
                if process.poll() is not None:
                    print(log.read_text())
                    return 1
                try:
                    if httpx.get(f"{url}/health", timeout=2).status_code == 200:
                        break
                except httpx.HTTPError:
                    pass
                if time.monotonic() > deadline:
                    raise RuntimeError("kg serve did not start")
                time.sleep(0.2)
            health = httpx.get(f"{url}/health").json()
            print(f"{time.strftime('%Y-%m-%d %H:%M:%S %Z')}; {os.cpu_count()} CPUs; "
                  f"{health['triples']:,} triples; queries {health['queries']}")
            table("idle (one worker has opened the store at start-up)", process.pid)
            with ThreadPoolExecutor(4) as pool:
                for query in ORDINARY:
                    started = time.perf_counter()
                    answers = list(pool.map(lambda _: httpx.get(
                        f"{url}/sparql", params={"query": query}, timeout=120), range(4)))
                    print(f"  4 x {query[:60]!r}: "
                          + ", ".join(f"{a.status_code} {len(a.content) / MB:.1f} MB"
                                      for a in answers)
                          + f" in {time.perf_counter() - started:.1f} s")
            table("after ordinary queries, 4 at a time", process.pid)
            answers: list = []

            def fire() -> None:
                response = httpx.get(f"{url}/sparql", params={"query": RUNAWAY}, timeout=300)
                answers.append((response.status_code, response.text[:70]))

            with PeakSampler(process.pid) as peak:
                threads = [threading.Thread(target=fire) for _ in range(4)]
                for thread in threads:
                    thread.start()
                for thread in threads:
                    thread.join()
            print(f"\n4 runaway ORDER BY at once: {answers}")
            print(f"peak resident memory: server process {peak.own / MB:,.0f} MB, with all its "
                  f"processes {peak.tree / MB:,.0f} MB ({peak.samples} samples every 20 ms)")
            print(f"/health afterwards: {httpx.get(f'{url}/health').json()['queries']}")
        finally:
            process.terminate()
            process.wait(30)
    return 0


if __name__ == "__main__":
    sys.exit(main())
