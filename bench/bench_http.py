"""HTTP benchmark on the default disk store: ``kg serve`` as users run it, driven by wrk.

What it does, in one invocation (bounded in time):

1. **Data.** The synthetic graph of ``bench/synthetic.py`` (``--triples``, default 1M) is
   written as N-Quads and loaded into an on-disk store (``kg.store.Store(DIR)``, the
   layout ``kg serve`` uses); ``--store DIR --data FILE`` reuse ones made before.
2. **Servers.** ``python -m kg serve --store DIR`` is started from each checkout named
   (``--checkout after=. --checkout before=/path/to/main``: the code before and after a
   change, served over the *same* store, one at a time), and, for comparison,
   rdflib-endpoint over an rdflib ``Dataset`` with the same quads (``--rdflib``).
   Each server is started ``--rounds`` times, checkouts interleaved
   (before, after, before, after ...), so drift in the machine's load hits both.
3. **Cold.** Right after a start: the seconds until the first ``/cooperations`` answer
   (the view ready: built, or loaded from its snapshot), then the first request of each
   parameter set (median and slowest, ms), which fills the per-revision JSON caches.
4. **Warm.** ``wrk`` (Debian package ``wrk``) for ``--seconds`` at each of
   ``--connections`` (default 1 and 8), cycling over the parameter sets (20 busiest
   countries) with a Lua script: requests/s, p50 and p99 latency, and bytes per response
   (the mean body over the cycle, measured by our own client). ``/health`` runs the same
   way: it is what the server can answer at all, so ``/cooperations``/``/health`` says how
   close a view-backed answer gets to that ceiling, and wrk's own ceiling shows there.
   ``/sparql partners`` is answered from the server's per-revision result cache once the
   first pass has run (``api.result_cache``); ``/sparql partners, no-cache`` sends
   ``Cache-Control: no-cache``, so that every request runs its query in a worker.
   rdflib-endpoint answers both lines the same way (it keeps nothing).
5. **Bare Oxigraph.** The same SPARQL SELECT, run in-process with
   ``pyoxigraph.Store.query`` on the same store and serialised to SPARQL JSON: queries/s
   on one thread (no HTTP at all).

The machine's cores are shared with the servers and wrk: report ratios from the same run
(``after``/``before``, ``ours``/rdflib) rather than absolute figures. ::

    .venv/bin/python bench/bench_http.py --checkout after=. --checkout before=../main \\
        --rdflib --json bench/results/http-1M.json
    .venv/bin/python bench/bench_http.py --triples 100000 --seconds 3   # a quick look
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from urllib.parse import quote, urlencode

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

COUNTRIES = 20
EKG = "https://w3id.org/energy-kg/ontology#"
ID = "https://w3id.org/energy-kg/id/"
PARTNERS = ("PREFIX ekg: <" + EKG + ">\nSELECT DISTINCT ?partner WHERE {\n"
            "  ?agreement ekg:party <%s> , ?partner .\n  FILTER(?partner != <%s>)\n}")


# --- data ------------------------------------------------------------------------------------

def write_data(triples: int, path: Path) -> list[str]:
    """The N-Quads file; returns the busiest countries (by agreements)."""
    import synthetic  # noqa: PLC0415 - bench/synthetic.py

    parties: Counter = Counter()
    party = f"<{EKG}party>"
    with path.open("w", encoding="utf-8") as out:
        scale = dict(organizations=max(200, triples * 6 // 1000),
                     persons=max(500, triples * 25 // 1000))
        for line in synthetic.generate(triples=triples, **scale):
            out.write(line)
            parts = line.split(" ", 3)
            if parts[1] == party and parts[2].startswith(f"<{ID}country/"):
                parties[parts[2][1:-1]] += 1
    return [c for c, _ in parties.most_common(COUNTRIES)]


def busiest(data: Path) -> list[str]:
    parties: Counter = Counter()
    party = f"<{EKG}party>"
    with data.open(encoding="utf-8") as lines:
        for line in lines:
            parts = line.split(" ", 3)
            if parts[1] == party and parts[2].startswith(f"<{ID}country/"):
                parties[parts[2][1:-1]] += 1
    return [c for c, _ in parties.most_common(COUNTRIES)]


def load_store(data: Path, location: Path) -> float:
    import pyoxigraph as ox  # noqa: PLC0415

    from kg.store import Store  # noqa: PLC0415

    started = time.perf_counter()
    staged = ox.Store()
    staged.bulk_load(path=str(data), format=ox.RdfFormat.N_QUADS)
    store = Store(str(location))
    store.replace_all(quads=iter(staged))
    store.close()
    return time.perf_counter() - started


# --- servers ---------------------------------------------------------------------------------

def free_port() -> int:
    import socket  # noqa: PLC0415

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def get(port: int, target: str, headers: dict | None = None,
        timeout: float = 600) -> tuple[int, bytes]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        conn.request("GET", target, headers=headers or {})
        response = conn.getresponse()
        return response.status, response.read()
    finally:
        conn.close()


class Server:
    """A server process; ``ready_seconds`` is spawn → first answer of ``ready_path``."""

    def __init__(self, command: list[str], cwd: Path, env: dict, port: int, ready_path: str,
                 start_timeout: float):
        self.port = port
        started = time.monotonic()
        self.process = subprocess.Popen(command, cwd=cwd, env=env, stdout=subprocess.DEVNULL,
                                        stderr=subprocess.PIPE)
        while time.monotonic() - started < start_timeout:
            if self.process.poll() is not None:
                raise RuntimeError(f"server died: {self.process.stderr.read().decode()[-2000:]}")
            try:
                status, _ = get(port, ready_path, timeout=start_timeout)
                if status == 200:
                    break
            except OSError:
                time.sleep(0.05)
        else:
            self.stop()
            raise RuntimeError(f"server did not answer {ready_path} in {start_timeout} s")
        self.ready_seconds = time.monotonic() - started

    def rss_mb(self) -> float:
        """The server process's peak resident memory so far, MB (nan once it is gone)."""
        from tests.rss import peak_rss  # noqa: PLC0415 - this checkout's tests/

        return peak_rss(self.process.pid) / 2**20 or float("nan")

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()


def serve_ours(checkout: Path, store: Path, ready_path: str, start_timeout: float,
               workers: int = 1) -> Server:
    port = free_port()
    env = dict(os.environ, PYTHONPATH=str(checkout), KG_QUERY_TIMEOUT="120",
               KG_MAX_ROWS="1000000")
    command = [sys.executable, "-m", "kg", "serve", "--store", str(store), "--port", str(port),
               "--log-level", "warning", "--workers", str(workers)]
    return Server(command, checkout, env, port, ready_path, start_timeout)


def serve_rdflib(data: str, port: int) -> None:
    import uvicorn  # noqa: PLC0415
    from rdflib import Dataset  # noqa: PLC0415
    from rdflib_endpoint import SparqlEndpoint  # noqa: PLC0415

    dataset = Dataset(default_union=True)
    dataset.parse(data, format="nquads")
    app = SparqlEndpoint(graph=dataset, path="/sparql", public_url=f"http://127.0.0.1:{port}/")
    uvicorn.run(app, host="127.0.0.1", port=port, log_level="warning", loop="uvloop",
                http="httptools", access_log=False)


# --- measuring -------------------------------------------------------------------------------

WRK_SCRIPT = """
paths = {%s}
headers = {%s}
i = 0
request = function()
  i = i + 1
  return wrk.format("GET", paths[(i %% #paths) + 1], headers)
end
"""


def wrk(port: int, targets: list[str], connections: int, seconds: float,
        accept: str = "application/json", extra: dict | None = None) -> dict:
    """wrk at ``connections`` for ``seconds`` cycling over ``targets``: req/s, p50, p99."""
    headers = {"Accept": accept, **(extra or {})}
    script = WRK_SCRIPT % (", ".join(json.dumps(t) for t in targets),
                           ", ".join(f"[{json.dumps(k)}] = {json.dumps(v)}"
                                     for k, v in headers.items()))
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as handle:
        handle.write(script)
    try:
        out = subprocess.run(
            ["wrk", "-t", "1", "-c", str(connections), "-d", f"{max(1, round(seconds))}s",
             "--latency",
             "--timeout", "60s", "-s", handle.name, f"http://127.0.0.1:{port}"],
            capture_output=True, text=True, timeout=seconds + 120).stdout
    finally:
        os.unlink(handle.name)

    def latency(label: str) -> float:
        found = re.search(rf"^\s+{label}%\s+([\d.]+)(us|ms|s)\s*$", out, re.M)
        if not found:
            return float("nan")
        value, unit = float(found.group(1)), found.group(2)
        return value / 1000 if unit == "us" else value * 1000 if unit == "s" else value

    rps = re.search(r"Requests/sec:\s+([\d.]+)", out)
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return {"rps": float(rps.group(1)) if rps else float("nan"), "p50_ms": latency("50"),
            "p99_ms": latency("99"), "non_2xx": int(errors.group(1)) if errors else 0,
            "connections": connections}


def first_pass(port: int, targets: list[str], accept: str = "application/json",
               extra: dict | None = None) -> dict:
    """The first request of each target (cold caches) and the mean body size."""
    times, sizes = [], []
    for target in targets:
        t0 = time.perf_counter()
        status, body = get(port, target, {"Accept": accept, **(extra or {})})
        times.append((time.perf_counter() - t0) * 1000)
        if status != 200:
            raise RuntimeError(f"{target}: HTTP {status}: {body[:300]!r}")
        sizes.append(len(body))
    return {"first_p50_ms": statistics.median(times), "first_max_ms": max(times),
            "bytes": statistics.mean(sizes), "bytes_max": max(sizes)}


def bare_oxigraph(store: Path, countries: list[str], seconds: float) -> dict:
    """The partners SELECT in-process on the same store, serialised to SPARQL JSON."""
    import pyoxigraph as ox  # noqa: PLC0415

    from kg.store import Store  # noqa: PLC0415

    handle = Store(str(store), read_only=True).oxigraph
    times = []
    started = time.perf_counter()
    while time.perf_counter() - started < seconds:
        country = countries[len(times) % len(countries)]
        t0 = time.perf_counter()
        result = handle.query(PARTNERS % (country, country), default_graph=ox.DefaultGraph())
        result.serialize(format=ox.QueryResultsFormat.JSON)
        times.append(time.perf_counter() - t0)
    times.sort()
    return {"rps": len(times) / sum(times), "p50_ms": statistics.median(times) * 1000,
            "p99_ms": times[min(len(times) - 1, int(0.99 * len(times)))] * 1000}


def targets_for(countries: list[str]) -> dict[str, list[str]]:
    def q(path: str, **params) -> str:
        return f"{path}?{urlencode(params)}"

    return {
        "/health": ["/health"],
        "/cooperations?actor=": [q("/cooperations", actor=c) for c in countries],
        "/cooperations?actor=&expand=agreements": [
            q("/cooperations", actor=c, expand="agreements") for c in countries],
        "/neighbours?actor=&depth=2": [q("/neighbours", actor=c, depth=2) for c in countries],
        "/sparql partners": [f"/sparql?query={quote(PARTNERS % (c, c))}" for c in countries],
        "/sparql partners, no-cache": [f"/sparql?query={quote(PARTNERS % (c, c))}"
                                       for c in countries],
    }


# Extra request headers per line: "no-cache" makes our server run every query (in a worker)
# instead of answering from its per-revision result cache (api.result_cache); rdflib-endpoint
# has no such cache and ignores the header.
EXTRA_HEADERS = {"/sparql partners, no-cache": {"Cache-Control": "no-cache"}}


def run_server(label: str, server: Server, targets: dict[str, list[str]],
               connections: list[int], seconds: float, say) -> list[dict]:
    rows = []
    for name, cycle in targets.items():
        accept = "application/sparql-results+json" if name.startswith("/sparql") else \
            "application/json"
        extra = EXTRA_HEADERS.get(name)
        status, _ = get(server.port, cycle[0], {"Accept": accept, **(extra or {})})
        if status != 200:  # an endpoint this checkout does not have
            say(f"  {label:8s} {name:40s} HTTP {status}: skipped")
            continue
        cold = first_pass(server.port, cycle[1:] or cycle, accept, extra)  # cycle[0]: the probe
        for n in connections:
            r = {"server": label, "endpoint": name, **cold, **wrk(server.port, cycle, n,
                                                                  seconds, accept, extra)}
            rows.append(r)
            say(f"  {label:8s} {name:40s} c={n}: {r['rps']:8.1f} req/s  p50 {r['p50_ms']:7.2f} "
                f"ms  p99 {r['p99_ms']:7.2f} ms  {r['bytes'] / 1024:8.1f} KiB/response  "
                f"(cold first {r['first_p50_ms']:.1f}/{r['first_max_ms']:.1f} ms"
                f"{'; NON-2xx ' + str(r['non_2xx']) if r['non_2xx'] else ''})")
    return rows


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--triples", type=int, default=1_000_000)
    parser.add_argument("--store", help="an on-disk store made before (with --data)")
    parser.add_argument("--data", help="the N-Quads file of --store")
    parser.add_argument("--checkout", action="append", default=[],
                        help="LABEL=DIR of a checkout to serve (default after=this one)")
    parser.add_argument("--rounds", type=int, default=1)
    parser.add_argument("--connections", default="1,8")
    parser.add_argument("--seconds", type=float, default=8.0)
    parser.add_argument("--workers", type=int, default=1, help="kg serve --workers")
    parser.add_argument("--rdflib", action="store_true", help="also rdflib-endpoint")
    parser.add_argument("--endpoints", help="only the lines whose name starts with one of "
                        "these (comma list), e.g. /health,/sparql")
    parser.add_argument("--start-timeout", type=float, default=900.0)
    parser.add_argument("--json", help="write the figures to this JSON file")
    parser.add_argument("--serve-rdflib", help=argparse.SUPPRESS)
    parser.add_argument("--port", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.serve_rdflib:
        serve_rdflib(args.serve_rdflib, args.port)
        return
    if not shutil.which("wrk"):
        sys.exit("wrk is missing: apt-get install -y wrk")

    def say(text: str) -> None:
        print(text, flush=True)

    tmp = Path(tempfile.mkdtemp(prefix="kg-bench-http-"))
    report: dict = {"triples": args.triples, "servers": [], "rows": []}
    try:
        if args.store:
            store, data = Path(args.store), Path(args.data)
            countries = busiest(data)
        else:
            data, store = tmp / "data.nq", tmp / "store"
            countries = write_data(args.triples, data)
            say(f"loaded {args.triples:,} triples into {store} in "
                f"{load_store(data, store):.1f} s")
        targets = every = targets_for(countries)
        if args.endpoints:
            wanted = tuple(re.split(r",(?! )", args.endpoints))  # names hold ", "
            targets = {k: v for k, v in targets.items() if k.startswith(wanted)}
        checkouts = [c.split("=", 1) for c in args.checkout] or [["after", str(ROOT)]]
        connections = [int(c) for c in args.connections.split(",")]
        say(f"cycling over {len(countries)} countries; wrk -t1, {args.seconds:g} s per line")
        report["bare_oxigraph"] = bare_oxigraph(store, countries, args.seconds)
        b = report["bare_oxigraph"]
        say(f"  bare Oxigraph Store.query partners (in-process, JSON): {b['rps']:.1f} q/s  "
            f"p50 {b['p50_ms']:.2f} ms  p99 {b['p99_ms']:.2f} ms")
        for round_ in range(args.rounds):
            for label, checkout in checkouts:
                server = serve_ours(Path(checkout).resolve(), store,
                                    every["/cooperations?actor="][0], args.start_timeout,
                                    args.workers)
                say(f"[round {round_ + 1}] {label}: /cooperations answered "
                    f"{server.ready_seconds:.2f} s after the start")
                try:
                    status, stats = get(server.port, "/stats")
                    view = json.loads(stats).get("view", {}) if status == 200 else {}
                    report["servers"].append({"server": label, "round": round_ + 1,
                                              "ready_seconds": server.ready_seconds,
                                              "view": view})
                    rows = run_server(label, server, targets, connections, args.seconds, say)
                    for r in rows:
                        r["round"] = round_ + 1
                    report["rows"] += rows
                    report["servers"][-1]["peak_rss_mb"] = server.rss_mb()
                finally:
                    server.stop()
        if args.rdflib:
            port = free_port()
            server = Server([sys.executable, __file__, "--serve-rdflib", str(data), "--port",
                             str(port)], ROOT, dict(os.environ, PYTHONPATH=str(ROOT)), port,
                            f"/sparql?query={quote('ASK { ?s ?p ?o }')}", args.start_timeout)
            say(f"rdflib-endpoint: answering after {server.ready_seconds:.1f} s")
            try:
                rows = run_server("rdflib", server, {k: v for k, v in targets.items()
                                                     if k.startswith("/sparql partners")},
                                  connections, args.seconds, say)
                report["rows"] += rows
            finally:
                server.stop()
        summarise(report, say)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    if args.json:
        Path(args.json).write_text(json.dumps(report, indent=1), encoding="utf-8")


def summarise(report: dict, say) -> None:
    """Medians over the rounds per server, endpoint and connections, and the ratios."""
    groups: dict[tuple, list[dict]] = {}
    for r in report["rows"]:
        groups.setdefault((r["server"], r["endpoint"], r["connections"]), []).append(r)
    med = {k: {m: statistics.median(x[m] for x in v) for m in ("rps", "p50_ms", "p99_ms",
                                                                "bytes")}
           for k, v in groups.items()}
    report["medians"] = [{"server": k[0], "endpoint": k[1], "connections": k[2], **v}
                         for k, v in med.items()]
    say("\nmedians over rounds:")
    for (server, endpoint, n), m in sorted(med.items()):
        health = med.get((server, "/health", n))
        share = f"  {m['rps'] / health['rps']:.0%} of /health" if health else ""
        say(f"  {server:8s} {endpoint:40s} c={n}: {m['rps']:8.1f} req/s  p50 {m['p50_ms']:7.2f}"
            f" ms  p99 {m['p99_ms']:7.2f} ms  {m['bytes'] / 1024:8.1f} KiB{share}")
    for (server, endpoint, n), m in sorted(med.items()):
        if server != "rdflib" and endpoint.startswith("/sparql partners") and \
                ("rdflib", endpoint, n) in med:
            say(f"  {server} / rdflib-endpoint, {endpoint} c={n}: "
                f"{m['rps'] / med[('rdflib', endpoint, n)]['rps']:.1f}x")
    servers = {s["server"] for s in report["servers"]}
    if {"before", "after"} <= servers:
        for (server, endpoint, n), m in sorted(med.items()):
            if server == "after" and ("before", endpoint, n) in med:
                say(f"  after / before {endpoint:40s} c={n}: "
                    f"{m['rps'] / med[('before', endpoint, n)]['rps']:.2f}x req/s")


if __name__ == "__main__":
    main()
