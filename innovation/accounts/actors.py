"""Who acts: a signed-in `User`, or the system itself.

Services take the acting party first (`verb_noun(actor, ...)`). When nobody signed in acts —
the scheduler opening a round at `voting_opens_at`, an operator's CLI command — the caller
passes `SYSTEM`. It passes every role check (the operator and the scheduler are trusted),
is never "signed in", and shows in the audit log as no person. Readers are different: a
visitor who is not signed in is `viewer=None` in the visibility helpers.
"""

from typing import Final, Literal, TypeAlias

from typing_extensions import TypeIs

from .models import User


class SystemActor:
    """The system acting by itself (one instance: `SYSTEM`)."""

    id: None = None
    name: Final = "Innovation Commons"
    role: Literal["system"] = "system"
    constituency: None = None
    is_authenticated: Final = False
    is_employee_side: Final = True  # the system may touch internal ideas

    def __repr__(self) -> str:
        return "SYSTEM"


SYSTEM: Final = SystemActor()

Actor: TypeAlias = User | SystemActor
"""Whoever performs a service call."""

Viewer: TypeAlias = User | None
"""Whoever reads: a signed-in person, or None for a visitor."""


def is_system(actor: object) -> TypeIs[SystemActor]:
    """Whether the system itself acts; `SYSTEM` is the only `SystemActor`, so otherwise a `User` does."""
    return actor is SYSTEM
