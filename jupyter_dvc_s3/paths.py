"""Turn API paths from requests into absolute paths under the server root.

Every path that arrives in a request goes through `resolve` before any
file system call uses it. An API path is relative to the server root and
`/`-separated, as in ``/api/contents``; the empty string is the root.
"""

from __future__ import annotations

import os
from pathlib import Path, PurePosixPath
from urllib.parse import unquote

from .errors import DvcS3Error

#: Longest API path accepted, in characters.
MAX_PATH_LENGTH = 4096

#: Longest file or folder name accepted, in UTF-8 bytes: NAME_MAX of Linux
#: file systems such as ext4 and XFS.
MAX_NAME_BYTES = 255

#: Times a path is percent-decoded when looking for a hidden ``..`` part.
_MAX_DECODE_ROUNDS = 4


def _outside(api_path: str) -> DvcS3Error:
    return DvcS3Error(
        "outside_root",
        f"The path {api_path!r} is outside the Jupyter server root.",
        "Use a path relative to the folder JupyterLab was started in, "
        "without '..' and without a leading '/'.",
    )


def _has_parent_part(api_path: str) -> bool:
    """Check for a ``..`` part, also after percent-decoding or at backslashes.

    Tornado decodes a request once. A client or proxy that decodes the path
    again turns ``%2e%2e`` into ``..``, and Windows tools split at ``\\``.
    A path still changing after the last decoding round counts as ``..``.
    """
    decoded = api_path
    for _ in range(_MAX_DECODE_ROUNDS):
        parts = decoded.replace("\\", "/").split("/")
        if ".." in parts:
            return True
        next_decoded = unquote(decoded)
        if next_decoded == decoded:
            return False
        decoded = next_decoded
    return True


def _check_encodable(api_path: str) -> None:
    """Reject a path that the file system cannot take as a name.

    A lone UTF-16 surrogate (valid in JSON) cannot be encoded, and a part
    longer than ``MAX_NAME_BYTES`` makes every file system call fail.
    """
    try:
        parts = [part.encode("utf-8") for part in api_path.split("/")]
    except UnicodeEncodeError as error:
        raise DvcS3Error(
            "invalid_request",
            f"The path {api_path!r} is not valid Unicode: {error.reason}.",
            "Send the path as UTF-8 text.",
        ) from error
    longest = max(len(part) for part in parts)
    if longest > MAX_NAME_BYTES:
        raise DvcS3Error(
            "invalid_request",
            f"A part of the path is {longest} bytes long; "
            f"the limit is {MAX_NAME_BYTES}.",
            "Use shorter file and folder names.",
        )


def resolve(root: str | os.PathLike[str], api_path: str) -> Path:
    """Resolve an API path to an absolute path that lies under ``root``.

    Symlinks are followed, so a link that points out of the root is
    rejected like ``..``. The path need not exist.

    Raises
    ------
    DvcS3Error
        ``invalid_request`` for a path that is not a string or is too long,
        ``outside_root`` for an absolute path, a ``..`` part (also
        percent-encoded or between backslashes), a NUL byte or a path whose
        real location is outside the root.
    """
    if not isinstance(api_path, str):
        raise DvcS3Error(
            "invalid_request",
            f"The path must be a string, not {type(api_path).__name__}.",
            "Send the path relative to the server root, such as 'pkl/model.pkl'.",
        )
    if len(api_path) > MAX_PATH_LENGTH:
        raise DvcS3Error(
            "invalid_request",
            f"The path is {len(api_path)} characters long; "
            f"the limit is {MAX_PATH_LENGTH}.",
            "Send a shorter path.",
        )
    _check_encodable(api_path)
    if "\x00" in api_path:
        raise _outside(api_path)

    pure = PurePosixPath(api_path)
    if pure.is_absolute() or _has_parent_part(api_path):
        raise _outside(api_path)

    real_root = Path(os.path.realpath(root))
    real = Path(os.path.realpath(real_root.joinpath(*pure.parts)))
    if real != real_root and real_root not in real.parents:
        raise _outside(api_path)
    return real


def to_api_path(root: str | os.PathLike[str], path: str | os.PathLike[str]) -> str:
    """Return the API path of an absolute path under ``root``."""
    relative = Path(path).relative_to(os.path.realpath(root))
    text = relative.as_posix()
    return "" if text == "." else text
