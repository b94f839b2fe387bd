"""Accounts: registration, sign-in, invitations, profiles and roles."""
from flask import Blueprint

bp = Blueprint("accounts", __name__)

from . import views  # noqa: E402,F401  (routes register on import)
