"""Failed jobs against real parts: each failure has its code and hint.

Every case also checks that nothing was committed or pushed, and most
retry the job after the cause is fixed to see it finish without a second
commit.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import boto3
import git
import pytest

from .conftest import ACCESS_KEY_ID, SECRET_ACCESS_KEY, bucket_keys, configure_remote

MODEL = "project/pkl/model.pkl"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _set_remote(project: Path, **settings: str) -> None:
    from dvc.repo import Repo

    with Repo(os.fspath(project)) as dvc, dvc.config.edit() as config:
        config["remote"]["storage"].update(settings)


def _states(job: dict) -> dict[str, str]:
    return {step["name"]: step["state"] for step in job["steps"]}


def _assert_failed(job: dict, step: str, code: str) -> None:
    assert job["state"] == "failed", job
    assert job["error"]["code"] == code, job["error"]
    assert job["error"]["step"] == step
    assert job["error"]["message"]
    assert job["error"]["hint"]
    assert _states(job)[step] == "failed"


def _head(repo_path: Path, ref: str = "dev") -> str:
    return git.Repo(repo_path).commit(ref).hexsha


async def test_no_remote_fails_push(project, origin, run_job):
    from dvc.repo import Repo

    with Repo(os.fspath(project)) as dvc, dvc.config.edit() as config:
        del config["core"]["remote"]
    head = _head(origin)

    job = await run_job("version", MODEL)

    _assert_failed(job, "push", "no_remote")
    assert _states(job) == {
        "add": "succeeded",
        "push": "failed",
        "commit": "skipped",
        "git_push": "skipped",
    }
    assert _head(project) == head


async def test_unknown_remote_fails_push(project, run_job):
    job = await run_job("version", MODEL, remote="elsewhere")

    _assert_failed(job, "push", "no_remote")
    assert "elsewhere" in job["error"]["message"]


async def test_missing_bucket_then_retry(project, origin, run_job, s3, bucket):
    _set_remote(project, url="s3://no-such-bucket-here")
    head = _head(project)

    job = await run_job("version", MODEL)

    _assert_failed(job, "push", "bucket_not_found")
    assert "no-such-bucket-here" in job["error"]["message"]
    assert _head(project) == head

    _set_remote(project, url=f"s3://{bucket}")
    retry = await run_job("version", MODEL)
    assert retry["state"] == "succeeded", retry
    assert len(list(git.Repo(project).iter_commits("dev"))) == 2
    assert len(bucket_keys(s3, bucket)) == 1


async def test_closed_endpoint_unreachable(project, run_job):
    _set_remote(project, endpointurl=f"http://127.0.0.1:{_free_port()}")
    head = _head(project)

    job = await run_job("version", MODEL)

    _assert_failed(job, "push", "endpoint_unreachable")
    assert _head(project) == head


async def test_no_keys_fails(project, run_job):
    from dvc.repo import Repo

    with Repo(os.fspath(project)) as dvc, dvc.config.edit("local") as config:
        config["remote"].pop("storage", None)

    job = await run_job("version", MODEL)

    _assert_failed(job, "push", "no_credentials")


@pytest.fixture(scope="module")
def auth_endpoint(
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[tuple[str, str, str]]:
    """A moto server that checks signatures, with one valid key pair."""
    port = _free_port()
    env = dict(os.environ, INITIAL_NO_AUTH_ACTION_COUNT="3")
    server = subprocess.Popen(
        [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    endpoint = f"http://127.0.0.1:{port}"
    try:
        for _attempt in range(100):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.1)
        iam = boto3.client(
            "iam",
            endpoint_url=endpoint,
            region_name="us-east-1",
            aws_access_key_id="bootstrap",
            aws_secret_access_key="bootstrap",
        )
        iam.create_user(UserName="modeler")
        iam.put_user_policy(
            UserName="modeler",
            PolicyName="all-s3",
            PolicyDocument=json.dumps(
                {
                    "Version": "2012-10-17",
                    "Statement": [
                        {"Effect": "Allow", "Action": "s3:*", "Resource": "*"}
                    ],
                }
            ),
        )
        key = iam.create_access_key(UserName="modeler")["AccessKey"]
        boto3.client(
            "s3",
            endpoint_url=endpoint,
            region_name="us-east-1",
            aws_access_key_id=key["AccessKeyId"],
            aws_secret_access_key=key["SecretAccessKey"],
        ).create_bucket(Bucket="guarded")
        yield endpoint, key["AccessKeyId"], key["SecretAccessKey"]
    finally:
        server.terminate()
        server.wait(timeout=10)


async def test_wrong_keys_then_right_keys(project, run_job, auth_endpoint):
    from dvc.repo import Repo

    endpoint, key_id, secret = auth_endpoint
    configure_remote(project, "guarded", endpoint)
    head = _head(project)

    job = await run_job("version", MODEL)

    _assert_failed(job, "push", "access_denied")
    assert "guarded" in job["error"]["message"]
    assert SECRET_ACCESS_KEY not in json.dumps(job)
    assert _head(project) == head

    with Repo(os.fspath(project)) as dvc, dvc.config.edit("local") as config:
        config["remote"]["storage"] = {
            "access_key_id": key_id,
            "secret_access_key": secret,
        }
    retry = await run_job("version", MODEL)
    assert retry["state"] == "succeeded", retry
    assert secret not in json.dumps(retry)
    assert ACCESS_KEY_ID not in json.dumps(retry)


async def test_file_tracked_by_git(project, run_job):
    repo = git.Repo(project)
    repo.index.add(["pkl/model.pkl"])
    repo.index.commit("Commit the model by mistake")
    head = _head(project)

    job = await run_job("version", MODEL)

    _assert_failed(job, "add", "tracked_by_git")
    assert "pkl/model.pkl" in job["error"]["message"]
    assert not (project / "pkl" / "model.pkl.dvc").exists()
    assert _head(project) == head

    repo.index.remove(["pkl/model.pkl"])
    repo.index.commit("Stop tracking the model in git")
    retry = await run_job("version", MODEL)
    assert retry["state"] == "succeeded", retry
    assert (project / "pkl" / "model.pkl").exists()


async def test_ignored_dvc_file(project, run_job):
    (project / ".gitignore").write_text("*.dvc\n")

    job = await run_job("version", MODEL)

    _assert_failed(job, "add", "path_ignored")
    assert "pkl/model.pkl.dvc" in job["error"]["message"]
    assert not (project / "pkl" / "model.pkl.dvc").exists()


async def test_no_identity_then_retry(
    project, origin, run_job, s3, bucket, monkeypatch
):
    for name in (
        "GIT_AUTHOR_NAME",
        "GIT_AUTHOR_EMAIL",
        "GIT_COMMITTER_NAME",
        "GIT_COMMITTER_EMAIL",
    ):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("HOME", os.fspath(project.parent / "empty-home"))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    with git.Repo(project).config_writer() as config:
        config.remove_section("user")
    head = _head(project)

    job = await run_job("version", MODEL)

    _assert_failed(job, "commit", "no_git_identity")
    assert _states(job)["push"] == "succeeded"
    assert _head(project) == head
    assert len(bucket_keys(s3, bucket)) == 1

    with git.Repo(project).config_writer() as config:
        config.set_value("user", "name", "Fixed User")
        config.set_value("user", "email", "fixed@example.com")
    retry = await run_job("version", MODEL)
    assert retry["state"] == "succeeded", retry
    assert _head(origin) == retry["result"]["commit"]
    assert len(list(git.Repo(project).iter_commits("dev"))) == 2


async def test_no_origin_keeps_commit(project, run_job):
    git.Repo(project).delete_remote("origin")

    job = await run_job("version", MODEL)

    _assert_failed(job, "git_push", "no_git_remote")
    assert _states(job)["commit"] == "succeeded"
    assert _head(project) == job["result"]["commit"]


async def test_rejected_push_then_retry(project, origin, run_job, tmp_path):
    other = git.Repo.clone_from(os.fspath(origin), tmp_path / "other", branch="dev")
    with other.config_writer() as config:
        config.set_value("user", "name", "Colleague")
        config.set_value("user", "email", "colleague@example.com")
    (tmp_path / "other" / "notes.md").write_text("A colleague's change.\n")
    other.index.add(["notes.md"])
    other.index.commit("Colleague's change")
    other.remote("origin").push("dev")
    remote_head = _head(origin)

    job = await run_job("version", MODEL)

    _assert_failed(job, "git_push", "push_rejected")
    local_commit = job["result"]["commit"]
    assert _head(project) == local_commit
    assert _head(origin) == remote_head

    repo = git.Repo(project)
    repo.remote("origin").fetch()
    repo.git.rebase("origin/dev")
    retry = await run_job("version", MODEL)
    assert retry["state"] == "succeeded", retry
    assert _states(retry)["commit"] == "skipped"
    log = [commit.message.strip() for commit in git.Repo(origin).iter_commits("dev")]
    assert log[1] == "Colleague's change"
    assert sum("model.pkl" in message for message in log) == 1


async def test_detached_head_fails_commit(project, run_job):
    repo = git.Repo(project)
    repo.head.reference = repo.head.commit
    assert repo.head.is_detached

    job = await run_job("version", MODEL)

    _assert_failed(job, "commit", "detached_head")


async def test_unreachable_git_remote(project, run_job, tmp_path):
    repo = git.Repo(project)
    repo.remote("origin").set_url(os.fspath(tmp_path / "missing.git"))

    job = await run_job("version", MODEL)

    _assert_failed(job, "git_push", "endpoint_unreachable")
    assert _head(project) == job["result"]["commit"]


async def test_other_ignore_rule_no_commit(project, run_job):
    first = await run_job("version", MODEL)
    (project / "pkl" / "other.pkl").write_bytes(b"another model")
    await run_job("add", "project/pkl/other.pkl")

    again = await run_job("version", MODEL)

    assert again["state"] == "succeeded", again
    assert _states(again)["commit"] == "skipped"
    assert _head(project) == first["result"]["commit"]
