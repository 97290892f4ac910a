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
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from .errors import DvcS3Error, internal_error
from .steps import ACTIONS, StepContext, StepSkipped

logger = logging.getLogger(__name__)

Emit = Callable[[dict[str, Any]], None]


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
    )
    failed = False
    for name, step in ACTIONS[spec["action"]]:
        if failed:
            emit({"type": "step", "name": name, "state": "skipped"})
            continue

        emit({"type": "step", "name": name, "state": "running"})
        try:
            step(ctx)
        except StepSkipped as skipped:
            emit(
                {
                    "type": "step",
                    "name": name,
                    "state": "skipped",
                    "message": str(skipped),
                }
            )
        except DvcS3Error as error:
            error.step = name
            failed = True
            emit(
                {
                    "type": "step",
                    "name": name,
                    "state": "failed",
                    "message": error.message,
                }
            )
            emit({"type": "error", "error": error.to_json()})
        except Exception:
            logger.exception("Step %s of %s failed", name, spec["target"])
            error = internal_error(name)
            failed = True
            emit(
                {
                    "type": "step",
                    "name": name,
                    "state": "failed",
                    "message": error.message,
                }
            )
            emit({"type": "error", "error": error.to_json()})
        else:
            emit({"type": "step", "name": name, "state": "succeeded"})
        emit({"type": "result", "result": ctx.result})
    return not failed


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

    def emit(event: dict[str, Any]) -> None:
        events.write(json.dumps(event) + "\n")

    spec = json.load(sys.stdin)
    ok = run(spec, emit)
    emit({"type": "done", "ok": ok})
    return 0


if __name__ == "__main__":
    sys.exit(main())
