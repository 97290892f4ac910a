"""Server-side settings, set in ``jupyter_server_config.py`` or on the command line.

For example ``jupyter lab --DvcS3.step_timeout=600`` or, in a config file,
``c.DvcS3.default_remote_url = "s3://models"``.
"""

from __future__ import annotations

from traitlets import Float, Int, Unicode
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

    transfer_jobs = Int(
        4,
        min=1,
        help="Parallel transfers of a job's push, pull or restore. For one large "
        "file these are the parts that s3fs sends at once, 50 MiB each for files "
        "under about 500 GB, and each is held in memory, so this also caps a "
        "job's memory.",
    ).tag(config=True)

    git_remote = Unicode(
        "origin", help="Name of the git remote that jobs push to."
    ).tag(config=True)

    git_branch = Unicode(
        "dev",
        help="Branch that repositories initialised from the panel start on. "
        "Jobs push the current branch under its own name.",
    ).tag(config=True)

    default_remote_name = Unicode(
        "storage", help="Name given to the platform's default DVC remote."
    ).tag(config=True)

    default_remote_url = Unicode(
        "",
        help="S3 URL (s3://bucket/prefix) of the platform's default DVC remote. "
        "A repository without a DVC remote gets this one, recorded in "
        ".dvc/config, on its first job. Empty means no default.",
    ).tag(config=True)

    default_endpoint_url = Unicode(
        "", help="Endpoint URL of the default remote's S3-compatible service."
    ).tag(config=True)

    default_region = Unicode("", help="Region of the default remote.").tag(config=True)

    default_profile = Unicode(
        "",
        help="AWS profile that contains the default remote's credentials. Empty "
        "means credentials come from the environment (AWS_ACCESS_KEY_ID and "
        "AWS_SECRET_ACCESS_KEY) or from the repository's .dvc/config.local.",
    ).tag(config=True)

    def default_remote(self) -> dict[str, str] | None:
        """Return the default remote's settings, or None when unset."""
        if not self.default_remote_url:
            return None
        settings = {"name": self.default_remote_name, "url": self.default_remote_url}
        for key, value in (
            ("endpointurl", self.default_endpoint_url),
            ("region", self.default_region),
            ("profile", self.default_profile),
        ):
            if value:
                settings[key] = value
        return settings
