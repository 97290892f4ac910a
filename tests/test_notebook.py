"""The example notebook, run by a real kernel against the test server."""

from __future__ import annotations

import asyncio
import hashlib
from pathlib import Path

import git
import nbformat
import pytest
from nbclient import NotebookClient

from .conftest import bucket_keys

NOTEBOOK = Path(__file__).parent.parent / "docs" / "example.ipynb"

#: Seconds one cell may run. The slowest cells import scikit-learn and save a version.
CELL_TIMEOUT = 300


def _outputs_text(notebook: nbformat.NotebookNode) -> str:
    texts = []
    for cell in notebook.cells:
        for output in cell.get("outputs", []):
            if output.get("output_type") == "stream" and output["name"] == "stdout":
                texts.append(output["text"])
    return "".join(texts)


def test_committed_notebook_has_no_outputs():
    notebook = nbformat.read(NOTEBOOK, as_version=4)

    for cell in notebook.cells:
        if cell.cell_type == "code":
            assert cell.outputs == []
            assert cell.execution_count is None


async def test_example_notebook_saves_version(
    project, origin, s3, bucket, jp_runtime_dir, http_server, monkeypatch
):
    # The kernel inherits this environment and finds the server through the
    # runtime file that the test server wrote to JUPYTER_RUNTIME_DIR.
    for name in (
        "DVC_S3_URL",
        "DVC_S3_TOKEN",
        "DVC_S3_ROOT_DIR",
        "JUPYTERHUB_SERVICE_PREFIX",
        "JUPYTERHUB_SERVICE_URL",
        "JUPYTERHUB_API_TOKEN",
    ):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("JUPYTER_RUNTIME_DIR", str(jp_runtime_dir))
    pytest.importorskip("sklearn", reason="the notebook trains a scikit-learn model")
    start = git.Repo(origin).commit("dev").hexsha
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    runner = NotebookClient(
        notebook,
        timeout=CELL_TIMEOUT,
        kernel_name="python3",
        resources={"metadata": {"path": str(project)}},
    )

    # run_in_executor, unlike asyncio.to_thread, does not copy the context
    # variables, so nbclient makes its own event loop in the thread instead
    # of reusing the server's loop that jupyter_core stored in one of them.
    await asyncio.get_running_loop().run_in_executor(None, runner.execute)

    head = git.Repo(origin).commit("dev")
    assert head.hexsha != start
    assert head.parents[0].hexsha == start
    assert sorted(head.stats.files) == ["pkl/.gitignore", "pkl/model.pkl.dvc"]
    assert head.message.startswith("Train a decision tree on iris")
    md5 = hashlib.md5((project / "pkl" / "model.pkl").read_bytes()).hexdigest()
    key = f"files/md5/{md5[:2]}/{md5[2:]}"
    assert key in bucket_keys(s3, bucket)
    printed = _outputs_text(notebook)
    assert f"S3 object: s3://{bucket}/{key}" in printed
    assert head.hexsha[:8] in printed
