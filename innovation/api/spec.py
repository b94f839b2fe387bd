"""The OpenAPI 3.1 document of API v1; tests check real responses against it."""
from flask import jsonify

from . import bp, spec_ideas, spec_rounds, spec_search

ERROR = {
    "type": "object",
    "required": ["error"],
    "properties": {
        "error": {
            "type": "object",
            "required": ["code", "message"],
            "properties": {
                "code": {"type": "string", "pattern": "^[a-z_]+$"},
                "message": {"type": "string"},
                "fields": {"type": "object", "additionalProperties": {"type": "array", "items": {"type": "string"}}},
            },
        }
    },
}

USER_REF = {
    "type": "object",
    "required": ["id", "name", "role"],
    "properties": {
        "id": {"type": "integer"},
        "name": {"type": "string"},
        "role": {"type": "string", "enum": ["customer", "employee", "pm", "admin"]},
        "constituency": {"type": "string", "enum": ["customer", "employee"]},
    },
}

ME = {
    "type": "object",
    "required": ["id", "name", "email", "role", "constituency"],
    "properties": {
        "id": {"type": "integer"},
        "name": {"type": "string"},
        "email": {"type": "string"},
        "role": {"type": "string", "enum": ["customer", "employee", "pm", "admin"]},
        "constituency": {"type": "string", "enum": ["customer", "employee"]},
    },
}


def error_response(description: str) -> dict:
    return {"description": description,
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}


def json_response(description: str, schema: dict) -> dict:
    return {"description": description, "content": {"application/json": {"schema": schema}}}


PATHS = {
    "/auth/token": {
        "post": {
            "summary": "Exchange e-mail and password for a bearer token",
            "security": [],
            "requestBody": {"required": True, "content": {"application/json": {"schema": {
                "type": "object", "required": ["email", "password"],
                "properties": {"email": {"type": "string"}, "password": {"type": "string"}}}}}},
            "responses": {
                "200": json_response("A token and its user", {
                    "type": "object", "required": ["token", "user"],
                    "properties": {"token": {"type": "string"}, "user": {"$ref": "#/components/schemas/UserRef"}}}),
                "400": error_response("Malformed JSON"),
                "401": error_response("Bad credentials"),
                "422": error_response("Missing fields"),
                "429": error_response("Too many attempts"),
            },
        }
    },
    "/me": {
        "get": {
            "summary": "The caller's account",
            "responses": {
                "200": json_response("The caller", {"$ref": "#/components/schemas/Me"}),
                "401": error_response("Not signed in"),
            },
        }
    },
    "/openapi.json": {
        "get": {
            "summary": "This document",
            "security": [],
            "responses": {"200": json_response("OpenAPI document", {"type": "object"})},
        }
    },
}


def openapi_document() -> dict:
    return {
        "openapi": "3.1.0",
        "info": {"title": "Innovation Commons API", "version": "1",
                 "description": "Ideas, support, ratings and joint-decision rounds of customers and employees."},
        "servers": [{"url": "/api/v1"}],
        "security": [{"bearer": []}, {"cookie": []}],
        "paths": {**PATHS, **spec_ideas.PATHS, **spec_rounds.PATHS, **spec_search.PATHS},
        "components": {
            "securitySchemes": {
                "bearer": {"type": "http", "scheme": "bearer"},
                "cookie": {"type": "apiKey", "in": "cookie", "name": "session",
                           "description": "Browser session; changes need the X-CSRFToken header."},
            },
            "schemas": {"Error": ERROR, "UserRef": USER_REF, "Me": ME, **spec_ideas.SCHEMAS, **spec_rounds.SCHEMAS,
                        **spec_search.SCHEMAS},
        },
    }


@bp.route("/openapi.json")
def openapi_json():
    return jsonify(openapi_document())
