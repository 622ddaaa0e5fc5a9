"""HTTP benchmark: our API against rdflib-endpoint, same data, same SELECT queries.

For each size (default 100k and 1M triples) the synthetic graph of
``bench/synthetic.py`` is written as N-Quads, then served twice on 127.0.0.1:

* **ours**: ``api.app.create_app`` over an in-memory Oxigraph store, uvicorn with
  uvloop + httptools (as ``kg serve`` runs it), one worker;
* **rdflib-endpoint**: ``rdflib_endpoint.SparqlEndpoint`` over an rdflib
  ``Dataset`` (union default graph) with the same quads, under uvicorn.

Each SELECT query is sent as ``GET /sparql?query=...`` (JSON results) over one
keep-alive connection for a bounded time (``--seconds``, and at most
``--max-requests``); the script reports requests/s, p50 and p99 latency for both
servers and the throughput ratio. It also times the view-backed endpoint
``/cooperations?actor=`` (partners of a country) on our API, which is how the
API answers that question. Everything runs in one invocation, bounded in time.

    .venv/bin/python bench/bench_http.py                 # 100k and 1M
    .venv/bin/python bench/bench_http.py --sizes 100000 --seconds 5
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

EKG = "https://w3id.org/energy-kg/ontology#"
ID = "https://w3id.org/energy-kg/id/"
PREFIXES = (f"PREFIX ekg: <{EKG}>\nPREFIX xsd: <http://www.w3.org/2001/XMLSchema#>\n"
            "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n")


def queries(country: str, topic: str) -> dict[str, str]:
    """The SELECT queries both servers answer (full PREFIX lines: rdflib has none built in)."""
    return {
        "partners of a country": PREFIXES + f"""SELECT DISTINCT ?partner WHERE {{
  ?agreement ekg:party <{country}> , ?partner .
  FILTER(?partner != <{country}>)
}}""",
        "agreements by topic and date": PREFIXES + f"""SELECT ?agreement ?date WHERE {{
  ?agreement ekg:topic <{topic}> ; ekg:signedOn ?date .
  FILTER(?date >= "2015-01-01"^^xsd:date && ?date < "2019-01-01"^^xsd:date)
}} ORDER BY ?date LIMIT 100""",
    }


# --- data ------------------------------------------------------------------------------------

def write_data(triples: int, folder: Path) -> tuple[Path, str, str, int]:
    """The N-Quads file, a busy country, a topic, and the number of quads."""
    import synthetic  # noqa: PLC0415 - bench/synthetic.py

    path = folder / f"synthetic-{triples}.nq"
    parties: Counter = Counter()
    n = 0
    party = f"<{EKG}party>"
    with path.open("w", encoding="utf-8") as out:
        # The actor population scales with the size (the generator's defaults suit 1M).
        scale = dict(organizations=max(200, triples * 6 // 1000),
                     persons=max(500, triples * 25 // 1000))
        for line in synthetic.generate(triples=triples, **scale):
            out.write(line)
            n += 1
            parts = line.split(" ", 3)
            if parts[1] == party and parts[2].startswith(f"<{ID}country/"):
                parties[parts[2][1:-1]] += 1
    ranked = [c for c, _ in parties.most_common()]
    country = ranked[min(9, len(ranked) - 1)]  # a busy country, not the very busiest
    return path, country, ID + "topic/hydrogen", n


# --- servers -----------------------------------------------------------------------------------

def serve_ours(data: str, port: int) -> None:
    import pyoxigraph as ox  # noqa: PLC0415
    import uvicorn  # noqa: PLC0415

    from api.app import create_app  # noqa: PLC0415
    from api.settings import Settings  # noqa: PLC0415
    from kg.store import Store  # noqa: PLC0415
    from kg.view import get_view  # noqa: PLC0415

    store = Store("memory:")
    staged = ox.Store()
    staged.bulk_load(path=data, format=ox.RdfFormat.N_QUADS)
    store.replace_all(quads=iter(staged))
    del staged
    get_view(store)  # build the NetworkX view before the clock starts
    app = create_app(store, Settings(store="memory:", query_timeout=120, max_rows=1_000_000))
    uvicorn.run(app, host="127.0.0.1", port=port, log_level="warning", loop="uvloop",
                http="httptools")


def serve_rdflib(data: str, port: int) -> None:
    import uvicorn  # noqa: PLC0415
    from rdflib import Dataset  # noqa: PLC0415
    from rdflib_endpoint import SparqlEndpoint  # noqa: PLC0415

    dataset = Dataset(default_union=True)
    dataset.parse(data, format="nquads")
    app = SparqlEndpoint(graph=dataset, path="/sparql", public_url=f"http://127.0.0.1:{port}/")
    uvicorn.run(app, host="127.0.0.1", port=port, log_level="warning", loop="uvloop",
                http="httptools")


def free_port() -> int:
    import socket  # noqa: PLC0415

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Server:
    def __init__(self, kind: str, data: Path, start_timeout: float):
        self.kind, self.port = kind, free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        started = time.monotonic()
        self.process = subprocess.Popen(
            [sys.executable, __file__, "--serve", kind, "--data", str(data),
             "--port", str(self.port)], cwd=ROOT, env=dict(os.environ, PYTHONPATH=str(ROOT)),
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        probe = PREFIXES + "ASK { ?s ?p ?o }"
        while time.monotonic() - started < start_timeout:
            if self.process.poll() is not None:
                raise RuntimeError(f"{kind} server died: {self.process.stderr.read().decode()}")
            try:
                if httpx.get(f"{self.url}/sparql", params={"query": probe},
                             headers={"Accept": "application/sparql-results+json"},
                             timeout=5).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            time.sleep(0.25)
        else:
            self.stop()
            raise RuntimeError(f"{kind} server did not start in {start_timeout} s")
        self.load_seconds = time.monotonic() - started

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()


# --- measuring ---------------------------------------------------------------------------------

def measure(url: str, params: dict, seconds: float, max_requests: int,
            accept: str = "application/sparql-results+json") -> dict:
    """Requests over one keep-alive connection for ``seconds``: req/s, p50, p99."""
    latencies: list[float] = []
    rows = None
    with httpx.Client(timeout=120, headers={"Accept": accept}) as client:
        client.get(url, params=params).raise_for_status()  # warm-up, not counted
        started = time.perf_counter()
        while time.perf_counter() - started < seconds and len(latencies) < max_requests:
            t0 = time.perf_counter()
            response = client.get(url, params=params)
            latencies.append(time.perf_counter() - t0)
            response.raise_for_status()
            if rows is None:
                body = response.json()
                rows = len(body["results"]["bindings"]) if "results" in body else \
                    body.get("total")
        elapsed = time.perf_counter() - started
    latencies.sort()

    def pct(p: float) -> float:
        return latencies[min(len(latencies) - 1, int(p * len(latencies)))] * 1000

    return {"requests": len(latencies), "rps": len(latencies) / elapsed,
            "p50_ms": statistics.median(latencies) * 1000, "p99_ms": pct(0.99), "rows": rows}


def run(sizes: list[int], seconds: float, max_requests: int, start_timeout: float) -> list[dict]:
    report = []
    with tempfile.TemporaryDirectory(prefix="kg-bench-http-") as tmp:
        for size in sizes:
            t0 = time.monotonic()
            data, country, topic, quads = write_data(size, Path(tmp))
            print(f"\n== {quads:,} quads (target {size:,}); written in "
                  f"{time.monotonic() - t0:.1f} s; country {country.rsplit('/', 1)[-1]}",
                  flush=True)
            results: dict[str, dict] = {}
            for kind in ("ours", "rdflib"):
                server = Server(kind, data, start_timeout)
                print(f"  {kind}: loaded and serving after {server.load_seconds:.1f} s",
                      flush=True)
                try:
                    for name, query in queries(country, topic).items():
                        r = measure(f"{server.url}/sparql", {"query": query}, seconds,
                                    max_requests)
                        results[(kind, name)] = r
                        print(f"  {kind:7s} {name:30s} {r['rps']:9.1f} req/s  "
                              f"p50 {r['p50_ms']:8.2f} ms  p99 {r['p99_ms']:8.2f} ms  "
                              f"({r['requests']} requests, {r['rows']} rows)", flush=True)
                    if kind == "ours":
                        r = measure(f"{server.url}/cooperations",
                                    {"actor": country, "limit": 1000}, seconds, max_requests,
                                    accept="application/json")
                        results[(kind, "/cooperations?actor= (view)")] = r
                        print(f"  {kind:7s} {'/cooperations?actor= (view)':30s} "
                              f"{r['rps']:9.1f} req/s  p50 {r['p50_ms']:8.2f} ms  "
                              f"p99 {r['p99_ms']:8.2f} ms  ({r['requests']} requests, "
                              f"{r['rows']} partners)", flush=True)
                finally:
                    server.stop()
            for name in queries(country, topic):
                ours, theirs = results[("ours", name)], results[("rdflib", name)]
                ratio = ours["rps"] / theirs["rps"] if theirs["rps"] else float("inf")
                print(f"  ratio   {name:30s} {ratio:9.1f}×", flush=True)
                report.append({"triples": quads, "query": name, "ours": ours,
                               "rdflib_endpoint": theirs, "ratio": ratio})
            view = results[("ours", "/cooperations?actor= (view)")]
            report.append({"triples": quads, "query": "/cooperations?actor= (view)",
                           "ours": view})
    return report


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="100000,1000000",
                        help="comma-separated triple counts (default 100000,1000000)")
    parser.add_argument("--seconds", type=float, default=10.0, help="time per query and server")
    parser.add_argument("--max-requests", type=int, default=5000)
    parser.add_argument("--start-timeout", type=float, default=900.0,
                        help="seconds a server may take to load its data")
    parser.add_argument("--json", help="also write the figures to this JSON file")
    parser.add_argument("--serve", choices=("ours", "rdflib"), help=argparse.SUPPRESS)
    parser.add_argument("--data", help=argparse.SUPPRESS)
    parser.add_argument("--port", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.serve == "ours":
        serve_ours(args.data, args.port)
        return
    if args.serve == "rdflib":
        serve_rdflib(args.data, args.port)
        return
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    report = run(sizes, args.seconds, args.max_requests, args.start_timeout)
    if args.json:
        Path(args.json).write_text(json.dumps(report, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
