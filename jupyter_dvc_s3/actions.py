"""The steps of each job action, in the order they run."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from . import git_push, restore, steps

Step = Callable[..., dict[str, Any]]

ACTIONS: dict[str, list[tuple[str, Step]]] = {
    "add": [("add", steps.add)],
    "push": [("push", steps.push)],
    "commit": [("commit", steps.commit)],
    "git_push": [("git_push", git_push.git_push)],
    "version": [
        ("add", steps.add),
        ("push", steps.push),
        ("commit", steps.commit),
        ("git_push", git_push.git_push),
    ],
    "pull": [("pull", restore.pull)],
    "restore": [("restore", restore.restore)],
}

#: Actions that need the ``commit`` field.
NEEDS_COMMIT = {"restore"}
