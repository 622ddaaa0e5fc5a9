"""Resident memory of a process and all its descendants, read from ``/proc`` (Linux).

Used by the runaway-query tests and ``bench/stress_api.py``: a server's memory is its own
process plus its query workers, their fork server and multiprocessing's resource tracker.
Summing each process's ``VmRSS`` counts pages they share (copy-on-write pages of the fork
server) once per process, so the sum is an upper bound of what they hold together.
"""

from __future__ import annotations

import threading
import time
from pathlib import Path

PROC = Path("/proc")


def rss(pid: int) -> int:
    """The resident set size of process ``pid`` in bytes (0 when it is gone)."""
    try:
        for line in (PROC / str(pid) / "status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) * 1024
    except (OSError, ValueError):
        pass
    return 0


def peak_rss(pid: int) -> int:
    """The peak resident set size of process ``pid`` so far (``VmHWM``) in bytes (0 when gone)."""
    try:
        for line in (PROC / str(pid) / "status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) * 1024
    except (OSError, ValueError):
        pass
    return 0


def _children_by_stat() -> dict[int, list[int]]:
    """Parent pid -> child pids, from every ``/proc/PID/stat`` (when ``children`` is missing)."""
    tree: dict[int, list[int]] = {}
    for entry in PROC.iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        fields = stat[stat.rindex(")") + 2:].split()  # after "pid (comm) "
        tree.setdefault(int(fields[1]), []).append(int(entry.name))
    return tree


def descendants(pid: int) -> list[int]:
    """Every process below ``pid`` (children, their children ...)."""
    found: list[int] = []
    todo = [pid]
    by_stat: dict[int, list[int]] | None = None
    while todo:
        current = todo.pop()
        children: list[int] = []
        try:
            for task in (PROC / str(current) / "task").iterdir():
                children += [int(c) for c in (task / "children").read_text().split()]
        except FileNotFoundError:
            if (PROC / str(current)).exists():  # a kernel without the children files
                by_stat = by_stat if by_stat is not None else _children_by_stat()
                children = by_stat.get(current, [])
        except OSError:
            pass
        found += children
        todo += children
    return found


def niceness(pid: int) -> int | None:
    """The nice value of process ``pid`` (None when it is gone)."""
    try:
        stat = (PROC / str(pid) / "stat").read_text()
    except OSError:
        return None
    return int(stat[stat.rindex(")") + 2:].split()[16])  # field 19 of proc(5)


def tree_rss(pid: int) -> int:
    """Resident memory of ``pid`` and all its descendants, summed, in bytes."""
    return rss(pid) + sum(rss(child) for child in descendants(pid))


class PeakSampler:
    """Samples ``tree_rss(pid)`` (and the process's own ``rss``) on a thread until stopped;
    ``each`` keeps the peak of every process seen (pid -> bytes).

    >>> import os
    >>> with PeakSampler(os.getpid(), every=0.01) as peak:
    ...     time.sleep(0.05)
    >>> 0 < peak.own <= peak.tree
    True
    """

    def __init__(self, pid: int, every: float = 0.02):
        self.pid, self.every = pid, every
        self.own = self.tree = 0  # peaks in bytes
        self.each: dict[int, int] = {}
        self.samples = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while True:
            sizes = {pid: rss(pid) for pid in [self.pid, *descendants(self.pid)]}
            for pid, size in sizes.items():
                self.each[pid] = max(self.each.get(pid, 0), size)
            self.own = max(self.own, sizes[self.pid])
            self.tree = max(self.tree, sum(sizes.values()))
            self.samples += 1
            if self._stop.wait(self.every):
                return

    def __enter__(self) -> PeakSampler:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()
