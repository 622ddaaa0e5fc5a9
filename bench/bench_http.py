"""HTTP benchmark: our API against rdflib-endpoint, same data, same SELECT queries.

For each size (default 100k and 1M triples) the synthetic graph of
``bench/synthetic.py`` is written as N-Quads, then served twice on 127.0.0.1:

* **ours**: ``api.app.create_app`` over an in-memory Oxigraph store, uvicorn with
  uvloop + httptools (as ``kg serve`` runs it), one worker, access log off;
* **rdflib-endpoint**: ``rdflib_endpoint.SparqlEndpoint`` over an rdflib
  ``Dataset`` (union default graph) with the same quads, under the same uvicorn.

Each SELECT query is sent as ``GET /sparql?query=...`` (JSON results) over one
keep-alive connection (``http.client``, the lightest client in the standard
library, so the client's own cost stays small) for a bounded time
(``--seconds``, and at most ``--max-requests``). The parameters change from one
request to the next, the same way for both servers: "partners of a country"
cycles through the 20 countries that are party to the most agreements,
"agreements by topic and date" through the 6 most used topics, so no answer
is the one just given (a result cache would gain nothing). The number of rows
each parameter gives is compared between the two servers. The script reports
requests/s, p50 and p99 latency for both servers and the throughput ratio.

It also times the view-backed endpoints of our API, answered from the NetworkX
view: ``/cooperations?actor=`` (partners of a country, the same 20 countries)
at the default page size and with ``limit=1000``, ``/agreements?party=&topic=``
(the 20 countries, each with one of the 6 topics) at the default page size,
and ``/paths`` between pairs of those countries. Their lines also give the
first pass (``first``: median and slowest of the first request of each
parameter set, which encodes the JSON of agreements the view keeps per
revision; lines before it on the same server may have warmed part of that).
Everything runs in one invocation, bounded in time.

    .venv/bin/python bench/bench_http.py                 # 100k and 1M
    .venv/bin/python bench/bench_http.py --sizes 100000 --seconds 5
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from urllib.parse import urlencode, urlsplit

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

COUNTRIES = 20  # the busiest countries the partners query cycles through
TOPICS = 6  # the most used topics the agreements query cycles through
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

def write_data(triples: int, folder: Path) -> tuple[Path, list[str], list[str], int]:
    """The N-Quads file, the busiest countries, the most used topics, the number of quads."""
    import synthetic  # noqa: PLC0415 - bench/synthetic.py

    path = folder / f"synthetic-{triples}.nq"
    parties: Counter = Counter()
    topics: Counter = Counter()
    n = 0
    party, topic = f"<{EKG}party>", f"<{EKG}topic>"
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
            elif parts[1] == topic:
                topics[parts[2][1:-1]] += 1
    countries = [c for c, _ in parties.most_common(COUNTRIES)]
    return path, countries, [t for t, _ in topics.most_common(TOPICS)], n


def view_cycles(countries: list[str], topics: list[str]) -> dict[str, tuple[str, list[dict]]]:
    """For each view-backed endpoint of our API: its path and the parameter sets."""
    n = len(countries)
    return {
        "/cooperations?actor= (page)": ("/cooperations", [{"actor": c} for c in countries]),
        "/cooperations?actor= limit=1000": (
            "/cooperations", [{"actor": c, "limit": 1000} for c in countries]),
        "/agreements?party=&topic=": (
            "/agreements", [{"party": c, "topic": topics[i % len(topics)]}
                            for i, c in enumerate(countries)]),
        "/paths": ("/paths", [{"source": c, "target": countries[(i + n // 2) % n]}
                              for i, c in enumerate(countries)]),
    }


def query_cycles(countries: list[str], topics: list[str]) -> dict[str, list[dict]]:
    """For each query, the parameter sets the requests cycle through."""
    cycles: dict[str, list[dict]] = {}
    for i, country in enumerate(countries):
        for name, query in queries(country, topics[i % len(topics)]).items():
            cycles.setdefault(name, []).append({"query": query})
    # the agreements query depends on the topic only
    cycles["agreements by topic and date"] = cycles["agreements by topic and date"][:len(topics)]
    return cycles


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
                http="httptools", access_log=False)


def serve_rdflib(data: str, port: int) -> None:
    import uvicorn  # noqa: PLC0415
    from rdflib import Dataset  # noqa: PLC0415
    from rdflib_endpoint import SparqlEndpoint  # noqa: PLC0415

    dataset = Dataset(default_union=True)
    dataset.parse(data, format="nquads")
    app = SparqlEndpoint(graph=dataset, path="/sparql", public_url=f"http://127.0.0.1:{port}/")
    uvicorn.run(app, host="127.0.0.1", port=port, log_level="warning", loop="uvloop",
                http="httptools", access_log=False)


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

def measure(url: str, cycle: list[dict], seconds: float, max_requests: int,
            accept: str = "application/sparql-results+json", warmup: str | None = None) -> dict:
    """Requests over one keep-alive connection for ``seconds``: req/s, p50, p99.

    Request ``i`` uses the parameters ``cycle[i % len(cycle)]``; the rows each
    parameter set gives are counted from its first answer (outside the timing).
    The warm-up request (not counted) goes to ``warmup`` (a path on the same
    server) if given, else to the first parameter set.
    """
    parts = urlsplit(url)
    targets = [f"{parts.path}?{urlencode(params)}" for params in cycle]
    headers = {"Accept": accept}
    latencies: list[float] = []
    rows: dict[int, int] = {}
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=120)

    def get(target: str) -> bytes:
        conn.request("GET", target, headers=headers)
        response = conn.getresponse()
        body = response.read()
        if response.status != 200:
            raise RuntimeError(f"{url}: HTTP {response.status}: {body[:300]!r}")
        return body

    def count(body: bytes) -> int:
        data = json.loads(body)
        if "results" in data:
            return len(data["results"]["bindings"])
        return len(data["paths"]) if "paths" in data else data.get("total")

    first: list[float] = []  # the first request of each parameter set
    try:
        get(warmup or targets[0])  # warm-up, not counted
        started = time.perf_counter()
        untimed = 0.0
        while time.perf_counter() - started - untimed < seconds and \
                len(latencies) < max_requests:
            i = len(latencies) % len(targets)
            t0 = time.perf_counter()
            body = get(targets[i])
            latencies.append(time.perf_counter() - t0)
            if i not in rows:
                first.append(latencies[-1])
                t1 = time.perf_counter()
                rows[i] = count(body)
                untimed += time.perf_counter() - t1
        elapsed = time.perf_counter() - started - untimed
    finally:
        conn.close()
    latencies.sort()

    def pct(p: float) -> float:
        return latencies[min(len(latencies) - 1, int(p * len(latencies)))] * 1000

    return {"requests": len(latencies), "rps": len(latencies) / elapsed,
            "p50_ms": statistics.median(latencies) * 1000, "p99_ms": pct(0.99),
            "rows": [rows[i] for i in sorted(rows)], "distinct_parameters": len(rows),
            "first_p50_ms": statistics.median(first) * 1000, "first_max_ms": max(first) * 1000}


def _line(kind: str, name: str, r: dict, what: str = "rows", first: bool = False) -> str:
    rows = r["rows"]
    cold = (f"; first {r['first_p50_ms']:.1f}/{r['first_max_ms']:.1f} ms" if first else "")
    return (f"  {kind:7s} {name:32s} {r['rps']:9.1f} req/s  p50 {r['p50_ms']:8.2f} ms  "
            f"p99 {r['p99_ms']:8.2f} ms  ({r['requests']} requests over "
            f"{r['distinct_parameters']} parameter sets, {min(rows)}-{max(rows)} {what}{cold})")


def run(sizes: list[int], seconds: float, max_requests: int, start_timeout: float) -> list[dict]:
    report = []
    with tempfile.TemporaryDirectory(prefix="kg-bench-http-") as tmp:
        for size in sizes:
            t0 = time.monotonic()
            data, countries, topics, quads = write_data(size, Path(tmp))
            cycles = query_cycles(countries, topics)
            print(f"\n== {quads:,} quads (target {size:,}); written in "
                  f"{time.monotonic() - t0:.1f} s; partners cycle through "
                  f"{len(countries)} countries ({', '.join(c.rsplit('/', 1)[-1] for c in countries)}), "
                  f"agreements through {len(topics)} topics "
                  f"({', '.join(t.rsplit('/', 1)[-1] for t in topics)})", flush=True)
            results: dict[tuple[str, str], dict] = {}
            for kind in ("ours", "rdflib"):
                server = Server(kind, data, start_timeout)
                print(f"  {kind}: loaded and serving after {server.load_seconds:.1f} s",
                      flush=True)
                try:
                    for name, cycle in cycles.items():
                        r = measure(f"{server.url}/sparql", cycle, seconds, max_requests)
                        results[(kind, name)] = r
                        print(_line(kind, name, r), flush=True)
                    if kind == "ours":
                        for name, (path, cycle) in view_cycles(countries, topics).items():
                            r = measure(f"{server.url}{path}", cycle, seconds, max_requests,
                                        accept="application/json", warmup="/health")
                            results[(kind, name)] = r
                            what = "paths" if path == "/paths" else "items in total"
                            print(_line(kind, name, r, what, first=True), flush=True)
                finally:
                    server.stop()
            for name in cycles:
                ours, theirs = results[("ours", name)], results[("rdflib", name)]
                ratio = ours["rps"] / theirs["rps"] if theirs["rps"] else float("inf")
                n = min(len(ours["rows"]), len(theirs["rows"]))
                same = ours["rows"][:n] == theirs["rows"][:n]
                print(f"  ratio   {name:32s} {ratio:9.1f}×   (rows per parameter set "
                      f"{'agree' if same else 'DIFFER'} on the {n} both servers answered)",
                      flush=True)
                report.append({"triples": quads, "query": name, "ours": ours,
                               "rdflib_endpoint": theirs, "ratio": ratio,
                               "rows_agree": same})
            for name in view_cycles(countries, topics):
                report.append({"triples": quads, "query": name, "ours": results[("ours", name)]})
    return report


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="100000,1000000",
                        help="comma-separated triple counts (default 100000,1000000)")
    parser.add_argument("--seconds", type=float, default=10.0, help="time per query and server")
    parser.add_argument("--max-requests", type=int, default=20000)
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
