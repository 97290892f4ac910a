"""The OpenAPI document: valid, and every example matches its schema."""

from __future__ import annotations

import jsonschema
import pytest
from openapi_spec_validator import validate

from .openapi_check import spec


def _examples():
    for path, item in spec()["paths"].items():
        for method, operation in item.items():
            if method == "parameters":
                continue
            for status, response in operation["responses"].items():
                content = response.get("content", {}).get("application/json", {})
                if "example" in content:
                    yield (
                        f"{method} {path} {status}",
                        content["schema"],
                        content["example"],
                    )
            body = operation.get("requestBody", {}).get("content", {})
            if "example" in body.get("application/json", {}):
                json_body = body["application/json"]
                yield (
                    f"{method} {path} request",
                    json_body["schema"],
                    json_body["example"],
                )


def test_document_is_valid_openapi():
    validate(spec())


@pytest.mark.parametrize(
    ("name", "schema", "example"),
    list(_examples()),
    ids=lambda v: v if isinstance(v, str) else "",
)
def test_example_matches_schema(name, schema, example):
    jsonschema.Draft202012Validator({**spec(), **schema}).validate(example)
