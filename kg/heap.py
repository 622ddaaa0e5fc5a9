"""The C heap of this process: handing freed memory back to the system (glibc keeps it otherwise)."""

from __future__ import annotations

import ctypes
import functools


@functools.cache
def libc() -> ctypes.CDLL | None:
    """glibc, loaded once per process (None where there is none)."""
    try:
        return ctypes.CDLL("libc.so.6")
    except OSError:
        return None


def trim() -> None:
    """Give the free pages of the C heap back to the system (``malloc_trim``; glibc only)."""
    try:
        libc().malloc_trim(0)
    except AttributeError:  # no glibc
        pass


def few_arenas() -> None:
    """Two malloc arenas instead of one per thread (64 MB of address space each; glibc only)."""
    try:
        libc().mallopt(-8, 2)  # M_ARENA_MAX
    except AttributeError:
        pass
