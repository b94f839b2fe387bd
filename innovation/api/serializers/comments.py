"""Comments; a deleted one keeps its place with empty text."""

from ...platform.db import iso
from ..schemas.comments import Comment
from .accounts import author_json


def comment_json(comment) -> Comment:
    deleted = comment.deleted_at is not None
    return {
        "id": comment.id,
        "idea_id": comment.idea_id,
        "parent_id": comment.parent_id,
        "body": "" if deleted else comment.body,
        "body_html": "" if deleted else comment.body_html,
        "author": author_json(comment.author),
        "created_at": iso(comment.created_at),
        "edited_at": iso(comment.edited_at),
        "deleted": deleted,
        "hidden": comment.hidden_at is not None,
        "moderation": comment.moderation,
    }
