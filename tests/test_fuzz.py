"""Fuzz every operation of docs/openapi.yaml against a live server.

Schemathesis 4.x generates requests from the document and sends them to the
server on 127.0.0.1. No response may be a 5xx, and each must match the document. The
run is bounded: a fixed number of examples per operation, derandomized, and
a time budget after which the remaining examples send nothing.

Every S3 address stays local. The project's remote is moto on 127.0.0.1,
each fuzzed remote's endpoint is a closed local port, and an unreachable
local proxy catches any other request to leave the machine.
"""

from __future__ import annotations

import asyncio
import importlib
import socket
import time
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from schemathesis.checks import not_a_server_error
from schemathesis.generation import GenerationMode
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from .openapi_check import SPEC_PATH

#: Modules that schemathesis 4.32 and hypothesis import on first use. They
#: are imported here, in the main thread, because a module compiled in the
#: fuzz thread while a server thread imports DVC failed on CPython 3.11.7
#: with "SystemError: AST constructor recursion depth mismatch".
_LAZY_MODULES = (
    "hypothesis.strategies._internal.flatmapped",
    "hypothesis.strategies._internal.random",
    "hypothesis.strategies._internal.regex",
    "multiprocessing.synchronize",
    "netrc",
    "pyrate_limiter",
    "schemathesis.generation.body_overrides",
    "schemathesis.generation.dictionaries",
    "schemathesis.specs.openapi.definitions",
    "schemathesis.transport.asgi",
    "schemathesis.transport.wsgi",
)
for _module in _LAZY_MODULES:
    importlib.import_module(_module)

#: Examples generated per operation and mode.
MAX_EXAMPLES = {GenerationMode.POSITIVE: 25, GenerationMode.NEGATIVE: 15}

#: Seconds after which the remaining examples are skipped.
TIME_BUDGET = 90.0

#: Seconds one request may take.
REQUEST_TIMEOUT = 30.0

#: Checks for valid requests: no 5xx, and status, headers and body documented.
POSITIVE_CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
]

#: Invalid requests may reach routes the document does not list, such as a
#: remote name with a '/'. Their 404 is Jupyter's HTML page, so only a 5xx fails.
NEGATIVE_CHECKS = [not_a_server_error]

#: API paths that exist in the test project, mixed into generated cases so
#: that some requests reach real repositories and files.
KNOWN_PATHS = ["", "project", "project/pkl", "project/pkl/model.pkl"]


def _closed_port() -> int:
    """Return a port on 127.0.0.1 that nothing listens on."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _adjust(case: Any, known_path: str | None, closed_endpoint: str) -> None:
    """Point a case at a known path, if given, and its endpoint at a closed port."""
    body = case.body if isinstance(case.body, dict) else None
    if known_path is not None:
        if body is not None and "path" in body:
            body["path"] = known_path
        elif case.query and "path" in case.query:
            case.query["path"] = known_path
    if body is not None and case.operation.label.startswith("PUT /remotes/"):
        body["endpointurl"] = closed_endpoint


def _fuzz(
    operation: Any,
    mode: GenerationMode,
    base_url: str,
    headers: dict[str, str],
    closed_endpoint: str,
    stop_at: float,
) -> int:
    """Run the examples of one operation; return how many requests were sent."""
    generated = operation.as_strategy(generation_mode=mode)
    checks = POSITIVE_CHECKS if mode is GenerationMode.POSITIVE else NEGATIVE_CHECKS
    sent = 0

    @settings(
        max_examples=MAX_EXAMPLES[mode],
        deadline=None,
        database=None,
        derandomize=True,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(case=generated, known_path=st.sampled_from([None, *KNOWN_PATHS]))
    def run(case: Any, known_path: str | None) -> None:
        nonlocal sent
        if time.monotonic() > stop_at:
            return
        _adjust(case, known_path, closed_endpoint)
        response = case.call(
            base_url=base_url, headers=headers, timeout=REQUEST_TIMEOUT
        )
        sent += 1
        case.validate_response(response, checks=checks, headers=headers)

    run()
    return sent


@pytest.fixture
def local_only(monkeypatch: pytest.MonkeyPatch) -> str:
    """Send any non-local HTTP request, also from job workers, to a closed port."""
    closed = f"http://127.0.0.1:{_closed_port()}"
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "http_proxy", "https_proxy"):
        monkeypatch.setenv(name, closed)
    monkeypatch.setenv("NO_PROXY", "127.0.0.1,localhost")
    monkeypatch.setenv("no_proxy", "127.0.0.1,localhost")
    return closed


@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE])
async def test_fuzz_operations(
    project,
    local_only,
    http_server_client,
    jp_http_port,
    jp_base_url,
    jp_auth_header,
    mode,
):
    schema = schemathesis.openapi.from_path(SPEC_PATH)
    operations = [result.ok() for result in schema.get_all_operations()]
    base_url = f"http://127.0.0.1:{jp_http_port}{jp_base_url}dvc-s3"
    closed_endpoint = f"http://127.0.0.1:{_closed_port()}"
    stop_at = time.monotonic() + TIME_BUDGET
    sent = {}

    # The server runs on this event loop (http_server_client starts it), and
    # the blocking client runs beside it in a thread.
    for operation in operations:
        sent[operation.label] = await asyncio.to_thread(
            _fuzz,
            operation,
            mode,
            base_url,
            jp_auth_header,
            closed_endpoint,
            stop_at,
        )

    assert len(operations) == 12
    assert all(count > 0 for count in sent.values()), sent
