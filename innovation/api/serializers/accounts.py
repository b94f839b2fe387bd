"""People as the API shows them."""

from ..schemas.accounts import Author, Me, UserRef


def author_json(user) -> Author:
    return {"id": user.id, "name": user.name, "constituency": user.constituency}


def user_json(user) -> UserRef:
    return {"id": user.id, "name": user.name, "role": user.role, "constituency": user.constituency}


def me_json(user) -> Me:
    return {"id": user.id, "name": user.name, "email": user.email, "role": user.role, "constituency": user.constituency}
