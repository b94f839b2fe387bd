"""Search, possible duplicates and experts over JSON (API.md): the services the pages use."""

from flask import jsonify, request

from ..platform.cache import cached_json
from ..platform.web import current_viewer
from ..search.services import audiences_for, search_content, similar_ideas
from .operations import operation
from .schemas.search import Experts, ExpertsQuery, SearchQuery, SearchResults, SimilarIdeas, SimilarQuery
from .serializers.search import expert_json, search_json


def shared_answer(compute):
    """Answers depend on the query and on the audience (who may see internal ideas), never on
    the person: everyone of an audience asking the same thing within 5 s shares one answer."""
    audience = "+".join(audiences_for(current_viewer()))
    return jsonify(cached_json(f"api:{audience}:{request.full_path}", 5, compute))


@operation(
    "/search",
    "GET",
    summary="Search ideas, comments or people the caller may see",
    public=True,
    query=SearchQuery,
    responses={200: SearchResults},
    description="Counts and facets cover only what the caller may see.",
)
def search(query: SearchQuery):
    filters = {"status": query.status, "tag": query.tag, "constituency": query.constituency}
    return shared_answer(
        lambda: search_json(
            search_content(
                current_viewer(), query.q, kind=query.type, page=query.page, per_page=query.per_page, filters=filters
            )
        )
    )


@operation(
    "/ideas/similar",
    "GET",
    summary="Possible duplicates of a title (and body) being written",
    public=True,
    query=SimilarQuery,
    responses={200: SimilarIdeas},
)
def similar(query: SimilarQuery):
    return shared_answer(lambda: {"items": similar_ideas(current_viewer(), query.title, query.body, limit=query.limit)})


@operation(
    "/experts",
    "GET",
    summary="Who knows about a topic, with the evidence",
    public=True,
    query=ExpertsQuery,
    responses={200: Experts},
)
def experts(query: ExpertsQuery):
    from ..people.queries import find_experts

    return jsonify({"items": [expert_json(e) for e in find_experts(current_viewer(), query.q, limit=query.limit)]})
