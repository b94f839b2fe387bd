"""Check a real response against the project's own OpenAPI document (JSON Schema 2020-12)."""

from jsonschema import Draft202012Validator


def assert_matches_spec(client, method: str, path: str, response) -> None:
    spec = client.get("/api/v1/openapi.json").get_json()
    operation = spec["paths"][path][method]
    status = str(response.status_code)
    assert status in operation["responses"], f"{method.upper()} {path} returned undocumented {status}"
    documented = operation["responses"][status]
    if "content" not in documented:
        return
    schema = _inline(documented["content"]["application/json"]["schema"], spec)
    Draft202012Validator(schema).validate(response.get_json())


def _inline(schema, spec):
    """Replace local `#/components/...` references with the schemas they name."""
    if isinstance(schema, dict):
        if "$ref" in schema and schema["$ref"].startswith("#/"):
            target = spec
            for part in schema["$ref"][2:].split("/"):
                target = target[part]
            return _inline(target, spec)
        return {key: _inline(value, spec) for key, value in schema.items()}
    if isinstance(schema, list):
        return [_inline(item, spec) for item in schema]
    return schema
