"""Fast reads: the repository around a folder and the models in it.

These functions read git and DVC state without taking DVC's repository
lock, so they can run in a thread pool while a job works on the same
repository.
"""

from __future__ import annotations

import hashlib
import logging
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import git
import yaml

from .errors import DvcS3Error
from .paths import to_api_path

logger = logging.getLogger(__name__)

#: File name endings that mark a file as a model even before DVC tracks it.
MODEL_EXTENSIONS = (
    ".pkl",
    ".pickle",
    ".joblib",
    ".onnx",
    ".pt",
    ".pth",
    ".h5",
    ".keras",
    ".safetensors",
    ".cbm",
    ".ubj",
)

#: Folders never searched for models.
SKIPPED_FOLDERS = {
    ".git",
    ".dvc",
    "node_modules",
    ".ipynb_checkpoints",
    "__pycache__",
    ".venv",
    "venv",
}

_HASH_CHUNK = 1 << 20


@dataclass
class DvcOutput:
    """One output recorded in a ``.dvc`` file."""

    path: Path
    dvc_file: Path
    md5: str | None
    size: int | None
    legacy: bool


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


def read_dvc_file(dvc_file: Path) -> list[DvcOutput]:
    """Read the outputs of a ``.dvc`` file; a broken file yields none."""
    try:
        with open(dvc_file, encoding="utf-8") as stream:
            data = yaml.safe_load(stream)
    except (OSError, yaml.YAMLError) as error:
        logger.warning("Cannot read the DVC file %s: %s", dvc_file, error)
        return []
    if not isinstance(data, dict):
        return []

    outputs = []
    for out in data.get("outs") or []:
        if not isinstance(out, dict) or not isinstance(out.get("path"), str):
            continue
        md5 = out.get("md5")
        size = out.get("size")
        outputs.append(
            DvcOutput(
                path=(dvc_file.parent / out["path"]).resolve(),
                dvc_file=dvc_file,
                md5=md5 if isinstance(md5, str) else None,
                size=size if isinstance(size, int) else None,
                legacy=out.get("hash") != "md5",
            )
        )
    return outputs


def _walk_repo(git_root: Path) -> tuple[list[Path], list[Path]]:
    """Return the ``.dvc`` files and the model files found in a repo."""
    dvc_files: list[Path] = []
    model_files: list[Path] = []
    for folder, subfolders, files in os.walk(git_root):
        subfolders[:] = [
            name
            for name in subfolders
            if name not in SKIPPED_FOLDERS
            and not (name.startswith(".") and name != ".")
            and not (Path(folder, name) / ".git").exists()
        ]
        for name in files:
            if name.endswith(".dvc"):
                dvc_files.append(Path(folder, name))
            elif name.lower().endswith(MODEL_EXTENSIONS):
                model_files.append(Path(folder, name))
    return dvc_files, model_files


def file_md5(path: Path) -> str:
    """Return the MD5 of a file, read in chunks of 1 MiB."""
    digest = hashlib.md5()
    with open(path, "rb") as stream:
        while chunk := stream.read(_HASH_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


class _Workspace:
    """Compares workspace files with their recorded MD5, using DVC's state."""

    def __init__(self, git_root: Path):
        self._repo = None
        try:
            from dvc.repo import Repo

            self._repo = Repo(os.fspath(git_root))
        except Exception as error:  # noqa: BLE001 - a broken repo still lists
            logger.warning("Cannot open the DVC repo %s: %s", git_root, error)

    def close(self) -> None:
        if self._repo is not None:
            self._repo.close()

    def status(self, output: DvcOutput) -> str:
        if not output.path.exists():
            return "missing"
        if output.path.is_dir() or output.md5 is None:
            # NOTE: folders tracked as a whole are reported as unchanged
            # without comparing their contents.
            return "unchanged"
        if output.size is not None and output.path.stat().st_size != output.size:
            return "modified"
        return "unchanged" if self._md5(output.path) == output.md5 else "modified"

    def _md5(self, path: Path) -> str:
        if self._repo is not None:
            _meta, hash_info = self._repo.state.get(os.fspath(path), self._repo.fs)
            if hash_info is not None and hash_info.value:
                return hash_info.value
        # NOTE: a file DVC has not hashed since its last change is hashed
        # here on every listing, which is slow for large files.
        return file_md5(path)


class RemoteLayout:
    """Maps MD5s to object addresses in one repo's default DVC remote."""

    def __init__(self, git_root: Path, remote: str | None = None):
        self._git_root = git_root
        self._remote = remote
        self._odbs: dict[bool, Any] = {}

    def _odb(self, legacy: bool) -> Any:
        if legacy not in self._odbs:
            from dvc.repo import Repo

            hash_name = "md5-dos2unix" if legacy else "md5"
            with Repo(os.fspath(self._git_root)) as repo:
                self._odbs[legacy] = repo.cloud.get_remote_odb(
                    self._remote, "status", hash_name=hash_name
                )
        return self._odbs[legacy]

    def object_url(self, md5: str, legacy: bool = False) -> str | None:
        try:
            odb = self._odb(legacy)
        except Exception as error:  # noqa: BLE001 - no remote means no address
            logger.debug("No remote address in %s: %s", self._git_root, error)
            return None
        return odb.fs.unstrip_protocol(odb.oid_to_path(md5))


def _sort_key(model: dict[str, Any]) -> tuple[int, str]:
    path = model["path"]
    in_pkl = path.startswith("pkl/") or "/pkl/" in path
    return (0 if in_pkl else 1, path)


def list_models(root: Path, folder: Path) -> list[dict[str, Any]]:
    """List the tracked outputs and the untracked model files of a repo.

    The repo is the one around ``folder``. The remote state is not asked of
    S3 here, so ``remote`` is ``unknown``.
    """
    git_root = require_git_root(root, folder, to_api_path(root, folder))
    dvc_files, model_files = _walk_repo(git_root)

    outputs = [out for dvc_file in dvc_files for out in read_dvc_file(dvc_file)]
    tracked_paths = {out.path for out in outputs}
    workspace = _Workspace(git_root) if outputs else None
    layout = RemoteLayout(git_root)
    models = []
    try:
        for out in outputs:
            if out.path != git_root and git_root not in out.path.parents:
                continue
            models.append(
                {
                    "path": to_api_path(root, out.path),
                    "dvc_file": to_api_path(root, out.dvc_file),
                    "tracked": True,
                    "md5": out.md5,
                    "size": out.size,
                    "workspace": workspace.status(out) if workspace else "unchanged",
                    "remote": "unknown",
                    "s3_url": layout.object_url(out.md5, out.legacy)
                    if out.md5
                    else None,
                    "_legacy": out.legacy,
                }
            )
    finally:
        if workspace is not None:
            workspace.close()

    for path in model_files:
        if path.resolve() in tracked_paths:
            continue
        models.append(
            {
                "path": to_api_path(root, path),
                "dvc_file": None,
                "tracked": False,
                "md5": None,
                "size": path.stat().st_size,
                "workspace": "untracked",
                "remote": "unknown",
                "s3_url": None,
            }
        )
    return sorted(models, key=_sort_key)
