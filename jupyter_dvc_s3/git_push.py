"""The git push step: send the current branch to the git remote."""

from __future__ import annotations

import re
from typing import Any

import git

from .errors import DvcS3Error
from .steps import StepContext, require_branch


def git_push(ctx: StepContext) -> dict[str, Any]:
    """Push the current branch to the git remote and set it as upstream."""
    with git.Repo(ctx.git_root) as repo:
        branch = require_branch(repo)
        try:
            remote = repo.remote(ctx.git_remote)
        except ValueError as error:
            raise DvcS3Error(
                "no_git_remote",
                f"The repository has no git remote {ctx.git_remote!r}.",
                f"Add the remote {ctx.git_remote!r} in git, then retry.",
            ) from error

        refspec = f"refs/heads/{branch.name}:refs/heads/{branch.name}"
        try:
            infos = remote.push(refspec=refspec)
        except git.GitCommandError as error:
            raise _push_failed(ctx, branch.name, str(error.stderr or error)) from error

        failed = [
            info
            for info in infos
            if info.flags & (info.ERROR | info.REJECTED | info.REMOTE_REJECTED)
        ]
        if failed or not infos:
            error = getattr(infos, "error", None)
            if failed:
                summary = failed[0].summary.strip()
            elif error is not None:
                summary = str(getattr(error, "stderr", "") or error)
            else:
                summary = "no ref was updated"
            raise _push_failed(ctx, branch.name, summary)

        if branch.tracking_branch() is None:
            branch.set_tracking_branch(remote.refs[branch.name])
        ctx.result["commit"] = branch.commit.hexsha
    ctx.result["pushed_to"] = f"{ctx.git_remote}/{branch.name}"
    return ctx.result


#: Phrases of git's errors that mean the remote was not reached.
_UNREACHABLE = (
    "could not resolve host",
    "failed to connect",
    "connection refused",
    "connection timed out",
    "unable to access",
    "could not read from remote repository",
    "does not appear to be a git repository",
    "no such file or directory",
)

#: Phrases of git's errors that mean the remote refused the credentials.
_DENIED = (
    "authentication failed",
    "permission denied",
    "403",
    "could not read username",
)


def _push_failed(ctx: StepContext, branch: str, detail: str) -> DvcS3Error:
    """Return the error for a failed push, by what git reported."""
    detail = re.sub(r"//[^/@\s]+@", "//", " ".join(detail.split()))
    lowered = detail.lower()
    if any(phrase in lowered for phrase in _DENIED):
        return DvcS3Error(
            "access_denied",
            f"The git remote {ctx.git_remote!r} refused the credentials: {detail}",
            "Check your access to the git remote, then retry the push. Your "
            "commit is kept locally.",
        )
    if any(phrase in lowered for phrase in _UNREACHABLE):
        return DvcS3Error(
            "endpoint_unreachable",
            f"The git remote {ctx.git_remote!r} cannot be reached: {detail}",
            "Check the remote's URL and the network, then retry the push. Your "
            "commit is kept locally.",
        )
    return DvcS3Error(
        "push_rejected",
        f"The git remote {ctx.git_remote!r} rejected the push of {branch!r}: {detail}",
        f"Pull the latest {branch} from {ctx.git_remote}, merge it, then retry "
        "the push. Your commit is kept locally.",
    )
