"""Fixtures: a moto S3 server over HTTP, a DVC project and its bare remote."""

from __future__ import annotations

import json
import os
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import boto3
import git
import pytest
from moto.server import ThreadedMotoServer

from .openapi_check import validate_response

pytest_plugins = ("pytest_jupyter.jupyter_server",)

ACCESS_KEY_ID = "testing-key-id"
SECRET_ACCESS_KEY = "testing-secret-key"


@pytest.fixture(scope="session", autouse=True)
def _isolated_aws_environment(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Keep the machine's AWS settings out of every test and worker."""
    empty = tmp_path_factory.mktemp("aws") / "none"
    for name in ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN"):
        os.environ.pop(name, None)
    os.environ["AWS_CONFIG_FILE"] = str(empty)
    os.environ["AWS_SHARED_CREDENTIALS_FILE"] = str(empty)
    os.environ["AWS_EC2_METADATA_DISABLED"] = "true"


@pytest.fixture(scope="session")
def s3_endpoint() -> Iterator[str]:
    """Start moto's S3 server on a free port of 127.0.0.1."""
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    yield f"http://{host}:{port}"
    server.stop()


@pytest.fixture
def s3(s3_endpoint: str) -> Any:
    """A boto3 S3 client for the moto server."""
    return boto3.client(
        "s3",
        endpoint_url=s3_endpoint,
        aws_access_key_id=ACCESS_KEY_ID,
        aws_secret_access_key=SECRET_ACCESS_KEY,
        region_name="us-east-1",
    )


@pytest.fixture
def bucket(s3: Any, request: pytest.FixtureRequest) -> str:
    """A new, empty bucket for one test."""
    name = "b-" + format(abs(hash(request.node.nodeid)) % 10**10, "010d")
    s3.create_bucket(Bucket=name)
    return name


def bucket_keys(s3: Any, bucket: str) -> list[str]:
    """Return every key in a bucket."""
    response = s3.list_objects_v2(Bucket=bucket)
    return sorted(item["Key"] for item in response.get("Contents", []))


def configure_remote(project: Path, bucket: str, endpoint: str) -> None:
    """Make the bucket the project's default DVC remote, keys kept local."""
    from dvc.repo import Repo

    with Repo(os.fspath(project)) as dvc:
        with dvc.config.edit() as config:
            config["remote"]["storage"] = {
                "url": f"s3://{bucket}",
                "endpointurl": endpoint,
            }
            config["core"]["remote"] = "storage"
        with dvc.config.edit("local") as config:
            config["remote"]["storage"] = {
                "access_key_id": ACCESS_KEY_ID,
                "secret_access_key": SECRET_ACCESS_KEY,
            }


def make_project(
    project: Path, origin: Path, bucket: str | None, endpoint: str
) -> git.Repo:
    """Create a git repo on ``dev`` with DVC, a bare ``origin`` and a model."""
    from dvc.repo import Repo

    git.Repo.init(origin, bare=True, initial_branch="dev")
    repo = git.Repo.init(project, initial_branch="dev")
    with repo.config_writer() as config:
        config.set_value("user", "name", "Test User")
        config.set_value("user", "email", "test@example.com")
    Repo.init(os.fspath(project)).close()
    if bucket is not None:
        configure_remote(project, bucket, endpoint)

    (project / "pkl").mkdir()
    (project / "pkl" / "model.pkl").write_bytes(os.urandom(4096))
    (project / "README.md").write_text("A project with a model.\n")
    repo.index.add([".dvc/config", ".dvc/.gitignore", ".dvcignore", "README.md"])
    repo.index.commit("Start the project")
    repo.create_remote("origin", os.fspath(origin))
    repo.remote("origin").push("refs/heads/dev:refs/heads/dev")
    return repo


@pytest.fixture
def project(jp_root_dir: Path, tmp_path: Path, bucket: str, s3_endpoint: str) -> Path:
    """A DVC project at ``<server root>/project`` with the bucket as remote."""
    path = jp_root_dir / "project"
    make_project(path, tmp_path / "origin.git", bucket, s3_endpoint)
    return path


@pytest.fixture
def origin(tmp_path: Path) -> Path:
    return tmp_path / "origin.git"


@pytest.fixture
def jp_server_config(jp_server_config: dict[str, Any]) -> dict[str, Any]:
    return {"ServerApp": {"jpserver_extensions": {"jupyter_dvc_s3": True}}}


@pytest.fixture
def api(jp_fetch: Callable[..., Any]) -> Callable[..., Any]:
    """Call the extension's REST API and return (status, JSON body).

    Errors come back as their status and body instead of raising.
    """
    from tornado.httpclient import HTTPClientError

    async def call(method: str, route: str, body: Any = None, **params: str) -> Any:
        kwargs: dict[str, Any] = {"method": method}
        if params:
            kwargs["params"] = params
        if body is not None:
            kwargs["body"] = (
                body if isinstance(body, (str, bytes)) else json.dumps(body)
            )
        elif method in ("POST", "PUT"):
            kwargs["body"] = "{}"
        try:
            response = await jp_fetch("dvc-s3", *route.split("/"), **kwargs)
        except HTTPClientError as error:
            assert error.response is not None
            status, reply = error.code, json.loads(error.response.body)
        else:
            status, reply = response.code, json.loads(response.body)
        validate_response(method, route, status, reply)
        return status, reply

    return call


@pytest.fixture
def run_job(api: Callable[..., Any]) -> Callable[..., Any]:
    """Start a job through the API and wait until it ends."""
    import asyncio

    async def run(action: str, path: str, timeout: float = 120, **fields: Any) -> Any:
        status, job = await api(
            "POST", "jobs", {"action": action, "path": path, **fields}
        )
        assert status == 202, job
        deadline = time.monotonic() + timeout
        while job["state"] in ("queued", "running"):
            assert time.monotonic() < deadline, f"job still {job['state']}: {job}"
            await asyncio.sleep(0.2)
            status, job = await api("GET", f"jobs/{job['id']}")
            assert status == 200
        return job

    return run
