"""The worker process that runs one job's steps.

The server starts ``python -m jupyter_dvc_s3.worker`` for each job, writes
the job's spec as JSON to its standard input and reads events back, one
JSON object per line, from its standard output. Anything DVC or git print
goes to standard error, which the server logs. A crash or hang here cannot
take the server down, and killing the process cancels the job for certain.
"""

from __future__ import annotations

import json
import logging
import os
import signal
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from . import progress
from .actions import ACTIONS
from .errors import DvcS3Error, internal_error
from .steps import StepContext, StepSkipped

logger = logging.getLogger(__name__)

Emit = Callable[[dict[str, Any]], None]

#: Steps whose bytes are counted, so their progress has a total.
_BYTE_STEPS = {"add", "push", "pull", "restore"}

#: Seconds between two attempts to take a busy repository lock.
_LOCK_RETRY_INTERVAL = 1.0


def _run_step(
    name: str,
    step: Callable[[StepContext], Any],
    ctx: StepContext,
    emit: Emit,
    lock_wait: float,
) -> None:
    """Run one step, retrying while another process holds DVC's lock."""
    deadline = time.monotonic() + lock_wait
    waiting = False
    while True:
        try:
            step(ctx)
            return
        except DvcS3Error as error:
            if error.code != "repo_busy" or time.monotonic() >= deadline:
                raise
            if not waiting:
                waiting = True
                emit(
                    {
                        "type": "step",
                        "name": name,
                        "state": "running",
                        "message": "Waiting for the repository lock",
                    }
                )
                logger.info("Waiting for the DVC lock of %s", ctx.git_root)
            time.sleep(_LOCK_RETRY_INTERVAL)


def run(spec: dict[str, Any], emit: Emit) -> bool:
    """Run the steps of the action in ``spec``, sending events to ``emit``.

    The steps run in order. After the first failed step the others are
    marked ``skipped``, so a commit never records data that was not pushed.
    Returns True when no step failed.
    """
    ctx = StepContext(
        git_root=Path(spec["git_root"]),
        target=Path(spec["target"]),
        message=spec.get("message") or "",
        remote=spec.get("remote") or None,
        git_remote=spec.get("git_remote") or "origin",
        commit=spec.get("commit"),
        overwrite=bool(spec.get("overwrite")),
        default_remote=spec.get("default_remote"),
        transfer_jobs=int(spec.get("transfer_jobs") or 4),
    )
    reporter = progress.Reporter(emit)
    progress.install(reporter)
    failed = False
    try:
        for name, step in ACTIONS[spec["action"]]:
            if failed:
                emit({"type": "step", "name": name, "state": "skipped"})
                continue

            emit({"type": "step", "name": name, "state": "running"})
            if name in _BYTE_STEPS:
                reporter.start(name, _size(ctx.target))
            try:
                _run_step(name, step, ctx, emit, float(spec.get("lock_wait", 0)))
            except StepSkipped as skipped:
                state, message = "skipped", str(skipped)
            except DvcS3Error as error:
                error.step = name
                failed = True
                state, message = "failed", error.message
                emit({"type": "error", "error": error.to_json()})
            except Exception:
                logger.exception("Step %s of %s failed", name, spec["target"])
                error = internal_error(name)
                failed = True
                state, message = "failed", error.message
                emit({"type": "error", "error": error.to_json()})
            else:
                state, message = "succeeded", ""
            finally:
                reporter.stop()
            event = {"type": "step", "name": name, "state": state}
            if message:
                event["message"] = message
            emit(event)
            emit({"type": "result", "result": ctx.result})
    finally:
        reporter.close()
    return not failed


def _size(path: Path) -> int | None:
    try:
        return path.stat().st_size if path.is_file() else None
    except OSError:
        return None


def _exit_on_sigterm(signum: int, frame: Any) -> None:
    raise SystemExit(128 + signum)


def main() -> int:
    """Read a job spec from standard input and run it."""
    # Keep the real standard output for events and send everything else,
    # including DVC's own printing, to standard error.
    events = os.fdopen(os.dup(1), "w", buffering=1, encoding="utf-8")
    os.dup2(2, 1)
    sys.stdout = sys.stderr
    logging.basicConfig(
        level=logging.INFO,
        stream=sys.stderr,
        format="%(levelname)s %(name)s: %(message)s",
    )
    write_lock = threading.Lock()

    def emit(event: dict[str, Any]) -> None:
        line = json.dumps(event) + "\n"
        with write_lock:
            events.write(line)

    # Cancel sends SIGTERM. Raising here lets each step undo a half-done
    # change in its cleanup code before the process exits.
    signal.signal(signal.SIGTERM, _exit_on_sigterm)
    spec = json.load(sys.stdin)
    ok = run(spec, emit)
    emit({"type": "done", "ok": ok})
    return 0


if __name__ == "__main__":
    sys.exit(main())
