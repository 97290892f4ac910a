"""Byte progress of a job while DVC hashes and uploads a large model."""

from __future__ import annotations

import asyncio

SIZE = 96 * 1024 * 1024


async def test_version_job_reports_bytes(project, api):
    model = project / "pkl" / "model.pkl"
    with open(model, "wb") as stream:
        for _chunk in range(SIZE // (1 << 20)):
            stream.write(bytes(range(256)) * 4096)

    _status, job = await api(
        "POST", "jobs", {"action": "version", "path": "project/pkl/model.pkl"}
    )
    seen = []
    while job["state"] in ("queued", "running"):
        if job["progress"] is not None:
            seen.append(job["progress"])
        await asyncio.sleep(0.1)
        _status, job = await api("GET", f"jobs/{job['id']}")

    assert job["state"] == "succeeded", job
    assert job["progress"] is None
    push = [entry for entry in seen if entry["step"] == "push"]
    assert push, seen
    assert all(entry["unit"] == "bytes" for entry in push)
    assert all(entry["total"] == SIZE for entry in push)
    assert max(entry["done"] for entry in push) > 0
    assert all(0 <= entry["done"] <= SIZE for entry in push)
