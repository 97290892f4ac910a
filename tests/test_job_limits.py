"""Limits of a job: the step time limit and the wait for DVC's lock."""

from __future__ import annotations

import os
import socket
import time
from collections.abc import Iterator

import pytest

from .test_job_errors import MODEL, _assert_failed, _head, _set_remote


@pytest.fixture
def silent_endpoint() -> Iterator[str]:
    """An endpoint that accepts connections and never responds."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(16)
    yield f"http://127.0.0.1:{server.getsockname()[1]}"
    server.close()


@pytest.fixture
def jp_server_config(jp_server_config):
    jp_server_config["DvcS3"] = {"step_timeout": 4.0, "lock_wait": 3.0}
    return jp_server_config


async def test_stuck_transfer_times_out(project, run_job, silent_endpoint):
    _set_remote(project, endpointurl=silent_endpoint)
    head = _head(project)
    started = time.monotonic()

    job = await run_job("version", MODEL, timeout=60)

    _assert_failed(job, "push", "timeout")
    assert time.monotonic() - started < 30
    assert _head(project) == head


async def test_held_lock_fails_busy(project, run_job):
    from zc.lockfile import LockFile

    lock = LockFile(os.fspath(project / ".dvc" / "tmp" / "lock"))
    try:
        job = await run_job("add", MODEL, timeout=60)
    finally:
        lock.close()

    _assert_failed(job, "add", "repo_busy")
    retry = await run_job("add", MODEL)
    assert retry["state"] == "succeeded", retry
