"""SELECT results written by pyoxigraph's serialisers under the row cap and the deadline
(``api.results.write_solutions``): the row counters must give the exact number of
solutions whatever the literals contain and wherever the chunks are cut."""

from __future__ import annotations

import json
import random
import time

import pyoxigraph as ox
import pytest

from api.results import CappedWriter, RowCounter, write_solutions
from kg import formats
from kg.errors import QueryLimitError

NAMES = ("sparql-json", "sparql-xml", "sparql-csv", "sparql-tsv")
EX = "http://example.org/"

# Literals that look like the structure the counters look for, in every format.
NASTY = [
    'plain', 'a},{b', '}},{"', '[{', '"}},{"x":{', 'quote " inside', 'back\\slash',
    'ends with backslash \\', '\\\\', '\\"},{\\"', 'line\nbreak', 'cr\rlf\r\n', 'tab\there',
    '<result>', '</result><result>', '&lt;result&gt;', 'comma, "quoted"', '"', '""', '\\',
    'ünïcödé ✓', '',
]


def _store(n_plain: int = 0) -> ox.Store:
    store = ox.Store()
    p = ox.NamedNode(EX + "p")
    for i, text in enumerate(NASTY):
        s = ox.NamedNode(f"{EX}s{i}")
        store.add(ox.Quad(s, p, ox.Literal(text)))
        store.add(ox.Quad(s, p, ox.Literal(text, language="en")))
        store.add(ox.Quad(s, p, ox.Literal(text + "x", datatype=ox.NamedNode(EX + "dt"))))
        store.add(ox.Quad(ox.BlankNode(f"b{i}"), p, ox.Literal(text)))
        store.add(ox.Quad(s, ox.NamedNode(EX + "q"),
                          ox.Triple(s, p, ox.Literal(text))))
    for i in range(n_plain):
        store.add(ox.Quad(ox.NamedNode(f"{EX}n{i}"), p, ox.Literal(f"value {i}")))
    return store


QUERIES = [
    "SELECT ?s ?o WHERE { ?s ?p ?o }",
    # unbound variables and an empty solution
    "SELECT ?s ?o ?none WHERE { ?s ?p ?o OPTIONAL { ?s <http://example.org/none> ?none } }",
    "SELECT * WHERE { }",
    "SELECT ?x WHERE { FILTER(false) }",
    "SELECT ?o WHERE { ?s <http://example.org/q> ?o }",
]


def _count_with_chunks(body: bytes, name: str, cuts: list[int]) -> tuple[int, int]:
    counter = RowCounter.of(name)
    seen = 0
    start = 0
    for cut in [*cuts, len(body)]:
        seen = max(seen, counter.feed(body[start:cut]))
        start = cut
    return seen, counter.total()


def _expected(store: ox.Store, query: str) -> int:
    return len(list(store.query(query)))


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("query", QUERIES)
def test_counters_are_exact_wherever_the_chunks_are_cut(name, query):
    store = _store()
    fmt = formats.by_name(name)
    body = store.query(query).serialize(format=fmt.oxigraph)
    expected = _expected(store, query)
    rng = random.Random(f"{name}{query}")
    cut_sets = [[], list(range(1, len(body))),  # whole, and one byte at a time
                *(sorted(rng.sample(range(1, len(body)), min(len(body) - 1, k)))
                  for k in (1, 3, 17, 100) for _ in range(5))]
    for cuts in cut_sets:
        seen, total = _count_with_chunks(body, name, cuts)
        assert total == expected, (cuts, body)
        assert seen <= expected


@pytest.mark.parametrize("name", NAMES)
def test_write_solutions_matches_pyoxigraph(name):
    store = _store(n_plain=3000)  # several 8 KiB chunks
    fmt = formats.by_name(name)
    query = "SELECT ?s ?o WHERE { ?s ?p ?o }"
    body, rows = write_solutions(store.query(query), fmt, max_rows=10**6,
                                 deadline=time.monotonic() + 60, timeout=60)
    assert body == store.query(query).serialize(format=fmt.oxigraph)
    assert rows == _expected(store, query)
    if name == "sparql-json":
        assert len(json.loads(body)["results"]["bindings"]) == rows


@pytest.mark.parametrize("name", NAMES)
def test_row_cap_is_exact(name):
    store = _store(n_plain=3000)
    fmt = formats.by_name(name)
    query = "SELECT ?s ?o WHERE { ?s ?p ?o }"
    rows = _expected(store, query)
    _, counted = write_solutions(store.query(query), fmt, max_rows=rows,
                                 deadline=time.monotonic() + 60, timeout=60)
    assert counted == rows
    with pytest.raises(QueryLimitError, match="row cap"):
        write_solutions(store.query(query), fmt, max_rows=rows - 1,
                        deadline=time.monotonic() + 60, timeout=60)


def test_row_cap_stops_the_serialiser_early():
    """A huge result is cut within a chunk or so of the cap, not written whole."""
    store = ox.Store()
    values = " ".join(str(i) for i in range(400))
    query = f"SELECT * WHERE {{ VALUES ?a {{ {values} }} VALUES ?b {{ {values} }} }}"  # 160k
    writer = CappedWriter(RowCounter.of("sparql-json"), max_rows=1000,
                          deadline=time.monotonic() + 60, timeout=60)
    with pytest.raises(QueryLimitError, match="row cap"):
        store.query(query).serialize(writer, format=ox.QueryResultsFormat.JSON)
    assert sum(map(len, writer.chunks)) < 200_000


def test_deadline_stops_the_serialiser():
    store = ox.Store()
    values = " ".join(str(i) for i in range(400))
    query = f"SELECT * WHERE {{ VALUES ?a {{ {values} }} VALUES ?b {{ {values} }} }}"
    with pytest.raises(QueryLimitError, match="time limit"):
        write_solutions(store.query(query), formats.by_name("sparql-json"), max_rows=10**9,
                        deadline=time.monotonic() - 1, timeout=0.5)


def test_evaluation_errors_are_mapped():
    from kg.errors import StoreError

    store = ox.Store()
    result = store.query("SELECT * WHERE { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }")
    with pytest.raises(StoreError):
        write_solutions(result, formats.by_name("sparql-json"), max_rows=10,
                        deadline=time.monotonic() + 60, timeout=60)
