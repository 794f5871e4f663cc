"""Every notebook in notebooks/ runs top to bottom in a fresh kernel, and is
stored without outputs."""

from __future__ import annotations

import pytest

from conftest import REPO, SHARED

nbformat = pytest.importorskip("nbformat")
nbclient = pytest.importorskip("nbclient")

NOTEBOOKS = sorted((REPO / "notebooks").glob("*.ipynb"))
# Notebooks that read the shared data (they say so in their first cell).
NEEDS_SHARED = {"corpus.ipynb"}


def test_the_notebooks_are_there():
    assert {p.name for p in NOTEBOOKS} >= {"quickstart.ipynb", "corpus.ipynb"}


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_is_stored_without_outputs(path):
    nb = nbformat.read(path, as_version=4)
    nbformat.validate(nb)
    dirty = [i for i, cell in enumerate(nb.cells)
             if cell.cell_type == "code" and (cell.outputs or cell.execution_count is not None)]
    assert dirty == [], f"{path.name}: clear the outputs of cells {dirty} before committing"


@pytest.mark.slow
@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_runs(path, monkeypatch):
    if path.name in NEEDS_SHARED and not SHARED.is_dir():
        pytest.skip(f"{path.name} reads {SHARED}, which is not there")
    # The notebooks find the shared data relative to the repository, as a reader's would.
    monkeypatch.setenv("PRESSLENS_SHARED", str(SHARED))
    monkeypatch.setenv("JUPYTER_PLATFORM_DIRS", "1")
    nb = nbformat.read(path, as_version=4)
    client = nbclient.NotebookClient(nb, timeout=600, kernel_name="python3",
                                     resources={"metadata": {"path": str(path.parent)}})
    client.execute()          # raises CellExecutionError, naming the cell, on any error
    errors = [out for cell in nb.cells if cell.cell_type == "code"
              for out in cell.outputs if out.output_type == "error"]
    assert errors == []
    # Something was shown: the rendered article, tables and plots.
    kinds = {key for cell in nb.cells if cell.cell_type == "code"
             for out in cell.outputs for key in out.get("data", {})}
    assert {"text/html", "image/png"} <= kinds, kinds
