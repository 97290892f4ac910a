"""``GET repo``, ``POST repo`` and ``PUT repo/identity``."""

from __future__ import annotations

import asyncio
import json
from typing import Any

from jupyter_server.auth.decorator import authorized
from tornado import web

from .. import queries, repo_setup
from ..config import DvcS3
from ..errors import DvcS3Error
from .base import DvcS3Handler


def _flag(body: dict[str, Any], name: str) -> bool:
    value = body.get(name, False)
    if not isinstance(value, bool):
        raise DvcS3Error(
            "invalid_request",
            f"The field {name!r} must be true or false, not {value!r}.",
            f"Send {name} as a JSON boolean.",
        )
    return value


def _identity(body: dict[str, Any]) -> dict[str, str] | None:
    name, email = body.get("user_name"), body.get("user_email")
    if name is None and email is None:
        return None
    if not isinstance(name, str) or not isinstance(email, str):
        raise DvcS3Error(
            "invalid_request",
            "The fields 'user_name' and 'user_email' must both be strings.",
            "Send both, or neither.",
        )
    return {"name": name, "email": email}


class RepoHandler(DvcS3Handler):
    """``GET repo?path=DIR`` describes the repo, ``POST repo`` sets it up."""

    @web.authenticated
    @authorized
    async def get(self) -> None:
        folder = self.query_path()
        info = await asyncio.to_thread(queries.repo_info, self.root, folder)
        self.finish(json.dumps(info))

    @web.authenticated
    @authorized
    async def post(self) -> None:
        body = self.json_body()
        folder = self.body_folder(body)
        init_git, init_dvc = _flag(body, "git"), _flag(body, "dvc")
        identity = _identity(body)
        settings: DvcS3 = self.settings["dvc_s3"]

        git_root = queries.find_git_root(self.root, folder)
        done = await asyncio.to_thread(
            repo_setup.init_repo,
            folder,
            git_root,
            init_git=init_git,
            init_dvc=init_dvc,
            branch=settings.git_branch,
            default_remote=settings.default_remote(),
            identity=identity,
        )
        self.log.info("dvc-s3 setup of %s: %s", folder, done)
        info = await asyncio.to_thread(queries.repo_info, self.root, folder)
        self.finish(json.dumps({**info, "setup": done}))


class IdentityHandler(DvcS3Handler):
    """``PUT repo/identity``: store git user.name and user.email in the repo."""

    @web.authenticated
    @authorized
    async def put(self) -> None:
        body = self.json_body()
        folder = self.body_folder(body)
        identity = _identity(body)
        if identity is None:
            raise DvcS3Error(
                "invalid_request",
                "The fields 'user_name' and 'user_email' are missing.",
                "Send the name and email that commits should carry.",
            )
        git_root = queries.require_git_root(self.root, folder, body["path"])
        stored = await asyncio.to_thread(
            repo_setup.set_identity, git_root, identity["name"], identity["email"]
        )
        self.finish(json.dumps({"git_identity": stored}))
