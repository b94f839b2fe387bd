"""OpenAPI paths and schemas of the ideas, votes, ratings and comments endpoints."""

REF = "#/components/schemas/"
NULLABLE_NUMBER = {"type": ["number", "null"]}
COUNT_MEAN = {"type": "object", "required": ["count", "mean"],
              "properties": {"count": {"type": "integer"}, "mean": NULLABLE_NUMBER}}
STATUS = {"type": "string", "enum": ["new", "under_review", "in_round", "planned", "in_progress", "shipped",
                                     "declined", "merged"]}

SCHEMAS = {
    "Author": {"type": "object", "required": ["id", "name", "constituency"],
               "properties": {"id": {"type": "integer"}, "name": {"type": "string"},
                              "constituency": {"type": "string", "enum": ["customer", "employee"]}}},
    "Idea": {
        "type": "object",
        "required": ["id", "title", "body", "body_html", "tags", "status", "visibility", "author", "created_at",
                     "support", "rating", "comment_count", "my_vote", "my_rating", "url"],
        "properties": {
            "id": {"type": "integer"}, "title": {"type": "string"}, "body": {"type": "string"},
            "body_html": {"type": "string"}, "tags": {"type": "array", "items": {"type": "string"}},
            "status": STATUS, "visibility": {"type": "string", "enum": ["public", "internal"]},
            "author": {"$ref": REF + "Author"}, "created_at": {"type": "string", "format": "date-time"},
            "edited_at": {"type": ["string", "null"]}, "merged_into": {"type": ["integer", "null"]},
            "support": {"type": "object", "required": ["customer", "employee", "total"],
                        "properties": {k: {"type": "integer"} for k in ("customer", "employee", "total")}},
            "rating": {"type": "object", "required": ["count", "mean", "bayesian", "by_constituency"],
                       "properties": {"count": {"type": "integer"}, "mean": NULLABLE_NUMBER,
                                      "bayesian": {"type": "number"},
                                      "by_constituency": {"type": "object", "required": ["customer", "employee"],
                                                          "properties": {"customer": COUNT_MEAN,
                                                                         "employee": COUNT_MEAN}}}},
            "common_ground": {"type": "object"},
            "comment_count": {"type": "integer"}, "my_vote": {"type": "boolean"},
            "my_rating": {"type": ["integer", "null"], "minimum": 1, "maximum": 5}, "url": {"type": "string"},
        },
    },
    "Comment": {
        "type": "object", "required": ["id", "body", "body_html", "parent_id", "author", "created_at"],
        "properties": {"id": {"type": "integer"}, "idea_id": {"type": "integer"}, "body": {"type": "string"},
                       "body_html": {"type": "string"}, "parent_id": {"type": ["integer", "null"]},
                       "author": {"$ref": REF + "Author"}, "created_at": {"type": "string"},
                       "edited_at": {"type": ["string", "null"]}, "deleted": {"type": "boolean"},
                       "hidden": {"type": "boolean"}},
    },
}


def _list_of(ref: str) -> dict:
    return {"type": "object", "required": ["items", "page", "per_page", "total"],
            "properties": {"items": {"type": "array", "items": {"$ref": REF + ref}},
                           "page": {"type": "integer"}, "per_page": {"type": "integer"},
                           "total": {"type": "integer"}}}


def _ok(ref_or_schema, description="OK", code="200"):
    schema = {"$ref": REF + ref_or_schema} if isinstance(ref_or_schema, str) else ref_or_schema
    return {code: {"description": description, "content": {"application/json": {"schema": schema}}}}


def _errors(*codes) -> dict:
    texts = {"400": "Malformed JSON", "401": "Not signed in", "403": "Not allowed", "404": "Not found or not visible",
             "409": "State conflict", "413": "Too large", "422": "Validation failed", "429": "Rate-limited"}
    return {code: {"description": texts[code], "content": {"application/json": {
        "schema": {"$ref": REF + "Error"}}}} for code in codes}


def _body(properties: dict, required=()) -> dict:
    return {"required": True, "content": {"application/json": {"schema": {
        "type": "object", "properties": properties, "required": list(required)}}}}


ID = [{"name": "id", "in": "path", "required": True, "schema": {"type": "integer"}}]
PAGING = [{"name": "page", "in": "query", "schema": {"type": "integer", "minimum": 1}},
          {"name": "per_page", "in": "query", "schema": {"type": "integer", "minimum": 1, "maximum": 100}}]
IDEA_FIELDS = {"title": {"type": "string", "minLength": 5, "maxLength": 140},
               "body": {"type": "string", "maxLength": 20000},
               "tags": {"type": "array", "maxItems": 10, "items": {"type": "string"}},
               "visibility": {"type": "string", "enum": ["public", "internal"]}}
WRITE_ERRORS = ("400", "401", "403", "404", "422", "429")
IDEA_WRITE = {**_ok("Idea"), **_errors(*WRITE_ERRORS)}

PATHS = {
    "/ideas": {
        "get": {"summary": "Ideas the caller may see", "security": [],
                "parameters": [*PAGING, *[{"name": n, "in": "query", "schema": {"type": "string"}}
                                          for n in ("q", "status", "tag", "sort", "constituency")]],
                "responses": {**_ok(_list_of("Idea")), **_errors("422")}},
        "post": {"summary": "Submit an idea", "requestBody": _body(IDEA_FIELDS, ["title"]),
                 "responses": {**_ok("Idea", "Created", "201"), **_errors("400", "401", "403", "422", "429")}},
    },
    "/ideas/{id}": {
        "parameters": ID,
        "get": {"summary": "One idea", "security": [], "responses": {**_ok("Idea"), **_errors("404")}},
        "patch": {"summary": "Edit (author within 24 h, pm any time)", "requestBody": _body(IDEA_FIELDS),
                  "responses": {**_ok("Idea"), **_errors("400", "401", "403", "404", "422")}},
    },
    "/ideas/{id}/status": {"parameters": ID, "post": {
        "summary": "Change the status (pm)", "requestBody": _body({"status": STATUS, "note": {"type": "string"}},
                                                                  ["status"]),
        "responses": {**_ok("Idea"), **_errors("400", "401", "403", "404", "409", "422")}}},
    "/ideas/{id}/vote": {"parameters": ID,
                         "post": {"summary": "Support (idempotent)", "responses": IDEA_WRITE},
                         "delete": {"summary": "Retract support", "responses": IDEA_WRITE}},
    "/ideas/{id}/rating": {"parameters": ID,
                           "put": {"summary": "Rate 1-5", "requestBody": _body(
                               {"value": {"type": "integer", "minimum": 1, "maximum": 5}}, ["value"]),
                               "responses": IDEA_WRITE},
                           "delete": {"summary": "Remove my rating", "responses": IDEA_WRITE}},
    "/ideas/{id}/comments": {
        "parameters": ID,
        "get": {"summary": "The discussion, oldest first", "security": [], "parameters": PAGING,
                "responses": {**_ok(_list_of("Comment")), **_errors("404")}},
        "post": {"summary": "Comment or reply", "requestBody": _body(
            {"body": {"type": "string", "maxLength": 10000}, "parent_id": {"type": ["integer", "null"]}}, ["body"]),
            "responses": {**_ok("Comment", "Created", "201"), **_errors(*WRITE_ERRORS)}},
    },
    "/comments/{id}": {"parameters": ID,
                       "patch": {"summary": "Edit own comment (15 minutes)", "requestBody": _body(
                           {"body": {"type": "string"}}, ["body"]),
                           "responses": {**_ok("Comment"), **_errors(*WRITE_ERRORS)}},
                       "delete": {"summary": "Delete (keeps the thread)",
                                  "responses": {**_ok("Comment"), **_errors(*WRITE_ERRORS)}}},
    "/ideas/{id}/follow": {"parameters": ID, **{method: {"summary": summary, "responses": {**_ok({
        "type": "object", "required": ["idea_id", "following"], "properties": {
            "idea_id": {"type": "integer"}, "following": {"type": "boolean"}}}), **_errors("401", "404")}}
        for method, summary in (("post", "Follow"), ("delete", "Unfollow"))}},
    "/ideas/{id}/merge": {"parameters": ID, "post": {
        "summary": "Merge into another idea (pm)", "requestBody": _body({"into": {"type": "integer"}}, ["into"]),
        "responses": {**_ok("Idea"), **_errors("400", "401", "403", "404", "409", "422")}}},
}
