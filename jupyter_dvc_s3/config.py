"""Server-side settings, set in ``jupyter_server_config.py`` or on the command line.

For example ``jupyter lab --DvcS3.step_timeout=600`` or, in a config file,
``c.DvcS3.default_remote_url = "s3://models"``.
"""

from __future__ import annotations

from traitlets import Float, Unicode
from traitlets.config import Configurable


class DvcS3(Configurable):
    """Settings of the jupyter_dvc_s3 server extension."""

    step_timeout = Float(
        6 * 3600.0,
        min=0,
        help="Seconds one step of a job may run before it fails with the code "
        "'timeout'. 0 means no limit.",
    ).tag(config=True)

    lock_wait = Float(
        120.0,
        min=0,
        help="Seconds a job waits for a DVC repository lock held by another "
        "process before it fails with the code 'repo_busy'.",
    ).tag(config=True)

    git_remote = Unicode(
        "origin", help="Name of the git remote that jobs push to."
    ).tag(config=True)
