"""Tokens and the caller's own account."""

from typing import Annotated, Literal

from typing_extensions import TypedDict

from ...accounts.models import ROLES
from .base import Body, mirrors, text

Role = Literal["customer", "employee", "pm", "admin"]
mirrors(Role, ROLES)
Constituency = Literal["customer", "employee"]


class TokenRequest(Body):
    """E-mail address and password of an account."""

    email: Annotated[str, text(320, min_visible=1)]
    password: Annotated[str, text(1000, min_visible=1)]


class UserRef(TypedDict):
    id: int
    name: str
    role: Role
    constituency: Constituency


class TokenResponse(TypedDict):
    """A bearer token (send it as `Authorization: Bearer <token>`) and whose it is."""

    token: str
    user: UserRef


class Me(TypedDict):
    """The caller's account."""

    id: int
    name: str
    email: str
    role: Role
    constituency: Constituency


class Author(TypedDict):
    """Who wrote something, as everyone may see them."""

    id: int
    name: str
    constituency: Constituency
