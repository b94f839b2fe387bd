"""An idea's discussion."""

from pydantic import Field
from typing_extensions import TypedDict

from ...ideas.comments import COMMENT_MAX
from .accounts import Author
from .base import Body, Timestamp, documented
from .pages import page_of

COMMENT_BODY = documented(minLength=1, maxLength=COMMENT_MAX, description="markdown; @Name mentions someone")


class NewComment(Body):
    body: str = Field(json_schema_extra=COMMENT_BODY)
    parent_id: int | None = Field(None, description="the comment this one answers (same idea)")


class CommentEdit(Body):
    body: str = Field(json_schema_extra=COMMENT_BODY)


class Comment(TypedDict):
    """A comment; a deleted one keeps its place in the thread with empty text."""

    id: int
    idea_id: int
    parent_id: int | None
    body: str
    body_html: str
    author: Author
    created_at: Timestamp
    edited_at: Timestamp | None
    deleted: bool
    hidden: bool


CommentPage = page_of(Comment, "CommentPage", "A page of an idea's discussion, oldest first.")
