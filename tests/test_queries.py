"""Repo info and the model list, read through the REST API."""

from __future__ import annotations

import hashlib

import git


async def test_repo_info_describes_project(project, bucket, s3_endpoint, api):
    status, info = await api("GET", "repo", path="project/pkl")

    assert status == 200
    assert info["path"] == "project/pkl"
    assert info["git_root"] == "project"
    assert info["dvc_initialized"] is True
    assert info["branch"] == "dev"
    assert info["git_remotes"][0]["name"] == "origin"
    (remote,) = info["remotes"]
    assert remote["name"] == "storage"
    assert remote["url"] == f"s3://{bucket}"
    assert remote["endpointurl"] == s3_endpoint
    assert remote["default"] is True
    assert remote["credentials"] == "local"


async def test_repo_info_hides_secrets(project, api):
    git.Repo(project).create_remote(
        "mirror", "https://user:tok3n@git.example.com/r.git"
    )

    status, info = await api("GET", "repo", path="project")

    text = repr(info)
    assert status == 200
    assert "testing-secret-key" not in text
    assert "testing-key-id" not in text
    assert "tok3n" not in text
    assert {"name": "mirror", "url": "https://git.example.com/r.git"} in info[
        "git_remotes"
    ]


async def test_repo_info_outside_git(jp_root_dir, api):
    (jp_root_dir / "loose").mkdir()

    status, info = await api("GET", "repo", path="loose")

    assert status == 200
    assert info["git_root"] is None
    assert info["dvc_initialized"] is False


async def test_models_lists_untracked_model(project, api):
    (project / "notes.txt").write_text("not a model")
    (project / "other").mkdir()
    (project / "other" / "a.joblib").write_bytes(b"joblib")

    status, body = await api("GET", "models", path="project")

    assert status == 200
    paths = [model["path"] for model in body["models"]]
    assert paths == ["project/pkl/model.pkl", "project/other/a.joblib"]
    first = body["models"][0]
    assert first["tracked"] is False
    assert first["workspace"] == "untracked"
    assert first["size"] == 4096
    assert first["dvc_file"] is None


async def test_models_after_add(project, bucket, run_job, api):
    model = project / "pkl" / "model.pkl"
    md5 = hashlib.md5(model.read_bytes()).hexdigest()
    await run_job("add", "project/pkl/model.pkl")

    _status, body = await api("GET", "models", path="project")

    (entry,) = body["models"]
    assert entry["tracked"] is True
    assert entry["dvc_file"] == "project/pkl/model.pkl.dvc"
    assert entry["md5"] == md5
    assert entry["workspace"] == "unchanged"
    assert entry["s3_url"] == f"s3://{bucket}/files/md5/{md5[:2]}/{md5[2:]}"


async def test_models_workspace_states(project, run_job, api):
    await run_job("add", "project/pkl/model.pkl")
    model = project / "pkl" / "model.pkl"

    model.write_bytes(b"x" * 4096)
    _status, body = await api("GET", "models", path="project")
    assert body["models"][0]["workspace"] == "modified"

    model.unlink()
    _status, body = await api("GET", "models", path="project")
    assert body["models"][0]["workspace"] == "missing"
