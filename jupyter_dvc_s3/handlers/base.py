"""The base of every handler: authorization, JSON bodies, errors and paths."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from jupyter_server.base.handlers import APIHandler
from tornado import web

from .. import paths
from ..errors import DvcS3Error, internal_error
from ..jobs import JobManager
from ..remote_status import RemoteStatusCache

#: The resource name that authorizers see for every route of this API.
AUTH_RESOURCE = "dvc_s3"

#: Largest request body accepted, in bytes.
MAX_BODY_BYTES = 64 * 1024

#: Longest commit message accepted, in characters.
MAX_MESSAGE_LENGTH = 10_000


#: Error codes of the HTTP errors that Jupyter itself raises, by status.
_HTTP_CODES = {401: "unauthorized", 403: "unauthorized", 404: "not_found"}
_HTTP_HINTS = {
    401: "Log in to Jupyter or send the server's token, then retry.",
    403: "Log in to Jupyter or send the server's token and XSRF cookie, then retry.",
}


class DvcS3Handler(APIHandler):
    """Base handler: authorization resource, JSON errors and path checks."""

    auth_resource = AUTH_RESOURCE

    @property
    def root(self) -> Path:
        return Path(self.settings["server_root_dir"]).resolve()

    @property
    def jobs(self) -> JobManager:
        return self.settings["dvc_s3_jobs"]

    @property
    def remote_status(self) -> RemoteStatusCache:
        return self.settings["dvc_s3_remote_status"]

    def resolve(self, api_path: Any) -> Path:
        return paths.resolve(self.root, api_path)

    def write_error(self, status_code: int, **kwargs: Any) -> None:
        exc_info = kwargs.get("exc_info")
        error = exc_info[1] if exc_info else None
        if isinstance(error, DvcS3Error):
            body = error.to_json()
        elif isinstance(error, web.HTTPError) and status_code < 500:
            body = {
                "code": _HTTP_CODES.get(status_code, "invalid_request"),
                "message": (error.log_message % error.args)
                if error.log_message
                else (error.reason or self._reason),
                "hint": _HTTP_HINTS.get(
                    status_code, "Check the request against the REST API reference."
                ),
            }
        else:
            body = internal_error().to_json()
        self.set_header("Content-Type", "application/json")
        self.finish(json.dumps(body))

    def json_body(self) -> dict[str, Any]:
        """Parse the request body as a JSON object."""
        if len(self.request.body) > MAX_BODY_BYTES:
            raise DvcS3Error(
                "invalid_request",
                f"The request body has {len(self.request.body)} bytes; "
                f"the limit is {MAX_BODY_BYTES}.",
                "Send a smaller request.",
            )
        try:
            body = json.loads(self.request.body or b"{}")
        except ValueError as error:
            raise DvcS3Error(
                "invalid_request",
                f"The request body is not valid JSON: {error}.",
                "Send a JSON object.",
            ) from error
        if not isinstance(body, dict):
            raise DvcS3Error(
                "invalid_request",
                "The request body must be a JSON object.",
                'Send a JSON object such as {"action": "version", "path": '
                '"pkl/model.pkl"}.',
            )
        return body

    def body_folder(self, body: dict[str, Any]) -> Path:
        """Return the resolved ``path`` field of a body, an existing folder."""
        api_path = body.get("path")
        if not isinstance(api_path, str):
            raise DvcS3Error(
                "invalid_request",
                "The field 'path' is missing.",
                "Send the folder's path relative to the server root; '' is the root.",
            )
        folder = self.resolve(api_path)
        if not folder.is_dir():
            raise DvcS3Error(
                "not_found",
                f"The folder {api_path!r} does not exist.",
                "Check the path relative to the server root.",
            )
        return folder

    def query_api_path(self, default: str | None = "") -> str | None:
        """Return the ``path`` query argument as sent, or ``default``.

        Tornado's ``get_query_argument`` turns control characters such as a
        NUL byte into spaces and strips the ends, so ``?path=%00`` would name
        the root. The raw value goes to `paths.resolve`, which rejects it.
        """
        values = self.request.query_arguments.get("path")
        if not values:
            return default
        try:
            return values[-1].decode("utf-8")
        except UnicodeDecodeError as error:
            raise DvcS3Error(
                "invalid_request",
                "The query argument 'path' is not valid UTF-8.",
                "Send the path percent-encoded as UTF-8.",
            ) from error

    def query_path(self) -> Path:
        """Return the resolved ``path`` query argument, which must exist."""
        api_path = self.query_api_path()
        folder = self.resolve(api_path)
        if not folder.exists():
            raise DvcS3Error(
                "not_found",
                f"The path {api_path!r} does not exist.",
                "Check the path relative to the server root.",
            )
        return folder


def optional_string(body: dict[str, Any], name: str, limit: int) -> str | None:
    value = body.get(name)
    if value is None:
        return None
    if not isinstance(value, str):
        raise DvcS3Error(
            "invalid_request",
            f"The field {name!r} must be a string, not {type(value).__name__}.",
            f"Send {name} as a string, or leave it out.",
        )
    if len(value) > limit:
        raise DvcS3Error(
            "invalid_request",
            f"The field {name!r} has {len(value)} characters; the limit is {limit}.",
            f"Send a shorter {name}.",
        )
    return value
