"""The job runner: worker processes, cancel, and order within a repo."""

from __future__ import annotations

import asyncio
import os
import signal
import time

import git

from .conftest import bucket_keys


async def _wait_running(api, job_id):
    for _attempt in range(200):
        _status, job = await api("GET", f"jobs/{job_id}")
        if job["state"] != "queued":
            return job
        await asyncio.sleep(0.05)
    raise AssertionError("job never started")


async def test_killed_worker_fails_job(project, api, jp_web_app):
    status, job = await api(
        "POST", "jobs", {"action": "version", "path": "project/pkl/model.pkl"}
    )
    assert status == 202
    await _wait_running(api, job["id"])
    running = jp_web_app.settings["dvc_s3_jobs"].get(job["id"])
    while running.process is None:
        await asyncio.sleep(0.01)

    running.process.send_signal(signal.SIGKILL)
    for _attempt in range(200):
        _status, job = await api("GET", f"jobs/{job['id']}")
        if job["state"] != "running":
            break
        await asyncio.sleep(0.05)

    assert job["state"] == "failed"
    assert job["error"]["code"] == "internal"
    assert "exit code" in job["error"]["message"]
    status, _info = await api("GET", "repo", path="project")
    assert status == 200


async def test_cancel_running_job(project, origin, api):
    head = git.Repo(origin).commit("dev").hexsha
    _status, job = await api(
        "POST", "jobs", {"action": "version", "path": "project/pkl/model.pkl"}
    )
    await _wait_running(api, job["id"])

    status, cancelled = await api("DELETE", f"jobs/{job['id']}")
    assert status == 202
    for _attempt in range(200):
        _status, job = await api("GET", f"jobs/{job['id']}")
        if job["state"] not in ("queued", "running"):
            break
        await asyncio.sleep(0.05)

    assert job["state"] == "cancelled"
    assert job["error"]["code"] == "cancelled"
    assert git.Repo(origin).commit("dev").hexsha == head
    status, again = await api("DELETE", f"jobs/{job['id']}")
    assert status == 409
    assert again["code"] == "cancelled"


async def test_jobs_of_repo_run_in_order(project, api, run_job):
    (project / "pkl" / "second.pkl").write_bytes(b"second model")
    _status, first = await api(
        "POST", "jobs", {"action": "version", "path": "project/pkl/model.pkl"}
    )
    second = await run_job("version", "project/pkl/second.pkl")
    _status, first = await api("GET", f"jobs/{first['id']}")

    assert first["state"] == "succeeded", first
    assert second["state"] == "succeeded", second
    assert first["finished"] <= second["finished"]
    log = list(git.Repo(project).iter_commits("dev"))
    assert [commit.hexsha for commit in log[:2]] == [
        second["result"]["commit"],
        first["result"]["commit"],
    ]


async def test_twenty_concurrent_versions(project, api, run_job, s3, bucket):
    paths = []
    for number in range(20):
        name = f"pkl/model{number:02d}.pkl"
        (project / name).write_bytes(f"model number {number}".encode())
        paths.append(f"project/{name}")

    started = []
    for path in paths:
        status, job = await api("POST", "jobs", {"action": "version", "path": path})
        assert status == 202
        started.append(job["id"])
    jobs = []
    for job_id in started:
        for _attempt in range(1200):
            _status, job = await api("GET", f"jobs/{job_id}")
            if job["state"] not in ("queued", "running"):
                break
            await asyncio.sleep(0.1)
        jobs.append(job)

    assert [job["state"] for job in jobs] == ["succeeded"] * 20
    assert all(job["error"] is None for job in jobs)
    commits = [job["result"]["commit"] for job in jobs]
    assert len(set(commits)) == 20
    log = [commit.hexsha for commit in git.Repo(project).iter_commits("dev")]
    assert log[:20] == list(reversed(commits))
    assert len(bucket_keys(s3, bucket)) == 20


async def test_cancel_transfer_then_rerun(project, origin, api, run_job):
    model = project / "pkl" / "model.pkl"
    with open(model, "wb") as stream:
        for _chunk in range(384):
            stream.write(os.urandom(1 << 20))
    head = git.Repo(project).head.commit.hexsha

    _status, job = await api(
        "POST", "jobs", {"action": "version", "path": "project/pkl/model.pkl"}
    )
    for _attempt in range(600):
        _status, job = await api("GET", f"jobs/{job['id']}")
        push = next(step for step in job["steps"] if step["name"] == "push")
        if push["state"] == "running" and job["progress"]:
            break
        await asyncio.sleep(0.05)
    assert push["state"] == "running", job

    cancelled_at = time.monotonic()
    status, _job = await api("DELETE", f"jobs/{job['id']}")
    assert status == 202
    while job["state"] == "running":
        await asyncio.sleep(0.05)
        _status, job = await api("GET", f"jobs/{job['id']}")
    elapsed = time.monotonic() - cancelled_at

    assert job["state"] == "cancelled"
    assert elapsed < 5
    assert {step["name"]: step["state"] for step in job["steps"]} == {
        "add": "succeeded",
        "push": "cancelled",
        "commit": "cancelled",
        "git_push": "cancelled",
    }
    assert git.Repo(project).head.commit.hexsha == head
    assert (project / "pkl" / "model.pkl.dvc").exists()

    again = await run_job("version", "project/pkl/model.pkl", timeout=300)
    assert again["state"] == "succeeded", again
    assert git.Repo(origin).commit("dev").hexsha == again["result"]["commit"]
