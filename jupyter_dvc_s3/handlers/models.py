"""``GET models`` and ``GET models/history``."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path
from typing import Any

from jupyter_server.auth.decorator import authorized
from tornado import web

from .. import catalog, history, queries
from .base import DvcS3Handler


class ModelsHandler(DvcS3Handler):
    """``GET models?path=DIR``: tracked outputs and untracked model files.

    The remote state comes from S3 checks made in the last seconds. Models
    with no fresh result are ``unknown`` and S3 is asked in the background,
    so the listing never waits for S3.
    """

    @web.authenticated
    @authorized
    async def get(self) -> None:
        folder = self.query_path()
        models = await asyncio.to_thread(catalog.list_models, self.root, folder)
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
        api_path = self.query_api_path()
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
