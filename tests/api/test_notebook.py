"""examples/quickstart.ipynb runs top to bottom against the live server (nbclient)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

NOTEBOOK = Path(__file__).resolve().parents[2] / "examples" / "quickstart.ipynb"


def test_quickstart_notebook_runs(base_url, monkeypatch):
    nbformat = pytest.importorskip("nbformat")
    nbclient = pytest.importorskip("nbclient")
    monkeypatch.setenv("KG_BASE_URL", base_url)
    monkeypatch.delenv("KG_API_TOKEN", raising=False)
    # the kernel imports this checkout's kg (as the live server does), not an installed one
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join(
        [str(NOTEBOOK.parents[1])] + [p for p in [os.environ.get("PYTHONPATH")] if p]))
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    client = nbclient.NotebookClient(notebook, timeout=120, kernel_name="python3",
                                     resources={"metadata": {"path": str(NOTEBOOK.parent)}})
    client.execute()
    outputs = [o for cell in notebook.cells if cell.cell_type == "code" for o in cell.outputs]
    assert not [o for o in outputs if o.output_type == "error"]
    text = "".join(o.get("text", "") for o in outputs if o.output_type == "stream")
    assert "North Rhine-Westphalia" in text and "did you mean" in text
    # the pictures: Client.draw() of an actor and of paths, Client.timeline(), as PNG figures
    figures = {cell.source: o for cell in notebook.cells if cell.cell_type == "code"
               for o in cell.outputs if "image/png" in o.get("data", {})}
    assert any("kg.draw(\"Japan\"" in source for source in figures)
    assert any("kg.draw(kg.path(" in source for source in figures)
    assert any("kg.timeline(" in source for source in figures)
    assert all(len(o["data"]["image/png"]) > 5000 for o in figures.values())  # not blank


def test_the_saved_notebook_shows_its_outputs_and_figures():
    """The notebook in the repository is saved run, so it reads on GitHub without a server."""
    nbformat = pytest.importorskip("nbformat")
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    code = [cell for cell in notebook.cells if cell.cell_type == "code"]
    assert all(cell.outputs for cell in code), "every code cell is saved with its output"
    assert not [o for cell in code for o in cell.outputs if o.output_type == "error"]
    assert sum("image/png" in o.get("data", {}) for cell in code for o in cell.outputs) >= 3


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
