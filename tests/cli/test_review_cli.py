"""`kg review` as a real second process, on an on-disk store: list with evidence, accept,
reject, list merges and undo one."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from kg.extract.document import make_document
from kg.ingest import ingest_text
from kg.store import Store
from tests.test_resolve import REPORTS

ID = "https://w3id.org/energy-kg/id/"


def kg(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "kg", *args], capture_output=True, text=True,
                          timeout=300, env={**__import__("os").environ, "COLUMNS": "200"})


@pytest.fixture(scope="module")
def location(tmp_path_factory, seed_store) -> str:
    """An on-disk store with the seeds and four reports (one uncertain agreement, one close
    call), written in this process and closed before the CLI opens it."""
    path = str(tmp_path_factory.mktemp("review") / "store")
    store = Store(path)
    store.replace_all(quads=iter(list(seed_store.quads())))
    for name in ("cl_single_party.txt", "cl_de_hydrogen_de.txt", "cl_de_hydrogen_en.txt",
                 "cl_de_hydrogen_undated.txt"):
        text = (REPORTS / name).read_text(encoding="utf-8")
        ingest_text(store, make_document(text, name=name, raw=text.encode()))
    store.close()
    return path


def pending(location: str) -> list[dict]:
    result = kg("review", "--store", location, "--json")
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_list_accept_reject(location: str):
    table = kg("review", "--store", location)
    assert table.returncode == 0, table.stderr
    assert "Review queue" in table.stdout and "Chile signed a memorandum" in table.stdout
    items = {i["subject"].rsplit("/", 1)[-1]: i for i in pending(location)}
    seeds = items.pop("2014-fukushima-prefecture-north-rhine-westphalia-renewable-energy")
    assert seeds["kind"] == "fact"  # a seed document the extractor is unsure of (kg build)
    assert {i["kind"] for i in items.values()} == {"fact", "merge"}
    fact = items["2024-04-03-cl-hydrogen"]
    merge = next(i for i in items.values() if i["kind"] == "merge")
    assert fact["score"] == 0.6

    accepted = kg("review", "accept", fact["id"], "--store", location)
    assert accepted.returncode == 0, accepted.stderr
    assert "accepted" in accepted.stdout and "curated" in accepted.stdout
    rejected = kg("review", "reject", merge["id"], "--store", location, "--json")
    assert rejected.returncode == 0, rejected.stderr
    assert json.loads(rejected.stdout)["status"] == "rejected"
    assert [i["id"] for i in pending(location)] == [seeds["id"]]
    done = kg("review", "--store", location, "--status", "all", "--json")
    assert sorted(i["status"] for i in json.loads(done.stdout)) == ["accepted", "pending", "rejected"]

    query = kg("query", "--store", location, "-o", "json",
               "SELECT ?a WHERE { ?a ekg:party country:CL }")
    found = {b["a"]["value"] for b in json.loads(query.stdout)["results"]["bindings"]}
    assert ID + "agreement/2024-04-03-cl-hydrogen" in found
    assert merge["subject"] in found  # the close call was split again

    again = kg("review", "accept", fact["id"], "--store", location)
    assert again.returncode == 2 and "already accepted" in again.stderr
    unknown = kg("review", "reject", "0123456789ab", "--store", location)
    assert unknown.returncode == 2 and "no review item" in unknown.stderr


def test_merges_and_undo(location: str):
    listed = kg("review", "merges", "--store", location, "--json")
    assert listed.returncode == 0, listed.stderr
    merges = {m["node"].rsplit("/", 1)[-1]: m for m in json.loads(listed.stdout)}
    person = merges["h-brandtner"]
    assert person["status"] == "merged" and person["into"] == ID + "person/helga-brandtner"
    table = kg("review", "merges", "--store", location)
    assert "Merges" in table.stdout
    undone = kg("review", "undo-merge", person["key"], "--store", location)
    assert undone.returncode == 0, undone.stderr
    assert "undone" in undone.stdout
    query = kg("query", "--store", location, "-o", "json",
               "SELECT ?l WHERE { person:h-brandtner rdfs:label ?l }")
    labels = [b["l"]["value"] for b in json.loads(query.stdout)["results"]["bindings"]]
    assert labels == ["H. Brandtner"]
    twice = kg("review", "undo-merge", person["key"], "--store", location)
    assert twice.returncode == 2


def test_help_names_the_commands():
    result = kg("review", "--help")
    assert result.returncode == 0
    for word in ("accept", "reject", "merges", "undo-merge"):
        assert word in result.stdout


def test_empty_queue(tmp_path: Path, seed_store):
    path = str(tmp_path / "store")
    store = Store(path)
    store.replace_all(quads=iter([]))
    store.close()
    result = kg("review", "--store", path)
    assert result.returncode == 0 and "no pending review items" in result.stdout


def test_network_commands_can_include_pending_facts(tmp_path: Path, seed_store):
    path = str(tmp_path / "store")
    store = Store(path)
    store.replace_all(quads=iter(list(seed_store.quads())))
    text = (REPORTS / "cl_de_hydrogen_de.txt").read_text(encoding="utf-8")
    ingest_text(store, make_document(text, name="de.txt", raw=text.encode()), threshold=0.9)
    store.close()
    default = kg("partners", "Chile", "--store", path, "--json")
    assert default.returncode == 0, default.stderr
    assert json.loads(default.stdout)["partners"] == []
    pending = kg("partners", "Chile", "--store", path, "--json", "--include-pending")
    assert [p["iri"] for p in json.loads(pending.stdout)["partners"]] == [ID + "country/DE"]
