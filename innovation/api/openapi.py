"""The OpenAPI 3.1 document of API v1, generated: the paths from the app's URL map, everything
else from the declarations of `operations` and the schemas they name."""

import re
from http import HTTPStatus
from typing import Any

from flask import Flask, current_app, jsonify
from pydantic import TypeAdapter
from pydantic.json_schema import GenerateJsonSchema

from ..platform.input import DB_INT_MAX
from . import bp
from .operations import OPERATIONS, Operation, operation
from .schemas.errors import ERROR_STATUSES, Error
from .schemas.pages import paging_parameters

REF_TEMPLATE = "#/components/schemas/{model}"
# The document has always called the path parameters `id` (a candidate's `cid`): keep the names.
PATH_NAMES = {"idea_id": "id", "round_id": "id", "comment_id": "id", "candidate_id": "cid"}
ARGUMENT = re.compile(r"<(?:(\w+)(?:\(([^)]*)\))?:)?(\w+)>")
# `<int:…>` is platform.input.DatabaseIdConverter: ASCII digits; beyond the range no row exists (404).
CONVERTERS = {"int": {"type": "integer", "minimum": 1, "maximum": DB_INT_MAX}, "float": {"type": "number"}}
SECURITY_SCHEMES = {
    "bearer": {"type": "http", "scheme": "bearer"},
    "cookie": {
        "type": "apiKey",
        "in": "cookie",
        "name": "session",
        "description": "Browser session; changes need the X-CSRFToken header.",
    },
}
OpenAPIDocument = dict[str, Any]
# The blueprint is made with a prefix; a Blueprint's may be None in general.
if bp.url_prefix is None:
    raise RuntimeError("The API blueprint has no url_prefix to document.")
PREFIX: str = bp.url_prefix


class SchemaGenerator(GenerateJsonSchema):
    """Components are named by their keys: a title on every property would only repeat its name."""

    def field_title_should_be_set(self, schema) -> bool:
        return False


def openapi_document(app: Flask) -> dict:
    """The document of every route under the API's prefix (built once per app)."""
    if "api.openapi" not in app.extensions:
        app.extensions["api.openapi"] = _build(app)
    return app.extensions["api.openapi"]


def _build(app: Flask) -> dict:
    routes: list[tuple[str, list[dict], Operation]] = []
    for rule in app.url_map.iter_rules():
        if not rule.rule.startswith(PREFIX + "/"):
            continue
        # Flask gives every rule its methods; None (any method) is only Werkzeug's default.
        for method in sorted((rule.methods or set()) - {"HEAD", "OPTIONS"}):
            declared = OPERATIONS.get((rule.endpoint, method))
            if declared is None:
                raise LookupError(f"{method} {rule.rule} is not declared with api.operations.operation")
            routes.extend((path, parameters, declared) for path, parameters in _paths(rule.rule))
    shapes = {shape for _p, _a, op in routes for shape in (op.body, *op.responses.values()) if shape is not None}
    refs, definitions = TypeAdapter.json_schemas(
        [(shape, "validation", TypeAdapter(shape)) for shape in {Error, *shapes}],
        ref_template=REF_TEMPLATE,
        schema_generator=SchemaGenerator,
    )
    schemas = {shape: schema for (shape, _mode), schema in refs.items()}
    paths: dict[str, dict] = {}
    taken: set[str] = set()
    for path, parameters, declared in routes:
        item = _operation(declared, parameters, schemas)
        while item["operationId"] in taken:  # one view behind several paths (`any(...)`)
            item["operationId"] += "_"
        taken.add(item["operationId"])
        paths.setdefault(path, {})[declared.method.lower()] = item
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "Innovation Commons API",
            "version": "1",
            "description": "Ideas, support, ratings and joint-decision rounds of customers and employees.",
        },
        "servers": [{"url": PREFIX}],
        "security": [{"bearer": []}, {"cookie": []}],
        "paths": paths,
        "components": {"securitySchemes": SECURITY_SCHEMES, "schemas": definitions.get("$defs", {})},
    }


def _paths(rule: str) -> list[tuple[str, list[dict]]]:
    """The document's path(s) for a Werkzeug rule, each with its path parameters; an
    `any(a, b)` part gives one path per option."""
    variants: list[tuple[str, list[dict]]] = [("", [])]
    position = 0
    for match in ARGUMENT.finditer(rule):
        literal, (converter, arguments, name) = rule[position : match.start()], match.groups()
        if converter == "any":
            options = [option.strip().strip("'\"") for option in arguments.split(",")]
            variants = [(path + literal + option, found) for path, found in variants for option in options]
        else:
            shown = PATH_NAMES.get(name, name)
            parameter = {
                "name": shown,
                "in": "path",
                "required": True,
                "schema": CONVERTERS.get(converter, {"type": "string"}),
            }
            variants = [(path + literal + "{" + shown + "}", [*found, parameter]) for path, found in variants]
        position = match.end()
    return [((path + rule[position:])[len(PREFIX) :], found) for path, found in variants]


def _query_parameters(model) -> list[dict]:
    schema = model.model_json_schema(ref_template=REF_TEMPLATE, schema_generator=SchemaGenerator)
    parameters = []
    for name, field in schema.get("properties", {}).items():
        parameter = {"name": name, "in": "query", "schema": field}
        if "description" in field:
            parameter["description"] = field.pop("description")
        parameters.append(parameter)
    return parameters


def _operation(declared: Operation, path_parameters: list[dict], refs: dict) -> dict:
    item: dict[str, Any] = {"operationId": declared.endpoint.split(".", 1)[1], "summary": declared.summary}
    description = declared.description
    if declared.roles:
        description = f"{description}\n\nFor: {', '.join(declared.roles)}.".strip()
    if description:
        item["description"] = description
    if declared.public:
        item["security"] = []
    parameters = [*path_parameters]
    if declared.page_size:
        parameters += paging_parameters(declared.page_size)
    if declared.query is not None:
        taken = {p["name"] for p in parameters}
        parameters += [p for p in _query_parameters(declared.query) if p["name"] not in taken]
    if parameters:
        item["parameters"] = parameters
    if declared.body is not None:
        item["requestBody"] = {"required": True, "content": {"application/json": {"schema": refs[declared.body]}}}
    responses = {
        str(status): {
            "description": HTTPStatus(status).phrase,
            "content": {"application/json": {"schema": refs[shape]}},
        }
        for status, shape in sorted(declared.responses.items())
    }
    for status in sorted(declared.errors):
        responses[str(status)] = {
            "description": ERROR_STATUSES[status],
            "content": {"application/json": {"schema": refs[Error]}},
        }
    item["responses"] = responses
    return item


@operation("/openapi.json", "GET", summary="This document", public=True, responses={200: OpenAPIDocument})
def openapi_json():
    return jsonify(openapi_document(current_app))
