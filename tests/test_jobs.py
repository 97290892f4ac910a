"""The job runner: worker processes, cancel, and order within a repo."""

from __future__ import annotations

import asyncio
import signal

import git


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
