"""The OpenAPI document is generated from the routes and the declared schemas, and a route
nobody declared cannot slip into the API unnoticed."""

import pytest

from innovation.api.openapi import REF_TEMPLATE, SchemaGenerator, _build
from innovation.api.operations import OPERATIONS
from innovation.api.schemas.ideas import Idea, NewIdea


def test_bodies_and_answers_come_from_the_schemas(client):
    spec = client.get("/api/v1/openapi.json").get_json()
    post = spec["paths"]["/ideas"]["post"]
    assert post["requestBody"]["content"]["application/json"]["schema"] == {"$ref": "#/components/schemas/NewIdea"}
    generated = NewIdea.model_json_schema(ref_template=REF_TEMPLATE, schema_generator=SchemaGenerator)
    assert spec["components"]["schemas"]["NewIdea"] == generated
    assert post["responses"]["201"]["content"]["application/json"]["schema"]["$ref"].endswith("/Idea")
    assert set(spec["components"]["schemas"]["Idea"]["required"]) == set(Idea.__required_keys__)


def test_every_declaration_is_in_the_document(client):
    spec = client.get("/api/v1/openapi.json").get_json()
    # One view behind several paths (`any(idea, comment)`) has its later ids suffixed with "_".
    operation_ids = {op["operationId"].rstrip("_") for item in spec["paths"].values() for op in item.values()}
    assert operation_ids == {endpoint.split(".", 1)[1] for endpoint, _method in OPERATIONS}


def test_a_route_without_a_declaration_fails_the_document(app):
    app.add_url_rule("/api/v1/undeclared", "undeclared", lambda: "")
    with pytest.raises(LookupError, match="/api/v1/undeclared"):
        _build(app)
