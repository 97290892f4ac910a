"""REST handlers under ``{base_url}dvc-s3/``.

Handlers parse the request, check the path, call the plain functions of
the package's other modules, and serialize the response. Errors are JSON
objects with ``code``, ``message`` and ``hint``.
"""

from __future__ import annotations

from jupyter_server.utils import url_path_join
from tornado import web

from ..config import DvcS3
from ..jobs import JobManager
from ..remote_status import RemoteStatusCache
from .jobs import JobHandler, JobsHandler
from .models import HistoryHandler, ModelsHandler
from .redaction import install_redaction
from .remotes import RemoteCheckHandler, RemoteHandler, RemotesHandler
from .repo import IdentityHandler, RepoHandler

#: A remote name in a route; the handlers check it further.
_NAME = r"([^/]+)"


def setup_handlers(web_app: web.Application, settings: DvcS3) -> None:
    """Register the routes and the job manager on the server's application."""
    install_redaction()
    jobs = JobManager(settings)
    remote_status = RemoteStatusCache()
    jobs.on_finish.append(lambda job: remote_status.forget(job.git_root))
    web_app.settings["dvc_s3"] = settings
    web_app.settings["dvc_s3_jobs"] = jobs
    web_app.settings["dvc_s3_remote_status"] = remote_status
    base = url_path_join(web_app.settings["base_url"], "dvc-s3")
    web_app.add_handlers(
        ".*$",
        [
            (url_path_join(base, "repo"), RepoHandler),
            (url_path_join(base, "repo", "identity"), IdentityHandler),
            (url_path_join(base, "remotes"), RemotesHandler),
            (url_path_join(base, "remotes", _NAME), RemoteHandler),
            (url_path_join(base, "remotes", _NAME, "check"), RemoteCheckHandler),
            (url_path_join(base, "models"), ModelsHandler),
            (url_path_join(base, "models", "history"), HistoryHandler),
            (url_path_join(base, "jobs"), JobsHandler),
            (url_path_join(base, "jobs", r"([0-9a-f]{32})"), JobHandler),
        ],
    )
