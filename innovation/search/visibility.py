"""What search may show of the live rows: the one place that turns the ideas' visibility
helpers into the conditions the backends and the result pages apply. The index is a moment
behind the database; these conditions are not, so a lagging index can delay a new match but
never show a hidden one."""

from sqlalchemy import Select, and_, select

from ..accounts.actors import Viewer
from ..ideas.models import Comment, Idea
from ..ideas.permissions import listed_ideas_clause, published_comments_clause, visible_comments_clause


def live_comments_clause(viewer: Viewer):
    """SQL condition on comments joined to their idea: the comments search may show `viewer`
    (published: not deleted, not hidden, approved; and on an idea `viewer`'s lists show)."""
    return and_(
        published_comments_clause(),
        visible_comments_clause(viewer),
        listed_ideas_clause(viewer),
    )


def visible_rows(viewer: Viewer, kind: str) -> Select | None:
    """The live rows of `kind` that `viewer` may find, as `SELECT id`, through the ideas'
    visibility helpers: the backends keep only matches among them, whatever the index says."""
    if kind == "ideas":
        return select(Idea.id).where(listed_ideas_clause(viewer))
    if kind == "comments":
        return select(Comment.id).join(Idea, Idea.id == Comment.idea_id).where(live_comments_clause(viewer))
    return None  # people: every profile is public
