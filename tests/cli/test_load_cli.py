"""`kg load` as a real second process: loads, exit codes, messages with file and line."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

CURATED_BAD = Path(__file__).parent.parent / "data" / "curated_bad"
TRIPLES = ('<https://w3id.org/energy-kg/id/org/cli-a> '
           '<http://www.w3.org/1999/02/22-rdf-syntax-ns#type> '
           '<https://w3id.org/energy-kg/ontology#Organization> .\n'
           '<https://w3id.org/energy-kg/id/org/cli-a> <http://www.w3.org/2000/01/rdf-schema#label> '
           '"CLI A" .\n')


def kg(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "kg", *args], capture_output=True, text=True,
                          timeout=300)


def test_load_files_then_query(tmp_path: Path):
    store = str(tmp_path / "store")
    nt = tmp_path / "orgs.nt"
    nt.write_text(TRIPLES, encoding="utf-8")
    nq = tmp_path / "more.nq"
    nq.write_text(TRIPLES.replace(" .\n", " <https://example.org/g> .\n"), encoding="utf-8")
    result = kg("load", "--store", store, str(nt), str(nq))
    assert result.returncode == 0, result.stderr
    assert "loaded 4 quads from 2 file(s) into 2 graphs" in result.stdout
    stats = json.loads(kg("stats", "--store", store, "--json").stdout)
    assert stats["graphs"] == {"https://example.org/g": 2,
                               "https://w3id.org/energy-kg/graph/load/orgs": 2}
    counted = kg("query", "--store", store, "-o", "csv",
                 "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
    assert counted.stdout.split()[-1] == "2"  # the same two triples in two graphs: once
    one = tmp_path / "one.nt"
    one.write_text(TRIPLES.splitlines()[0] + "\n", encoding="utf-8")
    replaced = kg("load", "--store", store, "--graph", "load/orgs", "--replace", str(one))
    assert replaced.returncode == 0, replaced.stderr
    assert "replaced https://w3id.org/energy-kg/graph/load/orgs" in replaced.stderr
    stats = json.loads(kg("stats", "--store", store, "--json").stdout)
    assert stats["graphs"]["https://w3id.org/energy-kg/graph/load/orgs"] == 1


def test_violation_exits_1_and_names_the_file(tmp_path: Path):
    store = str(tmp_path / "store")
    assert kg("build", "--store", store, "--no-extract").returncode == 0
    before = kg("stats", "--store", store, "--json").stdout
    bad = CURATED_BAD / "agreement_without_parties.ttl"
    result = kg("load", "--store", store, "--graph", "curated", str(bad))
    assert result.returncode == 1
    assert "SHACL violation" in result.stderr and bad.name in result.stderr
    assert kg("stats", "--store", store, "--json").stdout == before


def test_parse_error_exits_2_with_file_and_line(tmp_path: Path):
    broken = tmp_path / "broken.ttl"
    broken.write_text('@prefix ex: <https://example.org/> .\nex:a ex:b "x" .\nex:c ex:d .\n',
                      encoding="utf-8")
    result = kg("load", "--store", str(tmp_path / "store"), str(broken))
    assert result.returncode == 2
    assert f"{broken}:3:" in result.stderr
