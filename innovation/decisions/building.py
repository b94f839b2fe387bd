"""Building a round quickly (pms): many ideas in one go, the rounds that still take
candidates, and the ideas a pm finds by title for the round's picker."""

import logging

from sqlalchemy import select

from ..accounts.actors import Viewer
from ..accounts.models import User
from ..accounts.permissions import STAFF, has_role
from ..extensions import db
from ..platform.errors import ValidationFailed
from ..search.services import search_content
from .models import Candidate, Round
from .services import add_candidate

log = logging.getLogger(__name__)

MAX_BULK = 100  # a round of more candidates than this is no ballot a person can read
TAKING_CANDIDATES = ("draft", "deliberation")
PICKER_RESULTS = 10


def add_candidates(actor: User, round_id, idea_ids) -> list[Candidate]:
    """Put several ideas into a round at once, each with its figures not known yet. All or
    nothing: the first refusal (a hidden idea, one already in the round, a closed round) is
    raised, and the request's rollback drops the ones added before it."""
    if not isinstance(idea_ids, list) or not idea_ids:
        raise ValidationFailed("Choose at least one idea.", fields={"idea_ids": ["At least one idea."]})
    if len(idea_ids) > MAX_BULK:
        raise ValidationFailed(f"At most {MAX_BULK} ideas at once.", fields={"idea_ids": [f"At most {MAX_BULK}."]})
    if len(set(idea_ids)) != len(idea_ids):
        raise ValidationFailed("An idea appears twice in the list.", fields={"idea_ids": ["Each idea once."]})
    added = [add_candidate(actor, round_id, idea_id) for idea_id in idea_ids]
    log.info("user %s added %s ideas to round %s at once", actor.id, len(added), round_id)
    return added


def rounds_taking_candidates(viewer: Viewer, limit: int = 50) -> list[Round]:
    """Draft and deliberating rounds, newest first: where "Add to round" can put an idea (pms
    only; [] for anyone else, so templates can ask without checking the role first)."""
    if not has_role(viewer, *STAFF):
        return []
    return list(
        db.session.scalars(
            select(Round)
            .where(Round.status.in_(TAKING_CANDIDATES))
            .order_by(Round.created_at.desc(), Round.id.desc())
            .limit(limit)
        )
    )


def find_candidates(viewer: Viewer, round_: Round, q: str) -> list[dict]:
    """Visible ideas matching `q` by the site's search, each marked when it is already in
    `round_`; the picker's answer (any idea, not only the popular ones)."""
    if not (q or "").strip():
        return []
    result = search_content(viewer, q[:200], kind="ideas", per_page=PICKER_RESULTS)
    taken = {c.idea_id for c in round_.candidates}
    return [{**item, "in_round": item["id"] in taken} for item in result.items]
