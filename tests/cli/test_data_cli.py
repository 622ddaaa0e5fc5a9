"""The data commands, run as a real second process: build, query, stats, validate, export."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import networkx as nx
import pytest
from rdflib import Dataset, Graph

CURATED_BAD = Path(__file__).parent.parent / "data" / "curated_bad"


def kg(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "kg", *args], input=stdin,
                          capture_output=True, text=True, timeout=300)


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> str:
    location = str(tmp_path_factory.mktemp("cli") / "store")
    result = kg("build", "--store", location, "--no-extract")
    assert result.returncode == 0, result.stderr
    assert "Triples per graph" in result.stdout
    return location


def test_query_from_a_second_process(built: str):
    result = kg("query", "--store", built, "-o", "json",
                "SELECT ?m WHERE { ?m ekg:signedOn '2016-12-16'^^xsd:date }")
    assert result.returncode == 0, result.stderr
    bindings = json.loads(result.stdout)["results"]["bindings"]
    assert len(bindings) == 1


@pytest.mark.parametrize("output, check", [
    ("csv", lambda out: out.splitlines()[0].strip() == "n"),
    ("tsv", lambda out: out.splitlines()[0].strip() == "?n"),
    ("table", lambda out: "1 row(s)" in out),
])
def test_query_outputs(built: str, output: str, check):
    result = kg("query", "--store", built, "-o", output,
                "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
    assert result.returncode == 0 and check(result.stdout), result.stdout + result.stderr


def test_query_from_stdin_and_file(built: str, tmp_path: Path):
    text = "ASK { region:DE-NW ekg:partOf country:DE }"
    assert kg("query", "--store", built, stdin=text).stdout.strip() == "true"
    query_file = tmp_path / "q.rq"
    query_file.write_text(text, encoding="utf-8")
    assert kg("query", "--store", built, "--file", str(query_file)).stdout.strip() == "true"


def test_bad_query_is_a_clear_error(built: str):
    result = kg("query", "--store", built, "SELECT ?x WHERE {")
    assert result.returncode == 2
    assert "error" in result.stderr and "Traceback" not in result.stderr


def test_stats_json(built: str):
    result = kg("stats", "--store", built, "--json")
    stats = json.loads(result.stdout)
    assert stats["classes"]["ekg:Country"] >= 6
    assert "https://w3id.org/energy-kg/graph/curated" in stats["graphs"]


@pytest.mark.parametrize("name, reader", [
    ("out.ttl", lambda p: Graph().parse(p, format="turtle")),
    ("out.nt", lambda p: Graph().parse(p, format="nt")),
    ("out.jsonld", lambda p: Dataset().parse(p, format="json-ld")),
    ("out.trig", lambda p: Dataset().parse(p, format="trig")),
    ("out.nq", lambda p: Dataset().parse(p, format="nquads")),
])
def test_export_format_from_extension(built: str, tmp_path: Path, name: str, reader):
    path = tmp_path / name
    result = kg("export", "--store", built, str(path))
    assert result.returncode == 0, result.stderr
    assert len(reader(str(path))) > 0


def test_export_to_stdout_with_format(built: str):
    result = kg("export", "--store", built, "--format", "nt", "--graph", "curated")
    assert result.returncode == 0
    assert len(Graph().parse(data=result.stdout, format="nt")) > 50


def test_validate_exit_codes(tmp_path: Path):
    assert kg("validate").returncode == 0
    for bad in sorted(CURATED_BAD.glob("*.ttl")):
        result = kg("validate", str(bad))
        assert result.returncode == 1, result.stdout + result.stderr
        assert bad.name in result.stderr
        assert "https://w3id.org/energy-kg/id/" in result.stderr
        assert "Traceback" not in result.stderr
    unreadable = tmp_path / "broken.ttl"
    unreadable.write_text("this is not turtle", encoding="utf-8")
    result = kg("validate", str(unreadable))
    assert result.returncode == 2 and "broken.ttl" in result.stderr
    assert kg("validate", str(tmp_path / "missing.ttl")).returncode == 2


def test_query_without_a_store_says_build_first(tmp_path: Path):
    result = kg("query", "--store", str(tmp_path / "none"), "ASK {}")
    assert result.returncode == 2 and "kg build" in result.stderr


@pytest.mark.parametrize("flags, isolated", [((), False), (("--all-nodes",), True)],
                         ids=["connected", "all-nodes"])
def test_export_graph_files_keep_only_connected_actors(built: str, tmp_path: Path, flags,
                                                       isolated: bool):
    path = tmp_path / "cooperation.graphml"
    result = kg("export", "--store", built, *flags, str(path))
    assert result.returncode == 0, result.stderr
    assert (nx.number_of_isolates(nx.read_graphml(path)) > 0) is isolated


def test_update_writes_named_graphs_and_refuses_the_default_graph(tmp_path: Path):
    store = str(tmp_path / "store")
    fact = "<https://example.org/a> <https://example.org/p> 1"
    refused = kg("update", "--store", store, f"INSERT DATA {{ {fact} }}")
    assert refused.returncode == 2
    assert "must write into named graphs" in refused.stderr + refused.stdout
    both = f"INSERT DATA {{ GRAPH <urn:g:one> {{ {fact} }} GRAPH <urn:g:two> {{ {fact} }} }}"
    done = kg("update", "--store", store, "-", stdin=both)
    assert done.returncode == 0, done.stderr
    counted = kg("query", "--store", store, "-o", "json",
                 "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
    assert json.loads(counted.stdout)["results"]["bindings"][0]["n"]["value"] == "1"
    assert kg("update", "--store", store, "DROP GRAPH <urn:g:one>").returncode == 0
    counted = kg("query", "--store", store, "-o", "json",
                 "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")
    assert json.loads(counted.stdout)["results"]["bindings"][0]["n"]["value"] == "1"
