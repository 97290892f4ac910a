"""Whether the DVC remote contains given objects, checked in one batch.

`check_objects` checks many MD5s against S3 with DVC's batched existence
check. `RemoteStatusCache` keeps the results for a short while per repo so
that listing models never waits for S3: a listing uses what is known and
starts a refresh in the background.
"""

from __future__ import annotations

import asyncio
import logging
import os
import time
from collections.abc import Iterable
from pathlib import Path

logger = logging.getLogger(__name__)


def check_objects(
    git_root: Path, objects: Iterable[tuple[str, bool]], remote: str | None = None
) -> dict[str, bool]:
    """Map each MD5 to whether the remote contains its object.

    ``objects`` contains pairs of an MD5 and whether DVC 2 wrote it, which
    decides the object's layout in the remote.
    """
    from dvc.repo import Repo

    by_layout: dict[bool, set[str]] = {False: set(), True: set()}
    for md5, legacy in objects:
        by_layout[legacy].add(md5)

    found: dict[str, bool] = {}
    with Repo(os.fspath(git_root)) as dvc:
        for legacy, md5s in by_layout.items():
            if not md5s:
                continue
            hash_name = "md5-dos2unix" if legacy else "md5"
            odb = dvc.cloud.get_remote_odb(remote, "status", hash_name=hash_name)
            existing = set(odb.oids_exist(sorted(md5s)))
            found.update({md5: md5 in existing for md5 in md5s})
    return found


class RemoteStatusCache:
    """Recent results of `check_objects`, per repository."""

    def __init__(self, ttl: float = 30.0, timeout: float = 15.0):
        self.ttl = ttl
        self.timeout = timeout
        self._known: dict[Path, dict[str, tuple[bool, float]]] = {}
        self._refreshing: dict[Path, asyncio.Task[None]] = {}

    def known(self, git_root: Path) -> dict[str, bool]:
        """Return the results for a repo that are still fresh."""
        now = time.monotonic()
        entries = self._known.get(git_root, {})
        return {md5: held for md5, (held, at) in entries.items() if now - at < self.ttl}

    def refresh_soon(self, git_root: Path, objects: list[tuple[str, bool]]) -> None:
        """Check in the background the objects that have no fresh result."""
        fresh = self.known(git_root)
        missing = [(md5, legacy) for md5, legacy in objects if md5 not in fresh]
        if not missing or git_root in self._refreshing:
            return
        task = asyncio.ensure_future(self.refresh(git_root, missing))
        self._refreshing[git_root] = task
        task.add_done_callback(lambda _task: self._refreshing.pop(git_root, None))

    async def refresh(
        self, git_root: Path, objects: list[tuple[str, bool]]
    ) -> dict[str, bool]:
        """Check the objects now, then store and return the results.

        Returns {} when S3 cannot be reached or does not respond in time.
        """
        try:
            found = await asyncio.wait_for(
                asyncio.to_thread(check_objects, git_root, objects), self.timeout
            )
        except Exception as error:  # noqa: BLE001 - the state stays unknown
            logger.info("Remote state of %s unknown: %r", git_root, error)
            return {}
        now = time.monotonic()
        entries = self._known.setdefault(git_root, {})
        entries.update({md5: (held, now) for md5, held in found.items()})
        return found

    def forget(self, git_root: Path) -> None:
        """Drop the results for a repo, as after a push."""
        self._known.pop(git_root, None)
