"""The ballot export of TALLY.md, frozen at close, and its independent verification."""

import hashlib
import json
import logging
import math

from sqlalchemy import select

from .. import events
from ..accounts.actors import Actor, is_system
from ..accounts.permissions import STAFF, require_role
from ..extensions import db
from ..platform.db import iso, utcnow
from ..platform.errors import Conflict, NotFound
from ..platform.locking import lock_row
from ..voting.tally import METHODS, tally
from .models import Ballot, Round
from .permissions import get_visible_round
from .transitions import transition

log = logging.getLogger(__name__)

FORMAT = "innovation-ballots/1"
TOLERANCE = 1e-9


def canonical_json(data) -> str:
    """Keys sorted, `,` and `:` separators, UTF-8, no extra whitespace."""
    return json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False)


def digest(export: dict) -> str:
    body = {key: value for key, value in export.items() if key != "sha256"}
    return hashlib.sha256(canonical_json(body).encode("utf-8")).hexdigest()


def ballot_rows(round_id: int) -> list[dict]:
    """Ballots without anything that identifies a voter, sorted by receipt (no time order)."""
    rows = db.session.execute(
        select(Ballot.receipt, Ballot.constituency, Ballot.content, Ballot.reason)
        .where(Ballot.round_id == round_id)
        .order_by(Ballot.receipt)
    ).all()
    ballots = []
    for receipt, constituency, content, reason in rows:
        entry = {"receipt": receipt, "constituency": constituency, **content}
        if reason:
            entry["reason"] = reason
        ballots.append(entry)
    return ballots


def round_section(round_: Round) -> dict:
    section = {
        "id": round_.id,
        "title": round_.title,
        "method": round_.method,
        "budget": round_.budget,
        "weights": round_.weights,
        "closed_at": iso(round_.closed_at),
    }
    if round_.quorum_customer is not None or round_.quorum_employee is not None:
        section["quorum"] = {"customer": round_.quorum_customer, "employee": round_.quorum_employee}
    return section


def compute_result(round_section_: dict, candidates: list[dict], ballots: list[dict]) -> dict:
    """The result object, plus the quorum verdict when the round has one."""
    result = tally(round_section_["method"], candidates, ballots, round_section_["weights"], round_section_["budget"])
    quorum = round_section_.get("quorum")
    if quorum:
        result["quorum"] = {
            c: {
                "required": quorum.get(c),
                "turnout": result["turnout"][c],
                "met": quorum.get(c) is None or result["turnout"][c] >= quorum[c],
            }
            for c in ("customer", "employee")
        }
    return result


def _cost(candidate) -> float:
    # A round opens only when every cost is known and a known cost cannot be cleared while
    # voting (readiness.py), so 0 here is only ever a draft's live preview, never a tally.
    return float(candidate.cost or 0.0)


def build_export(round_: Round, ballots: list[dict] | None = None) -> dict:
    candidates = [{"id": c.id, "title": c.idea.title, "cost": _cost(c)} for c in round_.candidates]
    ballots = ballot_rows(round_.id) if ballots is None else ballots
    section = round_section(round_)
    export = {
        "format": FORMAT,
        "round": section,
        "candidates": candidates,
        "ballots": ballots,
        "result": compute_result(section, candidates, ballots),
    }
    export["sha256"] = digest(export)
    return export


def live_result(round_: Round) -> dict:
    candidates = [{"id": c.id, "cost": _cost(c)} for c in round_.candidates]
    return compute_result(round_section(round_), candidates, ballot_rows(round_.id))


def close_round(actor: Actor, round_id: int) -> Round:
    """Stop voting, tally, and freeze the export with its digest (pms, or SYSTEM: the scheduler)."""
    require_role(actor, *STAFF, action="close_round")
    round_ = lock_row(Round, round_id) if is_system(actor) else get_visible_round(actor, round_id, for_update=True)
    if round_ is None:
        raise NotFound("No such round.")
    if round_.status != "voting":
        raise Conflict(f"A {round_.status} round cannot be closed.", code="invalid_transition")
    transition(round_, "voting", "closed", closed_at=utcnow())
    export = build_export(round_)
    round_.export_json, round_.export_sha256, round_.result = canonical_json(export), export["sha256"], export["result"]
    db.session.flush()
    events.round_closed.send(round_, actor=actor)
    log.info("round %s closed with %s ballots", round_.id, len(export["ballots"]))
    return round_


# --- verification (used by `flask decisions verify`; needs no database) ---


class ExportError(ValueError):
    """The file is not a ballot export this tool can read."""


def _check_shape(export) -> None:
    if not isinstance(export, dict) or export.get("format") != FORMAT:
        raise ExportError(f"not an {FORMAT} export")
    round_ = export.get("round")
    if not isinstance(round_, dict) or round_.get("method") not in METHODS:
        raise ExportError("`round.method` is missing or unknown")
    if not isinstance(export.get("candidates"), list) or not isinstance(export.get("ballots"), list):
        raise ExportError("`candidates` and `ballots` must be lists")
    ids = set()
    for candidate in export["candidates"]:
        if not isinstance(candidate, dict) or not isinstance(candidate.get("id"), int):
            raise ExportError("every candidate needs an integer `id`")
        ids.add(candidate["id"])
    key = {"approval": "approvals", "budget": "approvals", "ranked": "ranking", "score": "scores"}[round_["method"]]
    for ballot in export["ballots"]:
        if not isinstance(ballot, dict) or ballot.get("constituency") not in ("customer", "employee"):
            raise ExportError(f"ballot {ballot!r:.60} has no valid constituency")
        content = ballot.get(key, [] if key != "scores" else {})
        listed = [int(k) for k in content] if isinstance(content, dict | list) else None
        if listed is None or not set(listed) <= ids or len(set(listed)) != len(listed):
            raise ExportError(f"ballot {ballot.get('receipt')!r} names unknown or repeated candidates")
    if round_["method"] == "budget" and not isinstance(round_.get("budget"), int | float):
        raise ExportError("a budget round needs `round.budget`")


def recompute(export: dict) -> dict:
    """The result recomputed from the export's own round, candidates and ballots."""
    _check_shape(export)
    return compute_result(export["round"], export["candidates"], export["ballots"])


def differences(expected, actual, path: str = "result") -> list[str]:
    """Every place where two results differ (numbers within 1e-9 count as equal)."""
    if isinstance(expected, dict) and isinstance(actual, dict):
        found = []
        for key in sorted(set(expected) | set(actual), key=str):
            if key not in actual:
                found.append(f"{path}.{key}: missing from the recomputed result")
            elif key not in expected:
                found.append(f"{path}.{key}: not in the file")
            else:
                found.extend(differences(expected[key], actual[key], f"{path}.{key}"))
        return found
    if isinstance(expected, list) and isinstance(actual, list):
        if len(expected) != len(actual):
            return [f"{path}: file has {expected!r}, recomputed {actual!r}"]
        pairs = enumerate(zip(expected, actual, strict=True))
        return [d for i, (e, a) in pairs for d in differences(e, a, f"{path}[{i}]")]
    if isinstance(expected, int | float) and isinstance(actual, int | float) and not isinstance(expected, bool):
        return (
            []
            if math.isclose(expected, actual, rel_tol=0, abs_tol=TOLERANCE)
            else [f"{path}: file has {expected!r}, recomputed {actual!r}"]
        )
    return [] if expected == actual else [f"{path}: file has {expected!r}, recomputed {actual!r}"]


def verify_export(export: dict) -> list[str]:
    """Differences between the file's result (and digest) and a fresh recount; [] when equal."""
    found = differences(export.get("result"), recompute(export))
    if export.get("sha256") and export["sha256"] != digest(export):
        found.append("sha256: the digest does not match the file's content (it was changed after export)")
    return found
