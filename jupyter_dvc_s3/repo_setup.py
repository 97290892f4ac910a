"""Set a folder up for versioning: git, DVC, a first commit, git identity.

Each function keeps what exists: a present git repo, ``.dvc`` folder,
remote or identity is never replaced, so running setup twice is safe.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import Any

import git

from .errors import DvcS3Error
from .git_commit import commit_paths, tree_with_files
from .remotes import ensure_default_remote

logger = logging.getLogger(__name__)

#: Files that ``dvc init`` creates and the first commit records.
DVC_FILES = (".dvc/config", ".dvc/.gitignore", ".dvcignore")


def git_identity(repo: git.Repo) -> dict[str, str | None]:
    """Return the user.name and user.email that git would commit with."""
    reader = repo.config_reader()
    return {
        "name": reader.get_value("user", "name", default="") or None,
        "email": reader.get_value("user", "email", default="") or None,
    }


def set_identity(git_root: Path, name: str, email: str) -> dict[str, str | None]:
    """Store user.name and user.email in the repo's own git config."""
    name, email = name.strip(), email.strip()
    if not name or len(name) > 200 or "\n" in name:
        raise DvcS3Error(
            "invalid_request",
            f"The git user name {name!r} is invalid.",
            "Send a name of 1 to 200 characters on one line.",
        )
    if "@" not in email or len(email) > 200 or "\n" in email or " " in email:
        raise DvcS3Error(
            "invalid_request",
            f"The git user email {email!r} is invalid.",
            "Send an email address such as name@example.com.",
        )
    with git.Repo(git_root) as repo:
        with repo.config_writer("repository") as config:
            config.set_value("user", "name", name)
            config.set_value("user", "email", email)
        logger.info("Set the git identity of %s", git_root)
        return git_identity(repo)


def _commit_paths(repo: git.Repo, paths: list[str], message: str) -> str | None:
    """Commit ``paths`` alone on top of HEAD; None when they hold no change.

    Raises ``no_git_identity`` or ``detached_head`` only when there is
    something to commit.
    """
    tree, parent = tree_with_files(repo, paths)
    if parent is not None and tree.hexsha == parent.tree.hexsha:
        return None

    missing = [key for key, value in git_identity(repo).items() if not value]
    if missing:
        raise DvcS3Error(
            "no_git_identity",
            "git user." + " and user.".join(missing) + " is not set, so "
            "DVC's files cannot be committed.",
            "Enter your name and email for git, then run the setup again.",
        )
    if repo.head.is_detached:
        raise DvcS3Error(
            "detached_head",
            "HEAD is not on a branch, so DVC's files cannot be committed.",
            "Check out a branch, then run the setup again.",
        )

    commit = commit_paths(repo, tree, parent, paths, message)
    return commit.hexsha


def init_repo(
    folder: Path,
    git_root: Path | None,
    *,
    init_git: bool,
    init_dvc: bool,
    branch: str,
    default_remote: dict[str, str] | None,
    identity: dict[str, str] | None = None,
) -> dict[str, Any]:
    """Initialise git (on ``branch``) and DVC, then commit DVC's files.

    Returns what was done: ``git_initialized``, ``dvc_initialized``,
    ``remote_added`` and the ``commit`` made, if any.
    """
    from dvc.repo import Repo

    done: dict[str, Any] = {
        "git_initialized": False,
        "dvc_initialized": False,
        "remote_added": False,
        "commit": None,
    }
    if git_root is None:
        if not init_git:
            raise DvcS3Error(
                "not_a_git_repo",
                f"The folder {folder.name!r} is not in a git repository.",
                "Ask for git to be initialised as well.",
            )
        git.Repo.init(folder, initial_branch=branch).close()
        git_root = folder
        done["git_initialized"] = True
        logger.info("Initialised git in %s on %s", folder, branch)

    with git.Repo(git_root) as repo:
        if identity:
            set_identity(git_root, identity.get("name", ""), identity.get("email", ""))
        if init_dvc and not (git_root / ".dvc").is_dir():
            Repo.init(os.fspath(git_root)).close()
            done["dvc_initialized"] = True
            logger.info("Initialised DVC in %s", git_root)
        if (git_root / ".dvc").is_dir():
            done["remote_added"] = ensure_default_remote(git_root, default_remote)

        paths = [path for path in DVC_FILES if (git_root / path).exists()]
        if paths:
            done["commit"] = _commit_paths(repo, paths, "Initialise DVC")
    return done
