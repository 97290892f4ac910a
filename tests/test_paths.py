"""Path checks: every API path stays under the server root."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from jupyter_dvc_s3.errors import DvcS3Error
from jupyter_dvc_s3.paths import resolve, to_api_path


@pytest.fixture
def root(tmp_path: Path) -> Path:
    (tmp_path / "root" / "pkl").mkdir(parents=True)
    (tmp_path / "outside").mkdir()
    return tmp_path / "root"


@pytest.mark.parametrize(
    ("api_path", "expected"),
    [
        ("", ""),
        ("pkl", "pkl"),
        ("pkl/model.pkl", "pkl/model.pkl"),
        ("pkl/./a", "pkl/a"),
    ],
)
def test_resolve_inside_root(root, api_path, expected):
    resolved = resolve(root, api_path)

    assert to_api_path(root, resolved) == expected


@pytest.mark.parametrize(
    "api_path",
    ["..", "../outside", "pkl/../../outside", "/etc", "//etc", "pkl/\x00", "link/x"],
)
def test_resolve_outside_root_rejected(root, api_path):
    (root / "link").symlink_to(root.parent / "outside")

    with pytest.raises(DvcS3Error) as raised:
        resolve(root, api_path)

    assert raised.value.code == "outside_root"
    assert raised.value.status_code == 403


def test_resolve_link_inside_root_allowed(root):
    (root / "alias").symlink_to(root / "pkl")

    assert (
        resolve(root, "alias/model.pkl")
        == Path(os.path.realpath(root)) / "pkl" / "model.pkl"
    )


@pytest.mark.parametrize("api_path", [None, 3, ["pkl"], "a" * 5000])
def test_resolve_malformed_path_rejected(root, api_path):
    with pytest.raises(DvcS3Error) as raised:
        resolve(root, api_path)

    assert raised.value.code == "invalid_request"
