"""Find the Jupyter server that a kernel runs under, and map local paths.

Discovery reads JupyterHub's environment or the runtime files of the
servers on this machine, and only picks servers on ``localhost`` or
``127.0.0.1``.
"""

from __future__ import annotations

import os
import urllib.parse
from collections.abc import Iterable
from typing import Any

from .client_errors import DvcS3ClientError

#: Hosts that server discovery may connect to.
LOCAL_HOSTS = ("localhost", "127.0.0.1")

#: Bind addresses that mean "every interface", reached through 127.0.0.1.
WILDCARD_HOSTS = ("0.0.0.0", "::", "")

#: Server URL under JupyterHub when ``JUPYTERHUB_SERVICE_URL`` is not set.
#: NOTE: 8888 is jupyter_server's default port (2.21), but a JupyterHub
#: spawner may pick another, and then only ``url=`` reaches the server.
HUB_DEFAULT_SERVER = "http://localhost:8888"


def relative_to_root(local: str, root: str) -> str | None:
    """Return ``local`` as a ``/``-separated path under ``root``, or None.

    The root is tried as written and with its symlinks resolved, because
    the kernel's working folder is always a resolved path while the
    server's root may have been given through a symlink.
    """
    for base in dict.fromkeys((root, os.path.realpath(root))):
        if _is_within(local, base):
            relative = os.path.relpath(local, base)
            return "" if relative == "." else relative.replace(os.sep, "/")
    return None


def _is_within(path: str, folder: str) -> bool:
    try:
        return os.path.commonpath([path, folder]) == folder
    except ValueError:  # different drives on Windows
        return False


# Server discovery


def discover(cwd: str) -> tuple[str, str | None, str | None]:
    """Find the Jupyter server for a working folder: (url, token, root_dir)."""
    url = os.environ.get("DVC_S3_URL")
    if url:
        return url, os.environ.get("DVC_S3_TOKEN"), os.environ.get("DVC_S3_ROOT_DIR")

    prefix = os.environ.get("JUPYTERHUB_SERVICE_PREFIX")
    if prefix:
        return _discover_hub(prefix, cwd)

    server = _best_server(_running_servers(), cwd)
    if server is None:
        raise DvcS3ClientError(
            "server_not_found",
            f"No Jupyter server on localhost has a root folder containing {cwd!r}.",
            "Run this in a notebook of JupyterLab, or pass url= and token= "
            "(or set DVC_S3_URL and DVC_S3_TOKEN).",
        )
    return _server_url(server), server.get("token"), server.get("root_dir")


def _discover_hub(prefix: str, cwd: str) -> tuple[str, str | None, str | None]:
    """Find the single-user server that JupyterHub started this kernel under."""
    service_url = os.environ.get("JUPYTERHUB_SERVICE_URL") or (
        HUB_DEFAULT_SERVER + prefix
    )
    parts = urllib.parse.urlsplit(service_url)
    host = parts.hostname or ""
    if host in WILDCARD_HOSTS:
        parts = parts._replace(netloc=_netloc("127.0.0.1", parts.port))
    elif host not in LOCAL_HOSTS:
        raise DvcS3ClientError(
            "server_not_found",
            f"The Jupyter server listens on {host!r}, which is not localhost.",
            "Pass url= to DvcS3Client to connect to it.",
        )
    url = urllib.parse.urlunsplit(parts)

    # The runtime file of the same server, if any, gives its root folder.
    root_dir = os.environ.get("DVC_S3_ROOT_DIR")
    if root_dir is None:
        port = parts.port
        same = [
            server
            for server in _running_servers()
            if server.get("port") == port and server.get("base_url") == prefix
        ]
        server = _best_server(same, cwd)
        root_dir = server.get("root_dir") if server else None
    return url, os.environ.get("JUPYTERHUB_API_TOKEN"), root_dir


def _running_servers() -> list[dict[str, Any]]:
    from jupyter_server.serverapp import list_running_servers

    return list(list_running_servers())


def _best_server(servers: Iterable[dict[str, Any]], cwd: str) -> dict[str, Any] | None:
    """Pick the local server whose root contains ``cwd``, the deepest root first."""
    best: dict[str, Any] | None = None
    best_depth = -1
    for server in servers:
        root = server.get("root_dir")
        if not root or server.get("sock") or _server_host(server) is None:
            continue
        if relative_to_root(cwd, os.path.abspath(root)) is None:
            continue
        depth = len(os.path.abspath(root).split(os.sep))
        if depth > best_depth:
            best, best_depth = server, depth
    return best


def _server_host(server: dict[str, Any]) -> str | None:
    """Return the local host to connect to for a runtime file, or None."""
    hostname = server.get("hostname") or ""
    if hostname in WILDCARD_HOSTS:
        return "127.0.0.1"
    url_host = urllib.parse.urlsplit(server.get("url", "")).hostname or ""
    if hostname in LOCAL_HOSTS and url_host in LOCAL_HOSTS:
        return url_host
    return None


def _server_url(server: dict[str, Any]) -> str:
    scheme = "https" if server.get("secure") else "http"
    netloc = _netloc(_server_host(server) or "127.0.0.1", server.get("port"))
    return f"{scheme}://{netloc}{server.get('base_url') or '/'}"


def _netloc(host: str, port: int | None) -> str:
    return host if port is None else f"{host}:{port}"
