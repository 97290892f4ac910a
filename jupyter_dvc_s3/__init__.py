"""jupyter_dvc_s3: version trained models with DVC and S3 from JupyterLab."""

from __future__ import annotations

from typing import Any

try:
    from ._version import __version__
except ImportError:  # running from a source tree that was never built
    __version__ = "dev"


def _jupyter_labextension_paths() -> list[dict[str, str]]:
    return [{"src": "labextension", "dest": "jupyter-dvc-s3"}]


def _jupyter_server_extension_points() -> list[dict[str, str]]:
    return [{"module": "jupyter_dvc_s3"}]


def _load_jupyter_server_extension(server_app: Any) -> None:
    """Register the REST handlers of the extension on the Jupyter server."""
    from .config import DvcS3
    from .handlers import setup_handlers

    setup_handlers(server_app.web_app, DvcS3(parent=server_app))
    server_app.log.info("jupyter_dvc_s3 %s: REST API at dvc-s3/", __version__)
