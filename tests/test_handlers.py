"""Bad input to the REST API: status, code, message and hint, nothing changed."""

from __future__ import annotations

import os
from pathlib import Path

import git
import pytest

from .conftest import bucket_keys


def _snapshot(root: Path) -> dict[str, float]:
    """Map every file under ``root`` to its modification time."""
    found = {}
    for folder, _subfolders, files in os.walk(root):
        for name in files:
            path = Path(folder, name)
            found[os.fspath(path.relative_to(root))] = path.lstat().st_mtime_ns
    return found


@pytest.fixture
def outside_file(tmp_path: Path) -> Path:
    secret = tmp_path / "outside" / "secret.pkl"
    secret.parent.mkdir()
    secret.write_bytes(b"not yours")
    return secret


def _assert_error(status: int, body: dict, expected_status: int, code: str) -> None:
    assert status == expected_status, body
    assert body["code"] == code
    assert body["message"]
    assert body["hint"]


@pytest.mark.parametrize(
    ("path", "status", "code"),
    [
        ("project/pkl/absent.pkl", 404, "not_found"),
        ("../outside/secret.pkl", 403, "outside_root"),
        ("project/../../outside/secret.pkl", 403, "outside_root"),
        ("/etc/passwd", 403, "outside_root"),
        ("project/pkl/model.pkl\x00.txt", 403, "outside_root"),
        ("project/link.pkl", 403, "outside_root"),
        ("loose/model.pkl", 409, "not_a_git_repo"),
    ],
)
async def test_version_bad_path_changes_nothing(
    project, jp_root_dir, outside_file, api, s3, bucket, path, status, code
):
    (project / "link.pkl").symlink_to(outside_file)
    (jp_root_dir / "loose").mkdir()
    (jp_root_dir / "loose" / "model.pkl").write_bytes(b"loose model")
    head = git.Repo(project).head.commit.hexsha
    files_before = _snapshot(jp_root_dir)
    outside_before = _snapshot(outside_file.parent)

    got_status, body = await api("POST", "jobs", {"action": "version", "path": path})

    _assert_error(got_status, body, status, code)
    if code != "outside_root":
        assert path.split("/")[-1].split("\x00")[0] in body["message"]
    assert _snapshot(jp_root_dir) == files_before
    assert _snapshot(outside_file.parent) == outside_before
    assert git.Repo(project).head.commit.hexsha == head
    assert bucket_keys(s3, bucket) == []
    _status, jobs = await api("GET", "jobs")
    assert jobs["jobs"] == []


async def test_repo_without_dvc_rejected(jp_root_dir, api):
    plain = jp_root_dir / "plain"
    git.Repo.init(plain, initial_branch="dev")
    (plain / "model.pkl").write_bytes(b"model")

    status, body = await api(
        "POST", "jobs", {"action": "add", "path": "plain/model.pkl"}
    )

    _assert_error(status, body, 409, "dvc_not_initialized")
    assert not (plain / "model.pkl.dvc").exists()


@pytest.mark.parametrize(
    "body",
    [
        {"path": "project/pkl/model.pkl"},
        {"action": "destroy", "path": "project/pkl/model.pkl"},
        {"action": "version"},
        {"action": "version", "path": 7},
        {"action": "version", "path": "project/pkl/model.pkl", "message": 12},
        {"action": "version", "path": "project/pkl/model.pkl", "message": "m" * 20_000},
        "[1, 2]",
        "{not json",
    ],
)
async def test_invalid_job_request_rejected(project, api, body):
    status, reply = await api("POST", "jobs", body)

    _assert_error(status, reply, 400, "invalid_request")
    assert not (project / "pkl" / "model.pkl.dvc").exists()


async def test_unknown_job_not_found(api):
    status, body = await api("GET", "jobs/" + "0" * 32)

    _assert_error(status, body, 404, "not_found")
    assert "0" * 32 in body["message"]


@pytest.mark.parametrize("route", ["repo", "models"])
@pytest.mark.parametrize(
    ("path", "status", "code"),
    [("../", 403, "outside_root"), ("nowhere", 404, "not_found")],
)
async def test_read_bad_path_rejected(jp_root_dir, api, route, path, status, code):
    got_status, body = await api("GET", route, path=path)

    _assert_error(got_status, body, status, code)


async def test_models_outside_repo_rejected(jp_root_dir, api):
    (jp_root_dir / "loose").mkdir()

    status, body = await api("GET", "models", path="loose")

    _assert_error(status, body, 409, "not_a_git_repo")
    assert "loose" in body["message"]


async def test_request_without_token_rejected(
    jp_root_dir, http_server_client, jp_base_url
):
    from tornado.httpclient import HTTPClientError

    for route in ("repo", "models", "jobs"):
        with pytest.raises(HTTPClientError) as raised:
            await http_server_client.fetch(f"{jp_base_url}dvc-s3/{route}?path=")
        assert raised.value.code in (401, 403)
