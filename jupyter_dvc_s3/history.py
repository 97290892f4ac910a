"""The versions of one model, read from the git history of its ``.dvc`` file."""

from __future__ import annotations

import io
import logging
from pathlib import Path
from typing import Any

import git
import yaml

from .catalog import remote_layout, workspace_md5
from .errors import DvcS3Error
from .paths import to_api_path
from .queries import require_git_root

logger = logging.getLogger(__name__)

#: Most versions returned for one model.
MAX_VERSIONS = 500


def dvc_file_for(target: Path) -> Path:
    """Return the ``.dvc`` file of a data file, or the path itself for one."""
    if target.suffix == ".dvc":
        return target
    return target.with_name(target.name + ".dvc")


def _output_at(blob: git.Blob, name: str) -> dict[str, Any] | None:
    try:
        data = yaml.safe_load(io.BytesIO(blob.data_stream.read()))
    except yaml.YAMLError:
        return None
    if not isinstance(data, dict):
        return None
    for out in data.get("outs") or []:
        if isinstance(out, dict) and out.get("path") == name and out.get("md5"):
            return out
    return None


def model_history(
    root: Path, target: Path, remote_status: dict[str, bool] | None = None
) -> list[dict[str, Any]]:
    """List the versions of a model, newest first.

    A version is a commit on the current branch that changed the model's
    ``.dvc`` file and records an MD5 for it. ``remote_status`` maps MD5s to
    whether the remote contains them. MD5s missing from it get ``in_remote``
    null.
    """
    api_path = to_api_path(root, target)
    git_root = require_git_root(root, target.parent, api_path)
    dvc_file = dvc_file_for(target)
    data_file = dvc_file.with_suffix("")
    relative = dvc_file.relative_to(git_root).as_posix()

    repo = git.Repo(git_root)
    try:
        if not repo.head.is_valid():
            commits = []
        else:
            commits = list(
                repo.iter_commits("HEAD", paths=relative, max_count=MAX_VERSIONS)
            )
        if not commits and not dvc_file.exists():
            raise DvcS3Error(
                "not_found",
                f"{api_path!r} has no versions: {relative!r} was never committed.",
                "Save a version of the model first.",
            )

        layout = remote_layout(git_root)
        workspace = workspace_md5(git_root, data_file)
        versions = []
        current_found = False
        for commit in commits:
            try:
                blob = commit.tree / relative
            except KeyError:
                continue
            out = _output_at(blob, data_file.name)
            if out is None:
                continue
            md5 = out["md5"]
            legacy = out.get("hash") != "md5"
            # Several commits can record the same data; the newest of them
            # is the version the workspace contains.
            current = md5 == workspace and not current_found
            current_found = current_found or current
            versions.append(
                {
                    "commit": commit.hexsha,
                    "author": commit.author.name,
                    "date": commit.authored_datetime.isoformat(),
                    "message": commit.message.strip(),
                    "md5": md5,
                    "size": out.get("size"),
                    "s3_url": layout.object_url(md5, legacy),
                    "legacy": legacy,
                    "in_remote": (remote_status or {}).get(md5),
                    "current": current,
                }
            )
    finally:
        repo.close()
    return versions
