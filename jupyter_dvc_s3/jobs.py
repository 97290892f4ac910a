"""The job queue: one worker process per job, one job at a time per repo.

Jobs of the same repository run in the order they were submitted, because
DVC's repository lock admits one holder. Jobs of different repositories
run side by side. Each job runs in a child process (see `worker`), which
the server reads events from without blocking its event loop.
"""

from __future__ import annotations

import asyncio
import json
import logging
import os
import posixpath
import sys
import uuid
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from .actions import ACTIONS
from .config import DvcS3
from .errors import DvcS3Error, internal_error

logger = logging.getLogger(__name__)

#: Finished jobs kept in memory for GET requests; older ones are dropped.
MAX_FINISHED_JOBS = 500

#: Lines of a worker's output kept for the log of a failed job.
_OUTPUT_TAIL_LINES = 60

#: Seconds a cancelled worker gets to exit before it is killed.
CANCEL_GRACE = 2.0

_PACKAGE_PARENT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="milliseconds")


@dataclass
class Job:
    """One submitted action on one file, with its steps and outcome."""

    action: str
    path: str
    git_root: Path
    target: Path
    message: str = ""
    remote: str | None = None
    git_remote: str = "origin"
    commit: str | None = None
    overwrite: bool = False
    id: str = field(default_factory=lambda: uuid.uuid4().hex)
    state: str = "queued"
    steps: list[dict[str, Any]] = field(default_factory=list)
    progress: dict[str, Any] | None = None
    result: dict[str, Any] | None = None
    error: dict[str, Any] | None = None
    created: str = field(default_factory=_now)
    finished: str | None = None
    git_root_api_path: str = ""
    cancel_requested: bool = False
    timed_out_step: str | None = None
    output_tail: list[str] = field(default_factory=list, repr=False)
    process: asyncio.subprocess.Process | None = field(default=None, repr=False)

    def __post_init__(self) -> None:
        if not self.steps:
            self.steps = [
                {"name": name, "state": "pending"} for name, _ in ACTIONS[self.action]
            ]

    @property
    def ended(self) -> bool:
        return self.state in ("succeeded", "failed", "cancelled")

    def to_json(self) -> dict[str, Any]:
        """Return the job as the API's ``job`` object."""
        return {
            "id": self.id,
            "action": self.action,
            "path": self.path,
            "state": self.state,
            "steps": [dict(step) for step in self.steps],
            "progress": self.progress,
            "result": self.result,
            "error": self.error,
            "created": self.created,
            "finished": self.finished,
        }

    def spec(self) -> dict[str, Any]:
        """Return what the worker process needs to run the job."""
        return {
            "action": self.action,
            "git_root": os.fspath(self.git_root),
            "target": os.fspath(self.target),
            "message": self.message,
            "remote": self.remote,
            "git_remote": self.git_remote,
            "commit": self.commit,
            "overwrite": self.overwrite,
        }

    def apply(self, event: dict[str, Any]) -> None:
        """Update the job from one event of its worker."""
        kind = event.get("type")
        if kind == "step":
            for step in self.steps:
                if step["name"] == event["name"]:
                    step["state"] = event["state"]
                    if event.get("message"):
                        step["message"] = event["message"]
                    else:
                        step.pop("message", None)
            if event["state"] != "running":
                self.progress = None
        elif kind == "progress":
            self.progress = {
                key: event.get(key) for key in ("step", "done", "total", "unit")
            }
        elif kind == "result":
            self.result = {
                key: value
                for key, value in event["result"].items()
                if value is not None
            }
            if "dvc_file" in self.result:
                self.result["dvc_file"] = posixpath.join(
                    self.git_root_api_path, self.result["dvc_file"]
                )
        elif kind == "error":
            self.error = event["error"]

    def end(self, state: str, error: DvcS3Error | None = None) -> None:
        """Mark the job ended; steps still open become failed or cancelled."""
        self.state = state
        self.finished = _now()
        self.progress = None
        if error is not None:
            self.error = error.to_json()
        for step in self.steps:
            if step["state"] == "running":
                step["state"] = "cancelled" if state == "cancelled" else "failed"
            elif step["state"] == "pending":
                step["state"] = "cancelled" if state == "cancelled" else "skipped"


class JobManager:
    """Runs jobs in worker processes and keeps their state for the API."""

    def __init__(self, settings: DvcS3 | None = None) -> None:
        self.settings = settings or DvcS3()
        #: Functions called with each job that ends, after it ended.
        self.on_finish: list[Callable[[Job], None]] = []
        self._jobs: OrderedDict[str, Job] = OrderedDict()
        self._locks: dict[Path, asyncio.Lock] = {}
        self._tasks: set[asyncio.Task[None]] = set()

    def submit(self, job: Job) -> Job:
        """Queue a job; it starts when the repo's earlier jobs have ended."""
        self._jobs[job.id] = job
        self._forget_old_jobs()
        task = asyncio.ensure_future(self._run(job))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)
        logger.info(
            "Job %s queued: %s of %s in %s", job.id, job.action, job.path, job.git_root
        )
        return job

    def get(self, job_id: str) -> Job:
        """Return a job by id, or raise ``not_found``."""
        job = self._jobs.get(job_id)
        if job is None:
            raise DvcS3Error(
                "not_found",
                f"There is no job with the id {job_id!r}.",
                "List the jobs of the folder to find the right id; jobs are "
                "forgotten when the server restarts.",
            )
        return job

    def list(self, git_root: Path | None = None) -> list[Job]:
        """Return the jobs, newest first, of one repo or of all."""
        jobs = [
            job
            for job in self._jobs.values()
            if git_root is None or job.git_root == git_root
        ]
        return list(reversed(jobs))

    def cancel(self, job_id: str) -> Job:
        """Cancel a queued or running job, or raise ``cancelled`` if it ended."""
        job = self.get(job_id)
        if job.ended:
            raise DvcS3Error(
                "cancelled",
                f"The job {job_id!r} already ended as {job.state}.",
                "Nothing to cancel; start a new job if needed.",
            )
        logger.info("Job %s cancel requested (state %s)", job.id, job.state)
        if job.state == "queued":
            job.end("cancelled", _cancelled_error())
        else:
            job.cancel_requested = True
            if job.process is not None and job.process.returncode is None:
                job.process.terminate()
                task = asyncio.ensure_future(self._kill_later(job))
                self._tasks.add(task)
                task.add_done_callback(self._tasks.discard)
        return job

    async def shutdown(self) -> None:
        """Stop every running worker, as when the server stops."""
        for job in self._jobs.values():
            if job.process is not None and job.process.returncode is None:
                job.process.kill()

    async def _kill_later(self, job: Job) -> None:
        await asyncio.sleep(CANCEL_GRACE)
        if job.process is not None and job.process.returncode is None:
            job.process.kill()

    def _forget_old_jobs(self) -> None:
        ended = [job_id for job_id, job in self._jobs.items() if job.ended]
        for job_id in ended[: max(0, len(ended) - MAX_FINISHED_JOBS)]:
            del self._jobs[job_id]

    async def _run(self, job: Job) -> None:
        lock = self._locks.setdefault(job.git_root, asyncio.Lock())
        async with lock:
            if job.ended:
                return
            try:
                await self._execute(job)
            except Exception:
                logger.exception("Job %s failed in the server", job.id)
                if job.process is not None and job.process.returncode is None:
                    job.process.kill()
                job.process = None
                if not job.ended:
                    job.end("failed", internal_error())
                    for callback in self.on_finish:
                        callback(job)

    async def _execute(self, job: Job) -> None:
        job.state = "running"
        logger.info("Job %s started: %s of %s", job.id, job.action, job.path)
        env = dict(os.environ)
        env["PYTHONPATH"] = os.pathsep.join(
            filter(None, [_PACKAGE_PARENT, env.get("PYTHONPATH")])
        )
        env["GIT_TERMINAL_PROMPT"] = "0"
        env["PYTHONUNBUFFERED"] = "1"
        process = await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "jupyter_dvc_s3.worker",
            stdin=asyncio.subprocess.PIPE,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE,
            cwd=os.fspath(job.git_root),
            env=env,
        )
        job.process = process
        assert process.stdin is not None and process.stdout is not None
        spec = job.spec()
        spec["lock_wait"] = self.settings.lock_wait
        spec["transfer_jobs"] = self.settings.transfer_jobs
        spec["default_remote"] = self.settings.default_remote()
        process.stdin.write(json.dumps(spec).encode())
        process.stdin.close()

        stderr_task = asyncio.ensure_future(self._log_stderr(job, process))
        done_event: dict[str, Any] | None = None
        timeout = self.settings.step_timeout or None
        deadline: float | None = None
        loop = asyncio.get_running_loop()
        while True:
            wait = None if deadline is None else max(0.0, deadline - loop.time())
            try:
                line = await asyncio.wait_for(process.stdout.readline(), wait)
            except asyncio.TimeoutError:
                job.timed_out_step = _running_step(job)
                logger.warning(
                    "Job %s step %s timed out after %s s",
                    job.id,
                    job.timed_out_step,
                    timeout,
                )
                process.kill()
                break
            if not line:
                break
            try:
                event = json.loads(line)
            except ValueError:
                logger.warning("Job %s: unreadable worker event %r", job.id, line[:200])
                continue
            if event.get("type") == "done":
                done_event = event
            else:
                # Events still count after a cancel request: a worker that
                # finishes first reports what it really did.
                job.apply(event)
                if event.get("type") == "step" and timeout is not None:
                    running = event["state"] == "running"
                    if running and deadline is None:
                        deadline = loop.time() + timeout
                    elif not running:
                        deadline = None
        returncode = await process.wait()
        await stderr_task
        job.process = None
        self._finish(job, returncode, done_event)
        for callback in self.on_finish:
            callback(job)

    def _finish(self, job: Job, returncode: int, done: dict[str, Any] | None) -> None:
        if done is None and job.cancel_requested:
            job.end("cancelled", _cancelled_error())
            logger.info("Job %s cancelled", job.id)
        elif job.timed_out_step is not None:
            job.end(
                "failed",
                DvcS3Error(
                    "timeout",
                    f"The step {job.timed_out_step!r} of the job ran longer than "
                    f"the limit of {self.settings.step_timeout:g} seconds.",
                    "Check the S3 endpoint and the git remote, then retry; "
                    "an administrator can raise DvcS3.step_timeout.",
                    step=job.timed_out_step,
                ),
            )
        elif done is None:
            job.end(
                "failed",
                DvcS3Error(
                    "internal",
                    f"The worker process of the job stopped unexpectedly "
                    f"(exit code {returncode}).",
                    "Look in the Jupyter server log, then retry the job; "
                    "it picks up where it stopped.",
                    step=_running_step(job),
                ),
            )
            logger.error("Job %s worker exited with code %s", job.id, returncode)
        elif done.get("ok"):
            job.end("succeeded")
            logger.info("Job %s succeeded: %s", job.id, job.result)
        else:
            job.end("failed")
            logger.warning("Job %s failed: %s", job.id, (job.error or {}).get("code"))
        if job.state == "failed" and job.output_tail:
            logger.warning(
                "Job %s worker output:\n%s", job.id, "\n".join(job.output_tail)
            )

    async def _log_stderr(self, job: Job, process: asyncio.subprocess.Process) -> None:
        """Log the worker's output: at debug level, or at warning on failure.

        The last lines are kept so that a failed job's traceback and DVC's
        messages reach the server log at its default level.
        """
        assert process.stderr is not None
        job.output_tail = []
        async for line in process.stderr:
            text = line.decode(errors="replace").rstrip()
            if not text:
                continue
            logger.debug("Job %s worker: %s", job.id, text)
            job.output_tail.append(text)
            del job.output_tail[:-_OUTPUT_TAIL_LINES]


def _running_step(job: Job) -> str | None:
    for step in job.steps:
        if step["state"] == "running":
            return step["name"]
    return None


def _cancelled_error() -> DvcS3Error:
    return DvcS3Error(
        "cancelled",
        "The job was cancelled.",
        "Start the job again to finish it; it picks up where it stopped.",
    )
