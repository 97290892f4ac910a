"""The REST API under a JupyterHub-style base URL."""

from __future__ import annotations

import json

import pytest
from tornado.httpclient import HTTPClientError

from .openapi_check import spec

BASE_URL = "/user/demo/"


@pytest.fixture
def jp_base_url() -> str:
    return BASE_URL


async def _fetch(client, url, headers, method="GET", body=None):
    try:
        return await client.fetch(url, method=method, headers=headers, body=body)
    except HTTPClientError as error:
        assert error.response is not None, error
        return error.response


async def test_routes_answer_under_base_url(
    project, http_server_client, jp_auth_header
):
    for template, item in spec()["paths"].items():
        if "get" not in item or "{" in template:
            continue
        url = f"{BASE_URL}dvc-s3{template}?path=project"
        if template == "/models/history":
            url = f"{BASE_URL}dvc-s3{template}?path=project/pkl/model.pkl"

        response = await _fetch(http_server_client, url, jp_auth_header)

        # A model with no saved version yet has no history: the handler's
        # own JSON 404, not the HTML page of an unknown route.
        reply = json.loads(response.body)
        if template == "/models/history":
            assert response.code == 404, reply
            assert reply["code"] == "not_found"
        else:
            assert response.code == 200, (template, reply)


async def test_job_location_has_base_url(project, http_server_client, jp_auth_header):
    body = json.dumps({"action": "add", "path": "project/pkl/model.pkl"})

    response = await _fetch(
        http_server_client, f"{BASE_URL}dvc-s3/jobs", jp_auth_header, "POST", body
    )
    job = json.loads(response.body)
    location = response.headers["Location"]
    followed = await _fetch(http_server_client, location, jp_auth_header)

    assert response.code == 202, job
    assert location.startswith("/user/demo/dvc-s3/jobs/")
    assert location == f"/user/demo/dvc-s3/jobs/{job['id']}"
    assert followed.code == 200
    assert json.loads(followed.body)["id"] == job["id"]


@pytest.mark.parametrize("route", ["repo", "remotes", "models", "jobs"])
async def test_nothing_without_base_url(
    project, http_server_client, jp_auth_header, route
):
    response = await _fetch(
        http_server_client, f"/dvc-s3/{route}?path=project", jp_auth_header
    )

    assert response.code == 404
