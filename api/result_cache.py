"""Answers of SPARQL protocol queries kept per store revision (``KG_SPARQL_CACHE_MB``).

A query asked again at the same revision of the store, for the same dataset and
the same negotiated result format, gets the bytes of its first answer without a
worker: no snapshot is pinned, nothing is evaluated or serialised. Its ``ETag``
names the store (as :func:`api.deps.etag_of` does), the revision and a hash of
what was asked, so a client that sends it back in ``If-None-Match`` gets a 304
as long as the store has not changed, kept or not.

What is kept, and what is not:

* only successful answers; errors (syntax, 503 at a time limit or the row cap, a
  worker that died) are never kept, so a query that failed runs again;
* only answers computed at the revision they are kept under: when the store
  moves on, the whole cache is dropped at the next look;
* not queries that reach out (``SERVICE``; the remote data may change), nor
  queries calling a function whose value is not a function of the data
  (``RAND``, ``NOW``, ``UUID``, ``STRUUID``, ``BNODE``): :func:`cacheable`;
* not on a remote store (other clients write to it);
* nothing above a quarter of the budget, and the least recently used answers go
  first once the budget is full. The budget is per server process (``kg serve
  --workers N`` keeps N caches).

A request with ``Cache-Control: no-cache`` is answered by a worker (and the
fresh answer is kept); ``no-store`` also keeps it out of the cache.

>>> cache = ResultCache(1000)
>>> cache.put(("d", 1), "k", "answer", 10)
True
>>> cache.get(("d", 1), "k"), cache.get(("d", 2), "k"), cache.get(("d", 1), "k")
('answer', None, None)
"""

from __future__ import annotations

import hashlib
import re
from collections import OrderedDict

# functions whose value is not a function of the data (SPARQL 1.1, section 17.4)
_VOLATILE = re.compile(r"\b(?:RAND|NOW|UUID|STRUUID|BNODE)\s*\(", re.IGNORECASE)


def cacheable(query: str, remotes: tuple) -> bool:
    """Whether the answer of ``query`` depends on the data alone (conservative: a volatile
    function's name anywhere in the text, in a string or a comment too, says no).

    >>> cacheable("SELECT * { ?s ?p ?o }", ())
    True
    >>> cacheable("SELECT (rand() AS ?r) { }", ()), cacheable("SELECT * { }", ("x",))
    (False, False)
    """
    return not remotes and _VOLATILE.search(query) is None


def no_cache(header: str | None) -> tuple[bool, bool]:
    """``(skip the lookup, do not keep)`` from a request's ``Cache-Control``.

    >>> no_cache("no-cache"), no_cache("max-age=0, no-store"), no_cache(None)
    ((True, False), (True, True), (False, False))
    """
    if not header:
        return False, False
    words = {part.replace(" ", "").lower() for part in header.split(",")}
    store = "no-store" in words
    return store or "no-cache" in words or "max-age=0" in words, store


def etag(generation: tuple, key: tuple) -> str:
    """The entity tag of the answer to ``key`` at ``generation`` (store and revision)."""
    digest = hashlib.blake2b(repr((generation, key)).encode("utf-8", "surrogatepass"),
                             digest_size=12).hexdigest()
    return f'"kg-sparql-{generation[1]}-{digest}"'


class ResultCache:
    """Kept answers of one store generation, least recently used first out (event loop only)."""

    def __init__(self, max_bytes: int):
        self.max_bytes = max(0, max_bytes)
        self.max_entry = self.max_bytes // 4
        self.generation: tuple | None = None
        self._entries: OrderedDict[tuple, tuple[object, int]] = OrderedDict()
        self.bytes = 0
        self.hits = 0
        self.misses = 0

    def _at(self, generation: tuple) -> None:
        if generation != self.generation:
            self._entries.clear()
            self.bytes = 0
            self.generation = generation

    def get(self, generation: tuple, key: tuple):
        """The answer kept for ``key`` at ``generation``, or None."""
        if not self.max_bytes:
            return None
        self._at(generation)
        found = self._entries.get(key)
        if found is None:
            self.misses += 1
            return None
        self._entries.move_to_end(key)
        self.hits += 1
        return found[0]

    def put(self, generation: tuple, key: tuple, answer, size: int) -> bool:
        """Keep ``answer`` (``size`` bytes) for ``key``; False when it is too big to keep."""
        if size > self.max_entry:
            return False
        self._at(generation)
        old = self._entries.pop(key, None)
        if old is not None:
            self.bytes -= old[1]
        self._entries[key] = (answer, size)
        self.bytes += size
        while self.bytes > self.max_bytes:
            _, (_, dropped) = self._entries.popitem(last=False)
            self.bytes -= dropped
        return True

    def stats(self) -> dict:
        return {"entries": len(self._entries), "bytes": self.bytes,
                "max_bytes": self.max_bytes, "hits": self.hits, "misses": self.misses}


__all__ = ["ResultCache", "cacheable", "etag", "no_cache"]
