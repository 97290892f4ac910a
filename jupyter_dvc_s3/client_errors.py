"""The exception that the notebook client raises."""

from __future__ import annotations

from typing import Any


class DvcS3ClientError(Exception):
    """An error of the REST API, of a failed job, or of the client itself.

    Attributes
    ----------
    code : str
        A stable error code such as ``no_remote`` or ``outside_root``. The
        client adds ``server_not_found`` and ``server_unreachable`` to the
        server's codes.
    message : str
        What failed, and on which value.
    hint : str
        The next thing to try.
    status : int or None
        The HTTP status of an error response, None for other errors.
    step : str or None
        The job step that failed.
    job : dict or None
        The failed job, as the API returned it.
    """

    def __init__(
        self,
        code: str,
        message: str,
        hint: str = "",
        *,
        status: int | None = None,
        step: str | None = None,
        job: dict[str, Any] | None = None,
    ):
        super().__init__(code, message, hint)
        self.code = code
        self.message = message
        self.hint = hint
        self.status = status
        self.step = step
        self.job = job

    def __str__(self) -> str:
        text = f"{self.code}: {self.message}"
        if self.hint:
            text += f" ({self.hint})"
        return text
