"""Shared fixtures: stores built from the repository's own ontology and seeds."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from kg.build import REPO_ROOT, build
from kg.store import Store

# test data is not test code: nothing under tests/data is collected (a Python file there would be
# imported as a doctest module)
collect_ignore_glob = ["data/*"]


@pytest.fixture
def memory_store() -> Store:
    """An empty in-memory store."""
    return Store("memory:")


@pytest.fixture(scope="session")
def seed_store() -> Store:
    """The seed graph (ontology, gazetteer, curated, extracted documents) in memory.

    Session-scoped: tests must not write to it.
    """
    store = Store("memory:")
    build(store, REPO_ROOT)
    return store


@pytest.fixture
def project_copy(tmp_path: Path) -> Path:
    """A copy of ontology/ and seeds/ in a temporary folder, for builds that break things."""
    for folder in ("ontology", "seeds"):
        shutil.copytree(REPO_ROOT / folder, tmp_path / folder)
    return tmp_path


@pytest.fixture(scope="session")
def oxigraph_server(tmp_path_factory):
    """A real Oxigraph SPARQL server on 127.0.0.1, for the remote backend."""
    from tests.sparql_server import OxigraphServer

    server = OxigraphServer(tmp_path_factory.mktemp("oxigraph-server"))
    yield server
    server.stop()
