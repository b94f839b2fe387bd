"""Ideas, votes, ratings, comments, follows and merges over JSON (API.md)."""
from flask import jsonify, request
from sqlalchemy import select

from ..extensions import limiter
from ..ideas import comments as comment_services
from ..ideas import queries
from ..ideas import services as idea_services
from ..ideas.models import Comment, Idea
from ..ideas.permissions import get_visible_idea, visible_comments_clause
from ..platform.pagination import paginate
from ..platform.web import current_viewer, page_args
from ..voting import services as voting
from ..voting.services import my_votes
from . import bp
from .serializers import comment_json, idea_json
from .support import current_actor, json_body

POST_LIMIT = "60 per minute"



def _one_idea(idea: Idea, viewer, status: int = 200):
    supported, rated = my_votes(viewer, [idea.id])
    return jsonify(idea_json(idea, supported, rated)), status


@bp.route("/ideas")
def list_ideas():
    viewer = current_viewer()
    page, per_page = page_args(20)
    args = request.args
    result = queries.idea_page(viewer, sort=args.get("sort", "hot"), page=page, per_page=per_page,
                               q=args.get("q", ""), status=args.get("status", ""), tag=args.get("tag", ""),
                               constituency=args.get("constituency", ""))
    supported, rated = my_votes(viewer, [idea.id for idea in result.items])
    return jsonify(result.as_json(lambda idea: idea_json(idea, supported, rated)))


@bp.route("/ideas", methods=["POST"])
@limiter.limit(POST_LIMIT)
def create_idea():
    actor = current_actor()
    data = json_body()
    idea = idea_services.submit_idea(actor, title=data.get("title"), body=data.get("body", ""),
                                     tags=data.get("tags"), visibility=data.get("visibility", "public"))
    return _one_idea(idea, actor, 201)


@bp.route("/ideas/<int:idea_id>")
def get_idea(idea_id: int):
    viewer = current_viewer()
    return _one_idea(get_visible_idea(viewer, idea_id), viewer)


@bp.route("/ideas/<int:idea_id>", methods=["PATCH"])
def patch_idea(idea_id: int):
    actor = current_actor()
    data = json_body()
    idea = idea_services.edit_idea(actor, idea_id, **{key: data[key] for key in ("title", "body", "tags", "visibility")
                                                      if key in data})
    return _one_idea(idea, actor)


@bp.route("/ideas/<int:idea_id>/status", methods=["POST"])
def set_status(idea_id: int):
    actor = current_actor()
    data = json_body()
    idea = idea_services.change_status(actor, idea_id, data.get("status"), data.get("note") or "")
    return _one_idea(idea, actor)


@bp.route("/ideas/<int:idea_id>/vote", methods=["POST", "DELETE"])
@limiter.limit(POST_LIMIT)
def vote(idea_id: int):
    actor = current_actor()
    service = voting.cast_support if request.method == "POST" else voting.retract_support
    idea = service(actor, idea_id)
    response = _one_idea(idea, actor)  # serialized from the locked row: no reload after commit
    return response


@bp.route("/ideas/<int:idea_id>/rating", methods=["PUT", "DELETE"])
@limiter.limit(POST_LIMIT)
def rating(idea_id: int):
    actor = current_actor()
    if request.method == "PUT":
        idea = voting.rate_idea(actor, idea_id, json_body().get("value"))
    else:
        idea = voting.remove_rating(actor, idea_id)
    response = _one_idea(idea, actor)
    return response


@bp.route("/ideas/<int:idea_id>/comments")
def list_comments(idea_id: int):
    viewer = current_viewer()
    idea = get_visible_idea(viewer, idea_id)
    page, per_page = page_args(50)
    query = select(Comment).where(Comment.idea_id == idea.id, visible_comments_clause(viewer))
    return jsonify(paginate(query.order_by(Comment.created_at, Comment.id), page, per_page).as_json(comment_json))


@bp.route("/ideas/<int:idea_id>/comments", methods=["POST"])
@limiter.limit(POST_LIMIT)
def create_comment(idea_id: int):
    actor = current_actor()
    data = json_body()
    comment = comment_services.add_comment(actor, idea_id, data.get("body"), data.get("parent_id"))
    return jsonify(comment_json(comment)), 201


@bp.route("/comments/<int:comment_id>", methods=["PATCH", "DELETE"])
def change_comment(comment_id: int):
    actor = current_actor()
    if request.method == "PATCH":
        comment = comment_services.edit_comment(actor, comment_id, json_body().get("body"))
    else:
        comment = comment_services.delete_comment(actor, comment_id)
    return jsonify(comment_json(comment))


@bp.route("/ideas/<int:idea_id>/follow", methods=["POST", "DELETE"])
def follow(idea_id: int):
    actor = current_actor()
    service = idea_services.follow_idea if request.method == "POST" else idea_services.unfollow_idea
    idea = service(actor, idea_id)
    return jsonify({"idea_id": idea.id, "following": request.method == "POST"})


@bp.route("/ideas/<int:idea_id>/merge", methods=["POST"])
def merge(idea_id: int):
    actor = current_actor()
    target = idea_services.merge_ideas(actor, idea_id, json_body().get("into"))
    return _one_idea(target, actor)

