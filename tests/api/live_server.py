"""A real uvicorn server for the API tests, run as a subprocess.

``python -m tests.api.live_server PORT [STORE]`` loads the ontology, the gazetteer, the
curated seeds and ``tests/api/data/fixture.ttl`` into an in-memory store (or, with
``STORE``, into an on-disk store there, unless it already holds one, or into the SPARQL
endpoint at that URL, unless it holds data),
derives the cooperation links the way ``kg build`` does, and serves the app
with uvicorn (uvloop + httptools) on 127.0.0.1:PORT. Settings come from the
environment (the tests set ``KG_API_TOKEN``, ``KG_QUERY_TIMEOUT`` ...).

It loads with ``Store.add_graph`` rather than running ``kg.build.build``: the
build validates everything with SHACL, which is slower than the tests can
afford, and the API tests are about HTTP, not about the build.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pyoxigraph as ox
import uvicorn

from api.app import create_app
from api.settings import Settings
from kg.namespaces import CURATED_GRAPH, DERIVED_GRAPH, GAZETTEER_GRAPH, ONTOLOGY_GRAPH, graph_iri
from kg.store import Store

ROOT = Path(__file__).resolve().parents[2]
FIXTURE = Path(__file__).resolve().parent / "data" / "fixture.ttl"
FIXTURE_GRAPH = graph_iri("test-fixture")


def load(store: Store) -> Store:
    """Ontology, gazetteer, curated seeds and the test fixture, plus derived links."""
    staging = ox.Store()
    plan = [(ONTOLOGY_GRAPH, sorted((ROOT / "ontology").glob("*.ttl"))),
            (GAZETTEER_GRAPH, sorted((ROOT / "seeds" / "gazetteer").glob("*.ttl"))),
            (CURATED_GRAPH, sorted((ROOT / "seeds" / "curated").glob("*.ttl"))),
            (FIXTURE_GRAPH, [FIXTURE])]
    for graph, paths in plan:
        for path in paths:
            if path.name == "shapes.ttl":
                continue
            staging.load(path=str(path), format=ox.RdfFormat.TURTLE,
                         to_graph=ox.NamedNode(str(graph)))
    try:
        from kg.build import derive_cooperations  # noqa: PLC0415

        staging.extend(derive_cooperations(staging))
    except ImportError:  # pragma: no cover - the build module is part of the project
        pass
    store.replace_all(quads=iter(staging))
    return store


def main(port: int, location: str = "memory:") -> None:
    settings = Settings.from_env(store=location)
    # asked before the store is opened: opening an on-disk store writes its meta.json
    fresh = location == "memory:" or not (Path(location) / "meta.json").exists()
    store = Store(location)
    if store.backend == "remote":  # a SPARQL endpoint: loaded unless it holds data already
        fresh = not bool(store.query("ASK { GRAPH ?g { ?s ?p ?o } }"))
    if fresh:
        load(store)
    app = create_app(store, settings)
    uvicorn.run(app, host="127.0.0.1", port=port, log_level="warning", loop="uvloop",
                http="httptools")


if __name__ == "__main__":
    main(int(sys.argv[1]), *sys.argv[2:3])
