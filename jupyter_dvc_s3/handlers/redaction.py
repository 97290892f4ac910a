"""Keep S3 credentials out of botocore's debug log.

At DEBUG level, ``botocore.endpoint`` logs every request with its headers
and ``botocore.auth`` logs the canonical request it signs. The access key id
sits in ``Credential=KEY/...`` and a session token in
``X-Amz-Security-Token``. Remote checks run in the server process, so those
lines would reach the server log.
"""

from __future__ import annotations

import logging
import re

#: botocore 1.43 loggers that print signed request headers at DEBUG.
REDACTED_LOGGERS = ("botocore.endpoint", "botocore.auth")

_SECRET_PATTERNS = (
    re.compile(r"(Credential=)[^/\s'\"&,]+"),
    re.compile(r"(X-Amz-Security-Token['\"]?[:=]\s*b?['\"]?)[^'\"\s&]+", re.IGNORECASE),
)


class RedactAwsCredentials(logging.Filter):
    """Replace AWS access key ids and session tokens in a record with ``***``."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        redacted = message
        for pattern in _SECRET_PATTERNS:
            redacted = pattern.sub(r"\1***", redacted)
        if redacted != message:
            record.msg, record.args = redacted, None
        return True


def install_redaction() -> None:
    """Add the filter to each logger in ``REDACTED_LOGGERS``, once."""
    for name in REDACTED_LOGGERS:
        logger = logging.getLogger(name)
        if not any(isinstance(f, RedactAwsCredentials) for f in logger.filters):
            logger.addFilter(RedactAwsCredentials())
