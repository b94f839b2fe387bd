"""OpenAPI paths and schemas of search, possible duplicates and experts."""
from .spec_ideas import REF, _errors, _ok

HIGHLIGHTS = {"type": "object", "description": "HTML with <mark> around matched words; everything else escaped",
              "properties": {"title": {"type": "string"}, "body": {"type": "string"}}}
FACET = {"type": "array", "items": {"type": "object", "required": ["value", "count"],
                                    "properties": {"value": {"type": "string"}, "count": {"type": "integer"}}}}
PERSON = {"type": "object", "required": ["id", "name", "constituency"],
          "properties": {"id": {"type": "integer"}, "name": {"type": "string"},
                         "constituency": {"type": "string", "enum": ["customer", "employee"]}}}

SCHEMAS = {
    "SearchHit": {
        "type": "object", "required": ["type", "id", "highlights", "url"],
        "description": "An idea, comment or person the caller may see; fields depend on `type`.",
        "properties": {"type": {"type": "string", "enum": ["idea", "comment", "person"]},
                       "id": {"type": "integer"}, "title": {"type": "string"}, "name": {"type": "string"},
                       "status": {"type": "string"}, "tags": {"type": "array", "items": {"type": "string"}},
                       "idea": {"type": "object"}, "author": PERSON, "score": {"type": ["number", "null"]},
                       "highlights": HIGHLIGHTS, "url": {"type": "string"}},
    },
    "SearchResults": {
        "type": "object", "required": ["items", "page", "per_page", "total", "type", "facets", "corrected"],
        "properties": {"items": {"type": "array", "items": {"$ref": REF + "SearchHit"}},
                       "page": {"type": "integer"}, "per_page": {"type": "integer"}, "total": {"type": "integer"},
                       "type": {"type": "string"}, "query": {"type": "string"},
                       "corrected": {"type": "boolean", "description": "no exact match; one typo per word forgiven"},
                       "message": {"type": "string"},
                       "facets": {"type": "object", "properties": {"status": FACET, "tag": FACET,
                                                                  "constituency": FACET}}},
    },
    "SimilarIdeas": {
        "type": "object", "required": ["items"],
        "properties": {"items": {"type": "array", "items": {
            "type": "object", "required": ["id", "title", "score"],
            "properties": {"id": {"type": "integer"}, "title": {"type": "string"}, "score": {"type": "number"},
                           "status": {"type": "string"}, "support_total": {"type": "integer"},
                           "url": {"type": "string"}}}}},
    },
    "Experts": {
        "type": "object", "required": ["items"],
        "properties": {"items": {"type": "array", "items": {
            "type": "object", "required": ["user", "score", "ideas", "adopted", "comments", "declared", "evidence"],
            "properties": {
                "user": PERSON, "score": {"type": "integer"}, "ideas": {"type": "integer"},
                "adopted": {"type": "integer"}, "comments": {"type": "integer"}, "declared": {"type": "boolean"},
                "evidence": {"type": "array", "items": {
                    "type": "object", "required": ["type", "id", "idea_id", "text", "url"],
                    "properties": {"type": {"type": "string", "enum": ["idea", "comment"]},
                                   "id": {"type": "integer"}, "idea_id": {"type": "integer"},
                                   "text": {"type": "string"}, "idea_title": {"type": "string"},
                                   "status": {"type": "string"}, "url": {"type": "string"}}}}}}}},
    },
}


def _query(name: str, description: str, **schema) -> dict:
    return {"name": name, "in": "query", "description": description, "schema": {"type": "string", **schema}}


PATHS = {
    "/search": {"get": {
        "summary": "Search ideas, comments or people the caller may see",
        "description": "Words must all match (stemmed; one typo forgiven when nothing matches exactly), "
                       "\"quoted phrases\" match in order, -word excludes. Counts and facets cover only "
                       "what the caller may see.",
        "security": [],
        "parameters": [_query("q", "the query, at most 200 characters"),
                       _query("type", "what to search", enum=["ideas", "comments", "people"]),
                       {"name": "page", "in": "query", "schema": {"type": "integer", "minimum": 1}},
                       {"name": "per_page", "in": "query", "schema": {"type": "integer", "minimum": 1,
                                                                      "maximum": 50}},
                       _query("status", "filter by idea status"), _query("tag", "filter by tag"),
                       _query("constituency", "filter by the author's constituency",
                              enum=["customer", "employee"])],
        "responses": {**_ok("SearchResults"), **_errors("422")}}},
    "/ideas/similar": {"get": {
        "summary": "Possible duplicates of a title (and body) being written; only visible ideas",
        "security": [],
        "parameters": [_query("title", "the title typed so far"), _query("body", "the description, optional"),
                       {"name": "limit", "in": "query", "schema": {"type": "integer", "minimum": 1, "maximum": 10}}],
        "responses": {**_ok("SimilarIdeas"), **_errors("422")}}},
    "/experts": {"get": {
        "summary": "Who knows about a topic: people ranked by what they contributed on it, with evidence",
        "description": "Matching ideas they wrote count 3 (6 once adopted: planned, in progress or shipped), "
                       "matching comments 1, a declared expertise tag 2. Only what the caller may see counts.",
        "security": [],
        "parameters": [_query("q", "the topic, at most 200 characters"),
                       {"name": "limit", "in": "query", "schema": {"type": "integer", "minimum": 1, "maximum": 50}}],
        "responses": {**_ok("Experts"), **_errors("422")}}},
}
