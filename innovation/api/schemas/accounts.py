"""Tokens and the caller's own account."""

from typing import Annotated, Literal

from pydantic import AfterValidator, Field
from pydantic_core import PydanticCustomError
from typing_extensions import TypedDict

from ...accounts.models import ROLES
from .base import Body, mirrors

Role = Literal["customer", "employee", "pm", "admin"]
mirrors(Role, ROLES)
Constituency = Literal["customer", "employee"]


def _not_blank(value: str) -> str:
    if not value.strip():
        raise PydanticCustomError("blank", "must not be empty")
    return value


NonBlank = Annotated[str, Field(min_length=1), AfterValidator(_not_blank)]


class TokenRequest(Body):
    """E-mail address and password of an account."""

    email: NonBlank
    password: NonBlank


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
