"""A round's status moves by one guarded UPDATE whose row count decides.

The caller has already locked the round (platform.locking) and checked the status it read;
the `WHERE status = <expected>` makes the move exactly-once even so: if anything else moved
the round in between — another node on a database where the lock did not hold, a maintenance
script — this one changes no row and is refused with 409, instead of closing twice and
freezing a second export under a different digest.
"""

from typing import Any

from sqlalchemy import update
from sqlalchemy.orm.attributes import set_committed_value

from ..extensions import db
from ..platform.errors import Conflict
from .models import Round


def transition(round_: Round, expected: str, new: str, **values: Any) -> None:
    """Move `round_` from `expected` to `new` (plus `values`), or 409 `invalid_transition`."""
    db.session.flush()  # pending changes first: the UPDATE must not be overwritten by them
    result = db.session.execute(
        update(Round).where(Round.id == round_.id, Round.status == expected).values(status=new, **values),
        execution_options={"synchronize_session": False},
    )
    if result.rowcount != 1:  # type: ignore[attr-defined]
        raise Conflict(f"This round is no longer {expected}; reload to see what changed.", code="invalid_transition")
    for name, value in {"status": new, **values}.items():
        set_committed_value(round_, name, value)
