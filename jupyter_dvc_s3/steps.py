"""The steps of a job: dvc add, dvc push, git commit and git push.

Each step is a plain function of a `StepContext`. It returns the fields it
adds to the job's result, raises `StepSkipped` when there is nothing to do,
and raises `DvcS3Error` for a failure the user can act on. The functions
take DVC's repository lock through `dvc.repo.Repo`, so they run in a job's
worker process, never on the server's event loop.
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import git

from .catalog import read_dvc_file
from .errors import DvcS3Error
from .git_commit import UnsupportedIndexError, commit_paths, tree_with_files
from .remote_errors import remote_error
from .remotes import ensure_default_remote

logger = logging.getLogger(__name__)


class StepSkipped(Exception):
    """Raised by a step that has nothing to do. The message gives the reason."""


@dataclass
class StepContext:
    """Inputs of one job's steps and the result they build up."""

    git_root: Path
    target: Path
    message: str = ""
    remote: str | None = None
    git_remote: str = "origin"
    commit: str | None = None
    overwrite: bool = False
    default_remote: dict[str, str] | None = None
    transfer_jobs: int = 4
    result: dict[str, Any] = field(default_factory=dict)

    @property
    def relative_target(self) -> str:
        """The target's path relative to the repo root, `/`-separated."""
        return self.target.relative_to(self.git_root).as_posix()

    @property
    def dvc_file(self) -> Path:
        """The ``.dvc`` file that records the target."""
        return self.target.with_name(self.target.name + ".dvc")

    @property
    def relative_dvc_file(self) -> str:
        return self.dvc_file.relative_to(self.git_root).as_posix()


def _open_dvc(git_root: Path):
    from dvc.lock import LockError
    from dvc.repo import Repo

    try:
        return Repo(os.fspath(git_root))
    except LockError as error:
        raise _busy(git_root) from error


def _busy(git_root: Path) -> DvcS3Error:
    return DvcS3Error(
        "repo_busy",
        f"Another DVC process holds the lock of the repository {git_root.name!r}.",
        "Wait for the other DVC command to finish, then retry.",
    )


def _recorded_output(ctx: StepContext):
    if not ctx.dvc_file.exists():
        return None
    for out in read_dvc_file(ctx.dvc_file):
        if out.path == ctx.target.resolve():
            return out
    return None


def _check_addable(ctx: StepContext, repo: git.Repo) -> None:
    if not ctx.target.exists():
        raise DvcS3Error(
            "not_found",
            f"The file {ctx.relative_target!r} does not exist.",
            "Check the path, or save the model to that file first.",
        )
    try:
        tracked = (ctx.relative_target, 0) in repo.index.entries
    except (AssertionError, ValueError) as error:
        raise _unsupported_index(error) from error
    if tracked:
        raise DvcS3Error(
            "tracked_by_git",
            f"The file {ctx.relative_target!r} is already tracked by git, "
            "so DVC cannot take it over.",
            f"Remove it from git's index while keeping the file "
            f"(git rm --cached {ctx.relative_target}), commit, then retry.",
        )
    if repo.ignored(ctx.relative_dvc_file):
        raise DvcS3Error(
            "path_ignored",
            f"The DVC file {ctx.relative_dvc_file!r} would be ignored by git, "
            "so its commit could not record this version.",
            "Change the .gitignore rule that matches it, then retry.",
        )


def add(ctx: StepContext) -> dict[str, Any]:
    """Hash the target into the DVC cache and write its ``.dvc`` file."""
    from dvc.lock import LockError

    with git.Repo(ctx.git_root) as repo:
        _check_addable(ctx, repo)

    before = _recorded_output(ctx)
    try:
        with _open_dvc(ctx.git_root) as dvc:
            dvc.add(os.fspath(ctx.target))
    except LockError as error:
        raise _busy(ctx.git_root) from error

    after = _recorded_output(ctx)
    if after is None or after.md5 is None:
        raise DvcS3Error(
            "internal",
            f"DVC did not record an MD5 for {ctx.relative_target!r}.",
            "Look in the Jupyter server log, then retry.",
        )
    ctx.result.update(
        md5=after.md5,
        size=after.size,
        dvc_file=ctx.relative_dvc_file,
    )
    if before is not None and before.md5 == after.md5:
        raise StepSkipped(f"{ctx.relative_target} is unchanged since its last add.")
    return ctx.result


def _remote_odb(ctx: StepContext, dvc, legacy: bool = False):
    from dvc.config import NoRemoteError, RemoteNotFoundError

    try:
        return dvc.cloud.get_remote_odb(
            ctx.remote, "push", hash_name="md5-dos2unix" if legacy else "md5"
        )
    except (NoRemoteError, RemoteNotFoundError) as error:
        if ctx.remote:
            message = f"The DVC remote {ctx.remote!r} is not configured."
        else:
            message = "No default DVC remote is configured."
        raise DvcS3Error(
            "no_remote",
            message,
            "Add an S3 remote to the repository's DVC settings and make it "
            "the default, then retry.",
        ) from error


def _check_bucket(odb) -> None:
    """List the bucket's top level, which fails early with a clear cause.

    Without this, DVC reports a missing bucket or refused keys only as a
    count of failed files.
    """
    bucket = odb.path.split("/", 1)[0]
    odb.fs.fs.ls(bucket, refresh=True)


def push(ctx: StepContext) -> dict[str, Any]:
    """Upload the target's recorded data to the DVC remote.

    After the transfer the object is looked up in the remote, so the step
    succeeds only when the data is there.
    """
    from dvc.lock import LockError

    out = _recorded_output(ctx)
    if out is None or out.md5 is None:
        raise DvcS3Error(
            "not_found",
            f"{ctx.relative_target!r} is not tracked by DVC yet.",
            "Run Add first, or use Save version, which adds before pushing.",
        )
    if ctx.remote is None:
        ensure_default_remote(ctx.git_root, ctx.default_remote)
    try:
        with _open_dvc(ctx.git_root) as dvc:
            odb = _remote_odb(ctx, dvc, out.legacy)
            url = odb.fs.unstrip_protocol(odb.oid_to_path(out.md5))
            try:
                _check_bucket(odb)
                present = odb.exists(out.md5)
                if not present:
                    # For a single file, DVC's jobs become the parts that s3fs
                    # sends at once, each held in memory.
                    dvc.push(
                        targets=[os.fspath(ctx.dvc_file)],
                        remote=ctx.remote,
                        jobs=ctx.transfer_jobs,
                    )
                    present = odb.exists(out.md5)
            except DvcS3Error:
                raise
            except Exception as error:
                raise remote_error(error, url) from error
    except LockError as error:
        raise _busy(ctx.git_root) from error

    if not present:
        raise DvcS3Error(
            "internal",
            f"The push ended, but {url} is not in the remote.",
            "Look in the Jupyter server log for DVC's output, then retry.",
        )
    ctx.result.update(md5=out.md5, size=out.size, s3_url=url)
    return ctx.result


def require_branch(repo: git.Repo) -> git.Head:
    if repo.head.is_detached:
        raise DvcS3Error(
            "detached_head",
            f"HEAD is detached at {repo.head.commit.hexsha[:8]}, not on a branch.",
            "Check out a branch (for example dev), then retry.",
        )
    return repo.active_branch


def _require_identity(repo: git.Repo) -> None:
    reader = repo.config_reader()
    missing = [
        key
        for key in ("name", "email")
        if not reader.get_value("user", key, default="")
    ]
    if missing:
        fields = " and ".join(f"user.{key}" for key in missing)
        raise DvcS3Error(
            "no_git_identity",
            f"git {fields} is not set, so the commit has no author.",
            "Set your name and email in the repository's git config, then retry.",
        )


def commit(ctx: StepContext) -> dict[str, Any]:
    """Commit the target's ``.dvc`` file and ``.gitignore``, and nothing else.

    The commit is built from HEAD's tree plus these two files, so whatever
    else the user staged stays staged and uncommitted.
    """
    out = _recorded_output(ctx)
    if out is None:
        raise DvcS3Error(
            "not_found",
            f"{ctx.relative_target!r} is not tracked by DVC yet.",
            "Run Add and Push first, or use Save version.",
        )
    ctx.result.update(md5=out.md5, size=out.size, dvc_file=ctx.relative_dvc_file)

    paths = [ctx.relative_dvc_file]
    gitignore = ctx.dvc_file.parent / ".gitignore"
    if gitignore.exists():
        paths.append(gitignore.relative_to(ctx.git_root).as_posix())

    with git.Repo(ctx.git_root) as repo:
        branch = require_branch(repo)
        if _config_needs_commit(ctx, repo):
            # The platform's default remote was recorded by a job and never
            # committed; clones need it to find the data.
            paths.append(".dvc/config")
        elif _head_records(repo, ctx, out.md5):
            ctx.result["commit"] = repo.head.commit.hexsha
            raise StepSkipped(f"{ctx.relative_dvc_file} is already committed.")
        _require_identity(repo)

        try:
            tree, parent = tree_with_files(repo, paths)
            if parent is not None and tree.hexsha == parent.tree.hexsha:
                ctx.result["commit"] = parent.hexsha
                raise StepSkipped(f"{ctx.relative_dvc_file} is already committed.")
            message = ctx.message or f"Save version of {ctx.relative_target}"
            new_commit = commit_paths(repo, tree, parent, paths, message)
        except (UnsupportedIndexError, AssertionError) as error:
            raise _unsupported_index(error) from error

    logger.info("Committed %s on %s as %s", paths, branch.name, new_commit.hexsha)
    ctx.result["commit"] = new_commit.hexsha
    return ctx.result


def _head_records(repo: git.Repo, ctx: StepContext, md5: str | None) -> bool:
    """Tell whether HEAD's ``.dvc`` file already records ``md5``."""
    if md5 is None or not repo.head.is_valid():
        return False
    try:
        blob = repo.head.commit.tree / ctx.relative_dvc_file
    except KeyError:
        return False
    return f"md5: {md5}" in blob.data_stream.read().decode("utf-8", "replace")


def _config_needs_commit(ctx: StepContext, repo: git.Repo) -> bool:
    """Tell whether ``.dvc/config`` names the platform's remote but HEAD's does not."""
    if ctx.default_remote is None:
        return False
    url = ctx.default_remote["url"]
    config = ctx.git_root / ".dvc" / "config"
    if not config.exists() or url not in config.read_text(errors="replace"):
        return False
    if not repo.head.is_valid():
        return True
    try:
        committed = (repo.head.commit.tree / ".dvc/config").data_stream.read()
    except KeyError:
        return True
    return url not in committed.decode("utf-8", "replace")


def _unsupported_index(error: BaseException) -> DvcS3Error:
    return DvcS3Error(
        "internal",
        f"The repository's git index cannot be read or written here: {error}.",
        "If git's feature.manyFiles or index.version 4 is set, switch the index "
        "to version 3 with 'git update-index --index-version 3', then retry.",
    )
