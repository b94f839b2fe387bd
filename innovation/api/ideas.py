"""Ideas, votes, ratings, follows and merges over JSON (API.md)."""

from flask import jsonify

from ..accounts.permissions import STAFF
from ..ideas import queries
from ..ideas import services as idea_services
from ..ideas.models import Idea as IdeaRow
from ..ideas.permissions import get_visible_idea
from ..platform.web import current_viewer, page_args
from ..voting import services as voting
from ..voting.services import my_votes
from .operations import operation
from .schemas.ideas import (
    Follow,
    Idea,
    IdeaEdit,
    IdeaFilters,
    IdeaPage,
    MergeRequest,
    NewIdea,
    RatingValue,
    StatusChange,
)
from .serializers.ideas import follow_json, idea_json
from .support import current_actor

POST_LIMIT = "60 per minute"


def _one_idea(idea: IdeaRow, viewer, status: int = 200):
    supported, rated = my_votes(viewer, [idea.id])
    return jsonify(idea_json(idea, supported, rated)), status


@operation(
    "/ideas",
    "GET",
    summary="Ideas the caller may see",
    public=True,
    query=IdeaFilters,
    page_size=20,
    responses={200: IdeaPage},
)
def list_ideas(query: IdeaFilters):
    viewer = current_viewer()
    page, per_page = page_args(20)
    result = queries.idea_page(
        viewer,
        sort=query.sort,
        page=page,
        per_page=per_page,
        q=query.q,
        status=query.status,
        tag=query.tag,
        constituency=query.constituency,
    )
    supported, rated = my_votes(viewer, [idea.id for idea in result.items])
    return jsonify(result.as_json(lambda idea: idea_json(idea, supported, rated)))


@operation(
    "/ideas",
    "POST",
    summary="Submit an idea",
    body=NewIdea,
    responses={201: Idea},
    errors=(403,),
    limit=POST_LIMIT,
    description="Only employees (and pms, admins) may submit `internal` ideas.",
)
def create_idea(body: NewIdea):
    actor = current_actor()
    idea = idea_services.submit_idea(
        actor, title=body.title, body=body.body, tags=body.tags, visibility=body.visibility
    )
    return _one_idea(idea, actor, 201)


@operation("/ideas/<int:idea_id>", "GET", summary="One idea", public=True, responses={200: Idea})
def get_idea(idea_id: int):
    viewer = current_viewer()
    return _one_idea(get_visible_idea(viewer, idea_id), viewer)


@operation(
    "/ideas/<int:idea_id>",
    "PATCH",
    summary="Edit (the author within 24 hours, a pm any time)",
    body=IdeaEdit,
    responses={200: Idea},
    errors=(403, 409),
)
def patch_idea(idea_id: int, body: IdeaEdit):
    actor = current_actor()
    idea = idea_services.edit_idea(actor, idea_id, **body.model_dump(exclude_unset=True))
    return _one_idea(idea, actor)


@operation(
    "/ideas/<int:idea_id>/status",
    "POST",
    summary="Change the status",
    roles=STAFF,
    body=StatusChange,
    responses={200: Idea},
    errors=(409,),
)
def set_status(idea_id: int, body: StatusChange):
    actor = current_actor()
    idea = idea_services.change_status(actor, idea_id, body.status, body.note or "")
    return _one_idea(idea, actor)


@operation(
    "/ideas/<int:idea_id>/vote",
    "POST",
    summary="Support (idempotent)",
    responses={200: Idea},
    errors=(409,),
    limit=POST_LIMIT,
)
def vote(idea_id: int):
    actor = current_actor()
    idea = voting.cast_support(actor, idea_id)
    return _one_idea(idea, actor)  # serialized from the locked row: no reload after commit


@operation(
    "/ideas/<int:idea_id>/vote",
    "DELETE",
    summary="Retract support",
    responses={200: Idea},
    errors=(409,),
    limit=POST_LIMIT,
)
def retract_vote(idea_id: int):
    actor = current_actor()
    return _one_idea(voting.retract_support(actor, idea_id), actor)


@operation(
    "/ideas/<int:idea_id>/rating",
    "PUT",
    summary="Rate 1-5 (again: replaces)",
    body=RatingValue,
    responses={200: Idea},
    errors=(409,),
    limit=POST_LIMIT,
)
def rate(idea_id: int, body: RatingValue):
    actor = current_actor()
    return _one_idea(voting.rate_idea(actor, idea_id, body.value), actor)


@operation(
    "/ideas/<int:idea_id>/rating",
    "DELETE",
    summary="Remove my rating",
    responses={200: Idea},
    errors=(409,),
    limit=POST_LIMIT,
)
def unrate(idea_id: int):
    actor = current_actor()
    return _one_idea(voting.remove_rating(actor, idea_id), actor)


@operation("/ideas/<int:idea_id>/follow", "POST", summary="Follow (idempotent)", responses={200: Follow})
def follow(idea_id: int):
    return jsonify(follow_json(idea_services.follow_idea(current_actor(), idea_id), True))


@operation("/ideas/<int:idea_id>/follow", "DELETE", summary="Unfollow", responses={200: Follow})
def unfollow(idea_id: int):
    return jsonify(follow_json(idea_services.unfollow_idea(current_actor(), idea_id), False))


@operation(
    "/ideas/<int:idea_id>/merge",
    "POST",
    summary="Merge into another idea",
    roles=STAFF,
    body=MergeRequest,
    responses={200: Idea},
    errors=(409,),
    description="Supports, ratings, followers and comments move; nobody counts twice. Never widens an "
    "audience: public into internal is refused, internal into public needs `move_internal_comments` (409 "
    "`audience_narrowing` / `audience_widening`); crossed or repeated merges: 409.",
)
def merge(idea_id: int, body: MergeRequest):
    actor = current_actor()
    target = idea_services.merge_ideas(actor, idea_id, body.into, move_internal_comments=body.move_internal_comments)
    return _one_idea(target, actor)
