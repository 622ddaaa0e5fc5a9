"""The API over a remote store (an Oxigraph server) at 1M quads: time to ready, peak RSS,
req/s of ``/cooperations`` and ``/health``; checkouts before and after, in the same run.

What it does, in one invocation:

1. **Data.** The synthetic graph of ``bench/synthetic.py`` (``--triples``, default 1M) is
   written as N-Quads and loaded into an on-disk store (``kg.store.Store(DIR)``, which
   keeps the merged default graph a store written through ``kg`` has); ``--store DIR
   --data FILE`` reuse ones made before. Its Oxigraph directory is then served by the
   Oxigraph server from PyPI (``oxigraph serve``) on 127.0.0.1: that is the remote store.
2. **Servers.** ``python -m kg serve --store http://127.0.0.1:PORT`` from each checkout
   named (``--checkout before=DIR --checkout after=.``), one at a time, rounds
   interleaved. A checkout that has ``kg/remote_view.py`` runs twice per round: *cold*
   (no saved index: the first index is read and built while the server answers partner
   pages from small views of the endpoint) and *restart* (the index the cold run saved).
3. **Ready.** Seconds from the spawn to the first answer of ``/cooperations?actor=`` for
   the busiest country (``ready_s``); for the after checkout also to the index being
   loaded (``index_s``, from ``/health``).
4. **Memory.** The server process's peak RSS (``VmHWM`` when it stops) and the largest
   RSS of its child processes seen while it ran (sampled every 0.2 s: the index builder
   of the after checkout), in MB; also the server's peak before and after each of the two
   largest answers, asked last: the busiest actor's partner page with
   ``expand=agreements`` and its explorer (HTML) page.
5. **Throughput.** Once the view or index is ready: the first request of each of the 20
   busiest countries (cold caches), then ``wrk`` at 1 and 8 connections for ``--seconds``
   on ``/cooperations?actor=`` (cycling over the countries), ``/neighbours?actor=&depth=2``
   and ``/health``; and a few ``/paths`` between busy countries, timed one by one.

::

    .venv/bin/python bench/bench_remote.py --checkout before=../main-checkout \\
        --checkout after=. --rounds 2 --json bench/results/remote-1M.json
    .venv/bin/python bench/bench_remote.py --triples 100000 --seconds 3   # a quick look
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import bench_http  # noqa: E402
from bench_http import Server, busiest, free_port, get, load_store, run_server  # noqa: E402,I001
from tests.rss import descendants, rss  # noqa: E402
from tests.sparql_server import OxigraphServer  # noqa: E402


class Sampler(threading.Thread):
    """The largest RSS of a process's children, sampled every 0.2 s (MB)."""

    def __init__(self, pid: int):
        super().__init__(daemon=True)
        self.pid, self.children_mb, self.done = pid, 0.0, threading.Event()

    def run(self) -> None:
        while not self.done.wait(0.2):
            total = 0.0
            for child in descendants(self.pid):
                total += rss(child) / 2**20
            self.children_mb = max(self.children_mb, total)


def serve(checkout: Path, url: str, ready_path: str, cache: Path | None,
          start_timeout: float) -> Server:
    port = free_port()
    env = dict(os.environ, PYTHONPATH=str(checkout), KG_QUERY_TIMEOUT="120",
               KG_MAX_ROWS="1000000")
    if cache is not None:
        env["KG_REMOTE_CACHE"] = str(cache)
    command = [sys.executable, "-m", "kg", "serve", "--store", url, "--port", str(port),
               "--log-level", "warning"]
    return Server(command, checkout, env, port, ready_path, start_timeout)


def index_ready(server: Server, timeout: float) -> float | None:
    """Seconds (from the server's spawn) until /health says the index is loaded; None for a
    server without one."""
    started = time.monotonic()
    while time.monotonic() - started < timeout:
        status, body = get(server.port, "/health")
        index = json.loads(body).get("index") if status == 200 else None
        if index is None:
            return None
        if index.get("ready") and not index.get("building"):
            return server.spawned_ago()
        time.sleep(0.2)
    raise RuntimeError("the index was not ready in time")


def time_paths(server: Server, countries: list[str], pairs: int = 6) -> dict:
    """A few /paths between busy countries, one after the other (ms)."""
    times = []
    for a, b in zip(countries[:pairs], countries[pairs:2 * pairs]):
        started = time.perf_counter()
        status, _ = get(server.port, "/paths?" + urlencode({"source": a, "target": b}))
        times.append((time.perf_counter() - started) * 1000)
        if status != 200:
            raise RuntimeError(f"/paths {a} {b}: HTTP {status}")
    return {"paths_p50_ms": statistics.median(times), "paths_max_ms": max(times)}


def large_pages(server: Server, actor: str, say) -> dict:
    """The two largest answers for the busiest actor, once each, after everything else: its
    partner page with ``expand=agreements`` and its explorer (HTML) page; their size, time
    and the server's peak RSS (``VmHWM``) after each."""
    out = {"hwm_before_large_mb": round(server.rss_mb(), 1)}
    pages = (("expand", "/cooperations?" + urlencode({"actor": actor, "expand": "agreements"}),
              {}),
             ("html", "/id/" + actor.split("/id/", 1)[1], {"Accept": "text/html"}))
    for name, target, headers in pages:
        started = time.perf_counter()
        status, body = get(server.port, target, headers=headers)
        if status != 200:
            raise RuntimeError(f"{target}: HTTP {status}")
        out[f"{name}_s"] = round(time.perf_counter() - started, 2)
        out[f"{name}_kb"] = round(len(body) / 1024)
        out[f"hwm_after_{name}_mb"] = round(server.rss_mb(), 1)
    say(f"  {getattr(server, 'label', ''):16s} busiest actor: expand="
        f"agreements {out['expand_kb']:,} KB in {out['expand_s']} s, peak RSS "
        f"{out['hwm_after_expand_mb']:.0f} MB; HTML page {out['html_kb']:,} KB in "
        f"{out['html_s']} s, peak RSS {out['hwm_after_html_mb']:.0f} MB (before them "
        f"{out['hwm_before_large_mb']:.0f} MB)")
    return out


def run_one(label: str, checkout: Path, url: str, countries: list[str],
            cache: Path | None, args, say) -> tuple[dict, list[dict]]:
    targets = bench_http.targets_for(countries)
    ready_path = targets["/cooperations?actor="][0]
    server = serve(checkout, url, ready_path, cache, args.start_timeout)
    server.spawned = time.monotonic() - server.ready_seconds
    server.spawned_ago = lambda: time.monotonic() - server.spawned
    sampler = Sampler(server.process.pid)
    sampler.start()
    record: dict = {"server": label, "ready_s": round(server.ready_seconds, 2)}
    rows: list[dict] = []
    try:
        index_s = index_ready(server, args.start_timeout)
        record["index_s"] = round(index_s, 2) if index_s is not None else None
        say(f"  {label:16s} first /cooperations answer {server.ready_seconds:6.1f} s after "
            f"the spawn" + (f"; index loaded after {index_s:.1f} s" if index_s else ""))
        chosen = {k: targets[k] for k in ("/health", "/cooperations?actor=",
                                           "/neighbours?actor=&depth=2")}
        rows = run_server(label, server, chosen, args.connections, args.seconds, say)
        record.update(time_paths(server, countries))
        say(f"  {label:16s} /paths between busy countries: p50 {record['paths_p50_ms']:.0f} ms"
            f", max {record['paths_max_ms']:.0f} ms")
        server.label = label
        record.update(large_pages(server, countries[0], say))
        status, body = get(server.port, "/health")
        health = json.loads(body)
        record["health"] = health.get("index")
    finally:
        record["peak_rss_mb"] = round(server.rss_mb(), 1)
        sampler.done.set()
        sampler.join()
        record["children_peak_rss_mb"] = round(sampler.children_mb, 1)
        server.stop()
    builder = (record.get("health") or {}).get("last_build_peak_rss_mb")
    say(f"  {label:16s} peak RSS {record['peak_rss_mb']:.0f} MB (server process); children "
        f"{record['children_peak_rss_mb']:.0f} MB sampled"
        + (f", index builder {builder:.0f} MB" if builder else ""))
    return record, rows


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--triples", type=int, default=1_000_000)
    parser.add_argument("--store", help="an on-disk store made before (with --data)")
    parser.add_argument("--data", help="the N-Quads file of --store")
    parser.add_argument("--checkout", action="append", default=[],
                        help="LABEL=DIR of a checkout to serve (default after=this one)")
    parser.add_argument("--rounds", type=int, default=1)
    parser.add_argument("--connections", default="1,8")
    parser.add_argument("--seconds", type=float, default=6.0)
    parser.add_argument("--start-timeout", type=float, default=1800.0)
    parser.add_argument("--json", help="write the figures to this JSON file")
    args = parser.parse_args(argv)
    args.connections = [int(c) for c in args.connections.split(",")]
    if not shutil.which("wrk"):
        sys.exit("wrk is missing: apt-get install -y wrk")

    def say(text: str) -> None:
        print(text, flush=True)

    tmp = Path(tempfile.mkdtemp(prefix="kg-bench-remote-"))
    report: dict = {"triples": args.triples, "servers": [], "rows": []}
    endpoint = None
    try:
        if args.store:
            store, data = Path(args.store), Path(args.data)
            countries = busiest(data)
        else:
            data, store = tmp / "data.nq", tmp / "store"
            countries = bench_http.write_data(args.triples, data)
            say(f"loaded {args.triples:,} triples into {store} in "
                f"{load_store(data, store):.1f} s")
        meta = json.loads((store / "meta.json").read_text(encoding="utf-8"))
        served = tmp / "endpoint"
        shutil.copytree(store / meta["data"], served)  # the server may write its own files
        endpoint = OxigraphServer(served, start_timeout=120)
        say(f"oxigraph serve on {endpoint.url} over a copy of {store / meta['data']}; "
            f"{len(countries)} busiest countries; wrk -t1, {args.seconds:g} s per line")
        checkouts = [c.split("=", 1) for c in args.checkout] or [["after", str(ROOT)]]
        for round_ in range(args.rounds):
            for label, folder in checkouts:
                checkout = Path(folder).resolve()
                variants = [(label, None)]
                if (checkout / "kg" / "remote_view.py").exists():
                    cache = tmp / f"cache-{label}-{round_}"
                    variants = [(f"{label} (cold)", cache), (f"{label} (restart)", cache)]
                say(f"[round {round_ + 1}]")
                for name, cache in variants:
                    record, rows = run_one(name, checkout, endpoint.url, countries, cache,
                                           args, say)
                    record["round"] = round_ + 1
                    for r in rows:
                        r["round"] = round_ + 1
                    report["servers"].append(record)
                    report["rows"] += rows
        summarise(report, say)
    finally:
        if endpoint is not None:
            endpoint.stop()
        shutil.rmtree(tmp, ignore_errors=True)
    if args.json:
        Path(args.json).write_text(json.dumps(report, indent=1), encoding="utf-8")


def summarise(report: dict, say) -> None:
    groups: dict[tuple, list[dict]] = {}
    for r in report["rows"]:
        groups.setdefault((r["server"], r["endpoint"], r["connections"]), []).append(r)
    report["medians"] = [
        {"server": k[0], "endpoint": k[1], "connections": k[2],
         **{m: statistics.median(x[m] for x in v) for m in ("rps", "p50_ms", "p99_ms", "bytes",
                                                             "first_p50_ms", "first_max_ms")}}
        for k, v in groups.items()]
    medians = {(m["server"], m["endpoint"], m["connections"]): m for m in report["medians"]}
    say("\nmedians over rounds:")
    for (server, endpoint, n), m in sorted(medians.items()):
        say(f"  {server:16s} {endpoint:28s} c={n}: {m['rps']:8.1f} req/s  p50 {m['p50_ms']:8.2f}"
            f" ms  p99 {m['p99_ms']:8.2f} ms  {m['bytes'] / 1024:6.1f} KiB  cold first "
            f"{m['first_p50_ms']:.1f}/{m['first_max_ms']:.1f} ms")
    for (server, endpoint, n), m in sorted(medians.items()):
        base = medians.get(("before", endpoint, n))
        if server != "before" and base:
            ratio = f"{m['rps'] / base['rps']:8.1f}x" if base["rps"] else "   (before: 0)"
            say(f"  {server} / before {endpoint:28s} c={n}: {ratio} req/s")
    say("\nready and memory, medians over rounds:")
    by: dict[str, list[dict]] = {}
    for s in report["servers"]:
        by.setdefault(s["server"], []).append(s)
    for name, runs in by.items():
        def med(key):
            values = [r[key] for r in runs if r.get(key) is not None]
            return statistics.median(values) if values else None
        index = med("index_s")
        say(f"  {name:16s} ready {med('ready_s'):7.1f} s"
            + (f"  index {index:6.1f} s" if index is not None else "")
            + f"  peak RSS {med('peak_rss_mb'):7.0f} MB  children {med('children_peak_rss_mb'):5.0f}"
            f" MB  /paths p50 {med('paths_p50_ms'):7.0f} ms  before the large pages "
            f"{med('hwm_before_large_mb'):5.0f} MB, after expand {med('hwm_after_expand_mb'):5.0f}"
            f" MB ({med('expand_kb'):,.0f} KB), after HTML {med('hwm_after_html_mb'):5.0f} MB "
            f"({med('html_kb'):,.0f} KB)")


if __name__ == "__main__":
    main()
