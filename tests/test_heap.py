"""kg.heap: handing freed memory back works with glibc and does nothing without it."""

from __future__ import annotations

from kg import heap


def test_trim_and_arenas_run_with_glibc():
    assert heap.libc() is heap.libc()   # loaded once
    heap.trim()
    heap.few_arenas()


def test_without_glibc_nothing_happens(monkeypatch):
    monkeypatch.setattr(heap, "libc", lambda: None)
    heap.trim()
    heap.few_arenas()
