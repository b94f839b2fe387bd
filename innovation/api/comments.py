"""An idea's discussion over JSON (API.md)."""
from flask import jsonify
from sqlalchemy import func, select

from ..extensions import db
from ..ideas import comments as comment_services
from ..ideas.models import Comment as CommentRow
from ..ideas.permissions import get_visible_idea, visible_comments_clause
from ..platform.web import current_viewer, page_args
from .ideas import POST_LIMIT
from .operations import operation
from .schemas.comments import Comment, CommentEdit, CommentPage, NewComment
from .serializers.comments import comment_json
from .support import current_actor, paged


@operation("/ideas/<int:idea_id>/comments", "GET", summary="The discussion, oldest first", public=True,
           page_size=50, responses={200: CommentPage})
def list_comments(idea_id: int):
    viewer = current_viewer()
    idea = get_visible_idea(viewer, idea_id)
    page, per_page = page_args(50)
    conditions = (CommentRow.idea_id == idea.id, visible_comments_clause(viewer))
    total = db.session.scalar(select(func.count()).select_from(CommentRow).where(*conditions))
    items = db.session.scalars(select(CommentRow).where(*conditions).order_by(CommentRow.created_at, CommentRow.id)
                               .limit(per_page).offset((page - 1) * per_page))
    return jsonify(paged([comment_json(c) for c in items], page, per_page, total))


@operation("/ideas/<int:idea_id>/comments", "POST", summary="Comment or reply", body=NewComment,
           responses={201: Comment}, limit=POST_LIMIT)
def create_comment(idea_id: int, body: NewComment):
    comment = comment_services.add_comment(current_actor(), idea_id, body.body, body.parent_id)
    return jsonify(comment_json(comment)), 201


@operation("/comments/<int:comment_id>", "PATCH", summary="Edit my comment (for 15 minutes)", body=CommentEdit,
           responses={200: Comment}, errors=(403,))
def edit_comment(comment_id: int, body: CommentEdit):
    return jsonify(comment_json(comment_services.edit_comment(current_actor(), comment_id, body.body)))


@operation("/comments/<int:comment_id>", "DELETE", summary="Delete (the thread keeps its place)",
           responses={200: Comment}, errors=(403,))
def delete_comment(comment_id: int):
    return jsonify(comment_json(comment_services.delete_comment(current_actor(), comment_id)))
