"""The OpenAPI document describes every API route the server has, with the same methods."""

import re

from openapi_spec_validator import validate


def test_every_api_route_is_documented(app, client):
    spec = client.get("/api/v1/openapi.json").get_json()
    documented = {
        (path, method)
        for path, item in spec["paths"].items()
        for method in item
        if method in ("get", "post", "put", "patch", "delete")
    }
    served = set()
    for rule in app.url_map.iter_rules():
        if not rule.rule.startswith("/api/v1/"):
            continue
        template = re.sub(r"<(?:int:)?(\w+)>", r"{\1}", rule.rule[len("/api/v1") :])
        template = (
            template.replace("{round_id}", "{id}")
            .replace("{idea_id}", "{id}")
            .replace("{comment_id}", "{id}")
            .replace("{candidate_id}", "{cid}")
        )
        for method in rule.methods - {"HEAD", "OPTIONS"}:
            if "<any(" in rule.rule:
                for option in re.search(r"<any\(([^)]*)\):\w+>", rule.rule).group(1).split(","):
                    expanded = re.sub(r"<any\([^)]*\):\w+>", option.strip(), rule.rule[len("/api/v1") :])
                    expanded = re.sub(r"<(?:int:)?(\w+)>", r"{\1}", expanded).replace("{round_id}", "{id}")
                    served.add((expanded, method.lower()))
            else:
                served.add((template, method.lower()))
    assert served - documented == set(), "served but not documented"
    assert documented - served == set(), "documented but not served"


def test_the_document_is_valid_openapi(client):
    validate(client.get("/api/v1/openapi.json").get_json())
