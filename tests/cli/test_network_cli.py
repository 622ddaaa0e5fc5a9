"""`kg partners`, `kg agreements`, `kg path`, `kg central`, `kg neighbours`, `kg communities`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kg.cli import app
from kg.store import Store

FIXTURE = Path(__file__).parent.parent / "data" / "view" / "cooperation.ttl"
CURATED = "https://w3id.org/energy-kg/graph/curated"

runner = CliRunner()


@pytest.fixture(scope="module")
def location(tmp_path_factory) -> str:
    path = tmp_path_factory.mktemp("network") / "store"
    store = Store(path)
    store.add_graph(CURATED, FIXTURE.read_bytes(), "turtle")
    store.close()
    return str(path)


def kg(location: str, *args: str):
    return runner.invoke(app, [*args, "--store", location])


def test_partners_table(location):
    result = kg(location, "partners", "Japan")
    assert result.exit_code == 0, result.output
    assert "Partners of Japan" in result.stdout
    assert "Russia" in result.stdout and "Rosatom" in result.stdout
    assert "2009-05-12" in result.stdout and "2016-12-16" in result.stdout
    assert "3 partner(s)" in result.stdout


def test_partners_json_with_topic(location):
    result = kg(location, "partners", "Nordrhein-Westfalen", "--topic", "hydrogen", "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["actor"]["label"] == "North Rhine-Westphalia"
    assert [p["label"] for p in data["partners"]][0] == "Fukushima Prefecture"
    assert data["partners"][0]["agreements"][0]["label"] == "Memorandum of 15 Jan 2026"


def test_partners_window(location):
    data = json.loads(kg(location, "partners", "JP", "--until", "2010", "--json").stdout)
    assert [p["label"] for p in data["partners"]] == ["Russia"]


def test_unknown_name_exits_2_with_suggestions(location):
    result = kg(location, "partners", "Tokio")
    assert result.exit_code == 2
    assert "no entity named 'Tokio'" in result.stderr
    assert "did you mean" in result.stderr and "Tokyo" in result.stderr


def test_bad_date_exits_2(location):
    result = kg(location, "partners", "Japan", "--since", "last year")
    assert result.exit_code == 2
    assert "YYYY" in result.stderr


def test_agreements(location):
    result = kg(location, "agreements", "--party", "Russia", "--kind", "agreement")
    assert result.exit_code == 0, result.output
    assert "Japan-Russia" in result.stdout and "1 agreement(s)" in result.stdout
    data = json.loads(kg(location, "agreements", "--topic", "nuclear energy", "--json").stdout)
    assert [a["date"] for a in data] == ["2009-05-12", "2010", "2016-12-16"]


def test_path_explained(location):
    result = kg(location, "path", "North Rhine-Westphalia", "Kazakhstan")
    assert result.exit_code == 0, result.output
    assert "Path 1 (7 hops)" in result.stdout
    assert "— part of → Japan" in result.stdout.replace("\n", " ")
    data = json.loads(kg(location, "path", "NRW", "KZ", "-k", "3", "--json").stdout)
    assert len(data) == 3
    assert data[0]["hops"][0]["source"]["label"] == "North Rhine-Westphalia"
    assert data[0]["text"].startswith("North Rhine-Westphalia — party to → ")


def test_path_between_unconnected_entities_exits_1(location):
    result = kg(location, "path", "Japan", "Chile")
    assert result.exit_code == 1
    assert "no path between Japan and Chile" in result.stderr


def test_path_options(location):
    result = kg(location, "path", "NRW", "Japan", "--topic", "hydrogen", "--since", "2020",
                "--edge-kinds", "party,partOf", "--json")
    assert result.exit_code == 0, result.output
    assert "Memorandum of 15 Jan 2026" in json.loads(result.stdout)[0]["text"]
    assert kg(location, "path", "NRW", "KZ", "--max-hops", "3").exit_code == 1
    assert kg(location, "path", "NRW", "Atlantis").exit_code == 2


@pytest.mark.parametrize("kind", ["degree", "betweenness", "pagerank"])
def test_central(location, kind):
    result = kg(location, "central", "--kind", kind, "-n", "3")
    assert result.exit_code == 0, result.output
    assert f"Most central actors by {kind}" in result.stdout
    data = json.loads(kg(location, "central", "--kind", kind, "--json").stdout)
    assert data["scores"][0]["rank"] == 1


def test_central_unknown_kind(location):
    assert kg(location, "central", "--kind", "closeness").exit_code == 2


def test_neighbours_and_communities(location):
    result = kg(location, "neighbours", "Rosatom")
    assert result.exit_code == 0, result.output
    assert "Rosatom — based in → Russia" in result.stdout
    groups = json.loads(kg(location, "communities", "--json").stdout)
    assert any({m["label"] for m in g["members"]} == {"Argentina", "Chile"} for g in groups)


def test_missing_store_is_a_clear_error(tmp_path):
    result = runner.invoke(app, ["partners", "Japan", "--store", str(tmp_path / "none")])
    assert result.exit_code == 2
    assert "kg build" in " ".join(result.stderr.split())


# --- acceptance on the repository's seed graph ---------------------------------------------------

@pytest.fixture(scope="module")
def seed_location(seed_store, tmp_path_factory) -> str:
    path = tmp_path_factory.mktemp("seed") / "store"
    store = Store(path)
    store.replace_all(quads=iter(seed_store.oxigraph))
    store.close()
    return str(path)


def test_seed_kg_partners_japan(seed_location):
    result = kg(seed_location, "partners", "Japan", "--json")
    assert result.exit_code == 0, result.output
    partners = {p["label"]: p for p in json.loads(result.stdout)["partners"]}
    assert "Russia" in partners or "Rosatom" in partners
    years = {a["date"][:4] for name in ("Russia", "Rosatom") if name in partners
             for a in partners[name]["agreements"] if a["date"]}
    assert {"2009", "2016"} <= years


def test_seed_kg_partners_nrw_hydrogen(seed_location):
    result = kg(seed_location, "partners", "Nordrhein-Westfalen", "--topic", "hydrogen")
    assert result.exit_code == 0, result.output
    assert "Fukushima" in result.stdout


def test_seed_kg_path_and_errors(seed_location):
    result = kg(seed_location, "path", "North Rhine-Westphalia", "Kazakhstan")
    assert result.exit_code == 0, result.output
    assert "Path 1" in result.stdout and "North Rhine-Westphalia —" in result.stdout
    unknown = kg(seed_location, "path", "North Rhine-Westphalia", "Atlantis Energy Corporation")
    assert unknown.exit_code == 2 and "did you mean" in unknown.stderr
