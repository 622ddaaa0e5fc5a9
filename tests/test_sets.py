"""Set semantics for the default graph: a triple stated in several named graphs counts once.

The default graph of a query is the union of the named graphs; Oxigraph 0.5's own union
repeats a triple once per graph that states it (Oxigraph issue 1919). ``kg.store`` keeps the
union, each triple once, in the store's default graph; ``GRAPH ?g`` still sees every copy.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

import httpx
import pyoxigraph as ox
import pytest

from kg.errors import InputError, StoreError
from kg.namespaces import PREFIXES
from kg.store import Store

EX = "https://example.org/"
CURATED, EXTRACTED = EX + "graph/curated", EX + "graph/extracted/doc"
# x's amount is stated in both graphs, y's in one: set answers are COUNT 2 and SUM 12.
BOTH = f'<{EX}x> <{EX}amount> 5 .\n<{EX}a> <{EX}next> <{EX}b> .\n'.encode()
ONLY_CURATED = f'<{EX}y> <{EX}amount> 7 .\n<{EX}b> <{EX}next> <{EX}c> .\n'.encode()
PREFIX = f"PREFIX ex: <{EX}>\n"
RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"


@pytest.fixture(params=["memory", "disk", "remote"])
def store(request, tmp_path: Path) -> Store:
    """Curated and extracted graphs that share two triples, on each backend."""
    if request.param == "remote":
        server = request.getfixturevalue("oxigraph_server")
        server.clear()
        store = Store(server.url)
    else:
        store = Store("memory:" if request.param == "memory" else str(tmp_path / "store"))
    store.add_graph(CURATED, BOTH + ONLY_CURATED, "turtle")
    store.add_graph(EXTRACTED, BOTH, "turtle")
    return store


def _one(store: Store, sparql: str) -> dict:
    rows = store.select(PREFIX + sparql)
    assert len(rows) == 1
    return rows[0]


def _amounts(store: Store) -> tuple[int, int]:
    """COUNT and SUM of the amounts: (2, 12) with set semantics, (3, 17) with one per graph."""
    row = _one(store, "SELECT (COUNT(*) AS ?n) (SUM(?v) AS ?sum) WHERE { ?s ex:amount ?v }")
    return row["n"], row.get("sum", 0)


def test_count_and_sum_count_a_shared_triple_once(store: Store):
    row = _one(store, "SELECT (COUNT(*) AS ?n) (SUM(?v) AS ?sum) WHERE { ?s ex:amount ?v }")
    assert (row["n"], row["sum"]) == (2, 12)
    row = _one(store, "SELECT (COUNT(?s) AS ?n) (COUNT(DISTINCT ?s) AS ?d) "
                      "WHERE { ?s ex:amount ?v }")
    assert (row["n"], row["d"]) == (2, 2)


def test_graph_variable_still_sees_every_copy(store: Store):
    assert _one(store, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")["n"] == 4
    rows = store.select(PREFIX + "SELECT ?g WHERE { GRAPH ?g { ex:x ex:amount 5 } } ORDER BY ?g")
    assert [r["g"] for r in rows] == [CURATED, EXTRACTED]
    row = _one(store, "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")
    assert row["n"] == 6
    assert len(store) == 6 and store.graphs() == {CURATED: 4, EXTRACTED: 2}


def test_paths_describe_and_construct_give_each_triple_once(store: Store):
    assert _one(store, "SELECT (COUNT(*) AS ?n) WHERE { ex:a ex:next/ex:next ?o }")["n"] == 1
    assert _one(store, "SELECT (COUNT(*) AS ?n) WHERE { ex:a ex:next+ ?o }")["n"] == 2
    assert len(list(store.query(PREFIX + "DESCRIBE ex:x"))) == 1
    constructed = list(store.query("CONSTRUCT WHERE { ?s ?p ?o }"))
    assert len(constructed) == len(set(constructed)) == 4
    lines = store.dump(None, "nt").decode().splitlines()  # a triple format: the union, once each
    assert len(lines) == len(set(lines)) == 4


def test_removing_one_of_two_graphs_keeps_the_triple(store: Store):
    assert _amounts(store) == (2, 12)
    assert store.remove_graph(EXTRACTED) is True
    assert _amounts(store) == (2, 12)  # x's amount: curated still states it
    store.add_graph(EXTRACTED, BOTH, "turtle")
    assert store.remove_graph(CURATED) is True
    assert _amounts(store) == (1, 5)  # y's amount went with curated, x's stays
    assert store.remove_graph(EXTRACTED) is True
    assert _one(store, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")["n"] == 0


def test_replacing_a_graph_keeps_what_another_graph_states(store: Store):
    assert _amounts(store) == (2, 12)
    store.add_graph(CURATED, f'<{EX}z> <{EX}amount> 1 .'.encode(), "turtle", replace=True)
    rows = store.select(PREFIX + "SELECT ?s WHERE { ?s ex:amount ?v } ORDER BY ?s")
    assert [r["s"] for r in rows] == [EX + "x", EX + "z"]  # x still in extracted, y gone
    store.add_graph(EXTRACTED, BOTH + f'<{EX}z> <{EX}amount> 1 .'.encode(), "turtle",
                    replace=True)
    assert _amounts(store) == (2, 6)  # z now in both graphs, counted once


def test_updates_keep_the_default_graph_merged(store: Store):
    store.update(PREFIX + "INSERT DATA { GRAPH <urn:g:one> { ex:w ex:amount 3 } "
                          "GRAPH <urn:g:two> { ex:w ex:amount 3 } }")
    assert _one(store, "SELECT (SUM(?v) AS ?sum) WHERE { ?s ex:amount ?v }")["sum"] == 15
    store.update(PREFIX + "DELETE DATA { GRAPH <urn:g:one> { ex:w ex:amount 3 } }")
    assert _one(store, "SELECT (SUM(?v) AS ?sum) WHERE { ?s ex:amount ?v }")["sum"] == 15
    store.update(PREFIX + "DELETE WHERE { GRAPH ?g { ex:w ex:amount ?v } } ;")
    assert _one(store, "SELECT (SUM(?v) AS ?sum) WHERE { ?s ex:amount ?v }")["sum"] == 12
    store.update(PREFIX + "DELETE DATA { GRAPH <urn:g:two> { ex:w ex:amount 3 } }")
    assert _one(store, "SELECT (SUM(?v) AS ?sum) WHERE { ?s ex:amount ?v }")["sum"] == 12
    store.update(PREFIX + "INSERT DATA { GRAPH <urn:g:one> { ex:w ex:amount 3 } } ;"
                          "INSERT DATA { GRAPH <urn:g:two> { ex:w ex:amount 3 } }")
    store.update("DROP GRAPH <urn:g:one>")
    assert _one(store, "SELECT (SUM(?v) AS ?sum) WHERE { ?s ex:amount ?v }")["sum"] == 15
    store.update("CLEAR SILENT GRAPH <urn:g:two> ; DROP SILENT GRAPH <urn:g:none>")
    assert _one(store, "SELECT (SUM(?v) AS ?sum) WHERE { ?s ex:amount ?v }")["sum"] == 12
    # the WHERE of an update reads the merged default graph
    store.update(PREFIX + "INSERT { GRAPH <urn:g:big> { ?s ex:big true } } "
                          "WHERE { ?s ex:amount ?v FILTER(?v > 6) }")
    assert [r["s"] for r in store.select(PREFIX + "SELECT ?s { ?s ex:big true }")] == [EX + "y"]


@pytest.mark.parametrize("update", [
    "INSERT DATA { ex:v ex:amount 1 }",
    "DELETE DATA { ex:y ex:amount 7 }",
    "DELETE WHERE { ?s ex:amount ?v }",
    "INSERT { ?s ex:twice ?v } WHERE { GRAPH ?g { ?s ex:amount ?v } }",
    "DELETE { ?s ex:amount ?v } WHERE { ?s ex:amount ?v }",
    "INSERT DATA { GRAPH <urn:g:ok> { ex:v ex:amount 1 } } ; CLEAR DEFAULT",
    "DROP SILENT DEFAULT",
    f"ADD <{CURATED}> TO DEFAULT",
    f"COPY GRAPH <{EXTRACTED}> TO DEFAULT",
    f"MOVE DEFAULT TO <{CURATED}>",
    "LOAD <http://127.0.0.1:9/data.ttl>",
])
def test_an_update_that_writes_the_default_graph_is_refused(store: Store, update: str):
    before = (store.revision, store.dump(None, "nq"))
    with pytest.raises(InputError, match="must write into named graphs") as caught:
        store.update(PREFIX + update)
    assert "found:" in str(caught.value) and "line 2" in str(caught.value)
    assert (store.revision, store.dump(None, "nq")) == before  # nothing was written
    assert _amounts(store) == (2, 12)


def test_updates_that_name_their_graphs_are_kept_in_step(store: Store):
    # WITH names the graph of the templates (and of the WHERE)
    store.update(PREFIX + f"WITH <{CURATED}> INSERT {{ ?s ex:twice ?v }} "
                          "WHERE { ?s ex:amount ?v }")
    assert _one(store, "SELECT (COUNT(*) AS ?n) WHERE { ?s ex:twice ?v }")["n"] == 2
    # a WHERE without GRAPH reads the merged default graph: x's amount once
    store.update(PREFIX + "INSERT { GRAPH <urn:g:twice> { ?s ex:twice ?v } } "
                          "WHERE { ?s ex:amount ?v }")
    assert store.graphs()["urn:g:twice"] == 2
    # copying the default graph into a graph reads it, which is allowed
    store.update("COPY DEFAULT TO GRAPH <urn:g:copy>")
    assert store.graphs()["urn:g:copy"] == 6  # 4 + the 2 ex:twice, each once
    assert _one(store, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")["n"] == 6
    store.update("DROP GRAPH <urn:g:copy> ; DROP GRAPH <urn:g:twice>")
    # removing a fact from every graph that states it
    store.update(PREFIX + "DELETE WHERE { GRAPH ?g { ex:x ex:amount ?v } }")
    assert _amounts(store) == (1, 7)
    # CLEAR ALL, DROP NAMED: the default graph follows
    store.update("DROP NAMED")
    assert _one(store, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")["n"] == 0


def test_a_failed_update_leaves_the_store_as_it_was(store: Store):
    before = (store.revision, store.dump(None, "nq"))
    # the first operation would succeed; the second fails (CREATE of a graph that exists)
    failing = (PREFIX + "INSERT DATA { GRAPH <urn:g:new> { ex:n ex:amount 100 } } ;\n"
               f"DELETE WHERE {{ GRAPH ?g {{ ex:x ex:amount ?v }} }} ;\nCREATE GRAPH <{CURATED}>")
    with pytest.raises(Exception):  # noqa: B017, PT011 - the backends word it differently
        store.update(failing)
    assert (store.revision if store.backend != "remote" else before[0],
            store.dump(None, "nq")) == before
    assert _amounts(store) == (2, 12)


def test_protocol_datasets_still_choose_graphs(store: Store):
    assert _amounts(store) == (2, 12)  # no dataset given: the merged default graph
    rows = store.select(PREFIX + "SELECT ?s WHERE { ?s ex:amount ?v }", default_graphs=[EXTRACTED])
    assert [r["s"] for r in rows] == [EX + "x"]
    both = store.select(PREFIX + "SELECT ?s WHERE { ?s ex:amount ?v }",
                        default_graphs=[CURATED, EXTRACTED], union=False)
    assert len(both) == 3  # two graphs named as the default graph: Oxigraph merges them as bags
    named = store.select(PREFIX + "SELECT ?g WHERE { GRAPH ?g { ex:x ex:amount 5 } }",
                         named_graphs=[CURATED])
    assert [r["g"] for r in named] == [CURATED]


# --- the seed graph, built by `kg build` ----------------------------------------------------

ROOT = Path(__file__).resolve().parent.parent

# SELECTs without GRAPH that the project itself asks: the README's, the notebook's, the API's.
SEED_QUERIES = {
    "everything": "SELECT ?s ?p ?o WHERE { ?s ?p ?o }",
    "count example": "SELECT (COUNT(?a) AS ?n) (COUNT(DISTINCT ?a) AS ?d) "
                     "WHERE { ?a ekg:party country:JP }",
    "entity page": "SELECT ?p ?o WHERE { country:JP ?p ?o FILTER(isLiteral(?o)) }",
    "partners": "SELECT ?partner ?label WHERE { country:JP ekg:cooperatesWith ?partner . "
                "?partner rdfs:label ?label FILTER(lang(?label) = 'en') }",
    "parties and labels": "SELECT ?a ?p ?label WHERE { ?a ekg:party ?p . ?p rdfs:label ?label }",
    "sum of confidences": "SELECT (COUNT(?c) AS ?n) (SUM(?c) AS ?sum) "
                          "WHERE { ?s ekg:confidence ?c }",
    "path": "SELECT ?x WHERE { country:JP ^ekg:party/ekg:party ?x }",
    "classes": "SELECT ?c (COUNT(?s) AS ?n) WHERE { ?s a ?c } GROUP BY ?c",
}


def _readme_and_notebook_queries() -> dict[str, str]:
    """The SPARQL the README and examples/quickstart.ipynb show (kg query '…', kg.sparql(…))."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    found = {f"README kg query {i}": q for i, q in
             enumerate(re.findall(r"kg query '([^']+)'", readme))}
    notebook = json.loads((ROOT / "examples" / "quickstart.ipynb").read_text(encoding="utf-8"))
    code = readme + "\n".join("".join(c["source"]) for c in notebook["cells"]
                              if c["cell_type"] == "code")
    calls = re.findall(r'kg\.sparql\(\s*(?:"""(.*?)"""|"([^"]*)")', code, re.S)
    found.update({f"kg.sparql {i}": a or b for i, (a, b) in enumerate(calls)})
    return found


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    """The whole seed graph, built with the real `kg build` into a temporary disk store."""
    location = tmp_path_factory.mktemp("seed") / "store"
    done = subprocess.run([sys.executable, "-m", "kg", "build", "--store", str(location)],
                          cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-2000:]
    return location


@pytest.fixture(scope="module")
def seed(built: Path) -> Store:
    return Store(str(built), read_only=True)


@pytest.fixture(scope="module")
def as_a_set(seed: Store) -> ox.Store:
    """The seed graph's triples as a set, in the default graph of a plain Oxigraph store."""
    reference = ox.Store()
    reference.extend(ox.Quad(q.subject, q.predicate, q.object) for q in seed.quads())
    return reference


def _rows(result) -> Counter:
    return Counter(tuple(row) for row in result)


def test_the_seeds_state_some_triples_in_two_graphs(seed: Store, as_a_set: ox.Store):
    stated = sum(seed.graphs().values())
    assert len(seed) == stated > len(as_a_set) + 50  # so the tests below are not vacuous


@pytest.mark.parametrize("name", [*SEED_QUERIES, *_readme_and_notebook_queries()])
def test_no_select_over_the_seed_graph_repeats_a_row_because_of_two_graphs(
        seed: Store, as_a_set: ox.Store, name: str):
    """Every SELECT gives the rows it gives over the set of the seed graph's triples."""
    sparql = {**SEED_QUERIES, **_readme_and_notebook_queries()}[name]
    if not sparql.lstrip().upper().startswith("SELECT"):
        pytest.skip("not a SELECT")  # ASK and CONSTRUCT are checked elsewhere
    expected = _rows(as_a_set.query(sparql, prefixes=PREFIXES))
    assert _rows(seed.query(sparql)) == expected


def test_every_triple_comes_back_once(seed: Store):
    rows = _rows(seed.query(SEED_QUERIES["everything"]))
    distinct = _rows(seed.query(SEED_QUERIES["everything"].replace("SELECT", "SELECT DISTINCT")))
    assert rows == distinct and set(rows.values()) == {1}


def test_the_old_union_repeated_rows_on_the_same_seeds(seed: Store):
    """What the tests above guard against: Oxigraph 0.5's union default graph, same store."""
    sparql = SEED_QUERIES["everything"]
    union = seed.oxigraph.query(sparql, use_default_graph_as_union=True)
    assert sum(_rows(union).values()) > sum(_rows(seed.query(sparql)).values())


def test_the_count_example_gives_two_and_two_from_kg_query(built: Path):
    done = subprocess.run([sys.executable, "-m", "kg", "query", "--store", str(built), "-o", "json",
                           SEED_QUERIES["count example"]],
                          cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    (row,) = json.loads(done.stdout)["results"]["bindings"]
    assert (row["n"]["value"], row["d"]["value"]) == ("2", "2")


def test_the_readme_example_lists_each_agreement_once(seed: Store):
    (query,) = re.findall(r"kg query '([^']+)'", (ROOT / "README.md").read_text(encoding="utf-8"))
    rows = seed.select(query)
    assert len(rows) == len({r["agreement"] for r in rows}) == 2


def test_the_notebooks_queries_list_each_agreement_once(seed: Store):
    for name, sparql in _readme_and_notebook_queries().items():
        result = seed.query(sparql)
        if isinstance(result, ox.QueryTriples):
            triples = list(result)
            assert len(triples) == len(set(triples)), name
        elif isinstance(result, ox.QuerySolutions):
            rows = [tuple(row) for row in result]
            assert len(rows) == len(set(rows)), name


def test_an_entity_has_each_literal_once(seed: Store):
    """The entity page's query: "Japan" and the ISO code "JP" were listed once per graph."""
    rows = seed.query(SEED_QUERIES["entity page"])
    pairs = [(row["p"], row["o"]) for row in rows]
    assert len(pairs) == len(set(pairs))
    values = [o.value for _, o in pairs]
    assert values.count("JP") == 1
    labels = [(o.value, o.language) for p, o in pairs if p.value == RDFS_LABEL]
    assert labels.count(("Japan", "en")) == 1


def test_describe_and_construct_over_the_seeds_give_each_triple_once(seed: Store,
                                                                     as_a_set: ox.Store):
    described = list(seed.query("DESCRIBE country:JP"))
    assert len(described) == len(set(described))
    everything = list(seed.query("CONSTRUCT WHERE { ?s ?p ?o }"))
    assert len(everything) == len(set(everything)) == len(as_a_set)


# --- stores written before the default graph was kept ----------------------------------------

def _old_layout(location: Path) -> None:
    """Make a disk store look like one written before: no merged default graph, no note."""
    meta = json.loads((location / "meta.json").read_text(encoding="utf-8"))
    handle = ox.Store(str(location / meta["data"]))
    handle.clear_graph(ox.DefaultGraph())
    handle.flush()
    del handle
    meta.pop("layout", None)
    (location / "meta.json").write_text(json.dumps(meta), encoding="utf-8")


def test_an_older_disk_store_gets_its_default_graph_on_a_writable_open(tmp_path: Path):
    location = tmp_path / "store"
    with Store(str(location)) as store:
        store.add_graph(CURATED, BOTH + ONLY_CURATED, "turtle")
        store.add_graph(EXTRACTED, BOTH, "turtle")
    _old_layout(location)
    with pytest.raises(StoreError, match="writable once"):
        Store(str(location), read_only=True)
    with Store(str(location)) as store:
        assert _one(store, "SELECT (COUNT(*) AS ?n) WHERE { ?s ex:amount ?v }")["n"] == 2
    with Store(str(location), read_only=True) as reader:
        assert _one(reader, "SELECT (SUM(?v) AS ?sum) WHERE { ?s ex:amount ?v }")["sum"] == 12


def test_a_foreign_endpoint_with_only_named_graphs_gets_the_union_switch(oxigraph_server):
    """An endpoint nobody keeps a default graph for: Oxigraph's union, which repeats triples."""
    oxigraph_server.clear()
    body = (f"INSERT DATA {{ GRAPH <{CURATED}> {{ {(BOTH + ONLY_CURATED).decode()} }} "
            f"GRAPH <{EXTRACTED}> {{ {BOTH.decode()} }} }}")
    httpx.post(f"{oxigraph_server.url}/update", data={"update": body}, timeout=10
               ).raise_for_status()
    store = Store(oxigraph_server.url)
    assert store.merged is False
    row = _one(store, "SELECT (COUNT(*) AS ?n) (COUNT(DISTINCT ?s) AS ?d) "
                      "WHERE { ?s ex:amount ?v }")
    assert (row["n"], row["d"]) == (3, 2)  # Oxigraph 0.5: once per graph (issue 1919)
    store.update(PREFIX + "INSERT DATA { ex:v ex:amount 1 }")  # no default graph to keep
    assert re.search(r"(?m)^<https://example.org/v>", store.dump(None, "nt").decode())
