"""Search results and experts."""

from typing import cast

from ..schemas.search import Expert, Facets, SearchHit, SearchResults
from .accounts import author_json


def search_json(result) -> SearchResults:
    """A `search.services.SearchPage`; the `*_html` fields are for the pages (`highlights` carries the marks)."""
    # The search service (a feature, which cannot name the API's types) builds the hits and facets as
    # plain dicts of these shapes; the response check holds them to the schema in tests.
    items = cast(
        list[SearchHit],
        [{key: value for key, value in item.items() if not key.endswith("_html")} for item in result.items],
    )
    facets = cast(Facets, {name: [{"value": v, "count": n} for v, n in pairs] for name, pairs in result.facets.items()})
    return {
        "items": items,
        "page": result.page,
        "per_page": result.per_page,
        "total": result.total,
        "type": result.kind,
        "query": result.query,
        "corrected": result.corrected,
        "message": result.message,
        "facets": facets,
    }


def expert_json(expert) -> Expert:
    """A `people.queries.Expert`, with links to the ideas and comments that earned the points."""
    return {
        "user": author_json(expert.user),
        "score": expert.score,
        "ideas": expert.ideas,
        "adopted": expert.adopted,
        "comments": expert.comments,
        "declared": expert.declared,
        "evidence": [
            {
                "type": item.kind,
                "id": item.id,
                "idea_id": item.idea_id,
                "text": item.text,
                "idea_title": item.idea_title,
                "status": item.status,
                "url": f"/ideas/{item.idea_id}" + (f"#comment-{item.id}" if item.kind == "comment" else ""),
            }
            for item in expert.evidence
        ],
    }
