"""OpenAPI paths and schemas of the decision-round endpoints."""
from .spec_ideas import ID, PAGING, REF, _body, _errors, _list_of, _ok

NUMBER = {"type": "number"}
MAYBE_NUMBER = {"type": ["number", "null"]}
MAYBE_TIME = {"type": ["string", "null"]}
WEIGHTS = {"type": "object", "required": ["customer", "employee"],
           "properties": {"customer": NUMBER, "employee": NUMBER}}
IMPACT = {"type": "object", "properties": {
    "cost": NUMBER, "cost_low": MAYBE_NUMBER, "cost_high": MAYBE_NUMBER, "annual_benefit": NUMBER,
    "benefit_low": MAYBE_NUMBER, "benefit_high": MAYBE_NUMBER, "effort_weeks": NUMBER, "reach": {"type": "integer"},
    "confidence": NUMBER, "risk": {"type": "string", "enum": ["low", "medium", "high"]}, "sources": {"type": "string"}}}
PART = {"type": "object", "required": ["ranking", "winners", "scores"], "properties": {
    "ranking": {"type": "array", "items": {"type": "array", "items": {"type": "integer"}}},
    "winners": {"type": "array", "items": {"type": "integer"}},
    "scores": {"type": "object", "additionalProperties": NUMBER}}}
MAYBE_IDS = {"type": ["array", "null"], "items": {"type": "integer"}}

SCHEMAS = {
    "Candidate": {"type": "object", "required": ["id", "idea", "impact", "derived", "impact_history"], "properties": {
        "id": {"type": "integer"},
        "idea": {"type": "object", "required": ["id", "title"],
                 "properties": {"id": {"type": "integer"}, "title": {"type": "string"}}},
        "impact": IMPACT, "impact_version": {"type": "integer"},
        "derived": {"type": "object", "required": ["roi", "rice", "payback_months"],
                    "properties": dict.fromkeys(("roi", "rice", "payback_months"), MAYBE_NUMBER)},
        "impact_history": {"type": "array", "items": {"type": "object", "required": ["version", "changes"]}}}},
    "Round": {"type": "object", "required": ["id", "title", "method", "weights", "results_visibility", "status",
                                             "candidates"], "properties": {
        "id": {"type": "integer"}, "title": {"type": "string"}, "description": {"type": "string"},
        "method": {"type": "string", "enum": ["approval", "score", "ranked", "budget"]}, "budget": MAYBE_NUMBER,
        "weights": WEIGHTS, "results_visibility": {"type": "string", "enum": ["after_close", "live"]},
        "eligibility": {"type": "string"},
        "status": {"type": "string", "enum": ["draft", "deliberation", "voting", "closed", "decided"]},
        "voting_opens_at": MAYBE_TIME, "closes_at": MAYBE_TIME, "closed_at": MAYBE_TIME,
        "export_sha256": {"type": ["string", "null"]}, "ballot_count": {"type": "integer"},
        "candidates": {"type": "array", "items": {"$ref": REF + "Candidate"}}}},
    "Result": {"type": "object", "required": ["method", "weights", "turnout", "combined", "by_constituency",
                                              "agreement", "pairwise", "budget", "funded", "mes_funded",
                                              "completion_funded", "spent"], "properties": {
        "method": {"type": "string"}, "weights": WEIGHTS,
        "turnout": {"type": "object", "required": ["customer", "employee"],
                    "properties": {"customer": {"type": "integer"}, "employee": {"type": "integer"}}},
        "combined": PART, "by_constituency": {"type": "object", "required": ["customer", "employee"],
                                              "properties": {"customer": PART, "employee": PART}},
        "agreement": MAYBE_NUMBER, "pairwise": {"type": ["object", "null"]}, "budget": MAYBE_NUMBER,
        "funded": MAYBE_IDS, "mes_funded": MAYBE_IDS, "completion_funded": MAYBE_IDS, "spent": MAYBE_NUMBER,
        "quorum": {"type": "object"}}},
    "BallotReceipt": {"type": "object", "required": ["receipt", "ballot"], "properties": {
        "receipt": {"type": "string"}, "round_id": {"type": "integer"}, "ballot": {"type": "object"},
        "reason": {"type": "string"}, "cast_at": {"type": "string"},
        "impact_changed_since": {"type": "array", "items": {"type": "integer"}}}},
    "Outcome": {"type": "object", "required": ["round_id", "summary", "decisions"], "properties": {
        "round_id": {"type": "integer"}, "summary": {"type": "string"}, "summary_html": {"type": "string"},
        "published_at": {"type": "string"}, "decisions": {"type": "array", "items": {"type": "object", "required": [
            "candidate_id", "decision", "rationale", "followed_vote"], "properties": {
            "candidate_id": {"type": "integer"}, "decision": {"type": "string", "enum": ["adopt", "defer", "decline"]},
            "rationale": {"type": "string"}, "followed_vote": {"type": "boolean"}}}}}},
    "Notification": {"type": "object", "required": ["id", "kind", "title", "url", "created_at", "read_at"],
                     "properties": {"id": {"type": "integer"}, "kind": {"type": "string"}, "title": {"type": "string"},
                                    "url": {"type": "string"}, "created_at": {"type": "string"},
                                    "read_at": MAYBE_TIME}},
    "BallotExport": {"type": "object", "required": ["format", "round", "candidates", "ballots", "result", "sha256"]},
}

CID = [*ID, {"name": "cid", "in": "path", "required": True, "schema": {"type": "integer"}}]
PM_WRITE = _errors("400", "401", "403", "404", "409", "422")
BALLOT_BODY = {"required": True, "content": {"application/json": {"schema": {"oneOf": [
    {"type": "object", "required": ["approvals"], "properties": {"approvals": {"type": "array"}}},
    {"type": "object", "required": ["scores"], "properties": {"scores": {"type": "object"}}},
    {"type": "object", "required": ["ranking"], "properties": {"ranking": {"type": "array"}}}]}}}}

PATHS = {
    "/rounds": {
        "get": {"summary": "Rounds the caller may see", "security": [], "parameters": PAGING,
                "responses": _ok(_list_of("Round"))},
        "post": {"summary": "Create a round (pm); status draft", "requestBody": _body({
            "title": {"type": "string"}, "description": {"type": "string"},
            "method": {"type": "string", "enum": ["approval", "score", "ranked", "budget"]}, "budget": NUMBER,
            "weights": WEIGHTS, "results_visibility": {"type": "string"}, "eligibility": {"type": "string"},
            "voting_opens_at": {"type": "string"}, "closes_at": {"type": "string"}}, ["title", "method"]),
            "responses": {**_ok("Round", "Created", "201"), **_errors("400", "401", "403", "422")}},
    },
    "/rounds/{id}": {"parameters": ID, "get": {"summary": "One round", "security": [],
                                               "responses": {**_ok("Round"), **_errors("404")}}},
    "/rounds/{id}/candidates": {"parameters": ID, "post": {
        "summary": "Add a candidate with impact data (pm)",
        "requestBody": _body({"idea_id": {"type": "integer"}, "impact": IMPACT}, ["idea_id"]),
        "responses": {**_ok("Candidate", "Created", "201"), **PM_WRITE}}},
    "/rounds/{id}/candidates/{cid}": {"parameters": CID, "patch": {
        "summary": "Change impact data; the old values stay in the history (pm)",
        "requestBody": _body({"impact": IMPACT}), "responses": {**_ok("Candidate"), **PM_WRITE}}},
    "/rounds/{id}/deliberate": {"parameters": ID, "post": {"summary": "Start deliberation (pm)",
                                                           "responses": {**_ok("Round"), **PM_WRITE}}},
    "/rounds/{id}/open": {"parameters": ID, "post": {"summary": "Open voting (pm)",
                                                     "responses": {**_ok("Round"), **PM_WRITE}}},
    "/rounds/{id}/close": {"parameters": ID, "post": {"summary": "Close and freeze the export (pm)",
                                                      "responses": {**_ok("Round"), **PM_WRITE}}},
    "/rounds/{id}/ballot": {
        "parameters": ID,
        "put": {"summary": "Cast or replace the caller's ballot", "requestBody": BALLOT_BODY,
                "responses": {**_ok("BallotReceipt"), **_errors("400", "401", "403", "404", "409", "422", "429")}},
        "get": {"summary": "The caller's own ballot and receipt",
                "responses": {**_ok("BallotReceipt"), **_errors("401", "404")}},
    },
    "/rounds/{id}/results": {"parameters": ID, "get": {
        "summary": "The result object of TALLY.md (409 results_hidden before close)", "security": [],
        "responses": {**_ok("Result"), **_errors("404", "409")}}},
    "/rounds/{id}/ballots.json": {"parameters": ID, "get": {
        "summary": "The frozen ballot export (after close)", "security": [],
        "responses": {**_ok("BallotExport"), **_errors("404", "409")}}},
    "/notifications": {"get": {
        "summary": "The caller's notifications, newest first",
        "parameters": [*PAGING, {"name": "unread", "in": "query", "schema": {"type": "string", "enum": ["1"]}}],
        "responses": {**_ok({**_list_of("Notification"), "properties": {
            **_list_of("Notification")["properties"], "unread": {"type": "integer"}}}), **_errors("401")}}},
    "/notifications/read": {"post": {
        "summary": "Mark notifications read: {ids: [...]} or {all: true}",
        "requestBody": _body({"ids": {"type": "array", "items": {"type": "integer"}}, "all": {"type": "boolean"}}),
        "responses": {**_ok({"type": "object", "required": ["marked", "unread"], "properties": {
            "marked": {"type": "integer"}, "unread": {"type": "integer"}}}), **_errors("400", "401", "422")}}},
    "/rounds/{id}/outcome": {
        "parameters": ID,
        "post": {"summary": "Publish the outcome (pm)", "requestBody": _body({
            "summary": {"type": "string"}, "decisions": {"type": "array"}}, ["summary", "decisions"]),
            "responses": {**_ok("Outcome"), **PM_WRITE}},
        "get": {"summary": "The published outcome", "security": [], "responses": {**_ok("Outcome"), **_errors("404")}},
    },
}
