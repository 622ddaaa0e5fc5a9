"""examples/quickstart.ipynb runs top to bottom against the live server (nbclient)."""

from __future__ import annotations

from pathlib import Path

import pytest

NOTEBOOK = Path(__file__).resolve().parents[2] / "examples" / "quickstart.ipynb"


def test_quickstart_notebook_runs(base_url, monkeypatch):
    nbformat = pytest.importorskip("nbformat")
    nbclient = pytest.importorskip("nbclient")
    monkeypatch.setenv("KG_BASE_URL", base_url)
    monkeypatch.delenv("KG_API_TOKEN", raising=False)
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    client = nbclient.NotebookClient(notebook, timeout=120, kernel_name="python3",
                                     resources={"metadata": {"path": str(NOTEBOOK.parent)}})
    client.execute()
    outputs = [o for cell in notebook.cells if cell.cell_type == "code" for o in cell.outputs]
    assert not [o for o in outputs if o.output_type == "error"]
    text = "".join(o.get("text", "") for o in outputs if o.output_type == "stream")
    assert "North Rhine-Westphalia" in text and "did you mean" in text


def _code_cells() -> list[str]:
    nbformat = pytest.importorskip("nbformat")
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    return [cell.source for cell in notebook.cells if cell.cell_type == "code"]


def test_the_notebooks_first_table_shows_each_agreement_once(base_url, monkeypatch, http):
    """Its SPARQL cell, run as written: one row per agreement, whatever its label languages."""
    pytest.importorskip("pandas")
    monkeypatch.setenv("KG_BASE_URL", base_url)
    monkeypatch.delenv("KG_API_TOKEN", raising=False)
    cells = _code_cells()
    namespace: dict = {}
    exec(cells[0], namespace)  # noqa: S102 - the notebook's own code: the client
    exec(next(c for c in cells if c.startswith("agreements = ")), namespace)  # noqa: S102
    table = namespace["agreements"]
    dated = http.post("/sparql", data={"query": "SELECT (COUNT(DISTINCT ?a) AS ?n) "
                                                "WHERE { ?a ekg:signedOn ?d }"},
                      headers={"Accept": "application/sparql-results+json"}).json()
    assert table["agreement"].is_unique
    assert len(table) == int(dated["results"]["bindings"][0]["n"]["value"])
    assert table["label"].notna().all()
