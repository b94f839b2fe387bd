"""Search, possible duplicates and experts over JSON (API.md): the services the pages use."""
from flask import jsonify, request

from ..platform.cache import cached_json
from ..platform.errors import ValidationFailed
from ..platform.web import current_viewer
from ..search.services import audiences_for, search_content, similar_ideas
from . import bp


def _per_page() -> int:
    return max(1, min(request.args.get("per_page", 20, type=int) or 20, 50))


def shared_answer(compute):
    """Answers depend on the query and on the audience (who may see internal ideas), never on
    the person: everyone of an audience asking the same thing within 5 s shares one answer."""
    audience = "+".join(audiences_for(current_viewer()))
    return jsonify(cached_json(f"api:{audience}:{request.full_path}", 5, compute))


@bp.route("/search")
def search():
    args = request.args

    def compute():
        result = search_content(current_viewer(), args.get("q", ""), kind=args.get("type", "ideas"),
                                page=args.get("page", 1), per_page=_per_page(),
                                filters={name: args.get(name, "") for name in ("status", "tag", "constituency")})
        items = [{key: value for key, value in item.items() if not key.endswith("_html")} for item in result.items]
        return {"items": items, "page": result.page, "per_page": result.per_page, "total": result.total,
                "type": result.kind, "query": result.query, "corrected": result.corrected, "message": result.message,
                "facets": {name: [{"value": v, "count": n} for v, n in pairs] for name, pairs in result.facets.items()}}

    return shared_answer(compute)


SIMILAR_TITLE_MAX = 1000


@bp.route("/ideas/similar")
def similar():
    title, limit = request.args.get("title", ""), request.args.get("limit", "5")
    if not limit.isdigit() or not 1 <= int(limit) <= 10:
        raise ValidationFailed("`limit` is a whole number from 1 to 10.", fields={"limit": ["1 to 10."]})
    if len(title) > SIMILAR_TITLE_MAX:
        raise ValidationFailed(f"A title to compare has at most {SIMILAR_TITLE_MAX} characters.",
                               fields={"title": ["Too long."]})
    return shared_answer(lambda: {"items": similar_ideas(current_viewer(), title, request.args.get("body", ""),
                                                         limit=int(limit))})


@bp.route("/experts")
def experts():
    from ..people.queries import find_experts

    found = find_experts(current_viewer(), request.args.get("q", ""),
                         limit=max(1, min(request.args.get("limit", 20, type=int) or 20, 50)))
    return jsonify({"items": [{
        "user": {"id": e.user.id, "name": e.user.name, "constituency": e.user.constituency},
        "score": e.score, "ideas": e.ideas, "adopted": e.adopted, "comments": e.comments, "declared": e.declared,
        "evidence": [{"type": item.kind, "id": item.id, "idea_id": item.idea_id, "text": item.text,
                      "idea_title": item.idea_title, "status": item.status,
                      "url": f"/ideas/{item.idea_id}" + (f"#comment-{item.id}" if item.kind == "comment" else "")}
                     for item in e.evidence],
    } for e in found]})
