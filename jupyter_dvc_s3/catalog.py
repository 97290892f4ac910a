"""The model catalog: DVC outputs and untracked model files of a repo.

Listing runs on every refresh of the panel, so it reuses earlier work:
parsed ``.dvc`` files and workspace states are cached per file and kept
while the file's size, modification time and inode stay the same.
"""

from __future__ import annotations

import hashlib
import logging
import os
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from .paths import to_api_path
from .queries import require_git_root

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
_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass(frozen=True)
class DvcOutput:
    """One output recorded in a ``.dvc`` file."""

    path: Path
    dvc_file: Path
    md5: str | None
    size: int | None
    legacy: bool


def _signature(stat: os.stat_result) -> tuple[int, int, int]:
    return (stat.st_size, stat.st_mtime_ns, stat.st_ino)


class _FileCache:
    """Values computed from files, dropped when a file's signature changes."""

    def __init__(self, limit: int = 100_000):
        self._limit = limit
        self._entries: dict[Path, tuple[tuple[Any, ...], Any]] = {}
        self._lock = threading.Lock()

    def get(self, path: Path, key: tuple[Any, ...]) -> Any:
        with self._lock:
            entry = self._entries.get(path)
        return entry[1] if entry is not None and entry[0] == key else None

    def put(self, path: Path, key: tuple[Any, ...], value: Any) -> None:
        with self._lock:
            if len(self._entries) >= self._limit:
                self._entries.clear()
            self._entries[path] = (key, value)


_dvc_files = _FileCache()
_workspace_states = _FileCache()


def _parse_dvc_file(dvc_file: Path) -> list[DvcOutput]:
    try:
        with open(dvc_file, encoding="utf-8") as stream:
            data = yaml.load(stream, Loader=_YAML_LOADER)  # noqa: S506 - a safe loader
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as error:
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
                path=Path(os.path.normpath(dvc_file.parent / out["path"])),
                dvc_file=dvc_file,
                md5=md5 if isinstance(md5, str) else None,
                size=size if isinstance(size, int) else None,
                legacy=out.get("hash") != "md5",
            )
        )
    return outputs


def read_dvc_file(dvc_file: Path) -> list[DvcOutput]:
    """Read the outputs of a ``.dvc`` file; a broken file yields none."""
    try:
        key = _signature(dvc_file.stat())
    except OSError:
        return []
    outputs = _dvc_files.get(dvc_file, key)
    if outputs is None:
        outputs = _parse_dvc_file(dvc_file)
        _dvc_files.put(dvc_file, key, outputs)
    return outputs


def file_md5(path: Path) -> str:
    """Return the MD5 of a file, read in chunks of 1 MiB."""
    digest = hashlib.md5()
    with open(path, "rb") as stream:
        while chunk := stream.read(_HASH_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def _walk_repo(git_root: Path) -> tuple[list[Path], list[Path]]:
    """Return the ``.dvc`` files and the model files found in a repo."""
    dvc_files: list[Path] = []
    model_files: list[Path] = []
    for folder, subfolders, files in os.walk(git_root):
        subfolders[:] = [
            name
            for name in subfolders
            if name not in SKIPPED_FOLDERS
            and not name.startswith(".")
            and not os.path.exists(os.path.join(folder, name, ".git"))
        ]
        for name in files:
            if name.endswith(".dvc"):
                dvc_files.append(Path(folder, name))
            elif name.lower().endswith(MODEL_EXTENSIONS):
                model_files.append(Path(folder, name))
    return dvc_files, model_files


class _Workspace:
    """Compares workspace files with their recorded MD5.

    The MD5 of a file comes from this module's cache, then from DVC's state
    database, and only then from hashing the file.
    """

    def __init__(self, git_root: Path):
        self._git_root = git_root
        self._repo: Any = None
        self._opened = False

    def _dvc(self) -> Any:
        if not self._opened:
            self._opened = True
            try:
                from dvc.repo import Repo

                self._repo = Repo(os.fspath(self._git_root))
            except Exception as error:  # noqa: BLE001 - a broken repo still lists
                logger.warning("Cannot open the DVC repo %s: %s", self._git_root, error)
        return self._repo

    def close(self) -> None:
        if self._repo is not None:
            self._repo.close()

    def status(self, output: DvcOutput) -> str:
        try:
            stat = output.path.stat()
        except FileNotFoundError:
            return "missing"
        if output.path.is_dir() or output.md5 is None:
            # NOTE: folders tracked as a whole are reported as unchanged
            # without comparing their contents.
            return "unchanged"
        if output.size is not None and stat.st_size != output.size:
            return "modified"
        return "unchanged" if self.md5(output.path, stat) == output.md5 else "modified"

    def md5(self, path: Path, stat: os.stat_result) -> str:
        key = _signature(stat)
        cached = _workspace_states.get(path, key)
        if cached is not None:
            return cached
        value = None
        dvc = self._dvc()
        if dvc is not None:
            _meta, hash_info = dvc.state.get(os.fspath(path), dvc.fs)
            if hash_info is not None and hash_info.value:
                value = hash_info.value
        if value is None:
            # NOTE: a file DVC has not hashed since its last change is hashed
            # here once, which takes a while for large files.
            value = file_md5(path)
        _workspace_states.put(path, key, value)
        return value


def workspace_md5(git_root: Path, path: Path) -> str | None:
    """Return the MD5 of a workspace file, or None when it is not a file.

    The MD5 comes from this module's cache, DVC's state database or the
    file's bytes, in that order, as for the model list.
    """
    try:
        stat = path.stat()
    except OSError:
        return None
    if not path.is_file():
        return None
    workspace = _Workspace(git_root)
    try:
        return workspace.md5(path, stat)
    finally:
        workspace.close()


class RemoteLayout:
    """Maps MD5s to object addresses in one repo's DVC remote."""

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
        """Return the address of an object, or None without a remote.

        The address comes from DVC's own object layout: ``files/md5/xx/...``
        for DVC 3 outputs and ``xx/...`` for outputs that DVC 2 wrote.
        """
        try:
            odb = self._odb(legacy)
        except Exception as error:  # noqa: BLE001 - no remote means no address
            logger.debug("No remote address in %s: %s", self._git_root, error)
            return None
        return odb.fs.unstrip_protocol(odb.oid_to_path(md5))


_layouts = _FileCache(limit=1000)


def remote_layout(git_root: Path) -> RemoteLayout:
    """Return the default remote's layout, reused while DVC's config is unchanged."""
    key = []
    for name in ("config", "config.local"):
        try:
            key.append(_signature((git_root / ".dvc" / name).stat()))
        except OSError:
            key.append(None)
    key.append(os.environ.get("DVC_GLOBAL_CONFIG_DIR"))
    layout = _layouts.get(git_root, tuple(key))
    if layout is None:
        layout = RemoteLayout(git_root)
        _layouts.put(git_root, tuple(key), layout)
    return layout


def _sort_key(model: dict[str, Any]) -> tuple[int, str]:
    path = model["path"]
    in_pkl = path.startswith("pkl/") or "/pkl/" in path
    return (0 if in_pkl else 1, path)


def list_models(root: Path, folder: Path) -> list[dict[str, Any]]:
    """List the tracked outputs and the untracked model files of a repo.

    The repo is the one around ``folder``. S3 is not contacted here, so
    ``remote`` is ``unknown``. Each tracked entry carries a private
    ``_legacy`` flag, which the caller that checks S3 removes.
    """
    git_root = require_git_root(root, folder, to_api_path(root, folder))
    dvc_files, model_files = _walk_repo(git_root)

    outputs = [out for dvc_file in dvc_files for out in read_dvc_file(dvc_file)]
    tracked_paths = {out.path for out in outputs}
    workspace = _Workspace(git_root)
    layout = remote_layout(git_root)
    models = []
    try:
        for out in outputs:
            if git_root not in out.path.parents:
                continue
            models.append(
                {
                    "path": to_api_path(root, out.path),
                    "dvc_file": to_api_path(root, out.dvc_file),
                    "tracked": True,
                    "md5": out.md5,
                    "size": out.size,
                    "workspace": workspace.status(out),
                    "remote": "unknown",
                    "s3_url": layout.object_url(out.md5, out.legacy)
                    if out.md5
                    else None,
                    "_legacy": out.legacy,
                }
            )
    finally:
        workspace.close()

    for path in model_files:
        if path in tracked_paths:
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
