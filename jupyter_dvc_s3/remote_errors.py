"""Translate exceptions from S3 and its clients into the API's error codes."""

from __future__ import annotations

import logging
from collections.abc import Iterator

from .errors import DvcS3Error

logger = logging.getLogger(__name__)


def _chain(error: BaseException) -> Iterator[BaseException]:
    seen = set()
    current: BaseException | None = error
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        yield current
        current = current.__cause__ or current.__context__


def _s3_code(error: BaseException) -> str | None:
    response = getattr(error, "response", None)
    if isinstance(response, dict):
        return response.get("Error", {}).get("Code")
    return None


def _bucket(url: str) -> str:
    return url.split("://", 1)[-1].split("/", 1)[0]


def remote_error(error: BaseException, url: str) -> DvcS3Error:
    """Return the `DvcS3Error` that explains a failed request to ``url``."""
    from botocore import exceptions as boto

    bucket = _bucket(url)
    for cause in _chain(error):
        code = _s3_code(cause)
        if isinstance(cause, boto.NoCredentialsError):
            return DvcS3Error(
                "no_credentials",
                f"No S3 credentials were found for the bucket {bucket!r}.",
                "Set the access key id and secret key of the DVC remote, or "
                "AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY in the server's "
                "environment, then retry.",
            )
        if isinstance(
            cause, (boto.EndpointConnectionError, boto.ConnectionClosedError)
        ) or type(cause).__name__ in {
            "ClientConnectorError",
            "ServerDisconnectedError",
        }:
            return DvcS3Error(
                "endpoint_unreachable",
                f"The S3 endpoint for {url} cannot be reached.",
                "Check the remote's endpoint URL and that the storage service "
                "is running, then retry.",
            )
        if isinstance(cause, (boto.ReadTimeoutError, boto.ConnectTimeoutError)):
            return DvcS3Error(
                "timeout",
                f"The S3 endpoint for {url} did not answer in time.",
                "Check the network and the storage service, then retry.",
            )
        if code == "NoSuchBucket" or isinstance(cause, FileNotFoundError):
            return DvcS3Error(
                "bucket_not_found",
                f"The bucket {bucket!r} does not exist.",
                "Check the bucket name in the remote's URL, or ask the storage "
                "administrator to create it, then retry.",
            )
        if code in {"RequestTimeTooSkewed", "RequestExpired"}:
            return DvcS3Error(
                "access_denied",
                f"S3 refused the request to the bucket {bucket!r} because this "
                "machine's clock differs too much from the server's.",
                "Ask the platform administrator to synchronise the clock of the "
                "machine that runs Jupyter, then retry.",
            )
        if code in {
            "AccessDenied",
            "SignatureDoesNotMatch",
            "InvalidAccessKeyId",
            "Forbidden",
            "403",
        } or isinstance(cause, PermissionError):
            return DvcS3Error(
                "access_denied",
                f"S3 refused access to the bucket {bucket!r}.",
                "Check the access key id and secret key of the DVC remote "
                "and their permissions on the bucket, then retry.",
            )
    logger.error("Unexpected error from the remote %s", url, exc_info=error)
    return DvcS3Error(
        "internal",
        f"The transfer to {url} failed: {type(error).__name__}.",
        "Look in the Jupyter server log for the traceback, then retry.",
    )
