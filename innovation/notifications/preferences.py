"""Per-person, per-kind channel choices (in-app, e-mail now, digest, off)."""

from sqlalchemy import select

from ..accounts.models import User
from ..extensions import db
from ..platform.errors import ValidationFailed
from ..platform.upsert import upsert
from .models import CHANNELS, DIGEST_FREQUENCIES, KINDS, DigestSetting, Preference


def channels_for(user_ids: list[int], kinds: set[str]) -> dict[tuple[int, str], str]:
    """(user, kind) → channel for everyone given, defaults filled in (one query)."""
    chosen = {}
    for start in range(0, len(user_ids), 5000):
        chunk = user_ids[start : start + 5000]
        chosen.update(
            {
                (row.user_id, row.kind): row.channel
                for row in db.session.scalars(
                    select(Preference).where(Preference.user_id.in_(chunk), Preference.kind.in_(kinds))
                )
            }
        )
    return {(uid, kind): chosen.get((uid, kind), KINDS[kind][1]) for uid in user_ids for kind in kinds}


def preferences_of(user) -> dict[str, str]:
    stored = dict(
        db.session.execute(select(Preference.kind, Preference.channel).where(Preference.user_id == user.id)).all()
    )
    return {kind: stored.get(kind, default) for kind, (_label, default) in KINDS.items()}


def digest_frequency(user) -> str:
    setting = db.session.get(DigestSetting, user.id)
    return setting.frequency if setting else "daily"


def set_preferences(actor: User, choices: dict[str, str], frequency: str | None = None) -> None:
    """Save the actor's own choices; unknown kinds or channels are refused."""
    for kind, channel in choices.items():
        if kind not in KINDS or channel not in CHANNELS:
            raise ValidationFailed(f"Unknown notification setting {kind!r}: {channel!r}.")
    for kind, channel in choices.items():
        upsert(
            Preference,
            {"user_id": actor.id, "kind": kind, "channel": channel},
            ["user_id", "kind"],
            {"channel": channel},
        )
    if frequency is not None:
        if frequency not in DIGEST_FREQUENCIES:
            raise ValidationFailed("The digest is daily or weekly.")
        upsert(DigestSetting, {"user_id": actor.id, "frequency": frequency}, ["user_id"], {"frequency": frequency})
    db.session.flush()
