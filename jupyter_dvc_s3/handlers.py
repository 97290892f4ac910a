"""REST handlers under ``{base_url}dvc-s3/``.

Handlers parse the request, check the path, call the plain functions of
`queries` and `jobs`, and serialize the answer. Errors are JSON objects
with ``code``, ``message`` and ``hint``.
"""

from __future__ import annotations

import asyncio
import json
from pathlib import Path
from typing import Any

from jupyter_server.auth.decorator import authorized
from jupyter_server.base.handlers import APIHandler
from jupyter_server.utils import url_path_join
from tornado import web

from . import history, paths, queries
from .actions import ACTIONS, NEEDS_COMMIT
from .config import DvcS3
from .errors import DvcS3Error, internal_error
from .jobs import Job, JobManager
from .remote_status import RemoteStatusCache

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

    def query_path(self) -> Path:
        """Return the resolved ``path`` query argument, which must exist."""
        api_path = self.get_query_argument("path", "")
        folder = self.resolve(api_path)
        if not folder.exists():
            raise DvcS3Error(
                "not_found",
                f"The path {api_path!r} does not exist.",
                "Check the path relative to the server root.",
            )
        return folder


class RepoHandler(DvcS3Handler):
    """``GET repo?path=DIR``: the git and DVC repository around a folder."""

    @web.authenticated
    @authorized
    async def get(self) -> None:
        folder = self.query_path()
        info = await asyncio.to_thread(queries.repo_info, self.root, folder)
        self.finish(json.dumps(info))


class ModelsHandler(DvcS3Handler):
    """``GET models?path=DIR``: tracked outputs and untracked model files.

    The remote state comes from answers S3 gave in the last seconds; models
    with no fresh answer are ``unknown`` and S3 is asked in the background,
    so the listing never waits for S3.
    """

    @web.authenticated
    @authorized
    async def get(self) -> None:
        folder = self.query_path()
        models = await asyncio.to_thread(queries.list_models, self.root, folder)
        git_root = queries.find_git_root(self.root, folder)
        if git_root is not None:
            self._apply_remote_status(git_root, models)
        self.finish(json.dumps({"models": models}))

    def _apply_remote_status(
        self, git_root: Path, models: list[dict[str, Any]]
    ) -> None:
        known = self.remote_status.known(git_root)
        objects = []
        for model in models:
            md5 = model.get("md5")
            if not md5 or md5.endswith(".dir") or not model.get("s3_url"):
                continue
            objects.append((md5, bool(model.pop("_legacy", False))))
            if md5 in known:
                model["remote"] = "in_remote" if known[md5] else "not_in_remote"
        for model in models:
            model.pop("_legacy", None)
        self.remote_status.refresh_soon(git_root, objects)


class HistoryHandler(DvcS3Handler):
    """``GET models/history?path=FILE``: the versions of one model."""

    @web.authenticated
    @authorized
    async def get(self) -> None:
        api_path = self.get_query_argument("path", "")
        target = self.resolve(api_path)
        if target.suffix == ".dvc":
            target = target.with_suffix("")
        versions = await asyncio.to_thread(history.model_history, self.root, target)
        git_root = queries.find_git_root(self.root, target.parent)
        objects = [(version["md5"], version.pop("legacy")) for version in versions]
        if git_root is not None and objects:
            found = await self.remote_status.refresh(git_root, objects)
            for version in versions:
                version["in_remote"] = found.get(version["md5"])
        self.finish(json.dumps({"versions": versions}))


def _optional_string(body: dict[str, Any], name: str, limit: int) -> str | None:
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


class JobsHandler(DvcS3Handler):
    """``POST jobs`` starts a job, ``GET jobs?path=DIR`` lists them."""

    @web.authenticated
    @authorized
    async def get(self) -> None:
        api_path = self.get_query_argument("path", None)
        git_root = None
        if api_path is not None:
            folder = self.resolve(api_path)
            git_root = queries.find_git_root(self.root, folder)
            if git_root is None:
                self.finish(json.dumps({"jobs": []}))
                return
        jobs = [job.to_json() for job in self.jobs.list(git_root)]
        self.finish(json.dumps({"jobs": jobs}))

    @web.authenticated
    @authorized
    async def post(self) -> None:
        body = self.json_body()
        action = body.get("action")
        if action not in ACTIONS:
            raise DvcS3Error(
                "invalid_request",
                f"The action {action!r} is not known.",
                f"Use one of: {', '.join(ACTIONS)}.",
            )
        api_path = body.get("path")
        if not isinstance(api_path, str) or not api_path:
            raise DvcS3Error(
                "invalid_request",
                "The field 'path' is missing.",
                "Send the path of the model file, such as 'pkl/model.pkl'.",
            )
        message = _optional_string(body, "message", MAX_MESSAGE_LENGTH)
        remote = _optional_string(body, "remote", 200)
        commit = _optional_string(body, "commit", 200)
        if action in NEEDS_COMMIT and not commit:
            raise DvcS3Error(
                "invalid_request",
                f"The action {action!r} needs the field 'commit'.",
                "Send the commit of the version to restore, from the model's history.",
            )
        overwrite = body.get("overwrite", False)
        if not isinstance(overwrite, bool):
            raise DvcS3Error(
                "invalid_request",
                f"The field 'overwrite' must be true or false, not {overwrite!r}.",
                "Send overwrite as a JSON boolean.",
            )

        target = self.resolve(api_path)
        if target.suffix == ".dvc" and target.is_file():
            target = target.with_suffix("")
        needs_data = action in ("add", "version")
        dvc_file_exists = target.with_name(target.name + ".dvc").exists()
        if not target.exists() and (needs_data or not dvc_file_exists):
            raise DvcS3Error(
                "not_found",
                f"The file {api_path!r} does not exist.",
                "Check the path, or save the model to that file first.",
            )

        git_root = queries.require_git_root(self.root, target.parent, api_path)
        queries.require_dvc(git_root, self.root)

        job = Job(
            action=action,
            path=paths.to_api_path(self.root, target),
            git_root=git_root,
            git_root_api_path=paths.to_api_path(self.root, git_root),
            target=target,
            message=message or "",
            remote=remote,
            git_remote=self.jobs.settings.git_remote,
            commit=commit,
            overwrite=overwrite,
        )
        self.jobs.submit(job)
        self.log.info("dvc-s3 job %s: %s of %s", job.id, action, job.path)
        location = url_path_join(self.base_url, "dvc-s3", "jobs", job.id)
        self.set_status(202)
        self.set_header("Location", location)
        self.finish(json.dumps(job.to_json()))


class JobHandler(DvcS3Handler):
    """``GET jobs/ID`` reads a job, ``DELETE jobs/ID`` cancels it."""

    @web.authenticated
    @authorized
    async def get(self, job_id: str) -> None:
        self.finish(json.dumps(self.jobs.get(job_id).to_json()))

    @web.authenticated
    @authorized
    async def delete(self, job_id: str) -> None:
        job = self.jobs.cancel(job_id)
        self.set_status(202)
        self.finish(json.dumps(job.to_json()))


def setup_handlers(web_app: web.Application, settings: DvcS3) -> None:
    """Register the routes and the job manager on the server's application."""
    jobs = JobManager(settings)
    remote_status = RemoteStatusCache()
    jobs.on_finish.append(lambda job: remote_status.forget(job.git_root))
    web_app.settings["dvc_s3"] = settings
    web_app.settings["dvc_s3_jobs"] = jobs
    web_app.settings["dvc_s3_remote_status"] = remote_status
    base = url_path_join(web_app.settings["base_url"], "dvc-s3")
    web_app.add_handlers(
        ".*$",
        [
            (url_path_join(base, "repo"), RepoHandler),
            (url_path_join(base, "models"), ModelsHandler),
            (url_path_join(base, "models", "history"), HistoryHandler),
            (url_path_join(base, "jobs"), JobsHandler),
            (url_path_join(base, "jobs", r"([0-9a-f]{32})"), JobHandler),
        ],
    )
