"""An idea's discussion over JSON (API.md)."""

from flask import jsonify
from sqlalchemy import select

from ..ideas import comments as comment_services
from ..ideas.models import Comment as CommentRow
from ..ideas.permissions import get_visible_idea, visible_comments_clause
from ..platform.pagination import paginate
from ..platform.web import current_viewer, page_args
from .ideas import POST_LIMIT
from .operations import operation
from .schemas.comments import Comment, CommentEdit, CommentPage, NewComment
from .serializers.comments import comment_json
from .support import current_actor


@operation(
    "/ideas/<int:idea_id>/comments",
    "GET",
    summary="The discussion, oldest first",
    public=True,
    page_size=50,
    responses={200: CommentPage},
)
def list_comments(idea_id: int):
    viewer = current_viewer()
    idea = get_visible_idea(viewer, idea_id)
    page, per_page = page_args(50)
    query = select(CommentRow).where(CommentRow.idea_id == idea.id, visible_comments_clause(viewer))
    result = paginate(query.order_by(CommentRow.created_at, CommentRow.id), page, per_page)
    return jsonify(result.as_json(comment_json))


@operation(
    "/ideas/<int:idea_id>/comments",
    "POST",
    summary="Comment or reply",
    body=NewComment,
    responses={201: Comment},
    errors=(409,),
    limit=POST_LIMIT,
)
def create_comment(idea_id: int, body: NewComment):
    comment = comment_services.add_comment(current_actor(), idea_id, body.body, body.parent_id)
    return jsonify(comment_json(comment)), 201


@operation(
    "/comments/<int:comment_id>",
    "PATCH",
    summary="Edit my comment (for 15 minutes)",
    body=CommentEdit,
    responses={200: Comment},
    errors=(403,),
)
def edit_comment(comment_id: int, body: CommentEdit):
    return jsonify(comment_json(comment_services.edit_comment(current_actor(), comment_id, body.body)))


@operation(
    "/comments/<int:comment_id>",
    "DELETE",
    summary="Delete (the thread keeps its place)",
    responses={200: Comment},
    errors=(403,),
)
def delete_comment(comment_id: int):
    return jsonify(comment_json(comment_services.delete_comment(current_actor(), comment_id)))
