"""``GET remotes``, ``PUT remotes/NAME`` and ``POST remotes/NAME/check``."""

from __future__ import annotations

import asyncio
import json

from jupyter_server.auth.decorator import authorized
from tornado import web

from .. import queries, remotes
from ..errors import DvcS3Error
from .base import DvcS3Handler

#: Seconds a remote check may take before it reports ``timeout``.
CHECK_TIMEOUT = 30.0


class RemotesHandler(DvcS3Handler):
    """``GET remotes?path=DIR``: the DVC remotes of the repo, without secrets."""

    @web.authenticated
    @authorized
    async def get(self) -> None:
        folder = self.query_path()
        git_root = queries.require_git_root(self.root, folder, self.query_api_path())
        queries.require_dvc(git_root, self.root)
        found = await asyncio.to_thread(queries.list_remotes, git_root)
        self.finish(json.dumps({"remotes": found}))


class RemoteHandler(DvcS3Handler):
    """``PUT remotes/NAME``: save a remote's settings and keys."""

    @web.authenticated
    @authorized
    async def put(self, name: str) -> None:
        body = self.json_body()
        folder = self.body_folder(body)
        git_root = queries.require_git_root(self.root, folder, body["path"])
        queries.require_dvc(git_root, self.root)
        default = body.get("default", False)
        if not isinstance(default, bool):
            raise DvcS3Error(
                "invalid_request",
                f"The field 'default' must be true or false, not {default!r}.",
                "Send default as a JSON boolean.",
            )
        saved = await asyncio.to_thread(remotes.save_remote, git_root, name, body)
        self.log.info("dvc-s3 saved the remote %s of %s", name, git_root)
        self.finish(json.dumps(saved))


class RemoteCheckHandler(DvcS3Handler):
    """``POST remotes/NAME/check``: a real request to the remote's bucket."""

    @web.authenticated
    @authorized
    async def post(self, name: str) -> None:
        body = self.json_body()
        folder = self.body_folder(body)
        git_root = queries.require_git_root(self.root, folder, body["path"])
        queries.require_dvc(git_root, self.root)
        try:
            result = await asyncio.wait_for(
                asyncio.to_thread(remotes.check_remote, git_root, name), CHECK_TIMEOUT
            )
        except asyncio.TimeoutError:
            error = DvcS3Error(
                "timeout",
                f"The check of the remote {name!r} took more than {CHECK_TIMEOUT:g} s.",
                "Check the endpoint URL and the network, then retry.",
            )
            result = {"ok": False, **error.to_json()}
        self.finish(json.dumps(result))
