"""Factories that create real rows through the real services."""

import itertools

from innovation.accounts.actors import SYSTEM
from innovation.accounts.services import create_user
from innovation.extensions import db

DEFAULT_PASSWORD = "violet-harbour-1842"
_sequence = itertools.count(1)


class UserFactory:
    def __call__(
        self,
        role: str = "customer",
        *,
        email: str | None = None,
        name: str | None = None,
        password: str = DEFAULT_PASSWORD,
    ):
        number = next(_sequence)
        user = create_user(
            SYSTEM, email or f"{role}{number}@example.org", name or f"{role.title()} Person {number}", password, role
        )
        db.session.commit()
        return user
