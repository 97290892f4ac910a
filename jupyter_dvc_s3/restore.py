"""The steps that bring data back: restore an older version, pull data.

Both write the workspace file from DVC's cache, fetching the object from
the remote first when the cache lacks it. Neither moves HEAD or the branch.
"""

from __future__ import annotations

import logging
import os
from typing import Any

import git
import yaml

from .catalog import workspace_md5
from .errors import DvcS3Error
from .remote_errors import remote_error
from .steps import (
    StepContext,
    StepSkipped,
    _check_bucket,
    _open_dvc,
    _recorded_output,
    _remote_odb,
)

logger = logging.getLogger(__name__)


def _refuse_unsaved(ctx: StepContext, dvc, recorded_md5: str | None, verb: str) -> None:
    """Raise ``unsaved_changes`` if the workspace file contains unsaved data.

    Data is saved when it is the version the ``.dvc`` file records, or when
    DVC's cache contains it, so that an earlier version can bring it back.
    """
    if ctx.overwrite or not ctx.target.exists():
        return
    if ctx.target.is_dir():
        # NOTE: tracked folders are not compared file by file here.
        return
    md5 = workspace_md5(ctx.git_root, ctx.target)
    if md5 == recorded_md5 or (md5 is not None and dvc.cache.local.exists(md5)):
        return
    raise DvcS3Error(
        "unsaved_changes",
        f"{ctx.relative_target!r} has changes that are not saved as a version; "
        f"{verb} would overwrite them.",
        "Save a version first, or confirm that the changes may be overwritten.",
    )


def _fetch(ctx: StepContext, dvc, md5: str, legacy: bool) -> str | None:
    """Bring an object into DVC's cache, from the remote if it is missing.

    The object is fetched by its hash, so no ``.dvc`` file changes before
    the data is there. Returns the object's address in the remote, or None
    when no remote is configured and the cache already contains the data.
    """
    from dvc_data.hashfile.hash_info import HashInfo

    url = None
    try:
        odb = _remote_odb(ctx, dvc, legacy)
        url = odb.fs.unstrip_protocol(odb.oid_to_path(md5))
    except DvcS3Error:
        odb = None

    cache = dvc.cache.legacy if legacy else dvc.cache.local
    if cache.exists(md5):
        return url
    if odb is None:
        raise _remote_odb(ctx, dvc, legacy)
    try:
        _check_bucket(odb)
        dvc.cloud.pull([HashInfo(odb.hash_name, md5)], jobs=ctx.transfer_jobs, odb=odb)
    except DvcS3Error:
        raise
    except Exception as error:
        raise remote_error(error, url or "") from error
    if not cache.exists(md5):
        raise DvcS3Error(
            "not_found",
            f"The data of {ctx.relative_target!r} ({md5}) is not in the remote "
            f"at {url}.",
            "This version was committed without its data; pick another "
            "version, or push the data from a machine that has it.",
        )
    return url


def _checkout(ctx: StepContext, dvc) -> None:
    """Write the target from DVC's cache, as its ``.dvc`` file records it."""
    from dvc.exceptions import CheckoutError

    try:
        dvc.checkout(targets=[os.fspath(ctx.dvc_file)], force=True)
    except CheckoutError as error:
        raise DvcS3Error(
            "internal",
            f"DVC could not write {ctx.relative_target!r} from its cache.",
            "Look in the Jupyter server log for DVC's output, then retry.",
        ) from error


def _dvc_file_at(ctx: StepContext) -> bytes:
    with git.Repo(ctx.git_root) as repo:
        try:
            tree = repo.commit(ctx.commit).tree
        except (git.BadName, git.BadObject, ValueError) as error:
            raise DvcS3Error(
                "not_found",
                f"The commit {ctx.commit!r} does not exist in the repository.",
                "Pick a version from the model's history.",
            ) from error
        try:
            return (tree / ctx.relative_dvc_file).data_stream.read()
        except KeyError as error:
            raise DvcS3Error(
                "not_found",
                f"The commit {ctx.commit[:8]!r} has no {ctx.relative_dvc_file!r}.",
                "Pick a version from the model's history.",
            ) from error


def _output_of(content: bytes, name: str) -> dict[str, Any]:
    data = yaml.safe_load(content) or {}
    for out in data.get("outs") or []:
        if isinstance(out, dict) and out.get("path") == name and out.get("md5"):
            return out
    raise DvcS3Error(
        "not_found",
        f"The DVC file of that version records no data for {name!r}.",
        "Pick another version from the model's history.",
    )


def restore(ctx: StepContext) -> dict[str, Any]:
    """Put the version of ``ctx.commit`` into the workspace.

    The data is fetched into DVC's cache first. Then the ``.dvc`` file of
    that commit replaces the current one, unstaged, and the data is checked
    out. If that fails, the ``.dvc`` file is put back as it was.
    """
    content = _dvc_file_at(ctx)
    out = _output_of(content, ctx.target.name)
    md5, legacy = out["md5"], out.get("hash") != "md5"
    current = _recorded_output(ctx)

    with _open_dvc(ctx.git_root) as dvc:
        _refuse_unsaved(ctx, dvc, current.md5 if current else None, "restoring")
        url = _fetch(ctx, dvc, md5, legacy)
        original = ctx.dvc_file.read_bytes() if ctx.dvc_file.exists() else None
        ctx.dvc_file.write_bytes(content)
        try:
            _checkout(ctx, dvc)
        except BaseException:
            if original is None:
                ctx.dvc_file.unlink()
            else:
                ctx.dvc_file.write_bytes(original)
            raise

    ctx.result.update(
        md5=md5,
        size=out.get("size"),
        dvc_file=ctx.relative_dvc_file,
        s3_url=url,
        commit=ctx.commit,
    )
    return ctx.result


def pull(ctx: StepContext) -> dict[str, Any]:
    """Download the recorded data of the target into the workspace."""
    out = _recorded_output(ctx)
    if out is None or out.md5 is None:
        raise DvcS3Error(
            "not_found",
            f"{ctx.relative_target!r} is not tracked by DVC.",
            "Only files with a .dvc file can be pulled.",
        )
    with _open_dvc(ctx.git_root) as dvc:
        if ctx.target.is_file() and workspace_md5(ctx.git_root, ctx.target) == out.md5:
            ctx.result.update(
                md5=out.md5, size=out.size, dvc_file=ctx.relative_dvc_file
            )
            raise StepSkipped(
                f"{ctx.relative_target} already matches the recorded data."
            )
        _refuse_unsaved(ctx, dvc, out.md5, "pulling")
        url = _fetch(ctx, dvc, out.md5, out.legacy)
        _checkout(ctx, dvc)
    ctx.result.update(
        md5=out.md5, size=out.size, dvc_file=ctx.relative_dvc_file, s3_url=url
    )
    return ctx.result
