"""The notebook client against a real Jupyter server, moto S3 and a bare git remote.

The client blocks, so every call that reaches the server runs in a thread
while the server keeps serving on the test's event loop.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import os
import urllib.request
from pathlib import Path
from typing import Any

import git
import pytest
from tornado.testing import bind_unused_port

from jupyter_dvc_s3.client import DvcS3Client, DvcS3ClientError

from .conftest import bucket_keys, make_project

MODEL = "project/pkl/model.pkl"

_DISCOVERY_VARIABLES = (
    "DVC_S3_URL",
    "DVC_S3_TOKEN",
    "DVC_S3_ROOT_DIR",
    "JUPYTERHUB_SERVICE_PREFIX",
    "JUPYTERHUB_SERVICE_URL",
    "JUPYTERHUB_API_TOKEN",
)


@pytest.fixture(autouse=True)
def _no_discovery_variables(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in _DISCOVERY_VARIABLES:
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def server_url(jp_serverapp, http_server, jp_http_port, jp_base_url) -> str:
    """The URL of the test server, which listens on 127.0.0.1."""
    return f"http://127.0.0.1:{jp_http_port}{jp_base_url}"


@pytest.fixture
def server_token(jp_serverapp) -> str:
    return jp_serverapp.identity_provider.token


@pytest.fixture
def client(server_url: str, server_token: str, jp_root_dir: Path) -> DvcS3Client:
    """A client with an explicit URL and token, working in the server root."""
    return DvcS3Client(
        server_url,
        server_token,
        root_dir=jp_root_dir,
        cwd=jp_root_dir,
        poll_interval=0.1,
    )


@pytest.fixture
def no_requests(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Record every HTTP request the client tries, and send none."""
    sent: list[str] = []

    def record(request: urllib.request.Request, *args: Any, **kwargs: Any) -> None:
        sent.append(request.full_url)
        raise AssertionError(f"unexpected request to {request.full_url}")

    monkeypatch.setattr(urllib.request, "urlopen", record)
    return sent


def _md5(path: Path) -> str:
    return hashlib.md5(path.read_bytes()).hexdigest()


def _write_server_file(runtime_dir: Path, name: str, **info: Any) -> None:
    """Write a runtime file like the one a running Jupyter server writes."""
    defaults = {
        "base_url": "/",
        "hostname": "localhost",
        "password": False,
        "pid": os.getpid(),
        "port": 8888,
        "secure": False,
        "sock": "",
        "token": "file-token",
        "version": "2.21.1",
    }
    defaults.update(info)
    host = defaults["hostname"]
    defaults.setdefault(
        "url", f"http://{host}:{defaults['port']}{defaults['base_url']}"
    )
    (runtime_dir / f"jpserver-{name}.json").write_text(json.dumps(defaults))


# Jobs


async def test_save_version_returns_result(project, origin, client, s3, bucket):
    md5 = _md5(project / "pkl" / "model.pkl")

    result = await asyncio.to_thread(
        client.save_version, MODEL, message="Save the first model", progress=False
    )

    key = f"files/md5/{md5[:2]}/{md5[2:]}"
    assert result["md5"] == md5
    assert result["size"] == 4096
    assert result["s3_url"] == f"s3://{bucket}/{key}"
    assert result["dvc_file"] == "project/pkl/model.pkl.dvc"
    assert result["commit"] == git.Repo(origin).commit("dev").hexsha
    assert result["pushed_to"] == "origin/dev"
    assert key in bucket_keys(s3, bucket)
    assert git.Repo(origin).commit("dev").message.startswith("Save the first model")


async def test_save_version_listed_in_history(project, client):
    result = await asyncio.to_thread(client.save_version, MODEL, progress=False)

    versions = await asyncio.to_thread(client.history, MODEL)

    assert [version["commit"] for version in versions] == [result["commit"]]
    assert versions[0]["md5"] == result["md5"]
    assert versions[0]["s3_url"] == result["s3_url"]
    assert versions[0]["current"] is True


async def test_wait_draws_step_bar(project, client, capsys):
    job = await asyncio.to_thread(client.start, "version", MODEL)

    ended = await asyncio.to_thread(client.wait, job, progress=True)

    assert ended["state"] == "succeeded"
    bar = capsys.readouterr().err
    assert "4/4" in bar
    assert "succeeded" in bar


def test_progress_bar_switches_to_bytes(capsys):
    from jupyter_dvc_s3.client import _JobProgressBar

    steps = [
        {"name": "add", "state": "succeeded"},
        {"name": "push", "state": "running"},
    ]
    job = {"state": "running", "steps": steps, "progress": None}
    bar = _JobProgressBar(job)

    bar.update(job)
    steps_line = capsys.readouterr().err
    job["progress"] = {
        "step": "push",
        "done": 3 * 1024**2,
        "total": 8 * 1024**2,
        "unit": "bytes",
    }
    bar.update(job)
    bytes_line = capsys.readouterr().err
    bar.close()

    assert "push" in steps_line
    assert "1/2" in steps_line
    assert "push" in bytes_line
    assert "3.00M/8.00M" in bytes_line
    assert "B/s" in bytes_line


async def test_job_without_remote_raises_no_remote(
    jp_root_dir, tmp_path, s3_endpoint, server_url, server_token
):
    make_project(jp_root_dir / "plain", tmp_path / "plain.git", None, s3_endpoint)
    client = DvcS3Client(
        server_url, server_token, root_dir=jp_root_dir, cwd=jp_root_dir / "plain"
    )

    with pytest.raises(DvcS3ClientError) as caught:
        await asyncio.to_thread(client.save_version, "pkl/model.pkl", progress=False)

    error = caught.value
    assert error.code == "no_remote"
    assert error.step == "push"
    assert error.status is None
    assert error.job["state"] == "failed"
    assert error.hint
    assert str(error) == f"no_remote: {error.message} ({error.hint})"
    assert git.Repo(tmp_path / "plain.git").commit("dev").message == "Start the project"


async def test_missing_file_raises_http_error(project, client):
    with pytest.raises(DvcS3ClientError) as caught:
        await asyncio.to_thread(client.save_version, "project/pkl/absent.pkl")

    error = caught.value
    assert error.code == "not_found"
    assert error.status == 404
    assert "absent.pkl" in error.message
    assert error.hint
    assert error.job is None


async def test_cancel_ended_job_raises_conflict(project, client):
    job = await asyncio.to_thread(client.start, "add", MODEL)
    await asyncio.to_thread(client.wait, job, progress=False)

    with pytest.raises(DvcS3ClientError) as caught:
        await asyncio.to_thread(client.cancel, job["id"])

    assert caught.value.code == "cancelled"
    assert caught.value.status == 409


async def test_wait_timeout_leaves_job_running(project, client):
    job = await asyncio.to_thread(client.start, "version", MODEL)

    with pytest.raises(DvcS3ClientError) as caught:
        await asyncio.to_thread(client.wait, job, progress=False, timeout=0)

    assert caught.value.code == "timeout"
    assert caught.value.job["id"] == job["id"]
    ended = await asyncio.to_thread(client.wait, job["id"], progress=False)
    assert ended["state"] == "succeeded"


async def test_wrong_token_raises_unauthorized(project, server_url, jp_root_dir):
    client = DvcS3Client(
        server_url, "wrong-token", root_dir=jp_root_dir, cwd=jp_root_dir
    )

    with pytest.raises(DvcS3ClientError) as caught:
        await asyncio.to_thread(client.repo, "project")

    assert caught.value.status == 403
    assert caught.value.code == "unauthorized"
    assert "wrong-token" not in str(caught.value)


async def test_closed_port_raises_unreachable(jp_root_dir):
    sock, port = bind_unused_port()
    sock.close()
    client = DvcS3Client(
        f"http://127.0.0.1:{port}/", "t", root_dir=jp_root_dir, cwd=jp_root_dir
    )

    with pytest.raises(DvcS3ClientError) as caught:
        await asyncio.to_thread(client.repo)

    assert caught.value.code == "server_unreachable"
    assert caught.value.status is None


# Paths


async def test_relative_paths_from_cwd(project, jp_root_dir, server_url, server_token):
    client = DvcS3Client(
        server_url, server_token, root_dir=jp_root_dir, cwd=project / "pkl"
    )

    assert client.api_path("model.pkl") == MODEL
    assert client.api_path(".") == "project/pkl"
    assert client.api_path("..") == "project"
    assert client.api_path(project / "README.md") == "project/README.md"
    models = await asyncio.to_thread(client.models)
    assert MODEL in [model["path"] for model in models]
    result = await asyncio.to_thread(client.save_version, "model.pkl", progress=False)
    assert result["dvc_file"] == "project/pkl/model.pkl.dvc"
    versions = await asyncio.to_thread(client.history, "model.pkl")
    assert [version["commit"] for version in versions] == [result["commit"]]


def test_root_itself_is_empty_path(tmp_path):
    client = DvcS3Client("http://127.0.0.1:1/", root_dir=tmp_path, cwd=tmp_path)

    assert client.api_path(".") == ""


def test_root_through_symlink(tmp_path):
    (tmp_path / "real" / "project").mkdir(parents=True)
    (tmp_path / "link").symlink_to(tmp_path / "real")
    client = DvcS3Client(
        "http://127.0.0.1:1/",
        root_dir=tmp_path / "link",
        cwd=(tmp_path / "real" / "project").resolve(),
    )

    assert client.api_path("model.pkl") == "project/model.pkl"


@pytest.mark.parametrize(
    "path",
    ["../secret.pkl", "project/../../secret.pkl", "/etc/passwd", "../root2/model.pkl"],
)
def test_outside_root_raises_before_request(tmp_path, no_requests, path):
    root = tmp_path / "root"
    (root / "project").mkdir(parents=True)
    client = DvcS3Client("http://127.0.0.1:1/", "t", root_dir=root, cwd=root)

    for call in (client.history, client.models, client.repo, client.save_version):
        with pytest.raises(DvcS3ClientError) as caught:
            call(path)
        assert caught.value.code == "outside_root"
        assert caught.value.status is None

    assert no_requests == []


def test_unknown_root_raises_before_request(no_requests):
    client = DvcS3Client("http://127.0.0.1:1/", "t")

    with pytest.raises(DvcS3ClientError) as caught:
        client.models()

    assert caught.value.code == "invalid_request"
    assert "root_dir" in caught.value.hint
    assert no_requests == []


def test_explicit_url_takes_root_from_variable(tmp_path, monkeypatch):
    monkeypatch.setenv("DVC_S3_ROOT_DIR", str(tmp_path))

    client = DvcS3Client("http://127.0.0.1:1/", "t", cwd=tmp_path / "project")

    assert client.api_path("m.pkl") == "project/m.pkl"


def test_repr_hides_token():
    client = DvcS3Client("http://127.0.0.1:1/", "very-secret-token")

    assert "very-secret-token" not in repr(client)


# Discovery


async def test_discovers_server_from_runtime_file(
    project, jp_runtime_dir, jp_http_port, jp_base_url, server_url, server_token
):
    assert os.environ["JUPYTER_RUNTIME_DIR"] == str(jp_runtime_dir)

    client = DvcS3Client(cwd=project / "pkl")

    assert client.url == f"http://localhost:{jp_http_port}{jp_base_url}"
    assert client._token == server_token
    assert client.root_dir == str(project.parent)
    repo = await asyncio.to_thread(client.repo)
    assert repo["git_root"] == "project"


def test_discovery_picks_deepest_local_root(tmp_path, monkeypatch):
    runtime = tmp_path / "runtime"
    runtime.mkdir()
    deep = tmp_path / "home" / "team" / "project"
    deep.mkdir(parents=True)
    monkeypatch.setenv("JUPYTER_RUNTIME_DIR", str(runtime))
    _write_server_file(runtime, "1", port=9001, root_dir=str(tmp_path / "home"))
    _write_server_file(
        runtime, "2", port=9002, root_dir=str(tmp_path / "home" / "team")
    )
    _write_server_file(runtime, "3", port=9003, root_dir=str(tmp_path / "elsewhere"))
    _write_server_file(runtime, "4", port=9004, root_dir=str(deep), hostname="10.1.2.3")
    _write_server_file(runtime, "5", port=9005, root_dir=str(deep), sock="/tmp/s")

    client = DvcS3Client(cwd=deep)

    assert client.url == "http://localhost:9002/"
    assert client.root_dir == str(tmp_path / "home" / "team")
    assert client.api_path("model.pkl") == "project/model.pkl"


def test_discovery_reaches_wildcard_through_loopback(tmp_path, monkeypatch):
    runtime = tmp_path / "runtime"
    runtime.mkdir()
    monkeypatch.setenv("JUPYTER_RUNTIME_DIR", str(runtime))
    _write_server_file(
        runtime,
        "1",
        port=9001,
        base_url="/lab-base/",
        root_dir=str(tmp_path),
        hostname="0.0.0.0",
        url="http://some-host:9001/lab-base/",
    )

    client = DvcS3Client(cwd=tmp_path)

    assert client.url == "http://127.0.0.1:9001/lab-base/"
    assert client._token == "file-token"


def test_discovery_without_server_raises(tmp_path, monkeypatch):
    monkeypatch.setenv("JUPYTER_RUNTIME_DIR", str(tmp_path / "empty"))

    with pytest.raises(DvcS3ClientError) as caught:
        DvcS3Client(cwd=tmp_path)

    assert caught.value.code == "server_not_found"
    assert "DVC_S3_URL" in caught.value.hint


def test_discovery_from_dvc_s3_variables(tmp_path, monkeypatch):
    monkeypatch.setenv("DVC_S3_URL", "http://127.0.0.1:9100/base")
    monkeypatch.setenv("DVC_S3_TOKEN", "variable-token")
    monkeypatch.setenv("DVC_S3_ROOT_DIR", str(tmp_path))

    client = DvcS3Client(cwd=tmp_path / "project")

    assert client.url == "http://127.0.0.1:9100/base/"
    assert client._token == "variable-token"
    assert client.api_path("m.pkl") == "project/m.pkl"


@pytest.mark.parametrize(
    ("service_url", "expected"),
    [
        ("http://0.0.0.0:9200/user/alice/", "http://127.0.0.1:9200/user/alice/"),
        ("http://127.0.0.1:9200/user/alice/", "http://127.0.0.1:9200/user/alice/"),
        (None, "http://localhost:8888/user/alice/"),
    ],
)
def test_discovery_from_jupyterhub(tmp_path, monkeypatch, service_url, expected):
    monkeypatch.setenv("JUPYTER_RUNTIME_DIR", str(tmp_path / "empty"))
    monkeypatch.setenv("JUPYTERHUB_SERVICE_PREFIX", "/user/alice/")
    monkeypatch.setenv("JUPYTERHUB_API_TOKEN", "hub-token")
    if service_url is not None:
        monkeypatch.setenv("JUPYTERHUB_SERVICE_URL", service_url)

    client = DvcS3Client(cwd=tmp_path)

    assert client.url == expected
    assert client._token == "hub-token"
    assert client.root_dir is None


def test_jupyterhub_remote_host_rejected(tmp_path, monkeypatch, no_requests):
    monkeypatch.setenv("JUPYTERHUB_SERVICE_PREFIX", "/user/alice/")
    monkeypatch.setenv("JUPYTERHUB_API_TOKEN", "hub-token")
    monkeypatch.setenv("JUPYTERHUB_SERVICE_URL", "http://10.1.2.3:8888/user/alice/")

    with pytest.raises(DvcS3ClientError) as caught:
        DvcS3Client(cwd=tmp_path)

    assert caught.value.code == "server_not_found"
    assert "10.1.2.3" in caught.value.message
    assert no_requests == []


async def test_jupyterhub_server_root_from_runtime_file(
    project, monkeypatch, jp_http_port, jp_base_url, server_url, server_token
):
    monkeypatch.setenv("JUPYTERHUB_SERVICE_PREFIX", jp_base_url)
    monkeypatch.setenv("JUPYTERHUB_API_TOKEN", server_token)
    monkeypatch.setenv(
        "JUPYTERHUB_SERVICE_URL", f"http://127.0.0.1:{jp_http_port}{jp_base_url}"
    )

    client = DvcS3Client(cwd=project)

    assert client.root_dir == str(project.parent)
    repo = await asyncio.to_thread(client.repo)
    assert repo["git_root"] == "project"
    assert repo["branch"] == "dev"
