#!/usr/bin/env python
"""Check that a real Jupyter server never serves the API without a token.

    python scripts/check-auth.py

Starts ``jupyter server`` with the extension on 127.0.0.1 and a free port,
a random token and anonymous access off, in a throwaway root folder. Sends
one request without a token to every operation in docs/openapi.yaml, then
stops the server. Exits with 1 if any of them got a 2xx status, if the token
itself does not work, or if the server log contains one of jupyter_server's
warnings about handlers without authentication or authorization.
"""

from __future__ import annotations

import os
import re
import secrets
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

import yaml

REPO_ROOT = Path(__file__).resolve().parent.parent
SPEC_PATH = REPO_ROOT / "docs" / "openapi.yaml"

#: Seconds to wait for the server to respond after it starts.
START_TIMEOUT = 60.0

#: Values for the path parameters of the document.
PATH_PARAMETERS = {"name": "storage", "id": "0" * 32}

#: jupyter_server 2.x lists each handler method without an auth rule on a line
#: of its own below a JupyterServerAuthWarning; these lines name this API's.
UNAUTHENTICATED_METHOD = re.compile(
    r"^\s*- (\w+) of (\w+) registered for (.*dvc-s3.*)$"
)

#: Log texts of jupyter_server 2.x for a request that reached authorization
#: without authentication, or for a server with auth turned off.
AUTH_WARNINGS = [
    "Attempting to authorize request without authentication",
    "Accepting anonymous login because auth fully disabled",
    "is not authenticated",
]

#: Requests go straight to 127.0.0.1, never through a proxy from the environment.
_OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}))


def free_port() -> int:
    """Return a port on 127.0.0.1 that is free right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def operations() -> list[tuple[str, str]]:
    """Return (method, route) for every operation of the REST API document."""
    spec = yaml.safe_load(SPEC_PATH.read_text())
    found = []
    for template, item in spec["paths"].items():
        route = template.strip("/")
        for name, value in PATH_PARAMETERS.items():
            route = route.replace("{" + name + "}", value)
        for method in item:
            if method in ("get", "post", "put", "patch", "delete"):
                found.append((method.upper(), route))
    return found


def send(method: str, url: str, headers: dict[str, str] | None = None) -> int:
    """Send a request and return its HTTP status."""
    body = b"{}" if method in ("POST", "PUT", "PATCH") else None
    request = urllib.request.Request(
        url, data=body, method=method, headers=headers or {}
    )
    try:
        with _OPENER.open(request, timeout=30) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def wait_until_ready(base: str, token: str, server: subprocess.Popen) -> None:
    """Poll the server's status route until it responds or the wait times out."""
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"jupyter server exited with {server.returncode}")
        try:
            status = send(
                "GET", f"{base}api/status", {"Authorization": f"token {token}"}
            )
        except OSError:
            status = 0
        if status == 200:
            return
        time.sleep(0.5)
    raise RuntimeError(f"jupyter server did not respond within {START_TIMEOUT:g} s")


def start_server(root: Path, port: int, token: str, log_file) -> subprocess.Popen:
    """Start jupyter server with the extension and anonymous access off."""
    command = [
        sys.executable,
        "-m",
        "jupyter_server",
        "--ServerApp.ip=127.0.0.1",
        f"--ServerApp.port={port}",
        "--ServerApp.port_retries=0",
        "--ServerApp.open_browser=False",
        "--ServerApp.allow_root=True",
        "--ServerApp.allow_unauthenticated_access=False",
        f"--ServerApp.root_dir={root}",
        f"--IdentityProvider.token={token}",
        "--ServerApp.jpserver_extensions=jupyter_dvc_s3=True",
        "--ServerApp.log_level=DEBUG",
    ]
    environment = dict(os.environ, JUPYTER_SERVER_ALLOW_UNAUTHENTICATED_ACCESS="no")
    return subprocess.Popen(
        command,
        cwd=root,
        stdout=log_file,
        stderr=subprocess.STDOUT,
        env=environment,
    )


def main() -> int:
    problems = []
    token = secrets.token_hex(24)
    port = free_port()
    base = f"http://127.0.0.1:{port}/"

    with tempfile.TemporaryDirectory(prefix="check-auth-") as folder:
        root = Path(folder, "root")
        root.mkdir()
        log_path = Path(folder, "server.log")
        with log_path.open("w") as log_file:
            server = start_server(root, port, token, log_file)
            try:
                try:
                    wait_until_ready(base, token, server)
                except RuntimeError:
                    print(log_path.read_text(errors="replace"), file=sys.stderr)
                    raise
                for method, route in operations():
                    status = send(method, f"{base}dvc-s3/{route}?path=")
                    print(f"{status} {method} dvc-s3/{route} without a token")
                    if 200 <= status < 300:
                        problems.append(f"{method} dvc-s3/{route} returned {status}")
                authorized = send(
                    "GET",
                    f"{base}dvc-s3/repo?path=",
                    {"Authorization": f"token {token}"},
                )
                print(f"{authorized} GET dvc-s3/repo with the token")
                if authorized != 200:
                    problems.append(f"GET dvc-s3/repo with the token got {authorized}")
            finally:
                server.terminate()
                try:
                    server.wait(timeout=30)
                except subprocess.TimeoutExpired:
                    server.kill()
                    server.wait()
        log = log_path.read_text(errors="replace")

    for line in log.splitlines():
        if UNAUTHENTICATED_METHOD.match(line) or any(t in line for t in AUTH_WARNINGS):
            problems.append(f"server log: {line.strip()}")
        elif "JupyterServerAuthWarning" in line:
            # Other installed extensions may have such handlers; their routes
            # follow on the next lines, and only this API's count here.
            print(f"note, server log: {line.strip()}")
    if not re.search(r"jupyter_dvc_s3 .*REST API at dvc-s3/", log):
        problems.append("server log: the extension did not load")

    if problems:
        print("\nAuth check failed:", file=sys.stderr)
        for problem in problems:
            print(f"  {problem}", file=sys.stderr)
        return 1
    print("\nAuth check passed: no route returned success without a token.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
