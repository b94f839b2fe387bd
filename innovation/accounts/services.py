"""Account services: registration, sign-in, profiles, roles, invitations, API tokens.

Each takes the acting user explicitly, checks permission, flushes, sends a domain event and
logs one line. None of them commits.
"""

import hashlib
import logging
import secrets
from datetime import timedelta

from email_validator import EmailNotValidError, validate_email
from sqlalchemy import func, select

from .. import events
from ..extensions import db
from ..platform.db import utcnow
from ..platform.errors import Conflict, NotFound, ValidationFailed
from ..platform.tags import parse_tags
from .actors import Actor, is_system
from .audit import record_audit
from .credentials import revoke_credentials
from .models import ROLES, ApiToken, ExpertiseTag, User
from .passwords import DUMMY_HASH, hash_password, needs_rehash, password_problem, verify_password
from .permissions import require_role

log = logging.getLogger(__name__)

NAME_MAX = 80
BIO_MAX = 2000
SHORT_FIELD_MAX = 80
MAX_EXPERTISE_TAGS = 15


def normalize_email(raw: str) -> str:
    """Validate an address's syntax and return it normalized (lower-cased)."""
    try:
        result = validate_email((raw or "").strip(), check_deliverability=False)
    except EmailNotValidError as exc:
        raise ValidationFailed("That e-mail address is not valid.", fields={"email": [str(exc)]}) from exc
    return result.normalized.lower()


def clean_name(raw: str) -> str:
    name = " ".join((raw or "").split())
    if not name:
        raise ValidationFailed("Please enter your name.", fields={"name": ["Required."]})
    if len(name) > NAME_MAX:
        raise ValidationFailed(
            f"Names are at most {NAME_MAX} characters.", fields={"name": [f"At most {NAME_MAX} characters."]}
        )
    return name


def check_password(password: str, *, email: str, name: str) -> None:
    problem = password_problem(password or "", email=email, name=name)
    if problem:
        raise ValidationFailed(problem, fields={"password": [problem]})


def find_user_by_email(email: str) -> User | None:
    return db.session.scalar(select(User).where(User.email == email.strip().lower()))


def _create_user(email: str, name: str, password: str, role: str) -> User:
    if role not in ROLES:
        raise ValidationFailed(
            f"Unknown role {role!r}; use one of {', '.join(ROLES)}.", fields={"role": ["Unknown role."]}
        )
    email = normalize_email(email)
    name = clean_name(name)
    check_password(password, email=email, name=name)
    if find_user_by_email(email):
        raise Conflict(
            "An account with this e-mail address already exists.",
            code="email_taken",
            fields={"email": ["Already registered."]},
        )
    user = User(email=email, name=name, password_hash=hash_password(password), role=role)
    db.session.add(user)
    db.session.flush()
    return user


def register_customer(email: str, name: str, password: str) -> User:
    """Self-registration: always a customer (employees join by invitation)."""
    user = _create_user(email, name, password, "customer")
    events.user_registered.send(user, via="registration")
    log.info("user %s registered as customer", user.id)
    return user


def create_user(actor: Actor, email: str, name: str, password: str, role: str) -> User:
    """Create a user of any role (admins, or SYSTEM: the CLI)."""
    require_role(actor, "admin", action="create_user")
    user = _create_user(email, name, password, role)
    events.user_registered.send(user, via="admin")
    log.info("user %s created with role %s", user.id, role)
    return user


def authenticate(email: str, password: str) -> User | None:
    """Check credentials; records the sign-in or the failure in the audit log."""
    user = find_user_by_email(email or "")
    if user is None:
        verify_password(DUMMY_HASH, password or "")  # same cost as a wrong password
        record_audit("sign_in_failed", None, subject=(email or "")[:254], reason="unknown_email")
        log.info("failed sign-in for unknown e-mail")
        return None
    if not verify_password(user.password_hash, password or ""):
        record_audit("sign_in_failed", None, subject=user.email, reason="wrong_password")
        log.info("failed sign-in for user %s", user.id)
        return None
    if not user.is_active:  # the same answer as a wrong password: nothing to learn here
        record_audit("sign_in_failed", None, subject=user.email, reason="deactivated")
        log.info("refused sign-in for deactivated user %s", user.id)
        return None
    if needs_rehash(user.password_hash):
        user.password_hash = hash_password(password)
    user.last_login_at = utcnow()
    record_audit("sign_in", user, subject=user.email)
    db.session.flush()
    events.user_signed_in.send(user)
    log.info("user %s signed in", user.id)
    return user


def end_sessions(user: User) -> None:
    """Invalidate every session and remember-me cookie of `user` (logout); API tokens stay."""
    user.session_version = User.session_version + 1  # in SQL: racing bumps never merge
    db.session.flush()
    db.session.refresh(user, ["session_version"])
    log.info("sessions of user %s ended", user.id)


def change_role(actor: Actor, user: User, role: str) -> User:
    """Give `user` a new role (admins, or SYSTEM: the CLI); audited."""
    require_role(actor, "admin", action="change_role")
    if role not in ROLES:
        raise ValidationFailed(
            f"Unknown role {role!r}; use one of {', '.join(ROLES)}.", fields={"role": ["Unknown role."]}
        )
    if user.id == actor.id and role != "admin":
        raise Conflict("You cannot remove your own admin role; ask another admin.")
    old = user.role
    user.role = role
    db.session.flush()
    record_audit(
        "role_changed", actor, subject=user.email, old=old, new=role, **({"via": "cli"} if is_system(actor) else {})
    )
    events.role_changed.send(user, old=old, new=role, actor=actor)
    log.info("user %s role %s -> %s", user.id, old, role)
    return user


def _short(value: str, field: str, limit: int = SHORT_FIELD_MAX) -> str:
    value = " ".join((value or "").split())
    if len(value) > limit:
        raise ValidationFailed(
            f"{field.capitalize()} is at most {limit} characters.", fields={field: [f"At most {limit} characters."]}
        )
    return value


def update_profile(
    actor: User,
    user: User,
    *,
    name: str,
    bio: str = "",
    expertise="",
    department: str = "",
    title: str = "",
    company: str = "",
    segment: str = "",
) -> User:
    """Edit a profile: its owner, or an admin."""
    if actor is None or actor.id != user.id:
        require_role(actor, "admin", action="update_profile")
    if len(bio or "") > BIO_MAX:
        raise ValidationFailed(f"The bio is at most {BIO_MAX} characters.", fields={"bio": ["Too long."]})
    user.name = clean_name(name)
    user.bio = (bio or "").strip()
    if user.is_employee_side:
        user.department = _short(department, "department")
        user.title = _short(title, "title")
    else:
        user.company = _short(company, "company")
        user.segment = _short(segment, "segment")
    wanted = parse_tags(expertise, limit=MAX_EXPERTISE_TAGS, field="expertise")
    user.expertise = [item for item in user.expertise if item.tag in wanted]
    have = {item.tag for item in user.expertise}
    user.expertise.extend(ExpertiseTag(tag=tag) for tag in wanted if tag not in have)
    db.session.flush()
    events.profile_updated.send(user, actor=actor)
    log.info("profile of user %s updated", user.id)
    return user


def change_password(actor: User, current_password: str, new_password: str) -> None:
    """Change one's own password; ends every session and revokes every API token (the view
    then starts a new session for the device that asked)."""
    if not verify_password(actor.password_hash, current_password or ""):
        raise ValidationFailed("The current password is wrong.", fields={"current_password": ["Wrong password."]})
    check_password(new_password, email=actor.email, name=actor.name)
    actor.password_hash = hash_password(new_password)
    record_audit("password_changed", actor, subject=actor.email)
    revoke_credentials(actor, reason="password_changed", actor=actor)


def _token_digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def issue_api_token(user: User, days: int) -> str:
    """Create a bearer token for `user`; only its digest is stored. It carries the credentials
    version read when `user` was loaded (at sign-in), so a revocation committed meanwhile kills it."""
    token = secrets.token_urlsafe(32)
    db.session.add(
        ApiToken(
            user_id=user.id,
            token_hash=_token_digest(token),
            credentials_version=user.credentials_version,
            expires_at=utcnow() + timedelta(days=days),
        )
    )
    db.session.flush()
    return token


def user_for_api_token(token: str) -> User | None:
    """The token's user (one query, every request: no cache to outlive a revocation), or None
    when unknown, expired, revoked (an older credentials version) or the user is deactivated."""
    return db.session.scalar(
        select(User)
        .join(ApiToken, ApiToken.user_id == User.id)
        .where(
            ApiToken.token_hash == _token_digest(token),
            ApiToken.expires_at > utcnow(),
            ApiToken.credentials_version == User.credentials_version,
            User.deactivated_at.is_(None),
        )
    )


def get_user(user_id: int) -> User:
    user = db.session.get(User, user_id)
    if user is None:
        raise NotFound("No such person.")
    return user


def count_by_constituency() -> dict[str, int]:
    rows = db.session.execute(select(User.role, func.count()).group_by(User.role)).all()
    counts = {"customer": 0, "employee": 0}
    for role, count in rows:
        counts["customer" if role == "customer" else "employee"] += count
    return counts
