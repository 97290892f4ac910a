"""Error codes of the REST API and the exception that carries them.

Every failure the user can act on is raised as `DvcS3Error` with a stable
code, a message naming the value that failed and a hint with the next step.
The handlers turn it into a JSON error response, the job runner into a
failed job's ``error`` field.
"""

from __future__ import annotations

from typing import Any

from tornado import web

#: HTTP status of each error code.
STATUS = {
    "invalid_request": 400,
    "outside_root": 403,
    "not_found": 404,
    "not_a_git_repo": 409,
    "dvc_not_initialized": 409,
    "no_remote": 409,
    "bucket_not_found": 502,
    "access_denied": 502,
    "no_credentials": 409,
    "endpoint_unreachable": 502,
    "timeout": 504,
    "tracked_by_git": 409,
    "path_ignored": 409,
    "no_git_identity": 409,
    "no_git_remote": 409,
    "push_rejected": 409,
    "detached_head": 409,
    "unsaved_changes": 409,
    "repo_busy": 409,
    "cancelled": 409,
    "internal": 500,
}


class DvcS3Error(web.HTTPError):
    """A failure with an error code, a message and a hint for the user.

    It subclasses `tornado.web.HTTPError` so that a handler can raise it
    and Tornado responds with the code's status.
    """

    def __init__(self, code: str, message: str, hint: str, step: str | None = None):
        if code not in STATUS:
            raise ValueError(f"unknown error code {code!r}")
        super().__init__(STATUS[code], "%s", message)
        self.code = code
        self.message = message
        self.hint = hint
        self.step = step

    def __str__(self) -> str:
        return f"{self.code}: {self.message}"

    def to_json(self) -> dict[str, Any]:
        """Return the error as the API's ``error`` object."""
        body: dict[str, Any] = {
            "code": self.code,
            "message": self.message,
            "hint": self.hint,
        }
        if self.step is not None:
            body["step"] = self.step
        return body

    @classmethod
    def from_json(cls, body: dict[str, Any]) -> DvcS3Error:
        """Build the error back from its ``error`` object."""
        return cls(body["code"], body["message"], body["hint"], body.get("step"))


def internal_error(step: str | None = None) -> DvcS3Error:
    """Return the error reported for an unexpected exception."""
    return DvcS3Error(
        "internal",
        "An unexpected error occurred.",
        "Look in the Jupyter server log for the traceback, then retry.",
        step,
    )
