"""An idea's discussion."""

from typing import Annotated

from pydantic import Field
from typing_extensions import TypedDict

from ...ideas.comments import COMMENT_MAX
from .accounts import Author
from .base import Body, Id, Timestamp, text
from .ideas import Moderation
from .pages import page_of

CommentBody = Annotated[str, text(COMMENT_MAX, multiline=True, min_visible=1, description="markdown; @Name mentions")]


class NewComment(Body):
    body: CommentBody
    parent_id: Id | None = Field(None, description="the comment this one answers (same idea)")


class CommentEdit(Body):
    body: CommentBody


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
    moderation: Moderation


CommentPage = page_of(Comment, "CommentPage", "A page of an idea's discussion, oldest first.")
