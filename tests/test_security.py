"""Security of the REST API: authentication, XSRF, paths, limits and secrets.

Every check that covers "all routes" takes its routes from docs/openapi.yaml,
so a route added to the document is tested without editing this file.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

import git
import pytest
from tornado.httpclient import HTTPClientError, HTTPResponse

from .openapi_check import spec

#: A path parameter value for every parameter name in the document.
PATH_PARAMETERS = {"name": "storage", "id": "0" * 32}

#: A body for each operation that would change state if auth let it through.
BODIES = {
    "setupRepo": {"path": "fresh", "git": True, "dvc": True},
    "setIdentity": {"path": "project", "user_name": "Eve", "user_email": "e@x.y"},
    "saveRemote": {
        "path": "project",
        "url": "s3://b-intruder",
        "endpointurl": "http://127.0.0.1:9",
        "default": True,
    },
    "checkRemote": {"path": "project"},
    "startJob": {"action": "version", "path": "project/pkl/model.pkl"},
}

#: Access key and secret that the secrets test stores; never sent back.
KEY_ID = "AKIDSECURITYTEST0001"
SECRET = "s3cr3t-security-test-9f2d7c"
SESSION_TOKEN = "sessiontokensecuritytest5e1a"
SECRET_FIELDS = ("access_key_id", "secret_access_key", "session_token")


def _operations() -> Iterator[tuple[str, str, str]]:
    """Yield (method, route, operationId) for every operation in the document."""
    for template, item in spec()["paths"].items():
        route = template.strip("/")
        for name, value in PATH_PARAMETERS.items():
            route = route.replace("{" + name + "}", value)
        for method, operation in item.items():
            if method in ("get", "post", "put", "delete", "patch"):
                yield method.upper(), route, operation["operationId"]


OPERATIONS = list(_operations())
CHANGING = [op for op in OPERATIONS if op[0] != "GET"]


def _ids(operations: list[tuple[str, str, str]]) -> list[str]:
    return [f"{method} {route}" for method, route, _ in operations]


def _snapshot(root: Path) -> dict[str, str]:
    """Map every file and link under ``root`` to a digest of its content."""
    found = {}
    for folder, subfolders, files in os.walk(root):
        for name in subfolders + files:
            path = Path(folder, name)
            key = os.fspath(path.relative_to(root))
            if path.is_symlink():
                found[key] = "link:" + os.readlink(path)
            elif path.is_file():
                found[key] = hashlib.md5(path.read_bytes()).hexdigest()
            else:
                found[key] = "dir"
    return found


def _body_for(operation_id: str) -> bytes | None:
    if operation_id in BODIES:
        return json.dumps(BODIES[operation_id]).encode()
    return None


async def _raw_fetch(client: Any, url: str, method: str, **kwargs: Any) -> HTTPResponse:
    """Send a request and return the response, also for error statuses."""
    kwargs.setdefault("follow_redirects", False)
    try:
        return await client.fetch(url, method=method, raise_error=False, **kwargs)
    except HTTPClientError as error:
        assert error.response is not None
        return error.response


@pytest.fixture
def outside(tmp_path: Path) -> Path:
    """A folder beside the server root with a file that must stay untouched."""
    folder = tmp_path / "outside"
    folder.mkdir()
    (folder / "secret.pkl").write_bytes(b"not yours")
    (folder / "model.pkl").write_bytes(b"also not yours")
    return folder


@pytest.fixture
def escapes(project: Path, jp_root_dir: Path, outside: Path) -> None:
    """Symlinks inside the root that point out of it, a file and a folder."""
    (project / "link.pkl").symlink_to(outside / "secret.pkl")
    (jp_root_dir / "escape").symlink_to(outside, target_is_directory=True)


# Authentication


@pytest.mark.parametrize(
    ("method", "route", "operation_id"), OPERATIONS, ids=_ids(OPERATIONS)
)
@pytest.mark.parametrize("authorization", [None, "token wrong-token"])
async def test_route_without_token_rejected(
    project,
    outside,
    jp_root_dir,
    http_server_client,
    jp_base_url,
    api,
    method,
    route,
    operation_id,
    authorization,
):
    headers = {"Authorization": authorization} if authorization else {}
    url = f"{jp_base_url}dvc-s3/{route}?path=project"
    head = git.Repo(project).head.commit.hexsha
    before = _snapshot(jp_root_dir.parent)

    response = await _raw_fetch(
        http_server_client, url, method, headers=headers, body=_body_for(operation_id)
    )

    assert response.code in (401, 403), response.body
    assert _snapshot(jp_root_dir.parent) == before
    assert git.Repo(project).head.commit.hexsha == head
    _status, jobs = await api("GET", "jobs")
    assert jobs["jobs"] == []


def test_every_operation_has_a_body():
    for method, route, operation_id in CHANGING:
        if method in ("POST", "PUT"):
            assert operation_id in BODIES, f"{method} {route} has no body in BODIES"


# XSRF for cookie sessions


async def _login(client: Any, base_url: str, token: str) -> dict[str, str]:
    """Log in with the token as password; return the cookies a browser keeps."""
    page = await _raw_fetch(client, f"{base_url}login", "GET")
    cookies = _cookies(page)
    assert "_xsrf" in cookies, page.headers
    form = f"_xsrf={quote(cookies['_xsrf'])}&password={quote(token)}"
    reply = await _raw_fetch(
        client,
        f"{base_url}login",
        "POST",
        body=form,
        headers={"Cookie": _cookie_header(cookies)},
    )
    assert reply.code == 302, reply.body
    cookies.update(_cookies(reply))
    assert any(name.startswith("username-") for name in cookies), cookies
    return cookies


def _cookies(response: HTTPResponse) -> dict[str, str]:
    found = {}
    for header in response.headers.get_list("Set-Cookie"):
        name, _, rest = header.partition("=")
        found[name.strip()] = rest.split(";", 1)[0].strip('"')
    return found


def _cookie_header(cookies: dict[str, str]) -> str:
    return "; ".join(f"{name}={value}" for name, value in cookies.items())


@pytest.mark.parametrize(
    ("method", "route", "operation_id"), CHANGING, ids=_ids(CHANGING)
)
async def test_cookie_without_xsrf_header_rejected(
    project,
    jp_root_dir,
    http_server_client,
    jp_base_url,
    jp_serverapp,
    api,
    method,
    route,
    operation_id,
):
    cookies = await _login(
        http_server_client, jp_base_url, jp_serverapp.identity_provider.token
    )
    before = _snapshot(jp_root_dir.parent)

    response = await _raw_fetch(
        http_server_client,
        f"{jp_base_url}dvc-s3/{route}",
        method,
        headers={"Cookie": _cookie_header(cookies)},
        body=_body_for(operation_id),
    )

    assert response.code == 403, response.body
    assert _snapshot(jp_root_dir.parent) == before
    _status, jobs = await api("GET", "jobs")
    assert jobs["jobs"] == []


async def test_cookie_with_xsrf_header_accepted(
    project, http_server_client, jp_base_url, jp_serverapp
):
    cookies = await _login(
        http_server_client, jp_base_url, jp_serverapp.identity_provider.token
    )
    headers = {"Cookie": _cookie_header(cookies), "X-XSRFToken": cookies["_xsrf"]}
    body = json.dumps({"path": "project", "user_name": "Ada", "user_email": "a@b.c"})

    changed = await _raw_fetch(
        http_server_client,
        f"{jp_base_url}dvc-s3/repo/identity",
        "PUT",
        headers=headers,
        body=body,
    )
    read = await _raw_fetch(
        http_server_client,
        f"{jp_base_url}dvc-s3/repo?path=project",
        "GET",
        headers={"Cookie": _cookie_header(cookies)},
    )

    assert changed.code == 200, changed.body
    assert json.loads(changed.body)["git_identity"] == {"name": "Ada", "email": "a@b.c"}
    assert read.code == 200, read.body


# Paths

#: (API path, expected status, expected code). Paths that stay inside the
#: root and name nothing get 404; everything that leaves it gets 403.
BAD_PATHS = [
    ("../outside/secret.pkl", 403, "outside_root"),
    ("../", 403, "outside_root"),
    ("..", 403, "outside_root"),
    ("./..", 403, "outside_root"),
    ("a/../../outside", 403, "outside_root"),
    ("project/../../outside/model.pkl", 403, "outside_root"),
    ("/etc/passwd", 403, "outside_root"),
    ("//etc", 403, "outside_root"),
    ("{root}/project", 403, "outside_root"),
    ("project/link.pkl", 403, "outside_root"),
    ("escape/secret.pkl", 403, "outside_root"),
    ("escape", 403, "outside_root"),
    ("project/pkl/model.pkl\x00.txt", 403, "outside_root"),
    ("\x00", 403, "outside_root"),
    ("%2e%2e/outside/secret.pkl", 403, "outside_root"),
    ("%2e%2e%2foutside%2fsecret.pkl", 403, "outside_root"),
    ("%252e%252e/outside/secret.pkl", 403, "outside_root"),
    ("project/%2e%2e/%2e%2e/outside", 403, "outside_root"),
    ("..\\outside\\secret.pkl", 403, "outside_root"),
    ("project\\..\\..\\outside", 403, "outside_root"),
    ("~", 404, "not_found"),
    ("~/outside/secret.pkl", 404, "not_found"),
    ("project/pkl/absent.pkl", 404, "not_found"),
]


def _resolve_ref(node: dict[str, Any]) -> dict[str, Any]:
    """Follow a local ``$ref`` of the document, one level."""
    if "$ref" not in node:
        return node
    found: Any = spec()
    for part in node["$ref"].removeprefix("#/").split("/"):
        found = found[part]
    return found


def _path_routes() -> Iterator[tuple[str, str, str]]:
    """Yield (method, route, "query" or "body") for each operation taking a path."""
    for template, item in spec()["paths"].items():
        route = template.strip("/")
        for name, value in PATH_PARAMETERS.items():
            route = route.replace("{" + name + "}", value)
        for method, operation in item.items():
            if method not in ("get", "post", "put", "delete", "patch"):
                continue
            parameters = [_resolve_ref(p) for p in operation.get("parameters", [])]
            if any(p["name"] == "path" and p["in"] == "query" for p in parameters):
                yield method.upper(), route, "query"
            content = operation.get("requestBody", {}).get("content", {})
            schema = content.get("application/json", {}).get("schema")
            if schema and "path" in _resolve_ref(schema).get("properties", {}):
                yield method.upper(), route, "body"


PATH_ROUTES = list(_path_routes())


def test_path_routes_found_in_document():
    found = {(method, route) for method, route, _ in PATH_ROUTES}

    assert ("GET", "models/history") in found
    assert ("POST", "jobs") in found
    assert ("PUT", "remotes/storage") in found
    assert len(found) >= 10


def _path_body(route: str, api_path: str) -> dict[str, Any]:
    body: dict[str, Any] = {"path": api_path}
    if route == "repo":
        body.update(git=True, dvc=True)
    elif route == "repo/identity":
        body.update(user_name="Eve", user_email="e@x.y")
    elif route == "remotes/storage":
        body.update(url="s3://b-intruder", endpointurl="http://127.0.0.1:9")
    elif route == "jobs":
        body.update(action="version")
    return body


@pytest.mark.parametrize(
    ("method", "route", "where"), PATH_ROUTES, ids=lambda v: str(v)
)
@pytest.mark.parametrize(("api_path", "status", "code"), BAD_PATHS, ids=repr)
async def test_bad_path_rejected_nothing_changed(
    project,
    escapes,
    outside,
    jp_root_dir,
    http_server_client,
    jp_base_url,
    jp_auth_header,
    api,
    method,
    route,
    where,
    api_path,
    status,
    code,
):
    api_path = api_path.replace("{root}", os.fspath(jp_root_dir))
    head = git.Repo(project).head.commit.hexsha
    root_before = _snapshot(jp_root_dir)
    outside_before = _snapshot(outside)
    url = f"{jp_base_url}dvc-s3/{route}"
    body = None
    if where == "query":
        url += "?path=" + quote(api_path, safe="/%~")
    else:
        body = json.dumps(_path_body(route, api_path))

    response = await _raw_fetch(
        http_server_client, url, method, headers=jp_auth_header, body=body
    )
    reply = json.loads(response.body)

    if (method, route, status) == ("GET", "jobs", 404):
        # Listing the jobs of a folder that does not exist lists none.
        assert response.code == 200, reply
        assert reply == {"jobs": []}
    elif (method, route) == ("GET", "models/history") and status == 404:
        assert response.code in (404, 409), reply
        assert reply["code"] in ("not_found", "not_a_git_repo")
    else:
        assert response.code == status, reply
        assert reply["code"] == code
    assert _snapshot(jp_root_dir) == root_before
    assert _snapshot(outside) == outside_before
    assert git.Repo(project).head.commit.hexsha == head
    _status, jobs = await api("GET", "jobs")
    assert jobs["jobs"] == []


@pytest.mark.parametrize(
    "raw_query",
    [
        "%2e%2e/outside",
        "%2e%2e%2foutside",
        "%252e%252e%252foutside",
        "%2E%2E%5Coutside",
        "project%2f..%2f..%2foutside",
        "%00",
    ],
)
async def test_encoded_query_path_rejected(
    project,
    outside,
    jp_root_dir,
    http_server_client,
    jp_base_url,
    jp_auth_header,
    raw_query,
):
    before = _snapshot(jp_root_dir)

    for route in ("repo", "models", "remotes", "models/history"):
        response = await _raw_fetch(
            http_server_client,
            f"{jp_base_url}dvc-s3/{route}?path={raw_query}",
            "GET",
            headers=jp_auth_header,
        )
        reply = json.loads(response.body)
        assert response.code == 403, (route, reply)
        assert reply["code"] == "outside_root"
    assert _snapshot(jp_root_dir) == before


# Limits


async def test_huge_commit_message_rejected(project, jp_root_dir, api):
    before = _snapshot(jp_root_dir)
    body = {
        "action": "version",
        "path": "project/pkl/model.pkl",
        "message": "m" * 10_000_000,
    }

    status, reply = await api("POST", "jobs", body)

    assert status == 400, reply
    assert reply["code"] == "invalid_request"
    assert _snapshot(jp_root_dir) == before


@pytest.mark.parametrize(
    ("method", "route", "operation_id"), CHANGING, ids=_ids(CHANGING)
)
async def test_oversized_body_rejected(
    project, jp_root_dir, api, method, route, operation_id
):
    if method == "DELETE":
        pytest.skip("DELETE takes no body")
    body = dict(BODIES[operation_id], padding="x" * (64 * 1024 + 1))
    before = _snapshot(jp_root_dir)

    status, reply = await api(method, route, body)

    assert status == 400, reply
    assert reply["code"] == "invalid_request"
    assert "bytes" in reply["message"]
    assert _snapshot(jp_root_dir) == before


@pytest.mark.parametrize(
    ("name", "fields"),
    [
        ("storage", {"url": "s3://b-long/" + "p" * 3000}),
        ("storage", {"endpointurl": "http://127.0.0.1:9/" + "e" * 3000}),
        ("storage", {"region": "r" * 3000}),
        ("storage", {"profile": "p" * 3000}),
        ("storage", {"access_key_id": "k" * 3000}),
        ("storage", {"secret_access_key": "s" * 3000}),
        ("storage", {"session_token": "t" * 3000}),
        ("n" * 65, {}),
        ("storage", {"url": "s3://" + "b" * 64}),
    ],
    ids=lambda v: v if isinstance(v, str) and len(v) < 20 else None,
)
async def test_overlong_remote_field_rejected(project, jp_root_dir, api, name, fields):
    before = _snapshot(jp_root_dir)
    body = {"path": "project", "url": "s3://b-long", **fields}

    status, reply = await api("PUT", f"remotes/{name}", body)

    assert status == 400, reply
    assert reply["code"] == "invalid_request"
    assert _snapshot(jp_root_dir) == before


# Secrets


def _assert_no_secret(text: str, where: str) -> None:
    assert KEY_ID not in text, f"access key id in {where}"
    assert SECRET not in text, f"secret access key in {where}"
    assert SESSION_TOKEN not in text, f"session token in {where}"


async def test_secret_never_leaves_server(
    project,
    bucket,
    s3_endpoint,
    jp_root_dir,
    http_server_client,
    jp_base_url,
    jp_auth_header,
    api,
    run_job,
    caplog,
):
    caplog.set_level(logging.DEBUG)
    settings = {
        "path": "project",
        "url": f"s3://{bucket}",
        "endpointurl": s3_endpoint,
        "access_key_id": KEY_ID,
        "secret_access_key": SECRET,
        "session_token": SESSION_TOKEN,
        "default": True,
    }
    status, saved = await api("PUT", "remotes/storage", settings)
    assert status == 200, saved
    _assert_no_secret(json.dumps(saved), "PUT remotes/storage")
    job = await run_job("version", "project/pkl/model.pkl", message="Save a model")
    assert job["state"] == "succeeded", job

    replies = {"job": json.dumps(job)}
    for method, route, operation_id in OPERATIONS:
        route = route.replace("0" * 32, job["id"])
        url = f"{jp_base_url}dvc-s3/{route}?path=project"
        if route == "models/history":
            url = f"{jp_base_url}dvc-s3/{route}?path=project/pkl/model.pkl"
        body = _body_for(operation_id)
        if operation_id == "saveRemote":
            # Keys left out keep their stored values.
            public = {k: v for k, v in settings.items() if k not in SECRET_FIELDS}
            body = json.dumps(public)
        response = await _raw_fetch(
            http_server_client, url, method, headers=jp_auth_header, body=body
        )
        assert response.code < 500, (method, route, response.body)
        replies[f"{method} {route}"] = response.body.decode() + str(response.headers)

    for where, text in replies.items():
        _assert_no_secret(text, where)
    _assert_no_secret(caplog.text, "the server log")
    _assert_no_secret((project / ".dvc" / "config").read_text(), ".dvc/config")
    assert SECRET in (project / ".dvc" / "config.local").read_text()
    history = git.Repo(project).git.log("--all", "-p")
    _assert_no_secret(history, "the git history")
    assert not re.search(r"secret_access_key\s*=", history)
