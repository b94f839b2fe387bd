"""The search endpoints answer as /api/v1/openapi.json documents them."""

from innovation.extensions import db
from innovation.ideas.services import change_status

from ..api.openapi_check import assert_matches_spec
from .corpus import comment, idea


def test_search_similar_and_experts_match_the_document(client, users, search_index):
    customer, employee, pm = users("customer"), users("employee"), users("pm")
    adopted = idea(employee, "Route optimisation for technicians", "Plan routes by traffic.", tags=["routing"])
    idea(customer, "Shorter routes between jobs", tags=["routing"])
    comment(customer, adopted.id, "Route planning would save us an hour a day.")
    change_status(pm, adopted.id, "planned")
    db.session.commit()
    search_index.refresh()

    for kind in ("ideas", "comments", "people"):
        response = client.get("/api/v1/search", query_string={"q": "route", "type": kind})
        assert response.status_code == 200
        assert_matches_spec(client, "get", "/search", response)
    ideas = client.get("/api/v1/search?q=routes").get_json()
    assert ideas["total"] == 2 and {f["value"] for f in ideas["facets"]["tag"]} == {"routing"}
    assert all("<mark>" in item["highlights"]["title"] for item in ideas["items"])
    assert_matches_spec(client, "get", "/search", client.get("/api/v1/search?q=route&page=0"))

    similar = client.get("/api/v1/ideas/similar", query_string={"title": "Optimise technician routes"})
    assert_matches_spec(client, "get", "/ideas/similar", similar)
    assert similar.get_json()["items"][0]["id"] == adopted.id

    experts = client.get("/api/v1/experts?q=routing")
    assert_matches_spec(client, "get", "/experts", experts)
    ranked = experts.get_json()["items"]
    assert [e["user"]["id"] for e in ranked][:2] == [employee.id, customer.id]
    assert ranked[0]["adopted"] == 1 and ranked[0]["evidence"][0]["idea_id"] == adopted.id
    too_long = client.get("/api/v1/experts", query_string={"q": "x" * 5000})
    assert too_long.status_code == 422
    assert_matches_spec(client, "get", "/experts", too_long)
