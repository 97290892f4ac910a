"""Check REST responses against the OpenAPI document in docs/openapi.yaml."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema
import yaml

SPEC_PATH = Path(__file__).resolve().parent.parent / "docs" / "openapi.yaml"


@cache
def spec() -> dict[str, Any]:
    """Return the parsed OpenAPI document."""
    return yaml.safe_load(SPEC_PATH.read_text())


def _template_regex(template: str) -> re.Pattern[str]:
    return re.compile("^" + re.sub(r"\{[^}]+\}", "[^/]+", template) + "$")


def operation_for(method: str, route: str) -> tuple[str, dict[str, Any]]:
    """Return the path template and the operation that serve a request."""
    path = "/" + route.strip("/")
    for template, item in spec()["paths"].items():
        if _template_regex(template).match(path) and method.lower() in item:
            return template, item[method.lower()]
    raise AssertionError(f"{method} {path} is not in {SPEC_PATH.name}")


def _pointer(*parts: str) -> str:
    return "#/" + "/".join(part.replace("~", "~0").replace("/", "~1") for part in parts)


def validate_response(method: str, route: str, status: int, body: Any) -> None:
    """Raise AssertionError if the response does not match the document."""
    template, operation = operation_for(method, route)
    responses = operation["responses"]
    key = str(status)
    if key not in responses:
        raise AssertionError(f"{method} {template} documents no {status} response")
    response = responses[key]
    if "$ref" in response:
        response_pointer = response["$ref"] + "/content/application~1json/schema"
    else:
        response_pointer = _pointer(
            "paths",
            template,
            method.lower(),
            "responses",
            key,
            "content",
            "application/json",
            "schema",
        )
    # The document is the root schema, so the references inside it resolve.
    schema = {**spec(), "$ref": response_pointer}
    try:
        jsonschema.Draft202012Validator(schema).validate(body)
    except jsonschema.ValidationError as error:
        raise AssertionError(
            f"{method} {template} {status} does not match {SPEC_PATH.name}: "
            f"{error.message} at {list(error.absolute_path)}"
        ) from error
