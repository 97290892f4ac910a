"""``GET repo`` and ``POST repo``: the repository around a folder, and its setup."""

from __future__ import annotations

import asyncio
import json

from jupyter_server.auth.decorator import authorized
from tornado import web

from .. import queries
from .base import DvcS3Handler


class RepoHandler(DvcS3Handler):
    """``GET repo?path=DIR``: the git and DVC repository around a folder."""

    @web.authenticated
    @authorized
    async def get(self) -> None:
        folder = self.query_path()
        info = await asyncio.to_thread(queries.repo_info, self.root, folder)
        self.finish(json.dumps(info))
