"""``kg serve`` and ``kg build`` as a user runs them, with real processes and HTTP:
documents added through the API survive a rebuild (only ``--force`` drops them), and a
read-only server refuses writes first, whether or not ``--build`` just wrote the store."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from tests.kg_serve import AUTH, ROOT, serving
from tests.sparql_server import free_port

TEXT = b"Germany and Japan signed a declaration of intent on hydrogen cooperation in 2019."


def kg(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "kg", *args], capture_output=True, text=True,
                          timeout=300, cwd=ROOT, env={**os.environ, **(env or {})})


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    """A store built from the seeds (without extraction, to be quick)."""
    location = tmp_path_factory.mktemp("serve") / "store"
    result = kg("build", "--store", str(location), "--no-extract")
    assert result.returncode == 0, result.stderr
    return location


@pytest.fixture
def store(built: Path, tmp_path: Path) -> Path:
    """A private copy of the built store."""
    copy = tmp_path / "store"
    shutil.copytree(built, copy)
    return copy


def _keys(client: httpx.Client) -> set[str]:
    return {d["key"] for d in client.get("/documents").json()["items"]}


def test_serve_build_and_build_keep_ingested_documents(store: Path):
    with serving("--store", str(store)) as (client, _):
        added = client.post("/documents", content=TEXT, params={"language": "en"},
                            headers={**AUTH, "Content-Type": "text/plain"})
        assert added.status_code == 201, added.text
        key = added.json()["key"]
        pairs = client.get("/cooperations", params={"actor": "Japan"}).json()["total"]
        assert key in _keys(client)
    # The README's start command rebuilds the store: the document stays, and it says so.
    with serving("--build", "--no-extract", "--store", str(store)) as (client, output):
        assert key in _keys(client)
        assert client.get("/cooperations", params={"actor": "Japan"}).json()["total"] == pairs
    assert "kept 1 document(s) added through the API" in output[0], output[0]
    # kg build keeps it too, and says so.
    result = kg("build", "--store", str(store), "--no-extract")
    assert result.returncode == 0, result.stderr
    assert "kept 1 document(s) added through the API" in result.stderr
    ask = f"ASK {{ GRAPH <https://w3id.org/energy-kg/graph/extracted/{key}> {{ ?s ?p ?o }} }}"
    assert kg("query", "--store", str(store), ask).stdout.strip() == "true"
    # Only --force drops it, and it says so.
    result = kg("build", "--store", str(store), "--no-extract", "--force")
    assert result.returncode == 0, result.stderr
    assert "dropped 1 document(s) added through the API (--force)" in result.stderr
    assert key in result.stderr
    assert kg("query", "--store", str(store), ask).stdout.strip() == "false"


NOTES = "https://example.org/notes"


def _ask(client: httpx.Client, query: str) -> bool:
    response = client.get("/sparql", params={"query": query},
                          headers={"Accept": "application/sparql-results+json"})
    assert response.status_code == 200, response.text
    return response.json()["boolean"]


def test_serve_build_keeps_graphs_written_with_update(store: Path):
    """A rebuild keeps the named graphs it does not make (here one written through /update),
    says so, and derives with them; writes into its own graphs give way to seeds/."""
    note = f"ASK {{ GRAPH <{NOTES}> {{ <{NOTES}#n1> rdfs:label \"kept\" }} }}"
    curated = ("ASK { GRAPH <https://w3id.org/energy-kg/graph/curated> "
               "{ <https://example.org/x> rdfs:label \"gone\" } }")
    with serving("--store", str(store)) as (client, _):
        for update in (f'INSERT DATA {{ GRAPH <{NOTES}> {{ <{NOTES}#n1> rdfs:label "kept" }} }}',
                       "INSERT DATA { GRAPH <https://w3id.org/energy-kg/graph/curated> "
                       '{ <https://example.org/x> rdfs:label "gone" } }'):
            done = client.post("/update", data={"update": update}, headers=AUTH)
            assert done.status_code == 200, done.text
        assert _ask(client, note) and _ask(client, curated)
    with serving("--build", "--no-extract", "--store", str(store)) as (client, output):
        assert _ask(client, note), "the graph written with /update was dropped by --build"
        assert not _ask(client, curated)  # the build's own graph comes from seeds/ again
        assert _ask(client, f"ASK {{ <{NOTES}#n1> rdfs:label \"kept\" }}")  # default graph too
    assert "kept 1 other graph(s) that the build does not make" in output[0], output[0]
    assert NOTES in output[0]
    result = kg("build", "--store", str(store), "--no-extract", "--force")
    assert result.returncode == 0, result.stderr
    assert "dropped 1 other graph(s)" in result.stderr and NOTES in result.stderr
    ask = f"ASK {{ GRAPH <{NOTES}> {{ ?s ?p ?o }} }}"
    assert kg("query", "--store", str(store), ask).stdout.strip() == "false"


def test_read_only_serve_build_refuses_writes(store: Path):
    with serving("--build", "--no-extract", "--store", str(store), KG_READ_ONLY="1") as \
            (client, _):
        health = client.get("/health").json()
        assert health["read_only"] is True, health
        before = health["revision"]
        document = client.post("/documents", content=TEXT,
                               headers={**AUTH, "Content-Type": "text/plain"})
        assert document.status_code == 409, document.text
        update = client.post("/update", content=b"INSERT DATA { <urn:a> <urn:b> <urn:c> }",
                             headers={**AUTH, "Content-Type": "application/sparql-update"})
        assert update.status_code == 409, update.text
        assert client.delete("/documents/0123456789abcdef", headers=AUTH).status_code == 409
        assert client.get("/health").json()["revision"] == before


def test_read_only_server_refuses_a_document_before_reading_it(store: Path):
    with serving("--store", str(store), KG_READ_ONLY="1") as (client, _):
        assert client.get("/health").json()["read_only"] is True
        # A document that could never be extracted: refused as a write, not as a document.
        binary = client.post("/documents", content=b"\x00\x01binary\x00" * 100,
                             headers={**AUTH, "Content-Type": "text/plain"})
        assert binary.status_code == 409, binary.text
        started = time.perf_counter()
        good = client.post("/documents", content=TEXT,
                           headers={**AUTH, "Content-Type": "text/plain"})
        assert good.status_code == 409, good.text
        assert "read-only" in good.json()["message"]
        assert time.perf_counter() - started < 1.0  # nothing was extracted


@pytest.mark.parametrize(("settings", "args", "message"), [
    ({"KG_QUERY_MEMORY_MB": "300"}, (),
     "KG_QUERY_MEMORY_MB=300 split over KG_QUERY_WORKERS=4 query workers leaves 75 MB per worker"),
    ({}, ("--workers", "4"),
     "KG_QUERY_MEMORY_MB=1280 split over 4 server processes (kg serve --workers) of "
     "KG_QUERY_WORKERS=4 query workers each leaves 80 MB per worker"),
    # 100 MB passes the first check, but a worker holds more than 36 MB once the store is
    # open, which leaves a query less than the 64 MB it needs: found by opening the store.
    ({"KG_QUERY_MEMORY_MB": "100", "KG_QUERY_WORKERS": "1"}, (),
     "KG_QUERY_MEMORY_MB=100 is too small for this store"),
], ids=["split-too-small", "split-over-server-processes", "too-small-for-the-store"])
def test_serve_refuses_a_query_memory_budget_too_small(store: Path, settings: dict,
                                                       args: tuple, message: str):
    result = subprocess.run(
        [sys.executable, "-m", "kg", "serve", "--store", str(store), "--port",
         str(free_port()), *args], capture_output=True, text=True, timeout=120, cwd=ROOT,
        env={**{k: v for k, v in os.environ.items() if not k.startswith("KG_")},
             "PYTHONPATH": str(ROOT), **settings})
    assert result.returncode == 2, result.stderr
    assert message in result.stderr, result.stderr
    assert "Traceback" not in result.stderr
    assert "set KG_QUERY_MEMORY_MB to at least" in result.stderr
