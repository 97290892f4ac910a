"""Model history, restore and pull on a repo with three versions."""

from __future__ import annotations

import asyncio
import hashlib
import shutil

import git

MODEL = "project/pkl/model.pkl"
CONTENTS = [b"first model", b"second model, retrained", b"third model, tuned"]


async def save_three_versions(project, run_job):
    """Save three versions of the model; return their jobs, oldest first."""
    jobs = []
    for number, content in enumerate(CONTENTS, start=1):
        (project / "pkl" / "model.pkl").write_bytes(content)
        job = await run_job("version", MODEL, message=f"Version {number}")
        assert job["state"] == "succeeded", job
        jobs.append(job)
    return jobs


async def test_history_lists_three_versions(project, run_job, api, bucket):
    three_versions = await save_three_versions(project, run_job)
    status, body = await api("GET", "models/history", path=MODEL)

    assert status == 200
    versions = body["versions"]
    assert [v["message"] for v in versions] == ["Version 3", "Version 2", "Version 1"]
    assert [v["commit"] for v in versions] == [
        j["result"]["commit"] for j in reversed(three_versions)
    ]
    md5s = [hashlib.md5(content).hexdigest() for content in reversed(CONTENTS)]
    assert [v["md5"] for v in versions] == md5s
    assert len(set(md5s)) == 3
    assert [v["current"] for v in versions] == [True, False, False]
    assert all(v["in_remote"] is True for v in versions)
    assert (
        versions[2]["s3_url"] == f"s3://{bucket}/files/md5/{md5s[2][:2]}/{md5s[2][2:]}"
    )
    assert versions[0]["author"] == "Test User"
    assert versions[0]["size"] == len(CONTENTS[2])


async def test_history_deleted_object_not_in_remote(project, run_job, api, s3, bucket):
    await save_three_versions(project, run_job)
    oldest = hashlib.md5(CONTENTS[0]).hexdigest()
    s3.delete_object(Bucket=bucket, Key=f"files/md5/{oldest[:2]}/{oldest[2:]}")

    _status, body = await api("GET", "models/history", path=MODEL)

    in_remote = {v["md5"]: v["in_remote"] for v in body["versions"]}
    assert in_remote[oldest] is False
    assert sum(in_remote.values()) == 2


async def test_history_dvc2_version_uses_old_layout(project, run_job, api, bucket):
    dvc_file = project / "pkl" / "model.pkl.dvc"
    md5 = hashlib.md5(b"old").hexdigest()
    dvc_file.write_text(f"outs:\n- md5: {md5}\n  size: 3\n  path: model.pkl\n")
    repo = git.Repo(project)
    repo.index.add(["pkl/model.pkl.dvc"])
    repo.index.commit("Version from DVC 2")

    _status, body = await api("GET", "models/history", path=MODEL)

    (version,) = body["versions"]
    assert version["s3_url"] == f"s3://{bucket}/{md5[:2]}/{md5[2:]}"


async def test_history_of_unversioned_model(project, api):
    status, body = await api("GET", "models/history", path=MODEL)

    assert status == 404
    assert body["code"] == "not_found"


async def test_restore_oldest_gives_exact_bytes(project, run_job, api):
    three_versions = await save_three_versions(project, run_job)
    oldest = three_versions[0]["result"]["commit"]
    head = git.Repo(project).head.commit.hexsha

    job = await run_job("restore", MODEL, commit=oldest)

    assert job["state"] == "succeeded", job
    assert (project / "pkl" / "model.pkl").read_bytes() == CONTENTS[0]
    repo = git.Repo(project)
    assert repo.head.commit.hexsha == head
    assert repo.active_branch.name == "dev"
    _status, body = await api("GET", "models/history", path=MODEL)
    assert [v["current"] for v in body["versions"]] == [False, False, True]


async def test_restore_fetches_missing_cache(project, run_job):
    three_versions = await save_three_versions(project, run_job)
    shutil.rmtree(project / ".dvc" / "cache")
    oldest = three_versions[0]["result"]["commit"]

    job = await run_job("restore", MODEL, commit=oldest)

    assert job["state"] == "succeeded", job
    assert (project / "pkl" / "model.pkl").read_bytes() == CONTENTS[0]


async def test_restore_then_save_as_new_version(project, origin, run_job):
    three_versions = await save_three_versions(project, run_job)
    oldest = three_versions[0]["result"]["commit"]
    await run_job("restore", MODEL, commit=oldest)

    job = await run_job("version", MODEL, message="Bring back version 1")

    assert job["state"] == "succeeded", job
    head = git.Repo(origin).commit("dev")
    assert head.message.strip() == "Bring back version 1"
    assert (head.tree / "pkl/model.pkl.dvc").data_stream.read() == (
        git.Repo(origin).commit(oldest).tree / "pkl/model.pkl.dvc"
    ).data_stream.read()


async def test_restore_refuses_unsaved_changes(project, run_job):
    three_versions = await save_three_versions(project, run_job)
    (project / "pkl" / "model.pkl").write_bytes(b"unsaved experiment")
    oldest = three_versions[0]["result"]["commit"]

    job = await run_job("restore", MODEL, commit=oldest)

    assert job["state"] == "failed"
    assert job["error"]["code"] == "unsaved_changes"
    assert (project / "pkl" / "model.pkl").read_bytes() == b"unsaved experiment"
    forced = await run_job("restore", MODEL, commit=oldest, overwrite=True)
    assert forced["state"] == "succeeded", forced
    assert (project / "pkl" / "model.pkl").read_bytes() == CONTENTS[0]


async def test_restore_unknown_commit(project, run_job):
    await save_three_versions(project, run_job)
    job = await run_job("restore", MODEL, commit="0" * 40)

    assert job["state"] == "failed"
    assert job["error"]["code"] == "not_found"
    assert (project / "pkl" / "model.pkl").read_bytes() == CONTENTS[2]


async def test_restore_without_commit_rejected(project, api):
    status, body = await api("POST", "jobs", {"action": "restore", "path": MODEL})

    assert status == 400
    assert body["code"] == "invalid_request"


async def test_pull_missing_data(project, run_job):
    await save_three_versions(project, run_job)
    (project / "pkl" / "model.pkl").unlink()
    shutil.rmtree(project / ".dvc" / "cache")

    job = await run_job("pull", MODEL)

    assert job["state"] == "succeeded", job
    assert (project / "pkl" / "model.pkl").read_bytes() == CONTENTS[2]


async def test_models_remote_state_filled_in(project, run_job, api):
    await save_three_versions(project, run_job)
    for _attempt in range(50):
        _status, body = await api("GET", "models", path="project")
        if body["models"][0]["remote"] != "unknown":
            break
        await asyncio.sleep(0.1)

    assert body["models"][0]["remote"] == "in_remote"


async def test_cancelled_restore_keeps_dvc_file(project, run_job, api):
    import socket

    await save_three_versions(project, run_job)
    versions = (await api("GET", "models/history", path=MODEL))[1]["versions"]
    dvc_file = project / "pkl" / "model.pkl.dvc"
    before = dvc_file.read_bytes()
    shutil.rmtree(project / ".dvc" / "cache")
    silent = socket.socket()
    silent.bind(("127.0.0.1", 0))
    silent.listen(8)
    from dvc.repo import Repo

    with Repo(str(project)) as dvc, dvc.config.edit() as config:
        config["remote"]["storage"]["endpointurl"] = (
            f"http://127.0.0.1:{silent.getsockname()[1]}"
        )
    try:
        _status, job = await api(
            "POST",
            "jobs",
            {"action": "restore", "path": MODEL, "commit": versions[2]["commit"]},
        )
        await asyncio.sleep(3)
        await api("DELETE", f"jobs/{job['id']}")
        for _attempt in range(100):
            _status, job = await api("GET", f"jobs/{job['id']}")
            if job["state"] != "running":
                break
            await asyncio.sleep(0.1)
    finally:
        silent.close()

    assert job["state"] == "cancelled", job
    assert dvc_file.read_bytes() == before
    assert (project / "pkl" / "model.pkl").read_bytes() == CONTENTS[2]
