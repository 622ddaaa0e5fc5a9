"""The view on the default disk store: rebuild, snapshot, restart (each in a fresh process).

For an on-disk store made before (``bench/bench_http.py`` makes one; or ``--data`` to
load an N-Quads file into a new one), and for each checkout named
(``--checkout before=../main --checkout after=.``, interleaved over ``--rounds``):

* **rebuild**: ``View.from_store`` in a fresh process that opened the store read-only,
  as a server does after a write: seconds (and the scan's share), and the process's peak
  RSS (``VmHWM``), which is the RSS during the rebuild;
* **restart** (checkouts with snapshots): ``kg.view.get_view`` in a fresh process when
  the snapshot of the store's revision is there: seconds from the process start (imports
  included) until the view is ready, the snapshot's load alone, and the peak RSS.

    .venv/bin/python bench/bench_view_disk.py --store STORE \\
        --checkout before=../main --checkout after=. --rounds 3
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

REBUILD = """
import json, sys, time
from kg.store import Store
from kg.view import View
store = Store(sys.argv[1], read_only=True)
t = time.perf_counter()
view = View.from_store(store)
seconds = time.perf_counter() - t
peak = [int(l.split()[1]) for l in open('/proc/self/status') if l.startswith('VmHWM')][0]
print(json.dumps({"seconds": seconds, "scan": view.timings.get("scan"),
                  "peak_rss_mb": peak / 1024, "stats": view.stats()}))
"""

SAVE = """
import sys, time
from kg.store import Store
from kg import view as kv
store = Store(sys.argv[1], read_only=True)
kv.get_view(store)
kv.wait_for_snapshots()
print(kv.snapshot_path(store).stat().st_size)
"""

RESTART = """
import json, sys, time
started = float(sys.argv[2])
from kg.store import Store
from kg import view as kv
store = Store(sys.argv[1], read_only=True)
view = kv.get_view(store)
ready = time.time() - started
assert "snapshot" in view.timings, "no snapshot was loaded"
peak = [int(l.split()[1]) for l in open('/proc/self/status') if l.startswith('VmHWM')][0]
print(json.dumps({"ready_seconds": ready, "load_seconds": view.timings["snapshot"],
                  "peak_rss_mb": peak / 1024}))
"""


def run(checkout: Path, code: str, *args: str) -> str:
    import time  # noqa: PLC0415

    out = subprocess.run([sys.executable, "-c", code, *args, str(time.time())],
                         cwd=checkout, env=dict(os.environ, PYTHONPATH=str(checkout)),
                         capture_output=True, text=True, timeout=1800)
    if out.returncode != 0:
        raise RuntimeError(out.stderr[-3000:])
    return out.stdout.strip().splitlines()[-1]


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--store", required=True)
    parser.add_argument("--checkout", action="append", default=[])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--json")
    args = parser.parse_args(argv)
    checkouts = [c.split("=", 1) for c in args.checkout] or [["after", str(ROOT)]]
    rows: list[dict] = []
    for round_ in range(args.rounds):
        for label, checkout in checkouts:
            checkout = Path(checkout).resolve()
            r = json.loads(run(checkout, REBUILD, args.store))
            rows.append({"checkout": label, "what": "rebuild", "round": round_ + 1, **r})
            print(f"[{round_ + 1}] {label:7s} rebuild {r['seconds']:6.2f} s (scan {r['scan']:.2f})"
                  f"  peak RSS {r['peak_rss_mb']:7.0f} MB", flush=True)
            if (checkout / "kg" / "view.py").read_text().count("def load_snapshot"):
                size = int(run(checkout, SAVE, args.store))
                r = json.loads(run(checkout, RESTART, args.store))
                rows.append({"checkout": label, "what": "restart", "round": round_ + 1,
                             "snapshot_mb": size / 2**20, **r})
                print(f"[{round_ + 1}] {label:7s} restart: view ready {r['ready_seconds']:.2f} s "
                      f"after the process start (snapshot load {r['load_seconds']:.2f} s, "
                      f"{size / 2**20:.0f} MB)  peak RSS {r['peak_rss_mb']:.0f} MB", flush=True)
    print("\nmedians:")
    for label, _ in checkouts:
        for what, key in (("rebuild", "seconds"), ("restart", "ready_seconds")):
            mine = [r for r in rows if r["checkout"] == label and r["what"] == what]
            if mine:
                print(f"  {label:7s} {what:8s} {statistics.median(r[key] for r in mine):6.2f} s"
                      f"  peak RSS {max(r['peak_rss_mb'] for r in mine):.0f} MB")
    if args.json:
        Path(args.json).write_text(json.dumps(rows, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
