"""DVC remote settings: save them without exposing secrets, and check them.

Public settings (URL, endpoint, region, profile) go to ``.dvc/config``,
which git tracks. Keys go to ``.dvc/config.local``, which DVC keeps out of
git. No function here returns or logs a key.
"""

from __future__ import annotations

import logging
import os
import re
from pathlib import Path
from typing import Any

from .errors import DvcS3Error
from .queries import list_remotes
from .remote_errors import remote_error

logger = logging.getLogger(__name__)

REMOTE_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$")
BUCKET_NAME = re.compile(r"^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$")
PUBLIC_FIELDS = ("url", "endpointurl", "region", "profile")
SECRET_FIELDS = ("access_key_id", "secret_access_key", "session_token")


def _invalid(message: str, hint: str) -> DvcS3Error:
    return DvcS3Error("invalid_request", message, hint)


def validate_remote(name: str, settings: dict[str, Any]) -> None:
    """Check a remote's name and settings before anything is written."""
    if not REMOTE_NAME.match(name):
        raise _invalid(
            f"The remote name {name!r} is invalid.",
            "Use letters, digits, '-', '_' or '.', starting with a letter or digit.",
        )
    url = settings.get("url")
    if not isinstance(url, str) or not url.startswith("s3://"):
        raise _invalid(
            f"The remote URL {url!r} is not an S3 URL.",
            "Use the form s3://bucket or s3://bucket/prefix.",
        )
    bucket = url[len("s3://") :].split("/", 1)[0]
    if not BUCKET_NAME.match(bucket):
        raise _invalid(
            f"The bucket name {bucket!r} in {url!r} is invalid.",
            "Bucket names have 3 to 63 lowercase letters, digits, '.' or '-'.",
        )
    endpoint = settings.get("endpointurl")
    if endpoint and not re.match(r"^https?://[^\s/]+", endpoint):
        raise _invalid(
            f"The endpoint URL {endpoint!r} is invalid.",
            "Use the form https://host[:port] of the S3-compatible service.",
        )
    for field in PUBLIC_FIELDS + SECRET_FIELDS:
        value = settings.get(field)
        if value is not None and (not isinstance(value, str) or len(value) > 2048):
            raise _invalid(
                f"The field {field!r} must be a string of at most 2048 characters.",
                f"Send {field} as a string, or leave it out.",
            )


def save_remote(git_root: Path, name: str, settings: dict[str, Any]) -> dict[str, Any]:
    """Write a remote's settings and return it as the API shows it.

    A public field that is an empty string is removed. A secret that is a
    non-empty string replaces the stored one, an empty string removes it,
    and a missing one leaves it as it was.
    """
    from dvc.repo import Repo

    validate_remote(name, settings)
    with Repo(os.fspath(git_root)) as dvc:
        with dvc.config.edit("repo") as config:
            remote = config["remote"].setdefault(name, {})
            for field in PUBLIC_FIELDS:
                value = settings.get(field)
                if value:
                    remote[field] = value
                elif value == "":
                    remote.pop(field, None)
            if settings.get("default"):
                config["core"]["remote"] = name
        secrets = {field: settings.get(field) for field in SECRET_FIELDS}
        if any(value is not None for value in secrets.values()):
            with dvc.config.edit("local") as config:
                local = config["remote"].setdefault(name, {})
                for field, value in secrets.items():
                    if value:
                        local[field] = value
                    elif value == "":
                        local.pop(field, None)
                if not local:
                    config["remote"].pop(name, None)
    logger.info("Saved the DVC remote %s in %s", name, git_root)
    return next(remote for remote in list_remotes(git_root) if remote["name"] == name)


def ensure_default_remote(git_root: Path, default: dict[str, str] | None) -> bool:
    """Record the platform's default remote if the repo has no remote yet.

    Returns True when ``.dvc/config`` was changed.
    """
    if default is None or list_remotes(git_root):
        return False
    settings = {key: value for key, value in default.items() if key != "name"}
    save_remote(git_root, default["name"], {**settings, "default": True})
    logger.info("Recorded the platform's default remote in %s", git_root)
    return True


def check_remote(git_root: Path, name: str) -> dict[str, Any]:
    """Make a real request to a remote's bucket and return the outcome."""
    from dvc.config import NoRemoteError, RemoteNotFoundError
    from dvc.repo import Repo

    with Repo(os.fspath(git_root)) as dvc:
        try:
            odb = dvc.cloud.get_remote_odb(name, "status")
        except (NoRemoteError, RemoteNotFoundError):
            error = DvcS3Error(
                "no_remote",
                f"The DVC remote {name!r} is not configured.",
                "Save the remote's settings first.",
            )
            return {"ok": False, **error.to_json()}
        url = odb.fs.unstrip_protocol(odb.path)
        bucket = odb.path.split("/", 1)[0]
        try:
            odb.fs.fs.ls(bucket, refresh=True)
        except Exception as error:  # noqa: BLE001 - every failure is reported
            failure = remote_error(error, url)
            logger.info("Check of the remote %s failed: %s", name, failure.code)
            return {"ok": False, **failure.to_json()}
    return {"ok": True, "url": url}
