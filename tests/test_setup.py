"""Setup from the panel: init, remote settings, checks, identity, defaults."""

from __future__ import annotations

import json
import logging
import os
import socket
from pathlib import Path

import git
import pytest

from .conftest import bucket_keys
from .test_job_errors import auth_endpoint  # noqa: F401 - a shared fixture

SECRET = "s3cr3t-value-never-shown"
KEY_ID = "KEYID-never-shown"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


async def test_init_empty_folder(jp_root_dir, api):
    (jp_root_dir / "fresh").mkdir()

    status, info = await api(
        "POST",
        "repo",
        {
            "path": "fresh",
            "git": True,
            "dvc": True,
            "user_name": "Ada",
            "user_email": "ada@example.com",
        },
    )

    assert status == 200, info
    assert info["git_root"] == "fresh"
    assert info["dvc_initialized"] is True
    assert info["branch"] == "dev"
    assert info["setup"]["git_initialized"] is True
    repo = git.Repo(jp_root_dir / "fresh")
    assert sorted(repo.head.commit.stats.files) == [
        ".dvc/.gitignore",
        ".dvc/config",
        ".dvcignore",
    ]
    assert info["git_identity"] == {"name": "Ada", "email": "ada@example.com"}


async def test_init_keeps_existing_files(jp_root_dir, api):
    folder = jp_root_dir / "work"
    folder.mkdir()
    (folder / "train.py").write_text("print('train')\n")
    (folder / ".gitignore").write_text("data/\n")

    status, info = await api(
        "POST",
        "repo",
        {
            "path": "work",
            "git": True,
            "dvc": True,
            "user_name": "Ada",
            "user_email": "ada@example.com",
        },
    )

    assert status == 200, info
    assert (folder / "train.py").read_text() == "print('train')\n"
    assert (folder / ".gitignore").read_text() == "data/\n"
    repo = git.Repo(folder)
    assert "train.py" in repo.untracked_files
    assert "train.py" not in repo.head.commit.stats.files


async def test_init_twice_changes_nothing(project, api):
    head = git.Repo(project).head.commit.hexsha
    config = (project / ".dvc" / "config").read_bytes()

    status, info = await api(
        "POST", "repo", {"path": "project", "git": True, "dvc": True}
    )

    assert status == 200, info
    assert info["setup"] == {
        "git_initialized": False,
        "dvc_initialized": False,
        "remote_added": False,
        "commit": None,
    }
    assert git.Repo(project).head.commit.hexsha == head
    assert (project / ".dvc" / "config").read_bytes() == config


async def test_init_without_identity_asks(jp_root_dir, api, monkeypatch):
    monkeypatch.setenv("HOME", os.fspath(jp_root_dir / "home"))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    (jp_root_dir / "fresh").mkdir()

    status, body = await api(
        "POST", "repo", {"path": "fresh", "git": True, "dvc": True}
    )

    assert status == 409
    assert body["code"] == "no_git_identity"
    status, stored = await api(
        "PUT",
        "repo/identity",
        {"path": "fresh", "user_name": "Ada", "user_email": "ada@example.com"},
    )
    assert status == 200
    assert stored["git_identity"] == {"name": "Ada", "email": "ada@example.com"}
    status, info = await api(
        "POST", "repo", {"path": "fresh", "git": True, "dvc": True}
    )
    assert status == 200, info
    assert info["setup"]["commit"] is not None


@pytest.mark.parametrize(
    ("identity", "bad"),
    [
        ({"user_name": "", "user_email": "a@b.c"}, "name"),
        ({"user_name": "Ada", "user_email": "nope"}, "email"),
    ],
)
async def test_identity_invalid_rejected(project, api, identity, bad):
    status, body = await api("PUT", "repo/identity", {"path": "project", **identity})

    assert status == 400
    assert body["code"] == "invalid_request"
    assert bad in body["message"]


async def test_remote_settings_never_show_secrets(project, api, caplog):
    caplog.set_level(logging.DEBUG)
    bodies = []

    status, saved = await api(
        "PUT",
        "remotes/models",
        {
            "path": "project",
            "url": "s3://models/team",
            "endpointurl": "http://127.0.0.1:9000",
            "region": "ru-central1",
            "access_key_id": KEY_ID,
            "secret_access_key": SECRET,
            "default": True,
        },
    )
    bodies.append(saved)
    assert status == 200, saved
    assert saved["credentials"] == "local"
    assert saved["default"] is True
    for route, params in (
        ("remotes", {"path": "project"}),
        ("repo", {"path": "project"}),
    ):
        _status, body = await api("GET", route, **params)
        bodies.append(body)

    text = json.dumps(bodies) + caplog.text
    assert SECRET not in text
    assert KEY_ID not in text
    public = (project / ".dvc" / "config").read_text()
    assert "s3://models/team" in public
    assert "ru-central1" in public
    assert SECRET not in public
    assert KEY_ID not in public
    assert SECRET in (project / ".dvc" / "config.local").read_text()
    assert git.Repo(project).ignored(".dvc/config.local") == [".dvc/config.local"]


async def test_remote_keys_replaced_not_read(project, api):
    await api(
        "PUT",
        "remotes/storage",
        {"path": "project", "url": "s3://b-one", "secret_access_key": SECRET},
    )

    status, saved = await api(
        "PUT", "remotes/storage", {"path": "project", "url": "s3://b-two"}
    )

    assert status == 200
    assert saved["url"] == "s3://b-two"
    assert SECRET in (project / ".dvc" / "config.local").read_text()


@pytest.mark.parametrize(
    ("name", "fields", "word"),
    [
        ("bad name", {"url": "s3://fine"}, "name"),
        ("storage", {"url": "https://not-s3"}, "URL"),
        ("storage", {"url": "s3://UPPER_case"}, "bucket"),
        ("storage", {"url": "s3://fine", "endpointurl": "ftp://x"}, "endpoint"),
    ],
)
async def test_remote_invalid_settings(project, api, name, fields, word):
    config = (project / ".dvc" / "config").read_bytes()

    status, body = await api("PUT", f"remotes/{name}", {"path": "project", **fields})

    assert status == 400
    assert body["code"] == "invalid_request"
    assert word in body["message"]
    assert (project / ".dvc" / "config").read_bytes() == config


async def test_check_good_remote(project, api):
    status, result = await api("POST", "remotes/storage/check", {"path": "project"})

    assert status == 200
    assert result["ok"] is True


async def test_check_missing_bucket(project, api):
    await api(
        "PUT", "remotes/storage", {"path": "project", "url": "s3://absent-bucket"}
    )

    _status, result = await api("POST", "remotes/storage/check", {"path": "project"})

    assert result["ok"] is False
    assert result["code"] == "bucket_not_found"
    assert "absent-bucket" in result["message"]
    assert result["hint"]


async def test_check_closed_port(project, api):
    await api(
        "PUT",
        "remotes/storage",
        {
            "path": "project",
            "url": "s3://b-a",
            "endpointurl": f"http://127.0.0.1:{_free_port()}",
        },
    )

    _status, result = await api("POST", "remotes/storage/check", {"path": "project"})

    assert result["ok"] is False
    assert result["code"] == "endpoint_unreachable"


async def test_check_wrong_keys(project, api, auth_endpoint):  # noqa: F811
    endpoint, _key_id, _secret = auth_endpoint
    await api(
        "PUT",
        "remotes/storage",
        {
            "path": "project",
            "url": "s3://guarded",
            "endpointurl": endpoint,
            "secret_access_key": "wrong",
        },
    )

    _status, result = await api("POST", "remotes/storage/check", {"path": "project"})

    assert result["ok"] is False
    assert result["code"] == "access_denied"


async def test_check_unknown_remote(project, api):
    _status, result = await api("POST", "remotes/nowhere/check", {"path": "project"})

    assert result["ok"] is False
    assert result["code"] == "no_remote"


@pytest.fixture
def platform_bucket(s3, bucket) -> str:
    name = f"{bucket}-platform"
    s3.create_bucket(Bucket=name)
    return name


@pytest.fixture
def jp_server_config(jp_server_config, s3_endpoint, platform_bucket):
    jp_server_config["DvcS3"] = {
        "default_remote_url": f"s3://{platform_bucket}/team",
        "default_endpoint_url": s3_endpoint,
        "default_region": "us-east-1",
    }
    return jp_server_config


async def test_platform_default_used_by_first_job(
    jp_root_dir, tmp_path, api, run_job, s3, platform_bucket, s3_endpoint, monkeypatch
):
    from .conftest import ACCESS_KEY_ID, SECRET_ACCESS_KEY

    monkeypatch.setenv("AWS_ACCESS_KEY_ID", ACCESS_KEY_ID)
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", SECRET_ACCESS_KEY)
    folder = jp_root_dir / "fresh"
    folder.mkdir()
    git.Repo.init(tmp_path / "origin.git", bare=True, initial_branch="dev")
    status, info = await api(
        "POST",
        "repo",
        {
            "path": "fresh",
            "git": True,
            "dvc": True,
            "user_name": "Ada",
            "user_email": "ada@example.com",
        },
    )
    assert status == 200, info
    git.Repo(folder).create_remote("origin", os.fspath(tmp_path / "origin.git"))
    (folder / "pkl").mkdir()
    (folder / "pkl" / "model.pkl").write_bytes(b"first model")

    job = await run_job("version", "fresh/pkl/model.pkl")

    assert job["state"] == "succeeded", job
    assert job["result"]["s3_url"].startswith(f"s3://{platform_bucket}/team/files/md5/")
    assert len(bucket_keys(s3, platform_bucket)) == 1
    config = (folder / ".dvc" / "config").read_text()
    assert f"s3://{platform_bucket}/team" in config
    assert s3_endpoint in config
    assert ACCESS_KEY_ID not in config
    _status, remotes = await api("GET", "remotes", path="fresh")
    assert remotes["remotes"][0]["credentials"] == "environment"
    committed = git.Repo(folder).head.commit
    assert (committed.tree / ".dvc/config").data_stream.read().decode() == config
    assert not Path(folder / ".dvc" / "config.local").exists()


async def test_platform_default_recorded_by_job(
    project, run_job, s3, platform_bucket, monkeypatch
):
    from dvc.repo import Repo

    from .conftest import ACCESS_KEY_ID, SECRET_ACCESS_KEY

    monkeypatch.setenv("AWS_ACCESS_KEY_ID", ACCESS_KEY_ID)
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", SECRET_ACCESS_KEY)
    (project / ".dvc" / "config.local").unlink()
    with Repo(os.fspath(project)) as dvc, dvc.config.edit() as config:
        config["remote"].clear()
        config["core"].pop("remote", None)

    job = await run_job("version", "project/pkl/model.pkl")

    assert job["state"] == "succeeded", job
    assert len(bucket_keys(s3, platform_bucket)) == 1
    committed = git.Repo(project).head.commit
    assert sorted(committed.stats.files) == [
        ".dvc/config",
        "pkl/.gitignore",
        "pkl/model.pkl.dvc",
    ]
    assert (
        f"{platform_bucket}/team"
        in (committed.tree / ".dvc/config").data_stream.read().decode()
    )


async def test_platform_remote_committed_on_retry(
    project, run_job, s3, platform_bucket, monkeypatch
):
    from dvc.repo import Repo

    from .conftest import ACCESS_KEY_ID, SECRET_ACCESS_KEY

    monkeypatch.setenv("AWS_ACCESS_KEY_ID", ACCESS_KEY_ID)
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", SECRET_ACCESS_KEY)
    (project / ".dvc" / "config.local").unlink()
    with Repo(os.fspath(project)) as dvc, dvc.config.edit() as config:
        config["remote"].clear()
        config["core"].pop("remote", None)
    s3.delete_bucket(Bucket=platform_bucket)

    failed = await run_job("version", "project/pkl/model.pkl")
    assert failed["state"] == "failed"
    assert failed["error"]["code"] == "bucket_not_found"
    s3.create_bucket(Bucket=platform_bucket)
    retry = await run_job("version", "project/pkl/model.pkl")

    assert retry["state"] == "succeeded", retry
    committed = git.Repo(project).head.commit
    assert ".dvc/config" in committed.stats.files
    assert not git.Repo(project).is_dirty(path=".dvc/config")
