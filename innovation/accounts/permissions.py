"""Role checks: the one helper every service and view uses."""

from functools import wraps

from flask_login import current_user

from ..platform.errors import NotAuthenticated, PermissionDenied
from .actors import SYSTEM, Actor, Viewer
from .audit import note_denial

STAFF = ("pm", "admin")
# How each role is named: (badge, full name, the badge's tooltip).
ROLE_NAMES = {
    "customer": ("Customer", "Customer", "Customer"),
    "employee": ("Employee", "Employee", "Employee"),
    "pm": ("PM", "Product manager", "Product manager (employee side)"),
    "admin": ("Admin", "Administrator", "Administrator (employee side)"),
}


def role_label(role: str, form: str = "badge") -> str:
    """A role's name for people: form "badge", "full" or "title" (tooltip)."""
    badge, full, title = ROLE_NAMES.get(role, (role.capitalize(),) * 3)
    return {"badge": badge, "full": full, "title": title}[form]


def is_admin(user) -> bool:
    return has_role(user, "admin")


def is_staff(user) -> bool:
    """Product managers and admins: they invite employees, run rounds and moderate."""
    return has_role(user, *STAFF)


def has_role(user: Viewer | Actor, *roles: str) -> bool:
    """True when `user` is the system, or signed in and holding one of `roles` (admins hold every role)."""
    if user is SYSTEM:
        return True
    if user is None or not getattr(user, "is_authenticated", False):
        return False
    return user.role in roles or user.role == "admin"


def require_role(actor: Actor | None, *roles: str, action: str = "") -> None:
    """Raise unless `actor` holds one of `roles` (SYSTEM always does); refusals are audited."""
    if actor is SYSTEM:
        return
    if actor is None or not getattr(actor, "is_authenticated", False):
        raise NotAuthenticated("Please sign in first.")
    if not has_role(actor, *roles):
        note_denial(actor, subject=action, required=list(roles), role=actor.role)
        raise PermissionDenied("You are not allowed to do that.")


def role_required(*roles: str):
    """View decorator: the signed-in user must hold one of `roles`."""

    def decorate(view):
        @wraps(view)
        def wrapper(*args, **kwargs):
            require_role(current_user, *roles, action=view.__name__)
            return view(*args, **kwargs)

        return wrapper

    return decorate
