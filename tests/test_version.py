"""The version job end to end: REST, a moto S3 server and a bare git remote."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import git
import yaml

from .conftest import bucket_keys

MODEL = "project/pkl/model.pkl"


def _md5(path: Path) -> str:
    return hashlib.md5(path.read_bytes()).hexdigest()


async def test_version_job_steps_succeed(project, run_job):
    job = await run_job("version", MODEL)

    assert job["state"] == "succeeded", job
    assert [step["name"] for step in job["steps"]] == [
        "add",
        "push",
        "commit",
        "git_push",
    ]
    assert [step["state"] for step in job["steps"]] == ["succeeded"] * 4
    assert job["error"] is None
    assert job["finished"] is not None


async def test_version_job_uploads_to_dvc3_key(project, run_job, s3, bucket):
    md5 = _md5(project / "pkl" / "model.pkl")

    job = await run_job("version", MODEL)

    assert job["state"] == "succeeded", job
    key = f"files/md5/{md5[:2]}/{md5[2:]}"
    assert key in bucket_keys(s3, bucket)
    assert job["result"]["s3_url"] == f"s3://{bucket}/{key}"
    assert job["result"]["md5"] == md5
    assert job["result"]["size"] == 4096
    assert job["result"]["dvc_file"] == "project/pkl/model.pkl.dvc"
    assert job["result"]["pushed_to"] == "origin/dev"


async def test_version_job_records_real_md5(project, run_job):
    await run_job("version", MODEL)

    recorded = yaml.safe_load((project / "pkl" / "model.pkl.dvc").read_text())
    assert recorded["outs"][0]["md5"] == _md5(project / "pkl" / "model.pkl")
    assert recorded["outs"][0]["path"] == "model.pkl"


async def test_version_job_pushes_commit(project, origin, run_job):
    job = await run_job("version", MODEL)

    remote_head = git.Repo(origin).commit("dev")
    assert remote_head.hexsha == job["result"]["commit"]
    assert sorted(remote_head.stats.files) == ["pkl/.gitignore", "pkl/model.pkl.dvc"]
    assert "model.pkl" in remote_head.message
    local = git.Repo(project)
    assert local.active_branch.tracking_branch().name == "origin/dev"


async def test_clone_and_pull_restores_bytes(project, origin, run_job, tmp_path):
    from dvc.repo import Repo

    from .conftest import ACCESS_KEY_ID, SECRET_ACCESS_KEY

    await run_job("version", MODEL)

    clone = tmp_path / "clone"
    git.Repo.clone_from(os.fspath(origin), clone, branch="dev")
    with Repo(os.fspath(clone)) as dvc:
        with dvc.config.edit("local") as config:
            config["remote"]["storage"] = {
                "access_key_id": ACCESS_KEY_ID,
                "secret_access_key": SECRET_ACCESS_KEY,
            }
        dvc.pull()
    pulled = (clone / "pkl" / "model.pkl").read_bytes()
    assert pulled == (project / "pkl" / "model.pkl").read_bytes()


async def test_second_version_makes_no_commit(project, origin, run_job):
    first = await run_job("version", MODEL)
    second = await run_job("version", MODEL)

    assert second["state"] == "succeeded", second
    states = {step["name"]: step["state"] for step in second["steps"]}
    assert states["commit"] == "skipped"
    assert second["result"]["commit"] == first["result"]["commit"]
    assert git.Repo(origin).commit("dev").hexsha == first["result"]["commit"]
    assert len(list(git.Repo(project).iter_commits("dev"))) == 2


async def test_new_bytes_make_new_version(project, origin, run_job):
    first = await run_job("version", MODEL)
    (project / "pkl" / "model.pkl").write_bytes(b"retrained")

    second = await run_job("version", MODEL, message="Retrain on new data")

    assert second["state"] == "succeeded", second
    assert second["result"]["commit"] != first["result"]["commit"]
    assert second["result"]["md5"] == hashlib.md5(b"retrained").hexdigest()
    head = git.Repo(origin).commit("dev")
    assert head.message.strip() == "Retrain on new data"
    assert head.parents[0].hexsha == first["result"]["commit"]


async def test_commit_leaves_staged_changes(project, run_job):
    repo = git.Repo(project)
    (project / "README.md").write_text("Staged edit.\n")
    (project / "notes.txt").write_text("Staged new file.\n")
    (project / "train.py").write_text("print('unstaged')\n")
    repo.index.add(["README.md", "notes.txt"])
    staged_before = sorted(diff.a_path for diff in repo.index.diff("HEAD"))

    job = await run_job("version", MODEL)

    assert job["state"] == "succeeded", job
    repo = git.Repo(project)
    committed = sorted(repo.head.commit.stats.files)
    assert committed == ["pkl/.gitignore", "pkl/model.pkl.dvc"]
    assert sorted(diff.a_path for diff in repo.index.diff("HEAD")) == staged_before
    assert (
        repo.head.commit.tree["README.md"].data_stream.read()
        == b"A project with a model.\n"
    )
    assert (project / "README.md").read_text() == "Staged edit.\n"
    assert "train.py" in repo.untracked_files


async def test_separate_steps_make_version(project, origin, run_job, s3, bucket):
    add = await run_job("add", MODEL)
    push = await run_job("push", MODEL)
    commit = await run_job("commit", MODEL)
    git_push = await run_job("git_push", MODEL)

    for job in (add, push, commit, git_push):
        assert job["state"] == "succeeded", job
    assert len(bucket_keys(s3, bucket)) == 1
    assert git.Repo(origin).commit("dev").hexsha == commit["result"]["commit"]


async def test_jobs_listed_newest_first(project, run_job, api):
    first = await run_job("add", MODEL)
    second = await run_job("push", MODEL)

    status, body = await api("GET", "jobs", path="project")

    assert status == 200
    assert [job["id"] for job in body["jobs"]][:2] == [second["id"], first["id"]]
