"""Fast reads: the repository around a folder and the models in it.

These functions read git and DVC state without taking DVC's repository
lock, so they can run in a thread pool while a job works on the same
repository.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import git

from .errors import DvcS3Error
from .paths import to_api_path

logger = logging.getLogger(__name__)


def find_git_root(root: Path, folder: Path) -> Path | None:
    """Return the working tree root of the git repo holding ``folder``.

    The search stops at the server root, so a repository that starts above
    it is not found: its files are not all reachable through the API.
    """
    current = folder if folder.is_dir() else folder.parent
    while True:
        if (current / ".git").exists():
            return current
        if current == root or root not in current.parents:
            return None
        current = current.parent


def require_git_root(root: Path, folder: Path, api_path: str) -> Path:
    """Return the git root around ``folder`` or raise ``not_a_git_repo``."""
    found = find_git_root(root, folder)
    if found is None:
        raise DvcS3Error(
            "not_a_git_repo",
            f"The folder {api_path or '/'!r} is not in a git repository.",
            "Open a folder inside a git repository, or initialise one there.",
        )
    return found


def require_dvc(git_root: Path, root: Path) -> None:
    """Raise ``dvc_not_initialized`` unless the repo has a ``.dvc`` folder."""
    if not (git_root / ".dvc").is_dir():
        raise DvcS3Error(
            "dvc_not_initialized",
            f"DVC is not initialised in the repository "
            f"{to_api_path(root, git_root) or '/'!r}.",
            "Initialise DVC in the repository root, then retry.",
        )


def strip_userinfo(url: str) -> str:
    """Remove a user name and password from a URL, which may carry a token."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return url
    if not parts.netloc or "@" not in parts.netloc:
        return url
    host = parts.netloc.rsplit("@", 1)[1]
    return urlunsplit(parts._replace(netloc=host))


def repo_info(root: Path, folder: Path) -> dict[str, Any]:
    """Describe the git and DVC repository around ``folder``."""
    info: dict[str, Any] = {
        "path": to_api_path(root, folder),
        "git_root": None,
        "dvc_initialized": False,
        "branch": None,
        "upstream": None,
        "remotes": [],
        "git_remotes": [],
        "git_identity": None,
    }
    git_root = find_git_root(root, folder)
    if git_root is None:
        return info

    info["git_root"] = to_api_path(root, git_root)
    repo = git.Repo(git_root)
    try:
        if not repo.head.is_detached:
            branch = repo.active_branch
            info["branch"] = branch.name
            tracking = branch.tracking_branch()
            info["upstream"] = tracking.name if tracking is not None else None
        reader = repo.config_reader()
        info["git_identity"] = {
            "name": reader.get_value("user", "name", default="") or None,
            "email": reader.get_value("user", "email", default="") or None,
        }
        info["git_remotes"] = [
            {"name": remote.name, "url": strip_userinfo(next(remote.urls, ""))}
            for remote in repo.remotes
        ]
    finally:
        repo.close()

    if (git_root / ".dvc").is_dir():
        info["dvc_initialized"] = True
        info["remotes"] = list_remotes(git_root)
    return info


def list_remotes(git_root: Path) -> list[dict[str, Any]]:
    """List the DVC remotes of a repo, without any secret value."""
    from dvc.config import Config

    config = Config(os.path.join(git_root, ".dvc"))
    local = config.read("local").get("remote", {})
    default = config.get("core", {}).get("remote")
    remotes = []
    for name, settings in config.get("remote", {}).items():
        local_settings = local.get(name, {})
        if local_settings.get("access_key_id") or local_settings.get(
            "secret_access_key"
        ):
            credentials = "local"
        elif settings.get("profile"):
            credentials = "profile"
        elif os.environ.get("AWS_ACCESS_KEY_ID"):
            credentials = "environment"
        else:
            credentials = "none"
        remotes.append(
            {
                "name": name,
                "url": settings.get("url"),
                "endpointurl": settings.get("endpointurl"),
                "region": settings.get("region"),
                "profile": settings.get("profile"),
                "default": name == default,
                "credentials": credentials,
            }
        )
    return remotes
