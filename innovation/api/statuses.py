"""Statuses the team defines, over JSON (API.md)."""

from flask import jsonify

from ..ideas import status_services
from ..ideas.statuses import all_statuses, status_json
from .operations import operation
from .schemas.statuses import NewStatus, RemovedStatus, RemoveStatus, StatusEdit, StatusItem, StatusList
from .support import current_actor

ADMIN = ("admin",)


@operation("/statuses", "GET", summary="Every status, built-in and custom", public=True, responses={200: StatusList})
def list_statuses():
    return jsonify({"items": [status.as_json() for status in all_statuses().values()]})


@operation(
    "/statuses",
    "POST",
    summary="Define a status",
    roles=ADMIN,
    body=NewStatus,
    responses={201: StatusItem},
    errors=(409,),
    description="409 `status_exists` when the key is taken.",
)
def create_status(body: NewStatus):
    row = status_services.define_status(current_actor(), **body.model_dump())
    return jsonify(status_json(row)), 201


@operation(
    "/statuses/<key>",
    "PATCH",
    summary="Relabel, recolour or move a status (its key stays)",
    roles=ADMIN,
    body=StatusEdit,
    responses={200: StatusItem},
    errors=(409,),
    description="Changing the base of a custom status that ideas have: 409 `status_in_use`.",
)
def patch_status(key: str, body: StatusEdit):
    row = status_services.update_status(current_actor(), key, **body.model_dump(exclude_unset=True))
    return jsonify(status_json(row))


@operation(
    "/statuses/<key>",
    "DELETE",
    summary="Remove a custom status, moving its ideas",
    roles=ADMIN,
    query=RemoveStatus,
    responses={200: RemovedStatus},
    errors=(409,),
    description="While ideas have it, `move_to` says where they go (else 409 `status_in_use`); "
    "built-in statuses stay (409 `status_builtin`).",
)
def delete_status(key: str, query: RemoveStatus):
    moved = status_services.remove_status(current_actor(), key, query.move_to)
    return jsonify({"key": key, "moved": moved, "move_to": query.move_to if moved else None})
