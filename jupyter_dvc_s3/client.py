"""Python client of the ``dvc-s3`` REST API, for use in notebooks.

The client talks to the Jupyter server that runs the notebook's kernel, so
a notebook can save a version of a model in one line::

    from jupyter_dvc_s3.client import DvcS3Client

    client = DvcS3Client()
    result = client.save_version("pkl/model.pkl", message="Train on iris")
    print(result["s3_url"], result["commit"])
    for version in client.history("pkl/model.pkl"):
        print(version["commit"][:8], version["date"], version["message"])

Paths are relative to the kernel's working folder, which is the notebook's
folder, or absolute. The client turns them into API paths relative to the
server root and rejects a path outside the root before sending anything.

With no ``url`` argument the client finds the server in this order:

1. ``DVC_S3_URL`` and ``DVC_S3_TOKEN`` (and ``DVC_S3_ROOT_DIR`` for the
   server root), for a server that runs elsewhere or for tests.
2. JupyterHub's single-user environment: ``JUPYTERHUB_SERVICE_URL`` (or
   ``http://localhost:8888`` plus ``JUPYTERHUB_SERVICE_PREFIX``) and
   ``JUPYTERHUB_API_TOKEN``.
3. The runtime files of the Jupyter servers on this machine: the server
   whose root folder contains the working folder, the deepest root first.

Discovery only picks servers on ``localhost`` or ``127.0.0.1``. A server
listening on all interfaces (``0.0.0.0`` or ``::``) is reached through
``127.0.0.1``. Pass ``url`` to reach any other host.
"""

from __future__ import annotations

import json
import os
import time
import urllib.error
import urllib.parse
import urllib.request
from typing import Any

from .client_errors import DvcS3ClientError
from .discovery import discover, relative_to_root

__all__ = ["DvcS3Client", "DvcS3ClientError"]

#: Job states after which a job no longer changes.
FINAL_STATES = ("succeeded", "failed", "cancelled")

#: Step states that count as done for the step progress bar.
DONE_STEP_STATES = ("succeeded", "failed", "skipped", "cancelled")


class DvcS3Client:
    """Client of the ``dvc-s3`` REST API of one Jupyter server.

    Parameters
    ----------
    url : str, optional
        The server's base URL, such as ``http://localhost:8888/``. Without
        it, the client finds the server the kernel runs under.
    token : str, optional
        The server's token, sent as ``Authorization: token ...``.
    root_dir : str, optional
        The server's root folder, used to turn local paths into API paths.
        Discovery fills it in from the server's runtime file, and
        ``DVC_S3_ROOT_DIR`` sets it for a client given only a URL.
    cwd : str, optional
        The folder that relative paths start from. It defaults to the
        current working folder, which is the notebook's folder in a kernel.
    request_timeout : float
        Seconds one HTTP request may take.
    poll_interval : float
        Seconds between two reads of a running job in `wait`.

    Raises
    ------
    DvcS3ClientError
        ``server_not_found`` when no URL is given and no server is found.
    """

    def __init__(
        self,
        url: str | None = None,
        token: str | None = None,
        root_dir: str | os.PathLike[str] | None = None,
        cwd: str | os.PathLike[str] | None = None,
        *,
        request_timeout: float = 60.0,
        poll_interval: float = 0.5,
    ):
        self.cwd = os.path.abspath(os.fspath(cwd) if cwd is not None else os.getcwd())
        if url is None:
            url, found_token, found_root = discover(self.cwd)
            token = token if token is not None else found_token
            root_dir = root_dir if root_dir is not None else found_root
        if root_dir is None:
            root_dir = os.environ.get("DVC_S3_ROOT_DIR")
        self.url = url if url.endswith("/") else url + "/"
        self.root_dir = os.path.abspath(os.fspath(root_dir)) if root_dir else None
        self.request_timeout = request_timeout
        self.poll_interval = poll_interval
        self._token = token or ""

    def __repr__(self) -> str:
        # The token stays out of the representation, which notebooks print.
        return f"DvcS3Client(url={self.url!r}, root_dir={self.root_dir!r})"

    # Reads

    def repo(self, path: str = ".") -> dict[str, Any]:
        """Return the repo around a folder: git root, branch, DVC remotes."""
        return self._request("GET", "repo", params={"path": self.api_path(path)})

    def models(self, path: str = ".") -> list[dict[str, Any]]:
        """Return the tracked and untracked model files under a folder."""
        body = self._request("GET", "models", params={"path": self.api_path(path)})
        return body["models"]

    def history(self, path: str) -> list[dict[str, Any]]:
        """Return the versions of a model file, newest first."""
        params = {"path": self.api_path(path)}
        return self._request("GET", "models/history", params=params)["versions"]

    def remotes(self, path: str = ".") -> list[dict[str, Any]]:
        """Return the DVC remotes of the repo around a folder."""
        body = self._request("GET", "remotes", params={"path": self.api_path(path)})
        return body["remotes"]

    def jobs(self, path: str = ".") -> list[dict[str, Any]]:
        """Return the jobs of the repo around a folder, newest first."""
        body = self._request("GET", "jobs", params={"path": self.api_path(path)})
        return body["jobs"]

    # Jobs

    def start(self, action: str, path: str, **fields: Any) -> dict[str, Any]:
        """Start a job and return it without waiting.

        ``fields`` are the other fields of ``POST jobs``: ``message``,
        ``remote``, ``commit`` and ``overwrite``. Fields set to None are
        left out.
        """
        body = {"action": action, "path": self.api_path(path)}
        body.update(
            {name: value for name, value in fields.items() if value is not None}
        )
        return self._request("POST", "jobs", body=body)

    def job(self, job_id: str) -> dict[str, Any]:
        """Return the current state of a job."""
        return self._request("GET", f"jobs/{_quote(job_id)}")

    def cancel(self, job_id: str) -> dict[str, Any]:
        """Ask the server to cancel a job, and return the job."""
        return self._request("DELETE", f"jobs/{_quote(job_id)}")

    def wait(
        self,
        job: dict[str, Any] | str,
        progress: bool = True,
        timeout: float | None = None,
    ) -> dict[str, Any]:
        """Poll a job until it ends, showing a progress bar, and return it.

        The bar counts bytes while the server reports them for a step, and
        finished steps otherwise. Interrupting the wait leaves the job
        running on the server, and `cancel` stops it.

        Raises
        ------
        DvcS3ClientError
            The job's error when it failed or was cancelled, or ``timeout``
            when it still runs after ``timeout`` seconds.
        """
        if isinstance(job, str):
            job = self.job(job)
        deadline = None if timeout is None else time.monotonic() + timeout
        bar = _JobProgressBar(job) if progress else None
        try:
            while job["state"] not in FINAL_STATES:
                if bar is not None:
                    bar.update(job)
                if deadline is not None and time.monotonic() > deadline:
                    raise DvcS3ClientError(
                        "timeout",
                        f"The {job['action']} job {job['id']} of {job['path']!r} "
                        f"is still {job['state']} after {timeout:g} seconds.",
                        f"Call wait({job['id']!r}) again, or cancel({job['id']!r}).",
                        job=job,
                    )
                time.sleep(self.poll_interval)
                job = self.job(job["id"])
            if bar is not None:
                bar.update(job)
        finally:
            if bar is not None:
                bar.close()

        if job["state"] != "succeeded":
            raise _job_error(job)
        return job

    def run(
        self,
        action: str,
        path: str,
        *,
        progress: bool = True,
        timeout: float | None = None,
        **fields: Any,
    ) -> dict[str, Any]:
        """Start a job, wait until it ends and return its ``result``."""
        job = self.start(action, path, **fields)
        return self.wait(job, progress=progress, timeout=timeout)["result"] or {}

    def save_version(
        self, path: str, message: str | None = None, **kwargs: Any
    ) -> dict[str, Any]:
        """Save a version of a model file: DVC add, push, git commit, git push.

        Returns the job's result: ``md5``, ``size``, ``dvc_file``,
        ``s3_url``, ``commit`` and ``pushed_to``. ``kwargs`` go to `run`,
        such as ``remote``, ``progress`` or ``timeout``.
        """
        return self.run("version", path, message=message, **kwargs)

    def add(self, path: str, **kwargs: Any) -> dict[str, Any]:
        """Hash a file into the DVC cache and write its ``.dvc`` file."""
        return self.run("add", path, **kwargs)

    def push(
        self, path: str, remote: str | None = None, **kwargs: Any
    ) -> dict[str, Any]:
        """Upload a tracked file's data to the DVC remote."""
        return self.run("push", path, remote=remote, **kwargs)

    def commit(
        self, path: str, message: str | None = None, **kwargs: Any
    ) -> dict[str, Any]:
        """Commit a file's ``.dvc`` file and ``.gitignore``, nothing else."""
        return self.run("commit", path, message=message, **kwargs)

    def pull(
        self, path: str, remote: str | None = None, **kwargs: Any
    ) -> dict[str, Any]:
        """Download a tracked file's data from the DVC remote."""
        return self.run("pull", path, remote=remote, **kwargs)

    def restore(
        self, path: str, commit: str, overwrite: bool = False, **kwargs: Any
    ) -> dict[str, Any]:
        """Put the version of a file recorded in ``commit`` into the workspace."""
        return self.run("restore", path, commit=commit, overwrite=overwrite, **kwargs)

    # Paths and HTTP

    def api_path(self, path: str | os.PathLike[str]) -> str:
        """Turn a local path into an API path relative to the server root.

        Raises
        ------
        DvcS3ClientError
            ``outside_root`` for a path outside the server root, and
            ``invalid_request`` when the server root is unknown.
        """
        local = os.path.normpath(os.path.join(self.cwd, os.fspath(path)))
        if self.root_dir is None:
            raise DvcS3ClientError(
                "invalid_request",
                f"The server root folder is unknown, so {os.fspath(path)!r} "
                "cannot be turned into a path relative to it.",
                "Pass root_dir= to DvcS3Client, or set DVC_S3_ROOT_DIR.",
            )
        relative = relative_to_root(local, self.root_dir)
        if relative is None:
            raise DvcS3ClientError(
                "outside_root",
                f"The path {local!r} is outside the Jupyter server root "
                f"{self.root_dir!r}.",
                "Use a path inside the folder JupyterLab was started in.",
            )
        return relative

    def _request(
        self,
        method: str,
        route: str,
        params: dict[str, str] | None = None,
        body: dict[str, Any] | None = None,
    ) -> Any:
        url = urllib.parse.urljoin(self.url, "dvc-s3/" + route)
        if params:
            url += "?" + urllib.parse.urlencode(params)
        headers = {"Accept": "application/json"}
        if self._token:
            headers["Authorization"] = f"token {self._token}"
        data = None
        if body is not None or method in ("POST", "PUT"):
            data = json.dumps(body or {}).encode()
            headers["Content-Type"] = "application/json"
        request = urllib.request.Request(url, data=data, headers=headers, method=method)

        try:
            with urllib.request.urlopen(request, timeout=self.request_timeout) as reply:
                return json.loads(reply.read() or b"null")
        except urllib.error.HTTPError as error:
            raise _response_error(method, route, error) from None
        except (urllib.error.URLError, OSError) as error:
            reason = getattr(error, "reason", error)
            timed_out = isinstance(reason, TimeoutError)
            raise DvcS3ClientError(
                "timeout" if timed_out else "server_unreachable",
                f"{method} {route} to the Jupyter server at {self.url} failed: "
                f"{reason}.",
                "Check that the Jupyter server is running and that the URL is right.",
            ) from error


class _JobProgressBar:
    """One ``tqdm.auto`` bar that follows a job's bytes or finished steps."""

    def __init__(self, job: dict[str, Any]):
        from tqdm.auto import tqdm

        self._mode: tuple[str, str] | None = None
        self._bar = tqdm(total=len(job["steps"]), unit="step", leave=True)

    def update(self, job: dict[str, Any]) -> None:
        """Show the job's current bytes or steps, switching units as needed."""
        progress = job.get("progress")
        if progress:
            label = progress.get("step") or ""
            unit = progress.get("unit") or "bytes"
            total = progress.get("total")
            done = progress["done"]
        else:
            label = _running_step(job) or job["state"]
            unit = "step"
            total = len(job["steps"])
            done = sum(step["state"] in DONE_STEP_STATES for step in job["steps"])

        # A new step or unit restarts the bar, so its rate and time estimate
        # cover only the current transfer.
        self._bar.set_description(label, refresh=False)
        mode = (label if progress else "steps", unit)
        if mode != self._mode:
            self._mode = mode
            self._bar.unit = "B" if unit == "bytes" else unit
            self._bar.unit_scale = unit == "bytes"
            self._bar.unit_divisor = 1024
            self._bar.reset(total=total)
        self._bar.total = total
        self._bar.n = done
        self._bar.refresh()

    def close(self) -> None:
        self._bar.close()


def _running_step(job: dict[str, Any]) -> str | None:
    for step in job["steps"]:
        if step["state"] == "running":
            return step["name"]
    return None


def _job_error(job: dict[str, Any]) -> DvcS3ClientError:
    error = job.get("error") or {}
    code = error.get("code") or (
        "cancelled" if job["state"] == "cancelled" else "internal"
    )
    return DvcS3ClientError(
        code,
        error.get("message") or f"The {job['action']} job ended {job['state']}.",
        error.get("hint") or "",
        step=error.get("step"),
        job=job,
    )


def _response_error(
    method: str, route: str, error: urllib.error.HTTPError
) -> DvcS3ClientError:
    try:
        body = json.loads(error.read())
    except (ValueError, OSError):
        body = None
    finally:
        error.close()
    if isinstance(body, dict) and isinstance(body.get("code"), str):
        return DvcS3ClientError(
            body["code"],
            str(body.get("message", "")),
            str(body.get("hint", "")),
            status=error.code,
        )

    # A response without the API's error object: no extension, or a proxy.
    code = {401: "unauthorized", 403: "unauthorized", 404: "not_found"}.get(
        error.code, "internal" if error.code >= 500 else "invalid_request"
    )
    hint = {
        "unauthorized": "Pass the server's token as token=, or set DVC_S3_TOKEN.",
        "not_found": "Check that the jupyter_dvc_s3 server extension is enabled.",
    }.get(code, "Look in the Jupyter server log.")
    return DvcS3ClientError(
        code,
        f"{method} {route} returned HTTP {error.code} {error.reason}.",
        hint,
        status=error.code,
    )


def _quote(segment: str) -> str:
    return urllib.parse.quote(segment, safe="")


# Paths
