"""``POST jobs``, ``GET jobs``, ``GET jobs/ID`` and ``DELETE jobs/ID``."""

from __future__ import annotations

import json

from jupyter_server.auth.decorator import authorized
from jupyter_server.utils import url_path_join
from tornado import web

from .. import paths, queries
from ..actions import ACTIONS, NEEDS_COMMIT
from ..errors import DvcS3Error
from ..jobs import Job
from .base import MAX_MESSAGE_LENGTH, DvcS3Handler, optional_string


class JobsHandler(DvcS3Handler):
    """``POST jobs`` starts a job, ``GET jobs?path=DIR`` lists them."""

    @web.authenticated
    @authorized
    async def get(self) -> None:
        api_path = self.query_api_path(None)
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
        message = optional_string(body, "message", MAX_MESSAGE_LENGTH)
        remote = optional_string(body, "remote", 200)
        commit = optional_string(body, "commit", 200)
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
