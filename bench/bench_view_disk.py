"""The view on the default disk store: rebuild, restart, server start, a document's update.

Each figure comes from a fresh process, for each checkout named (``--checkout
before=../main --checkout after=.``), the checkouts interleaved over ``--rounds``.
Every checkout works on its own copy of the store (``--store``, an on-disk store made
before, or made here from ``--data``, an N-Quads file of ``bench/synthetic.py``), so
one's snapshots and writes do not meet the other's:

* **rebuild**: ``View.from_store`` in a process that opened the store read-only, as a
  server does after a write it cannot follow: seconds, CPU seconds of the process and of
  its main thread (the scan's decoding runs on a second thread: on two free cores the
  main thread's CPU is about the floor of the wall time), the scan's share, and the
  process's peak RSS (``VmHWM``), which is the RSS during the rebuild;
* **restart**: a process that starts when the snapshot is there (written by the
  process before it): seconds from the process start (imports included) until the view
  is there, and until it has answered the partners of the busiest country (50 summaries,
  as ``/cooperations`` pages them) and a path between the two busiest (``/paths``);
  CPU seconds of all that, the snapshot's load alone, peak RSS;
* **serve**: ``kg serve`` spawned, until ``/health``, then ``/cooperations?actor=`` and
  ``/paths`` have answered 200 (``/health`` needs no view: the rest of the time is the
  view's);
* **document**: in a process with the view loaded, one document written the way
  ``kg ingest`` and ``POST /documents`` write it (``kg.ingest.commit_documents``: its graph
  and the derived graph's delta, in one update; an agreement of the three busiest
  actors with a signature, a topic, a date, its document and evidence), then the view
  of the new revision: seconds and CPU seconds; then the document deleted, and the
  view again.

    .venv/bin/python bench/synthetic.py --triples 1000000 --out synthetic-1M.nq
    .venv/bin/python bench/bench_view_disk.py --store STORE --data synthetic-1M.nq \\
        --checkout before=../main --checkout after=. --rounds 3 --json out.json
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
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

PEAK = """
def peak_mb():
    return [int(l.split()[1]) for l in open('/proc/self/status')
            if l.startswith('VmHWM')][0] / 1024
"""

REBUILD = PEAK + """
import json, sys, time
from kg.store import Store
from kg.view import View
store = Store(sys.argv[1], read_only=True)
t, c, m = time.perf_counter(), time.process_time(), time.thread_time()
view = View.from_store(store)
seconds, cpu, main = time.perf_counter() - t, time.process_time() - c, time.thread_time() - m
print(json.dumps({"seconds": seconds, "cpu": cpu, "main_cpu": main,
                  "scan": view.timings.get("scan"),
                  "scan_cpu": getattr(view, "cpu_timings", {}).get("scan"),
                  "peak_rss_mb": peak_mb(), "stats": view.stats()}))
"""

SAVE = """
import sys
from kg.store import Store
from kg import view as kv
store = Store(sys.argv[1], read_only=True)
view = kv.get_view(store)
kv.wait_for_snapshots()
path = kv.snapshot_path(store)
if not path.exists():  # a view that followed the journal: its snapshot comes now and then
    kv.save_snapshot(view, path)
print(path.stat().st_size)
"""

RESTART = PEAK + """
import json, sys, time
started = float(sys.argv[-1])
from kg.store import Store
from kg import view as kv
from kg import query as kq
store = Store(sys.argv[1], read_only=True)
view = kv.get_view(store)
ready = time.time() - started
assert "snapshot" in view.timings, "no snapshot was loaded"
a, b = sys.argv[2], sys.argv[3]
center, links = kq.partner_links(view, a)
summaries = links.summaries_json(view, 0, 50)
found = kq.path(view, a, b)
answered = time.time() - started
print(json.dumps({"ready_seconds": ready, "answered_seconds": answered,
                  "cpu": time.process_time(), "load_seconds": view.timings["snapshot"],
                  "partners": len(links), "hops": len(found[0].hops),
                  "peak_rss_mb": peak_mb()}))
"""

DOCUMENT = PEAK + """
import json, sys, time
import pyoxigraph as ox
from kg.store import Store
from kg import view as kv
from kg.ingest import commit_documents
E, ID = "https://w3id.org/energy-kg/ontology#", "https://w3id.org/energy-kg/id/"
N, T, L = ox.NamedNode, ox.Triple, ox.Literal
store = Store(sys.argv[1])
getattr(kv.get_view(store), "load_parts", lambda: None)()  # a server has read them by now
kv.wait_for_snapshots()
actors = sys.argv[2].split(",")
key = f"bench-{int(time.time() * 1000)}"
a, d = N(ID + "agreement/" + key), N(ID + "document/" + key)
sig, ev = ox.BlankNode(), ox.BlankNode()
triples = [T(a, N("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"), N(E + "Memorandum")),
           T(a, N("http://www.w3.org/2000/01/rdf-schema#label"), L("Bench memorandum", language="en")),
           *[T(a, N(E + "party"), N(x)) for x in actors],
           T(a, N(E + "topic"), N(ID + "topic/hydrogen")),
           T(a, N(E + "signedOn"), L("2024-05-01", datatype=N("http://www.w3.org/2001/XMLSchema#date"))),
           T(a, N(E + "signature"), sig), T(sig, N(E + "signer"), N(ID + "person/person-00001")),
           T(sig, N(E + "onBehalfOf"), N(actors[0])),
           T(a, N("http://www.w3.org/ns/prov#wasDerivedFrom"), d),
           T(d, N("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"), N(E + "Document")),
           T(ev, N("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"), N(E + "Evidence")),
           T(ev, N(E + "supports"), a), T(ev, N(E + "document"), d),
           T(ev, N(E + "quote"), L("The two sides signed a memorandum."))]
graph = "https://w3id.org/energy-kg/graph/extracted/" + key
out = {}
for what, write in (("ingest", lambda: commit_documents(store, {graph: triples})),
                    ("delete", lambda: commit_documents(store, {}, [graph]))):
    t = time.perf_counter()
    write()
    written = time.perf_counter() - t
    t, c = time.perf_counter(), time.process_time()
    view = kv.get_view(store)
    out[what] = {"write_seconds": written, "view_seconds": time.perf_counter() - t,
                 "view_cpu": time.process_time() - c,
                 "how": "update" if "update" in view.timings else "build"}
    assert view.revision == store.revision
kv.wait_for_snapshots()
out["peak_rss_mb"] = peak_mb()
print(json.dumps(out))
"""


def run(checkout: Path, code: str, *args: str) -> str:
    out = subprocess.run([sys.executable, "-c", code, *args, str(time.time())],
                         cwd=checkout, env=dict(os.environ, PYTHONPATH=str(checkout)),
                         capture_output=True, text=True, timeout=3600)
    if out.returncode != 0:
        raise RuntimeError(out.stderr[-3000:])
    return out.stdout.strip().splitlines()[-1]


def serve(checkout: Path, store: Path, a: str, b: str) -> dict:
    """``kg serve`` spawned → /cooperations answered → /paths answered (seconds)."""
    from bench_http import Server, free_port, get  # noqa: PLC0415
    from urllib.parse import quote  # noqa: PLC0415

    port = free_port()
    env = dict(os.environ, PYTHONPATH=str(checkout))
    command = [sys.executable, "-m", "kg", "serve", "--store", str(store), "--port", str(port),
               "--log-level", "warning"]
    started = time.monotonic()
    server = Server(command, checkout, env, port, "/health", 600)
    try:
        out = {"health_seconds": server.ready_seconds}
        for name, target in (("cooperations", f"/cooperations?actor={quote(a)}"),
                             ("paths", f"/paths?source={quote(a)}&target={quote(b)}")):
            status, body = get(port, target)
            if status != 200:
                raise RuntimeError(f"{target}: HTTP {status}: {body[:300]!r}")
            out[f"{name}_seconds"] = time.monotonic() - started
        return {**out, "peak_rss_mb": server.rss_mb()}
    finally:
        server.stop()


def busiest(store: Path, n: int = 3) -> list[str]:
    """The actors party to most agreements."""
    import pyoxigraph as ox  # noqa: PLC0415

    handle = ox.Store.read_only(str(store / json.loads((store / "meta.json").read_text())["data"]))
    rows = handle.query("""SELECT ?x (COUNT(?a) AS ?n) WHERE {
        ?a <https://w3id.org/energy-kg/ontology#party> ?x } GROUP BY ?x ORDER BY DESC(?n) LIMIT 10""",
                        default_graph=ox.DefaultGraph())
    return [row[0].value for row in rows][:n]


def median(rows: list[dict], label: str, what: str, key: str) -> float | None:
    found = [r[key] for r in rows if r["checkout"] == label and r["what"] == what
             and r.get(key) is not None]
    return statistics.median(found) if found else None


def main(argv: list[str] | None = None) -> None:  # noqa: C901, PLR0915
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--store", required=True,
                        help="an on-disk store (made from --data if it does not exist)")
    parser.add_argument("--data", help="an N-Quads file (bench/synthetic.py --out) to make "
                                       "--store from")
    parser.add_argument("--checkout", action="append", default=[])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--work", help="folder for the store copies (default: a temporary one)")
    parser.add_argument("--skip", default="", help="comma-separated: rebuild,restart,serve,document")
    parser.add_argument("--json")
    args = parser.parse_args(argv)
    checkouts = [(label, Path(path).resolve()) for label, path in
                 (c.split("=", 1) for c in args.checkout)] or [("after", ROOT)]
    skip = set(filter(None, args.skip.split(",")))
    if not (Path(args.store) / "meta.json").exists():
        if not args.data:
            parser.error(f"{args.store} is not a store: give --data to make it")
        from bench_http import load_store  # noqa: PLC0415

        print(f"loaded {args.data} into {args.store} in "
              f"{load_store(Path(args.data), Path(args.store)):.0f} s", flush=True)
    work = Path(args.work or tempfile.mkdtemp(prefix="bench-view-"))
    copies = {}
    for label, _ in checkouts:
        copies[label] = work / label
        if not copies[label].exists():
            shutil.copytree(args.store, copies[label])
        for folder in ("views", "changes", "snapshots"):
            shutil.rmtree(copies[label] / folder, ignore_errors=True)
    actors = busiest(copies[checkouts[0][0]])
    a, b = actors[0], actors[1]
    print(f"store copies in {work}; busiest actors {actors}", flush=True)
    rows: list[dict] = []

    def note(label: str, what: str, round_: int, found: dict, text: str) -> None:
        rows.append({"checkout": label, "what": what, "round": round_,
                     "load": os.getloadavg()[0], **found})
        print(f"[{round_}] {label:7s} {what:8s} {text}  (load {os.getloadavg()[0]:.1f})",
              flush=True)

    for round_ in range(1, args.rounds + 1):
        for label, checkout in checkouts:
            store = str(copies[label])
            if "rebuild" not in skip:
                r = json.loads(run(checkout, REBUILD, store))
                note(label, "rebuild", round_, r,
                     f"{r['seconds']:6.2f} s, CPU {r['cpu']:5.2f} s (main thread {r['main_cpu']:5.2f} s;"
                     f" scan {r['scan']:.2f} s"
                     + (f", CPU {r['scan_cpu']:.2f} s" if r.get("scan_cpu") else "")
                     + f")  peak RSS {r['peak_rss_mb']:5.0f} MB")
            if "restart" not in skip or "serve" not in skip:
                size = int(run(checkout, SAVE, store))
            if "restart" not in skip:
                r = json.loads(run(checkout, RESTART, store, a, b))
                r["snapshot_mb"] = size / 2**20
                note(label, "restart", round_, r,
                     f"view ready {r['ready_seconds']:5.2f} s, answered {r['answered_seconds']:5.2f} s"
                     f" after the start, CPU {r['cpu']:4.2f} s (snapshot load {r['load_seconds']:.2f} s,"
                     f" {r['snapshot_mb']:.0f} MB)  peak RSS {r['peak_rss_mb']:4.0f} MB")
            if "serve" not in skip:
                r = serve(checkout, copies[label], a, b)
                note(label, "serve", round_, r,
                     f"/health {r['health_seconds']:5.2f} s, /cooperations "
                     f"{r['cooperations_seconds']:5.2f} s, /paths {r['paths_seconds']:5.2f} s "
                     f"after the spawn  peak RSS {r['peak_rss_mb']:4.0f} MB")
            if "document" not in skip:
                r = json.loads(run(checkout, DOCUMENT, store, ",".join(actors)))
                flat = {f"{k}_{x}": v for k in ("ingest", "delete") for x, v in r[k].items()}
                note(label, "document", round_, {**flat, "peak_rss_mb": r["peak_rss_mb"]},
                     " ".join(f"{k}: view {r[k]['view_seconds']:6.2f} s, CPU {r[k]['view_cpu']:5.2f} s"
                              f" ({r[k]['how']});" for k in ("ingest", "delete"))
                     + f"  peak RSS {r['peak_rss_mb']:4.0f} MB")

    print("\nmedians (and before/after ratio when both are there):")
    figures = [("rebuild", "seconds"), ("rebuild", "cpu"), ("rebuild", "main_cpu"),
               ("rebuild", "peak_rss_mb"),
               ("restart", "ready_seconds"), ("restart", "answered_seconds"),
               ("restart", "cpu"), ("restart", "peak_rss_mb"),
               ("serve", "health_seconds"), ("serve", "cooperations_seconds"),
               ("serve", "paths_seconds"),
               ("document", "ingest_view_seconds"), ("document", "ingest_view_cpu"),
               ("document", "delete_view_seconds"), ("document", "delete_view_cpu"),
               ("document", "peak_rss_mb")]
    labels = [label for label, _ in checkouts]
    for what, key in figures:
        found = {label: median(rows, label, what, key) for label in labels}
        if all(v is None for v in found.values()):
            continue
        text = "  ".join(f"{label} {v:8.2f}" if v is not None else f"{label}        -"
                         for label, v in found.items())
        if len(labels) == 2 and all(found.values()):
            text += f"  ratio {found[labels[0]] / found[labels[1]]:6.1f}x"
        print(f"  {what:8s} {key:22s} {text}")
    if args.json:
        Path(args.json).write_text(json.dumps(rows, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
